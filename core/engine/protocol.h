#pragma once

// The contract between the engine and framepool-worker: one JSON object per line on the
// worker's stdin (engine -> worker) and stdout (worker -> engine). Diagnostics go to stderr.
// Every message carries the protocol version "v" and a "type".
//
// docs/protocol.md describes every message and field for someone writing a worker.
//
//   engine -> worker   task     one piece of work: a whole stream or a chunk/segment of it, a
//                               probe of a video, or the merge of a split item's pieces
//                      narrow   end the running task early, at a later frame or image (work
//                               stealing: the rest becomes a piece for an idle worker)
//                      quit     finish after the current task and exit
//   worker -> engine   hello    sent once at start: version, pid, host, threads
//                      progress frames done / estimated total of a task (throttled)
//                      partial  the result so far (throttled, slower than progress)
//                      thumbnail a small JPEG of the current frame (only when asked for)
//                      probe    what a probe task learned about a video
//                      narrowed the answer to narrow: where the task now ends, or -1 (too late)
//                      result   the task's final result (and its mergeable state if asked)
//                      error    the task failed; a human-readable reason

#include "analysisinfo.h"
#include "runtypes.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>
#include <variant>

namespace fp::protocol {

// 2: dominant-colour histograms as varint gaps and counts (colorCountsToBytes), not fixed pairs.
// 3: analyses by name with parameters, merge tasks, typed probe/segment/warning/summary fields.
inline constexpr int Version = 3;
// States of chunked dominant-colour tasks carry a whole colour histogram, so lines can be
// large; anything past this is treated as a misbehaving worker.
inline constexpr qsizetype MaxLineBytes = 256 * 1024 * 1024;

struct Hello
{
    int version = Version;
    qint64 pid = 0;
    QString host;
    int threads = 1;
    QString job; // the cluster job it runs in (Slurm's job id), empty outside one
    bool canNarrow = false; // it answers `narrow` while a task runs (work stealing)
};

struct Task
{
    qint64 id = 0;
    QString analysis;           // a built-in's name, or the absolute path of a user's script
    QJsonObject parameters;     // resolved: every key the analysis declares, typed
    StreamKind kind = StreamKind::Video;
    QString path;               // the video, or the image set's folder/file (for messages)
    QStringList images;         // image sets: the images of this task, in order
    QString primingImage;       // image sets: the image before this chunk (pair analyses)
    qint64 firstFrame = 0;      // videos: first frame of this segment; images: index of images[0]
    qint64 frameCount = -1;     // videos: frames in this segment, -1 = to the end
    qint64 frameEstimate = 0;   // for progress totals
    bool wantState = false;     // send the mergeable state with the result
    bool probeOnly = false;     // only open the stream; answered with a Probe
    bool probeFirst = false;    // a video not probed yet: send its Probe, then analyse it
    int thumbnailIntervalMs = 0; // 0 = no thumbnails
    // Non-empty: a merge task. The states of a split item's pieces, in stream order; the
    // answer is a Result with the item's result (frames 0).
    QList<QJsonObject> mergeStates;

    [[nodiscard]] bool isMerge() const { return !mergeStates.isEmpty(); }
};

struct Quit {};

// Engine -> worker, while `task` runs: stop before frame (video) or image (set) `end`, counted
// like Task::firstFrame, and send the mergeable state instead of a result, as a piece of a split
// item does. The engine then gives frames end.. to another worker.
struct Narrow
{
    qint64 task = 0;
    qint64 end = 0;
};

// Worker -> engine, before the task's final message: the task now ends at `end` (the one asked
// for), or -1 when it cannot (it is already there, or its analysis reads files whole).
struct Narrowed
{
    qint64 task = 0;
    qint64 end = -1;
};

struct Progress
{
    qint64 task = 0;
    qint64 done = 0;
    qint64 total = 0;
};

struct Partial
{
    qint64 task = 0;
    qint64 done = 0;
    QJsonObject result;
    ResultSummary summary;
};

// The answer to a probe task: what the container says (frame counts are estimates).
struct Probe
{
    qint64 task = 0;
    qint64 frames = 0;
    int width = 0;
    int height = 0;
    double fps = 0;
    QList<qint64> keyframes; // ascending
    QString codec;           // the container's codec tag ("avc1", "XVID"); empty when it has none
};

// A video segment's first frame and the frame after its last, by timestamp, so the engine can
// check that neighbouring segments meet exactly.
struct SegmentBounds
{
    double firstMs = -1;
    double nextMs = -1;
};

struct Thumbnail
{
    qint64 task = 0;
    qint64 frame = 0;
    QByteArray jpeg;
};

struct Result
{
    qint64 task = 0;
    qint64 frames = 0; // frames actually decoded and analysed (priming frames not counted)
    QJsonObject result;
    ResultSummary summary;
    QStringList warnings;  // it succeeded, but not everything could be read
    QJsonObject state;     // when the task asked for it
    std::optional<SegmentBounds> segment; // video pieces that send their state
};

struct Error
{
    qint64 task = 0;
    qint64 frame = -1; // where it happened, -1 = before any frame
    QString reason;
};

using Message = std::variant<Hello, Task, Quit, Narrow, Narrowed, Progress, Partial, Thumbnail, Probe, Result, Error>;

// One line, '\n'-terminated, compact JSON.
[[nodiscard]] QByteArray encode(const Message &message);

struct Decoded
{
    std::optional<Message> message;
    QString error; // set when message is empty: why the line was rejected
};

// Never throws or asserts: anything a worker sends is untrusted.
[[nodiscard]] Decoded decode(QByteArrayView line);

} // namespace fp::protocol
