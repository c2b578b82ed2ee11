#include "workersession.h"

#include "analysis.h"
#include "imagecodecsmodule.h"
#include "jpegcodec.h"
#include "mediaprobe.h"
#include "videoprobe.h"
#include "videoreader.h"
#include "workermodule.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QSize>
#include <QSysInfo>

#include <opencv2/imgproc.hpp>

#include <cerrno>
#include <climits>
#include <cmath>
#include <deque>
#include <optional>
#include <poll.h>
#include <stdexcept>
#include <string>
#include <unistd.h>

namespace fp {

namespace {

constexpr int kThumbnailWidth = 192;

// Sends progress, partial results and thumbnails at their own modest rates.
class Reporter
{
public:
    Reporter(const protocol::Task &task, const WorkerSession::Settings &settings,
             const WorkerSession::Sink &sink, const Analysis &analysis, const FrameAnalyzer &analyzer)
        : m_task(task), m_settings(settings), m_sink(sink), m_analysis(analysis), m_analyzer(analyzer)
    {
        m_clock.start();
    }

    // `colourFrame()` gives the frame in colour, asked for when a thumbnail is due.
    template <typename ColourFrame>
    void frameDone(qint64 done, const ColourFrame &colourFrame)
    {
        const qint64 now = m_clock.elapsed();
        if (now - m_lastProgress >= m_settings.progressIntervalMs) {
            m_lastProgress = now;
            m_sink(protocol::Progress{m_task.id, done, qMax(done, m_task.frameEstimate)});
        }
        if (!m_task.wantState && now - m_lastPartial >= m_settings.partialIntervalMs) {
            m_lastPartial = now;
            const QJsonObject result = m_analyzer.partialResult();
            m_sink(protocol::Partial{m_task.id, done, result, m_analysis.summarize(result)});
        }
        if (m_task.thumbnailIntervalMs > 0 && now - m_lastThumbnail >= m_task.thumbnailIntervalMs) {
            m_lastThumbnail = now;
            sendThumbnail(done - 1, colourFrame());
        }
    }

private:
    void sendThumbnail(qint64 frameIndex, const cv::Mat &frame)
    {
        if (frame.empty())
            return;
        const int width = qMin(kThumbnailWidth, frame.cols);
        const int height = qMax(1, frame.rows * width / frame.cols);
        cv::resize(frame, m_small, cv::Size(width, height), 0, 0, cv::INTER_AREA);
        const QByteArray jpeg = encodeJpeg(m_small, 75);
        if (!jpeg.isEmpty())
            m_sink(protocol::Thumbnail{m_task.id, m_task.firstFrame + frameIndex, jpeg});
    }

    const protocol::Task &m_task;
    const WorkerSession::Settings &m_settings;
    const WorkerSession::Sink &m_sink;
    const Analysis &m_analysis;
    const FrameAnalyzer &m_analyzer;
    QElapsedTimer m_clock;
    qint64 m_lastProgress = -1000000;
    qint64 m_lastPartial = 0; // the first partial waits one interval: short tasks need none
    qint64 m_lastThumbnail = -1000000;
    cv::Mat m_small;
};

// Work stealing: where the engine asked the running task to end early. Checked before each
// frame or image; the answer goes out at once, ahead of the task's result.
class Narrowing
{
public:
    // `takeRequest`: the end asked of a task, once (nullopt: no request for it).
    using TakeRequest = std::function<std::optional<qint64>(qint64 task)>;

    Narrowing(protocol::Task &task, TakeRequest takeRequest, const WorkerSession::Sink &sink)
        : m_task(task), m_takeRequest(std::move(takeRequest)), m_sink(sink)
    {
    }

    // Before reading unit `next` (a frame or image, numbered like Task::firstFrame): true when a
    // request has just narrowed the task, which now ends before the unit asked for and sends its
    // state, as a piece of a split item does. A request the task is already past is refused.
    bool check(qint64 next)
    {
        const std::optional<qint64> end = m_takeRequest(m_task.id);
        if (!end)
            return false;
        const qint64 taskEnd = m_task.kind == StreamKind::Video
                                   ? (m_task.frameCount < 0 ? -1 : m_task.firstFrame + m_task.frameCount)
                                   : m_task.firstFrame + m_task.images.size();
        const bool possible = *end > next && (taskEnd < 0 || *end < taskEnd);
        m_sink(protocol::Narrowed{m_task.id, possible ? *end : -1});
        if (!possible)
            return false;
        const qint64 count = *end - m_task.firstFrame;
        if (m_task.kind == StreamKind::Video)
            m_task.frameCount = count;
        else
            m_task.images = m_task.images.first(count);
        m_task.frameEstimate = count;
        m_task.wantState = true;
        return true;
    }

private:
    protocol::Task &m_task;
    TakeRequest m_takeRequest;
    const WorkerSession::Sink &m_sink;
};

struct Outcome
{
    qint64 frames = 0;
    QString error;       // the task failed
    qint64 errorFrame = -1;
    QStringList warnings; // it succeeded, but not everything could be read
    // Video segments: timestamps of the segment's first frame and of the frame after its last,
    // so the engine can check that neighbouring segments meet exactly (see Engine::segmentsMeet).
    double firstMs = -1;
    double nextMs = -1;
};

// Failed reads in a row after which a video counts as ended. A frame whose data does not
// decode fails one read() and the reader resumes with the next frame when asked again; at the
// end of the file every read fails.
constexpr int kMaxFailedReadsInARow = 25;

QString frameAt(qint64 frame, double fps)
{
    return fps > 0 ? QStringLiteral("%1 (%2 s)").arg(frame).arg(frame / fps, 0, 'f', 2) : QString::number(frame);
}

// "skipped 3 frames that could not be decoded (corrupt data): frames 40-41 (1.60-1.64 s), 57 (2.28 s)"
QString skippedWarning(const QList<qint64> &frames, double fps)
{
    QStringList runs;
    for (qsizetype i = 0; i < frames.size();) {
        qsizetype j = i;
        while (j + 1 < frames.size() && frames[j + 1] == frames[j] + 1)
            ++j;
        if (runs.size() == 3) {
            runs << QStringLiteral("and more");
            break;
        }
        runs << (i == j ? frameAt(frames[i], fps)
                        : fps > 0 ? QStringLiteral("%1-%2 (%3-%4 s)").arg(frames[i]).arg(frames[j])
                                        .arg(frames[i] / fps, 0, 'f', 2).arg(frames[j] / fps, 0, 'f', 2)
                                  : QStringLiteral("%1-%2").arg(frames[i]).arg(frames[j]));
        i = j + 1;
    }
    return QStringLiteral("skipped %1 frame%2 that could not be decoded (corrupt data): frame%2 %3")
        .arg(frames.size()).arg(frames.size() == 1 ? "" : "s", runs.join(QStringLiteral(", ")));
}

// Positions `reader` at the segment's first frame, which the probe found to be a keyframe
// where the video can be cut; pair analyses also get the frame just before it, to count the
// segment's first pair. False, with the reason in `out`, when it fails.
bool startSegment(VideoReader &reader, const protocol::Task &task, bool pairwise, FrameAnalyzer &analyzer,
                  Outcome &out)
{
    if (task.firstFrame <= 0)
        return true;
    cv::Mat before;
    if (!reader.seekToFrame(task.firstFrame, pairwise ? &before : nullptr)) {
        out.errorFrame = pairwise ? task.firstFrame - 1 : task.firstFrame;
        out.error = pairwise ? QStringLiteral("cannot decode frame %1 before the segment").arg(out.errorFrame)
                             : QStringLiteral("video ended before frame %1, where its segment starts").arg(out.errorFrame);
        return false;
    }
    if (pairwise)
        analyzer.prime(before);
    return true;
}

// How far reading a segment got, for the warnings about its end.
struct SegmentRead
{
    bool toTheEnd = false;   // the task reads to the end of the file
    qint64 framesThere = 0;  // frames the task expects; 0: unknown
    // Frames from the segment start, decoded or not, so that segments cut at frame numbers
    // still meet exactly when a frame in between fails to decode.
    qint64 position = 0;
    int failedInARow = 0;    // the failed reads that ended the segment
    QList<qint64> skipped;   // frames that failed to decode with good frames after them
    double lastSeconds = -1; // timestamp of the last decoded frame
};

// Reads and analyses the segment's frames, skipping the ones that fail to decode; for a
// segment with a successor, also reads ahead to the timestamp where the next one starts.
SegmentRead readSegment(VideoReader &reader, const protocol::Task &task, FrameAnalyzer &analyzer,
                        Reporter &reporter, Narrowing &narrowing, Outcome &out)
{
    SegmentRead read;
    read.toTheEnd = task.frameCount < 0;
    read.framesThere = read.toTheEnd ? task.frameEstimate : task.frameCount;
    cv::Mat frame;
    while (read.toTheEnd || read.position < task.frameCount) {
        if (narrowing.check(task.firstFrame + read.position)) {
            read.toTheEnd = false;
            read.framesThere = task.frameCount;
        }
        if (reader.read(frame)) {
            // Failures followed by a good frame were frames, not the end of the file.
            for (int k = read.failedInARow; k > 0; --k)
                read.skipped << task.firstFrame + read.position - k;
            read.failedInARow = 0;
            ++read.position;
            const double ms = reader.frameMs();
            if (ms > 0)
                read.lastSeconds = ms / 1000;
            if (out.frames == 0)
                out.firstMs = ms;
            analyzer.addFrame(frame);
            ++out.frames;
            reporter.frameDone(out.frames, [&] {
                cv::Mat bgr; // a gray frame's colours, when the analysis takes gray
                return frame.channels() == 1 && reader.retrieveBgr(bgr) ? bgr : frame;
            });
            continue;
        }
        ++read.failedInARow;
        ++read.position;
        if ((read.framesThere > 0 && read.position >= read.framesThere) || read.failedInARow >= kMaxFailedReadsInARow)
            break;
    }
    if (!read.toTheEnd && read.position >= task.frameCount) {
        // The segment's last frames failed, but the file goes on: they were frames too.
        for (int k = read.failedInARow; k > 0; --k)
            read.skipped << task.firstFrame + read.position - k;
        read.failedInARow = 0;
    }
    read.position -= read.failedInARow; // the failures that ended the loop were the end of the data
    if (!read.toTheEnd && read.position == task.frameCount) {
        // The next segment starts at its first frame that decodes: so does this look-ahead.
        for (int attempt = 0; attempt < kMaxFailedReadsInARow; ++attempt) {
            if (reader.read(frame)) {
                out.nextMs = reader.frameMs();
                break;
            }
        }
    }
    return read;
}

// Warns about frames skipped and about a segment or file that ends early, in frames and
// seconds of the stream (`fps` 0: unknown) and against the frame count its header declares.
void warnAboutTheEnd(const SegmentRead &read, const protocol::Task &task, double fps, double headerFrames,
                     Outcome &out)
{
    const qint64 end = task.firstFrame + read.position;
    if (!read.skipped.isEmpty())
        out.warnings << skippedWarning(read.skipped, fps);
    if (!read.toTheEnd && read.position < task.frameCount) {
        out.warnings << QStringLiteral("decoding stopped at frame %1, before its segment's end at frame %2 (corrupt data from there on)")
                            .arg(frameAt(end, fps)).arg(task.firstFrame + task.frameCount);
    } else if (read.toTheEnd && read.framesThere > 0 && read.position < read.framesThere
               && read.failedInARow >= kMaxFailedReadsInARow) {
        out.warnings << QStringLiteral("decoding stopped at frame %1: the remaining %2 frames of the file could not be decoded (corrupt data)")
                            .arg(frameAt(end, fps)).arg(read.framesThere - read.position);
    } else if (read.toTheEnd && std::isfinite(headerFrames) && headerFrames > 0) {
        // Compared in time where timestamps exist: frames a demuxer drops in the middle of a
        // file, or a variable frame rate, must not read as a truncated end.
        const double endFrames = read.lastSeconds >= 0 && fps > 0 ? read.lastSeconds * fps + 1 : double(end);
        if (headerFrames - endFrames > std::max(2.0, headerFrames * 0.01)) {
            // Said in time, not in frames: the demuxer may drop damaged frames on the way, so a
            // frame number here would disagree with the frames the item reports as decoded.
            const QString where = fps > 0 ? QStringLiteral("at %1 s but its header declares %2 frames (%3 s)")
                                                .arg(endFrames / fps, 0, 'f', 2).arg(qint64(headerFrames))
                                                .arg(headerFrames / fps, 0, 'f', 2)
                                          : QStringLiteral("%1 frames short of the %2 its header declares")
                                                .arg(qint64(std::lround(headerFrames - endFrames))).arg(qint64(headerFrames));
            out.warnings << QStringLiteral("the video ends %1: frames are missing (the file is truncated or damaged), or its header is wrong").arg(where);
        }
    }
}

Outcome analyseVideo(const protocol::Task &task, bool pairwise, FrameAnalyzer &analyzer, Reporter &reporter,
                     Narrowing &narrowing)
{
    Outcome out;
    VideoReader reader;
    // One decoding thread, whatever the worker's budget: with frame threads FFmpeg conceals
    // damaged H.264 differently from run to run and from one thread count to another, and a
    // result must not depend on how the work was split (app/worker/main.cpp).
    if (!reader.open(task.path, VideoReader::Mode::Decode, 1)) {
        out.error = reader.failure() == VideoReader::Failure::NotAVideo
                        ? QStringLiteral("cannot open as a video (not a video, or corrupt)")
                        : reader.error();
        return out;
    }
    if (analyzer.takesGray())
        reader.setPixels(VideoReader::Pixels::Gray);
    // What the container declares, before any seek: a stream that ends well short of it was cut.
    const double fps = reader.fps();
    const double headerFrames = reader.declaredFrames();
    if (!startSegment(reader, task, pairwise, analyzer, out))
        return out;
    const SegmentRead read = readSegment(reader, task, analyzer, reporter, narrowing, out);
    if (out.frames == 0) {
        out.error = task.firstFrame > 0 ? QStringLiteral("no frames could be decoded from frame %1 on").arg(task.firstFrame)
                                        : QStringLiteral("no frames could be decoded (empty, truncated or corrupt video)");
        out.errorFrame = task.firstFrame;
        return out;
    }
    warnAboutTheEnd(read, task, fps, headerFrames, out);
    return out;
}

// Why a task or an image ran out of memory, naming the limit that stopped it.
QString outOfMemory(int limitMb)
{
    return limitMb > 0 ? QStringLiteral("out of memory: the worker's limit of %1 MB was reached (--memory-limit-mb)").arg(limitMb)
                       : QStringLiteral("out of memory");
}

// What reading one image gave: its pixels, or why there are none; and any caveat.
struct ImageRead
{
    cv::Mat pixels;
    QString error;
    QString warning;
};

// OpenCV refuses images over CV_IO_MAX_IMAGE_PIXELS (2^30 unless OPENCV_IO_MAX_IMAGE_PIXELS
// says otherwise); nullopt when that variable holds something we do not parse: OpenCV decides.
std::optional<quint64> maxImagePixels()
{
    const QByteArray fromEnv = qgetenv("OPENCV_IO_MAX_IMAGE_PIXELS");
    if (fromEnv.isEmpty())
        return quint64(1) << 30;
    bool ok = false;
    const quint64 value = fromEnv.toULongLong(&ok);
    return ok ? std::optional<quint64>(value) : std::nullopt;
}

// The size a PNG declares in its IHDR chunk, which the format puts first.
std::optional<QSize> pngDeclaredSize(const QByteArray &head)
{
    if (head.size() < 24 || !head.startsWith("\x89PNG\r\n\x1a\n") || head.mid(12, 4) != "IHDR")
        return std::nullopt;
    const auto be32 = [&head](int at) {
        return quint32(uchar(head[at])) << 24 | quint32(uchar(head[at + 1])) << 16 | quint32(uchar(head[at + 2])) << 8
             | quint32(uchar(head[at + 3]));
    };
    return QSize(int(qMin<quint32>(be32(16), INT_MAX)), int(qMin<quint32>(be32(20), INT_MAX)));
}

// Whether a JPEG has its end-of-image marker. libjpeg decodes a cut file without complaint,
// grey where the data stops. Bytes after the marker (padding, a phone's appended clip) are
// fine, so any FF D9 counts; that misses a cut file whose EXIF thumbnail has a marker of its own.
bool jpegHasEnd(QFile &file)
{
    constexpr char kEnd[] = "\xff\xd9";
    if (file.seek(file.size() - 2) && file.read(2) == kEnd)
        return true;
    file.seek(0);
    char before = 0;
    while (!file.atEnd()) {
        const QByteArray chunk = file.read(1 << 20);
        if (chunk.isEmpty())
            break;
        if ((before == kEnd[0] && chunk.front() == kEnd[1]) || chunk.contains(kEnd))
            return true;
        before = chunk.back();
    }
    return false;
}

// Why OpenCV returned no pixels, from what the file's first bytes say it is.
QString undecodableImage(const QString &path)
{
    const QString kind = contentKind(path);
    if (kind == QLatin1String("a GIF image"))
        return QStringLiteral("GIF images are not supported (OpenCV has no GIF decoder)");
    if (kind.endsWith(QLatin1String("image")))
        return QStringLiteral("cannot decode: the file starts like %1 but its data is corrupt or truncated").arg(kind);
    if (!kind.isEmpty())
        return QStringLiteral("not an image: the file is %1").arg(kind);
    return QStringLiteral("not an image: the file matches no image format OpenCV reads");
}

// cv::imread(path, IMREAD_COLOR), from the image codecs module, which the first image that
// needs it loads. Without the module the task fails, saying so.
cv::Mat imreadColor(const QString &path)
{
    QString error;
    const ImageCodecsModule *codecs = workerModule<ImageCodecsModule>(&error);
    if (!codecs)
        throw std::runtime_error(QStringLiteral("cannot read %1: %2").arg(QFileInfo(path).fileName(), error).toStdString());
    return codecs->readColor(path.toStdString());
}

ImageRead readImage(const QString &path, int memoryLimitMb)
{
    ImageRead read;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        read.error = !file.exists() ? QStringLiteral("missing (removed after the run started?)")
                                    : QStringLiteral("cannot be read: %1").arg(file.errorString());
        return read;
    }
    if (file.size() == 0) {
        read.error = QStringLiteral("empty file (0 bytes)");
        return read;
    }
    // Checked before decoding: OpenCV would throw a bare assertion, or try to allocate it.
    const QByteArray head = file.peek(32);
    const auto declared = pngDeclaredSize(head);
    const auto limit = maxImagePixels();
    if (declared && limit && quint64(declared->width()) * quint64(declared->height()) > *limit) {
        read.error = QStringLiteral("image declares %1×%2 pixels (%3 megapixels), over OpenCV's limit of %4 megapixels "
                                    "(OPENCV_IO_MAX_IMAGE_PIXELS raises it)")
                         .arg(declared->width()).arg(declared->height())
                         .arg(quint64(declared->width()) * quint64(declared->height()) / 1000000)
                         .arg(*limit / 1000000);
        return read;
    }
    const bool cutShort = head.startsWith("\xff\xd8\xff") && !jpegHasEnd(file);
    file.close();
    try {
        // Where the limit is OpenCV's own guess, imread alone applies it.
        if (cutShort || !limit || !readPlainJpeg(path, *limit, read.pixels))
            read.pixels = imreadColor(path);
    } catch (const cv::Exception &e) {
        const QString what = QString::fromStdString(e.err);
        if (e.code == cv::Error::StsNoMem)
            read.error = outOfMemory(memoryLimitMb);
        else if (what.contains(QLatin1String("CV_IO_MAX_IMAGE")))
            read.error = QStringLiteral("image is over OpenCV's size limits (%1)").arg(what);
        else
            read.error = QStringLiteral("OpenCV cannot decode it: %1").arg(what);
        return read;
    } catch (const std::bad_alloc &) {
        read.error = outOfMemory(memoryLimitMb);
        return read;
    }
    if (read.pixels.empty())
        read.error = undecodableImage(path);
    else if (cutShort)
        read.warning = QStringLiteral("truncated JPEG (no end-of-image marker); decoded what was there");
    return read;
}

Outcome analyseImages(const protocol::Task &task, FrameAnalyzer &analyzer, Reporter &reporter, Narrowing &narrowing,
                      int memoryLimitMb)
{
    Outcome out;
    if (!task.primingImage.isEmpty()) {
        // Its own chunk reports it if it is bad; here it only primes pair analyses.
        const ImageRead prior = readImage(task.primingImage, memoryLimitMb);
        if (!prior.pixels.empty())
            analyzer.prime(prior.pixels);
    }
    // In a set, an image that cannot be read is named in a warning and the others go on; a set
    // of one fails with the reason itself. A piece of a split set is part of a larger set, even
    // when it holds one image: the engine judges the whole when the pieces are in.
    const bool single = task.images.size() == 1 && !task.wantState;
    for (qsizetype k = 0; k < task.images.size(); ++k) {
        narrowing.check(task.firstFrame + k); // may shorten task.images, never below k + 1
        const QString &path = task.images.at(k);
        // Not const: an analyzer may take over the frame's pixels (see ScriptFrameAnalyzer).
        ImageRead read = readImage(path, memoryLimitMb);
        const QString name = QFileInfo(path).fileName();
        if (!read.error.isEmpty()) {
            if (single)
                out.error = read.error;
            else
                out.warnings << QStringLiteral("%1: %2").arg(name, read.error);
            continue;
        }
        if (!read.warning.isEmpty())
            out.warnings << (single ? read.warning : QStringLiteral("%1: %2").arg(name, read.warning));
        analyzer.beginImage(path);
        analyzer.addFrame(read.pixels);
        ++out.frames;
        reporter.frameDone(out.frames, [&] { return read.pixels; });
    }
    if (out.frames == 0 && out.error.isEmpty() && !task.wantState)
        out.error = QStringLiteral("none of the %1 images could be decoded (%2)").arg(task.images.size()).arg(out.warnings.value(0));
    return out;
}

// Analyses that read files themselves: each video, or each image of the set, handed over by
// path and counted as one frame. Nothing is decoded here.
Outcome analyseFiles(const protocol::Task &task, FrameAnalyzer &analyzer, Reporter &reporter)
{
    Outcome out;
    const QStringList paths = task.kind == StreamKind::Video ? QStringList{task.path} : task.images;
    for (const QString &path : paths) {
        analyzer.addFile(path);
        ++out.frames;
        reporter.frameDone(out.frames, [] { return cv::Mat(); });
    }
    return out;
}

} // namespace

WorkerSession::WorkerSession(Settings settings, Sink sink)
    : m_settings(settings), m_sink(std::move(sink))
{
}

WorkerSession::Sink WorkerSession::lineSink(std::FILE *out)
{
    return [out](const protocol::Message &message) {
        const QByteArray line = protocol::encode(message);
        std::fwrite(line.constData(), 1, size_t(line.size()), out);
        std::fflush(out);
    };
}

const Analysis *WorkerSession::findAnalysis(const protocol::Task &task, QString *error) const
{
    const QString &name = task.analysis;
    if (m_userAnalyses) {
        if (const Analysis *analysis = m_userAnalyses(name, task.parameters, error))
            return analysis;
        if (!error->isEmpty())
            return nullptr;
    }
    if (const Analysis *analysis = findBuiltInAnalysis(name))
        return analysis;
    *error = QStringLiteral("unknown analysis \"%1\"").arg(name);
    return nullptr;
}

std::optional<StreamInfo> WorkerSession::probe(const protocol::Task &task)
{
    const StreamInfo info = probeVideo(task.path);
    if (!info.ok()) {
        m_sink(protocol::Error{task.id, -1, info.error});
        return std::nullopt;
    }
    m_sink(protocol::Probe{task.id, info.frameEstimate, info.width, info.height, info.fps, info.keyframes, info.codec});
    return info;
}

void WorkerSession::merge(const protocol::Task &task, const Analysis &analysis)
{
    QJsonObject result = analysis.merge(task.mergeStates, task.parameters);
    if (result.contains(QLatin1String("error"))) {
        m_sink(protocol::Error{task.id, -1, QStringLiteral("results could not be merged: %1").arg(result.value(QLatin1String("error")).toString())});
        return;
    }
    if (!task.parameters.isEmpty())
        result[QStringLiteral("parameters")] = task.parameters;
    m_sink(protocol::Result{task.id, 0, result, analysis.summarize(result), {}, {}, {}});
}

// `task` is a copy: a narrow request shortens it while it runs.
void WorkerSession::analyse(protocol::Task task, const Analysis &analysis)
{
    const auto analyzer = analysis.createAnalyzer(task.parameters);
    Reporter reporter(task, m_settings, m_sink, analysis, *analyzer);
    Narrowing narrowing(task, [this](qint64 id) { return takeNarrowRequest(id); }, m_sink);
    // Analyses that read whole files are never narrowed: the engine's request goes unanswered
    // and the result says it came too late.
    const Outcome outcome = !analyzer->wantsFrames() ? analyseFiles(task, *analyzer, reporter)
                            : task.kind == StreamKind::Video
                                ? analyseVideo(task, analysis.info().pairwise, *analyzer, reporter, narrowing)
                                : analyseImages(task, *analyzer, reporter, narrowing, m_settings.memoryLimitMb);
    if (!outcome.error.isEmpty()) {
        m_sink(protocol::Error{task.id, outcome.errorFrame, outcome.error});
        return;
    }
    m_sink(protocol::Progress{task.id, outcome.frames, outcome.frames});
    protocol::Result answer;
    answer.task = task.id;
    answer.frames = outcome.frames;
    answer.warnings = outcome.warnings;
    if (task.wantState) {
        // A piece of a split item: the engine merges the states and never uses a piece's own
        // result. Computing it would run a script's reduce() on part of the values, which may
        // raise (and fail the item) or cost as much as the merge.
        answer.state = analyzer->state();
        if (task.kind == StreamKind::Video)
            answer.segment = protocol::SegmentBounds{outcome.firstMs, outcome.nextMs};
    } else {
        answer.result = analyzer->result();
        answer.summary = analysis.summarize(answer.result);
        if (!task.parameters.isEmpty())
            answer.result[QStringLiteral("parameters")] = task.parameters;
    }
    m_sink(answer);
}

void WorkerSession::runTask(const protocol::Task &task)
{
    try {
        if (task.probeOnly) {
            (void)probe(task);
            return;
        }
        QString error;
        const Analysis *analysis = findAnalysis(task, &error);
        if (!analysis) {
            m_sink(protocol::Error{task.id, -1, error});
        } else if (task.isMerge()) {
            merge(task, *analysis);
        } else if (task.probeFirst && task.kind == StreamKind::Video) {
            // The probe and the decoding in one task: the run's first frames need not wait
            // for a probing pass.
            if (const std::optional<StreamInfo> info = probe(task)) {
                protocol::Task probed = task;
                probed.frameEstimate = task.frameCount >= 0 ? task.frameCount
                                                            : std::max<qint64>(0, info->frameEstimate - task.firstFrame);
                analyse(probed, *analysis);
            }
        } else {
            analyse(task, *analysis);
        }
    } catch (const AnalysisError &e) {
        // The whole story for the item's log (stderr is the log); the reason names the line.
        std::fprintf(stderr, "%s\n", qPrintable(e.details()));
        std::fflush(stderr);
        m_sink(protocol::Error{task.id, -1, e.reason()});
    } catch (const cv::Exception &e) {
        m_sink(protocol::Error{task.id, -1, e.code == cv::Error::StsNoMem ? outOfMemory(m_settings.memoryLimitMb)
                                                                           : QStringLiteral("OpenCV error: %1").arg(QString::fromStdString(e.err))});
    } catch (const std::bad_alloc &) {
        m_sink(protocol::Error{task.id, -1, outOfMemory(m_settings.memoryLimitMb)});
    } catch (const std::exception &e) {
        m_sink(protocol::Error{task.id, -1, QStringLiteral("worker error: %1").arg(QString::fromLocal8Bit(e.what()))});
    }
}

std::optional<qint64> WorkerSession::takeNarrowRequest(qint64 task)
{
    if (m_readArrivedInput)
        m_readArrivedInput();
    if (!m_narrowRequest || m_narrowRequest->task != task)
        return std::nullopt; // none, or for a task that has not started yet (or is long over)
    const qint64 end = m_narrowRequest->end;
    m_narrowRequest.reset();
    return end;
}

namespace {

// The engine's lines on a file descriptor: read as they come while serving, and without
// waiting while a task runs.
class EngineInput
{
public:
    explicit EngineInput(int fd) : m_fd(fd) {}

    // Reads what has arrived; `wait`: block until something does. False at the end of input.
    bool read(bool wait)
    {
        if (m_ended)
            return false;
        pollfd ready{m_fd, POLLIN, 0};
        if (!wait && ::poll(&ready, 1, 0) <= 0)
            return true;
        char chunk[65536];
        const ssize_t got = ::read(m_fd, chunk, sizeof chunk);
        if (got < 0 && errno == EINTR)
            return true;
        if (got <= 0) {
            m_ended = true;
            return false;
        }
        m_buffer.append(chunk, got);
        return true;
    }

    // The next complete line, without its newline.
    std::optional<QByteArray> takeLine()
    {
        const qsizetype newline = m_buffer.indexOf('\n');
        if (newline < 0)
            return std::nullopt;
        QByteArray line = m_buffer.left(newline);
        m_buffer.remove(0, newline + 1);
        return line;
    }

private:
    int m_fd;
    QByteArray m_buffer;
    bool m_ended = false;
};

} // namespace

int WorkerSession::serve(int input)
{
    // Under Slurm the node's name in the cluster (what --exclude and sinfo take) may differ from
    // its host name (a domain, an alias): the engine is told the cluster's.
    const QString host = qEnvironmentVariable("SLURMD_NODENAME", QSysInfo::machineHostName());
    protocol::Hello hello{protocol::Version, qint64(::getpid()), host, m_settings.threads,
                          qEnvironmentVariable("SLURM_JOB_ID")};
    hello.canNarrow = true;
    m_sink(hello);

    EngineInput engine(input);
    std::deque<protocol::Message> waiting; // tasks and quit, in the order they came
    // Narrow requests take effect at once; the rest waits for the task under way to end.
    const auto takeLines = [&] {
        while (const std::optional<QByteArray> line = engine.takeLine()) {
            if (line->trimmed().isEmpty())
                continue;
            const protocol::Decoded decoded = protocol::decode(*line);
            if (!decoded.message)
                std::fprintf(stderr, "framepool-worker: ignoring a line from the engine: %s\n", qPrintable(decoded.error));
            else if (const auto *narrow = std::get_if<protocol::Narrow>(&*decoded.message))
                requestNarrow(*narrow);
            else if (std::holds_alternative<protocol::Task>(*decoded.message) || std::holds_alternative<protocol::Quit>(*decoded.message))
                waiting.push_back(*decoded.message);
            else
                std::fprintf(stderr, "framepool-worker: ignoring a message that is not a task\n");
        }
    };
    m_readArrivedInput = [&] {
        engine.read(false);
        takeLines();
    };
    for (;;) {
        takeLines();
        if (waiting.empty()) {
            if (!engine.read(true))
                break;
            continue;
        }
        const protocol::Message message = waiting.front();
        waiting.pop_front();
        if (std::holds_alternative<protocol::Quit>(message))
            break;
        runTask(std::get<protocol::Task>(message));
    }
    m_readArrivedInput = nullptr;
    return 0;
}

} // namespace fp
