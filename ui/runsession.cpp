#include "runsession.h"

#include "comparisonrunner.h"
#include "engine.h"
#include "launcher.h"

#include <QCoreApplication>
#include <QSysInfo>

namespace fp {

namespace {

TimingReport reportOf(const RunTiming &timing)
{
    TimingReport report;
    (timing.mode == RunMode::Serial ? report.serial : report.parallel) = timing;
    return report;
}

TimingReport reportOf(const RepeatedComparison &compared)
{
    TimingReport report;
    if (!compared.serialRuns.isEmpty())
        report.serial = compared.serialRuns.last();
    if (!compared.parallelRuns.isEmpty())
        report.parallel = compared.parallelRuns.last();
    if (compared.rounds > 1)
        report.repeated = compared;
    return report;
}

RunOutcome outcomeOf(const RunTiming &timing)
{
    RunOutcome outcome;
    outcome.timing = timing;
    for (const ItemRecord &item : timing.items) {
        outcome.done += item.state == ItemState::Done;
        outcome.failed += item.state == ItemState::Failed;
        outcome.cancelled += item.state == ItemState::Cancelled;
        outcome.leftQueued += item.state == ItemState::Queued;
    }
    return outcome;
}

} // namespace

QString RunOutcome::summary() const
{
    if (repeated && repeated->isValid()) {
        const Spread speedups = repeated->roundSpeedups();
        return QCoreApplication::translate("RunOutcome",
                                           "Compare of %1 rounds finished: serial median %2 s, parallel median %3 s "
                                           "on %4 workers, speed-up %5× (%6–%7).")
            .arg(repeated->rounds)
            .arg(repeated->serialSeconds().median, 0, 'f', 1)
            .arg(repeated->parallelSeconds().median, 0, 'f', 1)
            .arg(timing.workers)
            .arg(repeated->speedup(), 0, 'f', 2)
            .arg(speedups.min, 0, 'f', 2)
            .arg(speedups.max, 0, 'f', 2);
    }
    if (comparison) {
        return QCoreApplication::translate("RunOutcome",
                                           "Compare finished: serial %L1 s, parallel %L2 s on %3 workers, speed-up %L4×.")
            .arg(comparison->serial.wallSeconds, 0, 'f', 1)
            .arg(comparison->parallel.wallSeconds, 0, 'f', 1)
            .arg(comparison->parallel.workers)
            .arg(comparison->speedup(), 0, 'f', 2);
    }
    const QString counts = QCoreApplication::translate("RunOutcome", "Run finished in %L1 s: %2 ok, %3 failed, %4 cancelled.")
                               .arg(timing.wallSeconds, 0, 'f', 1)
                               .arg(done)
                               .arg(failed)
                               .arg(cancelled);
    if (leftQueued == 0)
        return counts;
    return counts + QLatin1Char(' ')
           + QCoreApplication::translate("RunOutcome", "%n item(s) left queued.", nullptr, leftQueued);
}

RunSession::RunSession(Engine *engine, QObject *parent)
    : QObject(parent),
      m_engine(engine),
      // Created before this session connects to the engine, so that by the time
      // onEngineRunFinished runs, the runner has already moved on to its parallel phase.
      m_comparison(new ComparisonRunner(engine, this))
{
    connect(m_engine, &Engine::runFinished, this, &RunSession::onEngineRunFinished);
    connect(m_comparison, &ComparisonRunner::phaseStarted, this, &RunSession::comparePhaseStarted);
    connect(m_comparison, &ComparisonRunner::finished, this,
            [this](const RepeatedComparison &compared) { m_compared = compared; });
}

bool RunSession::start(const QStringList &paths, const EngineOptions &options)
{
    if (isBusy())
        return false;
    m_comparing = false;
    m_cancelled = false;
    return m_engine->start(paths, options);
}

bool RunSession::startCompare(const QStringList &paths, const EngineOptions &options, int rounds)
{
    if (isBusy())
        return false;
    m_comparing = true;
    m_cancelled = false;
    if (!m_comparison->start(paths, options, rounds)) {
        m_comparing = false;
        return false;
    }
    return true;
}

void RunSession::cancel()
{
    m_cancelled = isBusy();
    if (m_comparison->isRunning())
        m_comparison->cancel();
    else
        m_engine->cancelAll();
}

int RunSession::addItems(const QStringList &paths)
{
    return m_comparison->isRunning() ? m_comparison->addItems(paths) : m_engine->addItems(paths);
}

void RunSession::finishRunning()
{
    if (m_comparison->isRunning())
        m_comparison->finishRunning();
    else
        m_engine->finishRunning();
}

bool RunSession::isBusy() const
{
    return m_engine->isRunning() || m_comparison->isRunning();
}

bool RunSession::isComparing() const
{
    return m_comparing && isBusy();
}

void RunSession::onEngineRunFinished(const RunTiming &timing)
{
    Q_EMIT runFinished(timing);
    if (m_comparison->isRunning())
        return; // the runner has gone on to its next phase
    RunOutcome outcome = outcomeOf(timing);
    outcome.cancelledByUser = m_cancelled;
    outcome.report = reportOf(timing);
    if (m_comparing) {
        // The runner stopped before this slot ran (it was connected to the engine first).
        outcome.report = reportOf(m_compared);
        if (m_compared.rounds > 1)
            outcome.repeated = m_compared;
        // A Compare cut short, or whose runs lost items to a cancel or a remove, did not
        // compare the same work: no speed-up then.
        else if (const Comparison single = m_compared.round(0); m_compared.completedRounds() == 1 && single.isValid())
            outcome.comparison = single;
    }
    outcome.report.host = QSysInfo::machineHostName();
    outcome.report.cores = usableCores();
    m_comparing = false;
    m_compared = {};
    Q_EMIT ended(outcome);
}

} // namespace fp
