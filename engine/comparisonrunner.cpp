#include "comparisonrunner.h"

#include "launcher.h"

namespace fp {

ComparisonRunner::ComparisonRunner(Engine *engine, QObject *parent)
    : QObject(parent), m_engine(engine)
{
    connect(m_engine, &Engine::runFinished, this, &ComparisonRunner::onRunFinished);
}

bool ComparisonRunner::start(const QStringList &paths, const EngineOptions &options)
{
    if (isRunning() || m_engine->isRunning())
        return false;
    m_paths = paths;
    m_options = options;
    if (m_options.mode == RunMode::Serial)
        m_options.mode = RunMode::Completed;
    m_stopped = false;
    m_comparison = Comparison{};
    m_comparison.cores = usableCores();
    EngineOptions serial = m_options;
    serial.mode = RunMode::Serial;
    m_phase = Phase::Serial;
    Q_EMIT phaseStarted(RunMode::Serial);
    if (!m_engine->start(m_paths, serial)) {
        m_phase = Phase::Idle;
        return false;
    }
    return true;
}

void ComparisonRunner::cancel()
{
    stopWith(&Engine::cancelAll);
}

int ComparisonRunner::addItems(const QStringList &paths)
{
    if (!isRunning())
        return -1;
    const int first = m_engine->addItems(paths);
    if (first >= 0)
        m_paths << paths;
    return first;
}

void ComparisonRunner::finishRunning()
{
    stopWith(&Engine::finishRunning);
}

// Ends the phase under way the engine's way; no parallel phase follows.
void ComparisonRunner::stopWith(void (Engine::*stop)())
{
    if (!isRunning())
        return;
    m_stopped = true;
    (m_engine->*stop)();
}

void ComparisonRunner::onRunFinished(const RunTiming &timing)
{
    switch (m_phase) {
    case Phase::Idle:
        return; // a run that is not ours
    case Phase::Serial:
        m_comparison.serial = timing;
        if (m_stopped) {
            m_phase = Phase::Idle;
            return;
        }
        m_phase = Phase::Parallel;
        Q_EMIT phaseStarted(m_options.mode);
        m_engine->start(m_paths, m_options);
        return;
    case Phase::Parallel:
        m_comparison.parallel = timing;
        m_phase = Phase::Idle;
        if (!m_stopped)
            Q_EMIT finished(m_comparison);
        return;
    }
}

} // namespace fp
