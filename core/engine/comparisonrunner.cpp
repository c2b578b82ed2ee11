#include "comparisonrunner.h"

#include "launcher.h"

#include <algorithm>

namespace fp {

ComparisonRunner::ComparisonRunner(Engine *engine, QObject *parent)
    : QObject(parent), m_engine(engine)
{
    connect(m_engine, &Engine::runFinished, this, &ComparisonRunner::onRunFinished);
    connect(m_engine, &Engine::workersPrepared, this, [this] {
        if (m_phase == Phase::Preparing)
            startPhase(Phase::Serial);
    });
}

bool ComparisonRunner::start(const QStringList &paths, const EngineOptions &options, int rounds)
{
    if (isRunning() || m_engine->isRunning() || paths.isEmpty())
        return false;
    m_paths = paths;
    m_options = options;
    if (m_options.mode == RunMode::Serial)
        m_options.mode = RunMode::Completed;
    m_stopped = false;
    m_result = RepeatedComparison{};
    m_result.rounds = std::max(1, rounds);
    m_result.cores = usableCores();
    // Where the engine keeps its workers, both runs start warm, from the first round: the
    // workers of each are loaded before either is timed. Else one run could find workers kept
    // from an earlier run and the other not, and the start-up would count for one side only.
    const bool serialWaits = m_engine->prepareWorkers(phaseOptions(Phase::Serial));
    const bool parallelWaits = m_engine->prepareWorkers(phaseOptions(Phase::Parallel));
    if (serialWaits || parallelWaits) {
        m_phase = Phase::Preparing;
        return true;
    }
    startPhase(Phase::Serial);
    return isRunning();
}

EngineOptions ComparisonRunner::phaseOptions(Phase phase) const
{
    EngineOptions options = m_options;
    if (phase == Phase::Serial)
        options.mode = RunMode::Serial;
    return options;
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

// Ends the phase under way the engine's way; no phase follows.
void ComparisonRunner::stopWith(void (Engine::*stop)())
{
    if (!isRunning())
        return;
    m_stopped = true;
    if (m_phase == Phase::Preparing)
        return ComparisonRunner::stop(); // no run has started
    (m_engine->*stop)();
}

void ComparisonRunner::startPhase(Phase phase)
{
    const EngineOptions options = phaseOptions(phase);
    if (phase == Phase::Serial) {
        // Counted from here, so that currentRound() is right in the slots of phaseStarted.
        m_result.serialRuns.append(RunTiming{});
    }
    m_phase = phase;
    Q_EMIT phaseStarted(options.mode, currentRound(), m_result.rounds);
    if (!m_engine->start(m_paths, options))
        stop();
}

void ComparisonRunner::stop()
{
    m_phase = Phase::Idle;
    // The placeholder of a serial run that never started is not a run.
    if (!m_result.serialRuns.isEmpty() && m_result.serialRuns.last().items.isEmpty()
        && m_result.serialRuns.size() > m_result.parallelRuns.size())
        m_result.serialRuns.removeLast();
    Q_EMIT finished(m_result);
}

void ComparisonRunner::onRunFinished(const RunTiming &timing)
{
    const bool cutShort = m_stopped || !timing.isComplete();
    switch (m_phase) {
    case Phase::Idle:
    case Phase::Preparing:
        return; // a run that is not ours
    case Phase::Serial:
        m_result.serialRuns.last() = timing;
        if (cutShort)
            return stop();
        return startPhase(Phase::Parallel);
    case Phase::Parallel:
        m_result.parallelRuns.append(timing);
        if (cutShort || currentRound() >= m_result.rounds)
            return stop();
        return startPhase(Phase::Serial);
    }
}

} // namespace fp
