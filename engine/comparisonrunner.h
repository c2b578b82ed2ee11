#pragma once

#include "engine.h"
#include "runtypes.h"

#include <QObject>
#include <QStringList>

namespace fp {

// Runs the same items serially and then in parallel on one engine, and reports both runs.
// The engine's own signals carry the live progress of whichever run is going on.
class ComparisonRunner : public QObject
{
    Q_OBJECT

public:
    explicit ComparisonRunner(Engine *engine, QObject *parent = nullptr);

    // `options.mode` is the parallel run's delivery order (Serial there means Completed).
    bool start(const QStringList &paths, const EngineOptions &options);
    // Adds items to the phase under way and to the parallel phase still to come, numbered as
    // in the engine. That phase's run then compares with nothing (Comparison::isValid). Returns
    // the number of the first, -1 if nothing is running.
    int addItems(const QStringList &paths);
    void cancel();
    // The phase under way finishes its running items and starts no more; no parallel phase
    // follows.
    void finishRunning();
    [[nodiscard]] bool isRunning() const { return m_phase != Phase::Idle; }

Q_SIGNALS:
    void phaseStarted(fp::RunMode mode);
    void finished(const fp::Comparison &comparison);

private:
    enum class Phase { Idle, Serial, Parallel };
    void onRunFinished(const RunTiming &timing);
    void stopWith(void (Engine::*stop)());

    Engine *m_engine;
    Phase m_phase = Phase::Idle;
    bool m_stopped = false; // cancelled or drained: the parallel phase does not follow
    QStringList m_paths;
    EngineOptions m_options;
    Comparison m_comparison;
};

} // namespace fp
