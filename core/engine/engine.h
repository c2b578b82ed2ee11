#pragma once

#include "analysisinfo.h"
#include "launcher.h"
#include "protocol.h"
#include "runtypes.h"
#include "workplan.h"

#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QList>
#include <QObject>
#include <QTimer>

#include <array>
#include <deque>
#include <memory>
#include <optional>

namespace fp {

class WorkerProcess;

// The analysis a run uses when none is chosen: the tutorials' "most popular colour".
[[nodiscard]] AnalysisInfo defaultAnalysis();

struct EngineOptions
{
    AnalysisInfo analysis = defaultAnalysis(); // as the worker declares it (AnalysisCatalog)
    QJsonObject parameters;       // resolved by analysis.resolveParameters
    RunMode mode = RunMode::Completed;
    Schedule schedule = Schedule::FastestFinish; // Serial always runs in queue order
    int workers = 0;              // 0 = usable cores; Serial always uses 1
    int chunkSize = 0;            // images per task when a set is split; 0 = automatic
    int segmentFrames = 0;        // frames per video segment: 0 = automatic, -1 = never split
    bool recursive = false;       // image-set folders include subfolders
    int maxRetries = 1;           // a task whose worker dies is retried this often
    int hangTimeoutMs = 60000;    // a worker silent this long while working is killed
    int startTimeoutMs = 0;       // a worker not started by then is killed; 0 = the launcher's default, else hangTimeoutMs
    qint64 memoryLimitMb = -1;    // per worker, on top of what it maps to start; 0 = none, -1 = defaultMemoryLimitMb
    int threadsPerWorker = 0;     // 0 = usable cores / workers, at least 1
    int thumbnailIntervalMs = 0;  // 0 = no preview thumbnails
    int stopGraceMs = 1000;       // SIGTERM, then SIGKILL after this long
    qsizetype maxMessageBytes = protocol::MaxLineBytes; // a longer line ends its worker
};

// Runs a list of media streams through a pool of worker processes and reports everything a
// GUI shows, live. Never blocks the event loop; never has more than `workers` processes working.
//
// Items are numbered by their position in the list given to start(). Per-item progress,
// partial results and thumbnails arrive as they happen in every mode; itemFinished/itemFailed
// are *deliveries*, ordered by the mode: as completed, in input order, or all at the end.
//
// Workers start with the run, while its folders are listed: loading a worker (OpenCV, FFmpeg
// and their ~250 libraries) is most of a run's start-up. With setKeepWorkers(true) the idle
// workers of a finished run are kept for the next one with the same worker settings.
class Engine : public QObject
{
    Q_OBJECT

public:
    explicit Engine(QObject *parent = nullptr);
    ~Engine() override;

    // The launcher for the next runs (default: LocalLauncher with framepool-worker).
    void setLauncher(std::unique_ptr<WorkerLauncher> launcher);
    // Whether workers left idle and healthy at the end of a run stay alive, ready, for the next
    // run that starts them with the same settings (threads, memory limit, launcher): a GUI's
    // next run, a Compare's later rounds, then start warm. Workers of other settings wait in
    // the pool too, up to usableCores() + 1 of them, oldest ended first; a run with a user's
    // script keeps none (the next run may need the edited script), nor a launcher that cannot
    // (WorkerLauncher::canKeepWorkers). Off by default; off ends the kept ones.
    void setKeepWorkers(bool keep);
    [[nodiscard]] int keptWorkers() const { return int(m_pool.size()); }
    // With setKeepWorkers(true), between runs: starts the workers a run with `options` would
    // start and does not find kept, and keeps them, so that the run starts warm (a Compare does
    // this for both of its runs before the first). True if workers are starting:
    // workersPrepared() follows once none is (started, or failed to).
    bool prepareWorkers(const EngineOptions &options);
    [[nodiscard]] bool isPreparingWorkers() const;

    // Starts a run; false if one is already running or `paths` is empty.
    bool start(const QStringList &paths, const EngineOptions &options);
    // Adds items to the running run, as Pool.apply_async adds work to a pool: they are listed,
    // probed, planned and scheduled like the rest and numbered after them, and the run's
    // records and timing include them. Returns the number of the first, or -1 when no run is
    // going on (or it is already ending) or `paths` is empty.
    int addItems(const QStringList &paths);
    void cancelAll();
    void cancelItem(int item);
    // The item's waiting work goes to the front of the queue: it is the next to start.
    void moveToFront(int item);
    void pause();
    void resume();
    // A held item is not started until it is released. Only an item that has not started can
    // be held; false otherwise. A run with nothing else to do ends and leaves it queued.
    bool setHeld(int item, bool held);
    // Items under way run to their end and nothing else starts; the run then ends, partial,
    // with the rest still queued.
    void finishRunning();
    [[nodiscard]] bool isFinishingRunning() const { return m_draining; }

    [[nodiscard]] bool isRunning() const { return m_phase != Phase::Idle; }
    [[nodiscard]] bool isPaused() const { return m_paused; }
    [[nodiscard]] const EngineOptions &options() const { return m_options; }
    [[nodiscard]] int workerLimit() const { return m_workerLimit; }
    [[nodiscard]] int aliveWorkers() const;
    [[nodiscard]] int itemCount() const { return int(m_items.size()); }
    // The result store: one record per item, final or as far as it got.
    [[nodiscard]] const ItemRecord &item(int index) const { return m_items.at(index); }
    [[nodiscard]] const QList<ItemRecord> &items() const { return m_items; }
    [[nodiscard]] QString itemLog(int index) const;
    // Timings of the current or last run.
    [[nodiscard]] RunTiming timing() const;
    // Seconds since the run started, paused time left out.
    [[nodiscard]] double activeSeconds() const;

    // Resolves 0 to the default and serial to 1.
    [[nodiscard]] static int effectiveWorkers(const EngineOptions &options);

Q_SIGNALS:
    void runStarted(fp::RunMode mode, int workers, int items);
    // addItems() appended items first .. first + count - 1 to the run.
    void itemsAdded(int first, int count);
    void itemHeldChanged(int item, bool held);
    void itemQueued(int item, const fp::StreamInfo &info);
    void itemProbed(int item, const fp::StreamInfo &info);
    void itemStarted(int item, int worker);
    void itemProgress(int item, qint64 done, qint64 total);
    void itemPartialResult(int item, const QJsonObject &result);
    void itemThumbnail(int item, const QByteArray &jpeg);
    void itemLog(int item, const QString &text);
    void itemRetried(int item, const QString &reason);
    void itemFinished(int item);                 // delivered ok; see item(item)
    void itemFailed(int item, const QString &reason);
    void itemCancelled(int item);
    void workerStarted(int worker, qint64 pid);
    void workerExited(int worker, const QString &cause);
    void pausedChanged(bool paused);
    void runFinished(const fp::RunTiming &timing);
    void workersPrepared();

private:
    enum class Phase { Idle, Listing, Probing, Working, Stopping };

    struct Piece
    {
        int item = -1;
        int piece = 0;
        protocol::Task task;
        int attempts = 0;
    };

    struct PlannedPiece
    {
        Piece piece;
        double cost = 0; // estimated frames × pixels
    };

    struct ItemWork
    {
        StreamInfo info;
        QList<protocol::Result> pieces; // per piece: its result (with its state if split)
        QList<qint64> pieceDone;
        QList<qint64> pieceTotal;
        int piecesDone = 0;
        double pacedUnits = 0;   // frames (images) its finished pieces analysed after their first ...
        double pacedSeconds = 0; // ... and the seconds that took: its pace without taking pieces over
        bool delivered = false;
        bool listed = false;  // its StreamInfo is known
        bool probed = false;  // a worker has read its video's header and keyframes
        bool planned = false; // its pieces are in the queue (or were)
        QString log;
        QString unsplitNote; // set when a split video had to be analysed whole
    };

    struct Slot
    {
        WorkerProcess *process = nullptr;
        std::optional<Piece> current;
        double taskStart = 0;
        qint64 lastFrame = 0;
        QString violation;     // the protocol error that ended it
        QString engineCause;   // why the engine ended it (hang), a fault to retry
        bool abandoned = false; // its task no longer matters (item cancelled or failed)
        bool machineChecked = false; // its machine was checked in its current silence
        double progressAt = 0;     // when its task last reported progress
        double openFrom = 0;       // when its worker began to open the stream for the frames: sent, or probed
        double firstProgressAt = -1; // when its task first reported progress (-1: not yet) ...
        qint64 firstProgressDone = 0; // ... and how far it had got then
        qint64 narrowAsked = 0;    // the task it was asked to narrow (work stealing), not again
        qint64 narrowEnd = -1;     // ... to end before this frame or image
        bool narrowPending = false; // ... and its answer has not come yet

        // Its worker is up and has no task.
        [[nodiscard]] bool isFree() const;
    };

    int appendItems(const QStringList &paths);
    [[nodiscard]] QFuture<QList<StreamInfo>> listInBackground(const QStringList &paths) const;
    void onListed();
    void acceptListed(int first, const QList<StreamInfo> &infos);
    void planWork();
    void planItems(const QList<int> &items);
    [[nodiscard]] bool runsInQueueOrder() const;
    [[nodiscard]] QList<int> inPlanOrder(QList<int> items, bool queueOrder) const;
    [[nodiscard]] QList<QList<qint64>> plannedPieceStarts(const QList<int> &order, bool queueOrder) const;
    QList<PlannedPiece> cutItem(int item, const QList<qint64> &plannedStarts);
    [[nodiscard]] protocol::Task pieceTask(const StreamInfo &info, const QList<qint64> &starts, int j) const;
    void queuePieces(QList<PlannedPiece> planned, bool queueOrder);
    [[nodiscard]] bool mayStart(const Piece &piece) const;
    [[nodiscard]] bool isWaitingOut(int item) const;
    [[nodiscard]] protocol::Task wholeTask(const StreamInfo &info) const;
    void pump();
    void startWorkers(int count);
    [[nodiscard]] static WorkerSettings workerSettings(const EngineOptions &options, int workers);
    [[nodiscard]] LaunchCommand workerCommand(const EngineOptions &options, int workers) const;
    [[nodiscard]] RunSetup setupOf(const EngineOptions &options, int workers) const;
    void spawn(int slotIndex);
    [[nodiscard]] WorkerProcess *takeKeptWorker(const LaunchCommand &command);
    void attach(int slotIndex, WorkerProcess *process);
    void onWorkerReady(WorkerProcess *process);
    [[nodiscard]] bool mayKeep(const Slot &slot) const;
    void keep(WorkerProcess *process, int startTimeoutMs);
    void endKeptWorkers();
    void assign(int slotIndex, Piece piece);
    void onMessage(int slotIndex, const protocol::Message &message);
    void onWorkerFinished(int slotIndex, const QString &cause, bool expected);
    void onProbe(int slotIndex, const protocol::Probe &probe);
    void recordProbe(int item, const protocol::Probe &probe);
    [[nodiscard]] bool probesOutstanding() const;
    [[nodiscard]] QList<int> videosProbedInTheirTask(const QList<int> &videos) const;
    [[nodiscard]] Piece probePiece(int item) const;
    void onTaskResult(int slotIndex, const protocol::Result &result);
    void stealForIdleWorkers();
    void stealAhead();
    [[nodiscard]] bool mayNarrow(const Slot &slot) const;
    [[nodiscard]] std::optional<qint64> stealPoint(const Slot &slot, double *gain) const;
    [[nodiscard]] std::optional<qint64> cutAhead(const Slot &slot, qsizetype w, const QList<double> &freeIn,
                                                 const QList<const Piece *> &waiting, const QList<double> &waitingSeconds,
                                                 double *done) const;
    [[nodiscard]] double positionIn(const Slot &slot, double pace, double ahead) const;
    [[nodiscard]] std::optional<double> measuredPace(const Slot &slot) const;
    [[nodiscard]] std::optional<double> runningPace(const Slot &slot) const;
    [[nodiscard]] std::optional<double> itemPace(int item) const;
    [[nodiscard]] std::optional<double> measuredSeconds(int item, qint64 units) const;
    [[nodiscard]] std::optional<double> secondsUntilFree(const Slot &slot) const;
    [[nodiscard]] double takeOverSeconds(bool seeks) const;
    void askToNarrow(Slot &slot, qint64 end);
    void onNarrowed(int slotIndex, qint64 end);
    // The timing of `piece` on the worker of `slot`, ending now.
    [[nodiscard]] TaskTiming taskTiming(const Slot &slot, const Piece &piece, qint64 frames) const;
    // The timing of the task `slot` is on, cut short now; none for probes and merges, which
    // have no frames of their own to show.
    [[nodiscard]] std::optional<TaskTiming> cutShortTiming(const Slot &slot) const;
    void recordFailedTask(const Slot &slot, const QString &failure);
    // Records the running tasks of `item` (every item: -1) as cancelled at `end`.
    void recordCancelledTasks(int item, double end);
    void checkHungWorkers();
    void checkMachine(int slotIndex);
    [[nodiscard]] int startTimeoutMs() const;
    void completeItem(int item);
    void mergePieces(int item);
    void finishItem(int item, const protocol::Result &answer);
    [[nodiscard]] static bool segmentsMeet(const ItemWork &work);
    void analyseWhole(int item);
    void failItem(int item, const QString &reason);
    void abandonPieces(int item, const QString &why);
    void updateProgress(int item);
    void markTerminal(int item);
    void toFrontOfQueue(int item);
    void deliverReady();
    void deliver(int item);
    void maybeFinish();
    void stopWorkers();
    [[nodiscard]] bool isTerminal(int item) const;
    [[nodiscard]] int busyWorkers() const;
    [[nodiscard]] PlanItem planItem(const StreamInfo &info) const;
    [[nodiscard]] QList<qint64> fixedPieceStarts(const StreamInfo &info) const;
    void learnCost(const Slot &slot, const Piece &piece, qint64 frames);
    void reorderQueue();

    std::unique_ptr<WorkerLauncher> m_launcher;
    EngineOptions m_options;
    int m_workerLimit = 1;
    Phase m_phase = Phase::Idle;
    QList<ItemRecord> m_items;
    QList<ItemWork> m_work;
    QList<TaskTiming> m_tasks;
    std::deque<Piece> m_queue;
    QList<int> m_promoted; // moveToFront, in call order: planWork applies them again
    QList<Slot> m_slots;
    CostModel m_costs; // what this run's finished pieces cost
    // Seconds from sending a piece to its first progress, summed over this many pieces; [true]:
    // pieces that seek into their stream, [false]: pieces that start at its beginning.
    std::array<double, 2> m_takeOverSeconds{};
    std::array<int, 2> m_takeOverCount{};
    bool m_stealAheadDue = false; // the queue ran out: stealAhead() has yet to look at the workers
    qint64 m_nextTaskId = 1;
    int m_nextDelivery = 0;
    int m_startFailures = 0;
    bool m_anyWorkerReady = false;
    bool m_keepWorkers = false;
    QList<WorkerProcess *> m_pool; // idle workers kept from earlier runs, oldest first
    int m_warmWorkers = 0;         // workers this run took ready from the pool
    int m_mostWorkers = 0;         // the most workers a run started or prepared: the pool keeps as many, and one
    bool m_paused = false;
    bool m_draining = false; // finishRunning(): start nothing new
    int m_runNumber = 0;     // tells a late listing of added items which run it belongs to
    QElapsedTimer m_clock;
    QElapsedTimer m_pauseClock;
    qint64 m_pausedMs = 0;
    double m_wallSeconds = 0;
    QDateTime m_started;
    double m_loadAverage = -1; // at the start, before the workers add to it
    RunSetup m_setup;          // at the start: a launcher set later is not this run's
    QTimer m_watchdog;
    QFutureWatcher<QList<StreamInfo>> m_listing;
};

} // namespace fp
