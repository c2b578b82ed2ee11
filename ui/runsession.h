#pragma once

#include "engine.h"
#include "report.h"
#include "repeatedcomparison.h"
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
    RunTiming timing; // of the last engine run (Compare: its last parallel phase)
    int done = 0;
    int failed = 0;
    int cancelled = 0;
    int leftQueued = 0; // held, or not started when the run was told to finish what runs
    // Ended by Cancel All (or closing the window): the person is there and needs no telling.
    bool cancelledByUser = false;
    // Set only for a Compare of one round whose two runs compare (Comparison::isValid).
    std::optional<Comparison> comparison;
    // Set for a Compare of more than one round, valid or not.
    std::optional<RepeatedComparison> repeated;
    // Every run of the action, as the run history keeps it and a report shows it.
    TimingReport report;

    // One line for the status bar and the desktop notification.
    [[nodiscard]] QString summary() const;
};

// What one click on Run or Compare sets going. A Compare is two engine runs (serial, then
// parallel), or 2 × N when repeated; this keeps their bookkeeping so the window only hears when
// the whole action ends.
class RunSession : public QObject
{
    Q_OBJECT

public:
    explicit RunSession(Engine *engine, QObject *parent = nullptr);

    bool start(const QStringList &paths, const EngineOptions &options);
    // `options.mode` is the parallel runs' delivery order; `rounds` alternations of serial and
    // parallel.
    bool startCompare(const QStringList &paths, const EngineOptions &options, int rounds = 1);
    // Stops the run; a Compare does not go on to its next phase.
    void cancel();
    // Adds items to the run under way (a Compare's later phase too); returns the engine number
    // of the first, -1 when nothing runs.
    int addItems(const QStringList &paths);
    // Lets running items finish and starts no more; a Compare does not go on either.
    void finishRunning();
    [[nodiscard]] bool isBusy() const;
    [[nodiscard]] bool isComparing() const;

Q_SIGNALS:
    // A Compare moved on to a serial or parallel phase of round `round` (1-based) of `rounds`.
    void comparePhaseStarted(fp::RunMode mode, int round, int rounds);
    // Every engine run that ends, each phase of a Compare included.
    void runFinished(const fp::RunTiming &timing);
    // The whole action ended (a Compare after its last run, or when it was cut short).
    void ended(const fp::RunOutcome &outcome);

private:
    void onEngineRunFinished(const RunTiming &timing);

    Engine *m_engine;
    ComparisonRunner *m_comparison;
    bool m_comparing = false;
    bool m_cancelled = false;
    RepeatedComparison m_compared; // what the Compare runner reported when it stopped
};

} // namespace fp

Q_DECLARE_METATYPE(fp::RunOutcome)
