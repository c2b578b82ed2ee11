#pragma once

#include "analysisinfo.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <optional>

namespace fp {

// What one item of a run is: a video file, or an image set (a folder or a single image).
enum class StreamKind { Video, Images };

// How a run schedules and delivers, named after Python's Pool methods.
enum class RunMode {
    Serial,    // one worker, items in input order
    Completed, // imap_unordered: each result as soon as it is ready (default)
    Input,     // imap: results in input order
    Batch,     // map: all results at the end
};

enum class ItemState { Queued, Running, Done, Failed, Cancelled, Interrupted };

// Which item a free worker takes next in a parallel run.
enum class Schedule {
    FastestFinish, // largest first, long items cut so that the workers finish together
    QueueOrder,    // the order of the list given to start(), items whole until the end of the
                   // queue, where an idle worker takes over half of what a busy one has left
};

QString streamKindName(StreamKind kind);
QString runModeName(RunMode mode);
std::optional<RunMode> runModeFromName(const QString &name);
QString itemStateName(ItemState state);
std::optional<ItemState> itemStateFromName(const QString &name);
// "images" is an image set; anything else a video.
StreamKind streamKindFromName(const QString &name);
// "fastest finish" / "queue order", in the app's settings and in reports; anything else reads
// as fastest finish.
QString scheduleName(Schedule schedule);
Schedule scheduleFromName(const QString &name);

// What a probe learns about a stream before it runs: totals for progress bars and a cost
// estimate for scheduling. Frame counts here are estimates (headers lie); the frames an item
// reports when it finishes are the ones actually decoded.
struct StreamInfo
{
    QString path;
    StreamKind kind = StreamKind::Video;
    QStringList images;        // image sets: absolute paths, sorted by name
    qint64 frameEstimate = 0;  // videos: header count (may be 0 or wrong); images: count
    int width = 0;
    int height = 0;
    double fps = 0;
    QList<qint64> keyframes;   // videos: indices of keyframes (cut points for segments)
    QString codec;             // videos: the container's codec tag ("avc1"), empty if none
    qint64 bytes = 0;          // the file's size; an image set's images together
    QString error;             // non-empty: the stream cannot be run, and why

    [[nodiscard]] bool ok() const { return error.isEmpty(); }
    // The work before any of it ran, in estimated nanoseconds of one worker: a video's frames
    // and pixels weighed by its codec plus a cost per frame, an image set's compressed bytes plus
    // a cost per image. A prior: the engine corrects it with what a run measures (CostModel).
    [[nodiscard]] double costEstimate() const;
};

// What the worker could not read although the item succeeded ("the video ends at frame 48
// ..."): the "warnings" of an item's result.
[[nodiscard]] QStringList resultWarnings(const QJsonObject &result);

// One contiguous piece of work a worker did for an item.
struct TaskTiming
{
    int item = -1;
    int worker = -1;
    double start = 0; // seconds since the run started, paused time left out
    double end = 0;
    qint64 frames = 0;
    QString host;
    bool cancelled = false; // stopped before its end (its item was cancelled or removed)
    QString failure;        // why it ended without a result (the worker's error, a crash, a hang); empty otherwise
};

// Everything known about one item of a run; the engine's result store holds one per item.
struct ItemRecord
{
    int index = -1;
    QString path;
    StreamKind kind = StreamKind::Video;
    ItemState state = ItemState::Queued;
    qint64 framesDone = 0;
    qint64 framesTotal = 0; // estimate until the item finishes; then the decoded count
    int worker = -1;        // the worker that started it
    QString host;           // the machine that worker runs on (a cluster node with Slurm)
    double start = -1;      // seconds since run start; -1 = not started
    double end = -1;
    QJsonObject result;     // final result, or the latest partial result while running
    ResultSummary summary;  // the result in one line, as its analysis summarises it
    QString error;
    int attempts = 0;       // retries: a task of this item was run again this often
    bool held = false;      // the person holds it: not started until released
    bool addedMidRun = false; // added to the run after it started (Engine::addItems)

    // How often a worker started on this item: 0 if none did, else 1 + the retries.
    [[nodiscard]] int tries() const { return start >= 0 ? attempts + 1 : 0; }
    [[nodiscard]] double seconds() const { return (start >= 0 && end >= start) ? end - start : 0; }
    [[nodiscard]] double fps() const { return seconds() > 0 ? framesDone / seconds() : 0; }
    [[nodiscard]] QStringList warnings() const { return resultWarnings(result); }
};

// How a run was set up beyond its mode, analysis and workers: what it takes to run it again the
// same way, and what can explain why two runs of the same items took different times. Reports
// written before it was recorded read back without it (isRecorded() is false).
struct RunSetup
{
    QJsonObject parameters;   // the analysis's parameters, defaults filled in
    int threadsPerWorker = 0; // threads each worker was given ("automatic" resolved)
    Schedule schedule = Schedule::FastestFinish; // a serial run always runs in queue order
    int chunkSize = 0;        // images per task when a set is split; 0 = automatic
    int segmentFrames = 0;    // frames per video segment; 0 = automatic, -1 = never split
    QString launcher;         // WorkerLauncher::name(): "local", "slurm"; empty = not recorded

    [[nodiscard]] bool isRecorded() const { return !launcher.isEmpty(); }
    // "bits=3, colors=8" (sorted by name); empty for none.
    [[nodiscard]] QString parametersText() const;
};

struct RunTiming
{
    RunMode mode = RunMode::Completed;
    QString analysis = QStringLiteral("dominant-color"); // its name, or a user script's path
    int workers = 1;
    double wallSeconds = 0;
    double pausedSeconds = 0;
    QDateTime started;        // when the run started (local time)
    double loadAverage = -1;  // the machine's 1-minute load average at the start; -1 unknown
    int warmWorkers = 0;      // workers it took ready, kept from an earlier run or prepared (Engine::setKeepWorkers)
    RunSetup setup;
    bool paused = false; // a live run that is paused right now
    QList<ItemRecord> items;
    QList<TaskTiming> tasks;

    [[nodiscard]] int countIn(ItemState state) const;
    [[nodiscard]] int completedCount() const { return countIn(ItemState::Done); }
    [[nodiscard]] int failedCount() const { return countIn(ItemState::Failed); }
    [[nodiscard]] int cancelledCount() const { return countIn(ItemState::Cancelled); }
    // Items that did not end "ok" (failed, cancelled, never run): the CLI's exit status.
    [[nodiscard]] int unfinishedCount() const { return int(items.size()) - completedCount(); }
    [[nodiscard]] qint64 totalFrames() const;
    // Items added after the run started: its wall time then measures more than its items.
    [[nodiscard]] int addedMidRunCount() const;
    // Every item ran to its end (ok or failed): nothing was cancelled, removed or left queued.
    // Only a complete run may be compared with another.
    [[nodiscard]] bool isComplete() const;
    // "partial run: 3 of 11 items completed".
    [[nodiscard]] QString partialText() const;
    // The items' paths, sorted: two runs did the same work when these are equal.
    [[nodiscard]] QStringList sortedPaths() const;
    // Seconds each worker (1, 2, ...) spent on tasks, paused time left out.
    [[nodiscard]] QList<double> busySecondsPerWorker() const;
};

// A serial run and a parallel run, and the time model that relates them. A comparison means
// something only when it compares the same work: see isValid().
struct Comparison
{
    RunTiming serial;
    RunTiming parallel;
    int cores = 0; // usable cores of the machine; 0 = unknown (the workers count as cores)

    // Both runs are complete, processed the same items and were given all of them at the start
    // (no item joined while a run was going). Speed-up, efficiency and the ideal
    // exist only then; otherwise invalidReason() says why not (in English, for reports and the
    // CLI; the app words the same Invalidity in the user's language).
    enum class Invalidity { None, SerialPartial, ParallelPartial, SerialGrew, ParallelGrew, DifferentItems, NoTimeMeasured };
    [[nodiscard]] Invalidity invalidity() const;
    [[nodiscard]] bool isValid() const;
    [[nodiscard]] QString invalidReason() const;
    [[nodiscard]] bool sameItems() const;

    // The tutorials' time model: N items of M seconds take N x M serially and (N / C) x M on
    // C = min(workers, cores) workers; more workers than cores only share the same cores.
    [[nodiscard]] int itemCount() const { return int(serial.items.size()); }
    [[nodiscard]] double secondsPerItem() const; // M: the serial run's mean per item
    [[nodiscard]] int effectiveWorkers() const;  // C
    [[nodiscard]] double idealParallelSeconds() const;
    [[nodiscard]] double speedup() const;
    // Speed-up / C: how close the parallel run came to the ideal.
    [[nodiscard]] double efficiency() const;
};

} // namespace fp

Q_DECLARE_METATYPE(fp::StreamInfo)
Q_DECLARE_METATYPE(fp::RunTiming)
Q_DECLARE_METATYPE(fp::Comparison)
Q_DECLARE_METATYPE(fp::RunMode)
