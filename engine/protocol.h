#pragma once

// The contract between the engine and framepool-worker: one JSON object per line on the
// worker's stdin (engine -> worker) and stdout (worker -> engine). Diagnostics go to stderr.
// Every message carries the protocol version "v" and a "type".
//
//   engine -> worker   task     one piece of work: a whole stream or a chunk/segment of it
//                      quit     finish after the current task and exit
//   worker -> engine   hello    sent once at start: version, pid, host, threads
//                      progress frames done / estimated total of a task (throttled)
//                      partial  the result so far (throttled, slower than progress)
//                      thumbnail a small JPEG of the current frame (only when asked for)
//                      result   the task's final result (and its mergeable state if asked)
//                      error    the task failed; a human-readable reason

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
inline constexpr int Version = 2;
// States of chunked dominant-colour tasks carry a whole colour histogram, so lines can be
// large; anything past this is treated as a misbehaving worker.
inline constexpr qsizetype MaxLineBytes = 256 * 1024 * 1024;

struct Hello
{
    int version = Version;
    qint64 pid = 0;
    QString host;
    int threads = 1;
};

struct Task
{
    qint64 id = 0;
    AnalysisKind analysis = AnalysisKind::DominantColor;
    StreamKind kind = StreamKind::Video;
    QString path;               // the video, or the image set's folder/file (for messages)
    QStringList images;         // image sets: the images of this task, in order
    QString primingImage;       // image sets: the image before this chunk (pair analyses)
    qint64 firstFrame = 0;      // videos: first frame of this segment; images: index of images[0]
    qint64 frameCount = -1;     // videos: frames in this segment, -1 = to the end
    qint64 frameEstimate = 0;   // for progress totals
    bool wantState = false;     // send the mergeable state with the result
    bool probeOnly = false;     // only open the stream; result = {frames, width, height, fps}
    int thumbnailIntervalMs = 0; // 0 = no thumbnails
};

struct Quit {};

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
    QJsonObject state;
};

struct Error
{
    qint64 task = 0;
    qint64 frame = -1; // where it happened, -1 = before any frame
    QString reason;
};

using Message = std::variant<Hello, Task, Quit, Progress, Partial, Thumbnail, Result, Error>;

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
