#pragma once

#include "engine.h"
#include "repeatedcomparison.h"
#include "runtypes.h"

#include <QObject>
#include <QStringList>

namespace fp {

// Runs the same items serially and then in parallel on one engine, `rounds` times in
// alternation (serial, parallel, serial, ...), and reports all the runs. The engine's own
// signals carry the live progress of whichever run is going on. A run cut short (a cancel,
// a removed item) ends the rounds: a partial round compares nothing, so the next would only
// cost time.
class ComparisonRunner : public QObject
{
    Q_OBJECT

public:
    explicit ComparisonRunner(Engine *engine, QObject *parent = nullptr);

    // `options.mode` is the parallel runs' delivery order (Serial there means Completed).
    bool start(const QStringList &paths, const EngineOptions &options, int rounds = 1);
    // Adds items to the phase under way and to the phases still to come, numbered as in the
    // engine. That phase's run then compares with nothing (Comparison::isValid). Returns the
    // number of the first, -1 if nothing is running.
    int addItems(const QStringList &paths);
    void cancel();
    // The phase under way finishes its running items and starts no more; no phase follows.
    void finishRunning();
    [[nodiscard]] bool isRunning() const { return m_phase != Phase::Idle; }
    // Before the first round, while the engine prepares the workers of both runs, nothing runs
    // and addItems() returns -1.
    // The round going on (1-based) and how many were asked for.
    [[nodiscard]] int currentRound() const { return int(m_result.serialRuns.size()); }
    [[nodiscard]] int rounds() const { return m_result.rounds; }
    // The round going on is the last one asked for.
    [[nodiscard]] bool inLastRound() const { return currentRound() == rounds(); }

Q_SIGNALS:
    // A run of round `round` (1-based) of `rounds` starts.
    void phaseStarted(fp::RunMode mode, int round, int rounds);
    // The last round ended, or a run was cut short: every run so far, valid or not.
    void finished(const fp::RepeatedComparison &result);

private:
    enum class Phase { Idle, Preparing, Serial, Parallel };
    void onRunFinished(const RunTiming &timing);
    void startPhase(Phase phase);
    [[nodiscard]] EngineOptions phaseOptions(Phase phase) const;
    void stopWith(void (Engine::*stop)());
    void stop();

    Engine *m_engine;
    Phase m_phase = Phase::Idle;
    bool m_stopped = false; // cancelled or finishing: no phase follows
    QStringList m_paths;
    EngineOptions m_options;
    RepeatedComparison m_result;
};

} // namespace fp
