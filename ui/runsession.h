#pragma once

#include "engine.h"
#include "runtypes.h"

#include <QMetaType>
#include <QObject>
#include <QStringList>

#include <optional>

namespace fp {

class ComparisonRunner;
class Engine;

// How the user's last Run or Compare ended.
struct RunOutcome
{
    RunTiming timing; // of the last engine run (Compare: its parallel phase)
    int done = 0;
    int failed = 0;
    int cancelled = 0;
    int leftQueued = 0; // held, or not started when the run was told to finish what runs
    // Ended by Cancel All (or closing the window): the person is there and needs no telling.
    bool cancelledByUser = false;
    // Set only for a Compare whose two runs compare (Comparison::isValid).
    std::optional<Comparison> comparison;

    // One line for the status bar and the desktop notification.
    [[nodiscard]] QString summary() const;
};

// What one click on Run or Compare sets going. A Compare is two engine runs (serial, then
// parallel); this keeps their bookkeeping so the window only hears when the whole action ends.
class RunSession : public QObject
{
    Q_OBJECT

public:
    explicit RunSession(Engine *engine, QObject *parent = nullptr);

    bool start(const QStringList &paths, const EngineOptions &options);
    // `options.mode` is the parallel run's delivery order.
    bool startCompare(const QStringList &paths, const EngineOptions &options);
    // Stops the run; a Compare does not go on to its parallel phase.
    void cancel();
    // Adds items to the run under way (a Compare's later phase too); returns the engine number
    // of the first, -1 when nothing runs.
    int addItems(const QStringList &paths);
    // Lets running items finish and starts no more; a Compare does not go on either.
    void finishRunning();
    [[nodiscard]] bool isBusy() const;
    [[nodiscard]] bool isComparing() const;

Q_SIGNALS:
    // A Compare moved on to its serial or parallel phase.
    void comparePhaseStarted(fp::RunMode mode);
    // Every engine run that ends, both phases of a Compare included.
    void runFinished(const fp::RunTiming &timing);
    // The whole action ended (a Compare after its second run, or when it was cancelled).
    void ended(const fp::RunOutcome &outcome);

private:
    void onEngineRunFinished(const RunTiming &timing);

    Engine *m_engine;
    ComparisonRunner *m_comparison;
    bool m_comparing = false;
    bool m_cancelled = false;
    RunTiming m_compareSerial;
};

} // namespace fp

Q_DECLARE_METATYPE(fp::RunOutcome)
