#include "workersession.h"

#include "analysis.h"
#include "mediaprobe.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QSysInfo>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>

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
             const WorkerSession::Sink &sink, const FrameAnalyzer &analyzer)
        : m_task(task), m_settings(settings), m_sink(sink), m_analyzer(analyzer)
    {
        m_clock.start();
    }

    void frameDone(qint64 done, const cv::Mat &frame)
    {
        const qint64 now = m_clock.elapsed();
        if (now - m_lastProgress >= m_settings.progressIntervalMs) {
            m_lastProgress = now;
            m_sink(protocol::Progress{m_task.id, done, qMax(done, m_task.frameEstimate)});
        }
        if (!m_task.wantState && now - m_lastPartial >= m_settings.partialIntervalMs) {
            m_lastPartial = now;
            m_sink(protocol::Partial{m_task.id, done, m_analyzer.result()});
        }
        if (m_task.thumbnailIntervalMs > 0 && now - m_lastThumbnail >= m_task.thumbnailIntervalMs) {
            m_lastThumbnail = now;
            sendThumbnail(done - 1, frame);
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
        std::vector<uchar> jpeg;
        if (cv::imencode(".jpg", m_small, jpeg, {cv::IMWRITE_JPEG_QUALITY, 75}))
            m_sink(protocol::Thumbnail{m_task.id, m_task.firstFrame + frameIndex,
                                       QByteArray(reinterpret_cast<const char *>(jpeg.data()), qsizetype(jpeg.size()))});
    }

    const protocol::Task &m_task;
    const WorkerSession::Settings &m_settings;
    const WorkerSession::Sink &m_sink;
    const FrameAnalyzer &m_analyzer;
    QElapsedTimer m_clock;
    qint64 m_lastProgress = -1000000;
    qint64 m_lastPartial = 0; // the first partial waits one interval: short tasks need none
    qint64 m_lastThumbnail = -1000000;
    cv::Mat m_small;
};

struct Outcome
{
    qint64 frames = 0;
    QString error;       // the task failed
    qint64 errorFrame = -1;
    QStringList warnings; // it succeeded, but not everything could be read
};

// Positions `capture` so that the next read() returns frame `target`. OpenCV's FFmpeg seek
// decodes forward from the keyframe before the target and is exact for the streams we cut at
// keyframes; where it reports another position, fall back to decoding up to the target.
bool seekToFrame(cv::VideoCapture &capture, const QString &path, qint64 target)
{
    if (capture.set(cv::CAP_PROP_POS_FRAMES, double(target))
        && qint64(capture.get(cv::CAP_PROP_POS_FRAMES)) == target)
        return true;
    if (!capture.open(path.toStdString(), cv::CAP_FFMPEG))
        return false;
    for (qint64 i = 0; i < target; ++i)
        if (!capture.grab())
            return false;
    return true;
}

Outcome analyseVideo(const protocol::Task &task, FrameAnalyzer &analyzer, Reporter &reporter)
{
    Outcome out;
    cv::VideoCapture capture;
    if (!capture.open(task.path.toStdString(), cv::CAP_FFMPEG) || !capture.isOpened()) {
        out.error = QStringLiteral("cannot open as a video (not a video, corrupt, or an unsupported codec)");
        return out;
    }
    cv::Mat frame;
    // A segment that starts later seeks there; pair analyses also read the frame just before
    // it, to count the segment's first pair.
    const bool prime = needsPriming(task.analysis) && task.firstFrame > 0;
    const qint64 startAt = prime ? task.firstFrame - 1 : task.firstFrame;
    if (startAt > 0 && !seekToFrame(capture, task.path, startAt)) {
        out.error = QStringLiteral("video ended before frame %1, where its segment starts").arg(startAt);
        out.errorFrame = startAt;
        return out;
    }
    if (prime) {
        if (!capture.read(frame) || frame.empty()) {
            out.error = QStringLiteral("cannot decode frame %1 before the segment").arg(startAt);
            out.errorFrame = startAt;
            return out;
        }
        analyzer.prime(frame);
    }
    while (task.frameCount < 0 || out.frames < task.frameCount) {
        if (!capture.read(frame) || frame.empty())
            break;
        analyzer.addFrame(frame);
        ++out.frames;
        reporter.frameDone(out.frames, frame);
    }
    if (out.frames == 0) {
        out.error = task.firstFrame > 0 ? QStringLiteral("no frames could be decoded from frame %1 on").arg(task.firstFrame)
                                        : QStringLiteral("no frames could be decoded (empty, truncated or corrupt video)");
        out.errorFrame = task.firstFrame;
    } else if (task.frameCount >= 0 && out.frames < task.frameCount) {
        out.warnings << QStringLiteral("decoding stopped at frame %1 of %2 (truncated or corrupt)")
                            .arg(task.firstFrame + out.frames).arg(task.firstFrame + task.frameCount);
    } else if (task.frameCount < 0 && task.frameEstimate > 0 && out.frames < task.frameEstimate) {
        out.warnings << QStringLiteral("decoded %1 frames; the file claims %2 (truncated, corrupt, or a wrong header)")
                            .arg(task.firstFrame + out.frames).arg(task.firstFrame + task.frameEstimate);
    }
    return out;
}

Outcome analyseImages(const protocol::Task &task, FrameAnalyzer &analyzer, Reporter &reporter)
{
    Outcome out;
    cv::Mat image;
    if (!task.primingImage.isEmpty()) {
        image = cv::imread(task.primingImage.toStdString(), cv::IMREAD_COLOR);
        if (!image.empty())
            analyzer.prime(image);
    }
    for (const QString &path : task.images) {
        image = cv::imread(path.toStdString(), cv::IMREAD_COLOR);
        if (image.empty()) {
            const QFileInfo fi(path);
            const QString why = !fi.exists() ? QStringLiteral("missing")
                              : !fi.isReadable() ? QStringLiteral("not readable")
                              : fi.size() == 0 ? QStringLiteral("empty file")
                              : QStringLiteral("cannot decode (truncated, corrupt, not an image, or over OpenCV's pixel limit)");
            out.warnings << QStringLiteral("%1: %2").arg(fi.fileName(), why);
            if (task.images.size() == 1)
                out.error = QStringLiteral("image %1").arg(why);
            continue;
        }
        analyzer.beginImage(path);
        analyzer.addFrame(image);
        ++out.frames;
        reporter.frameDone(out.frames, image);
    }
    if (out.frames == 0 && out.error.isEmpty())
        out.error = QStringLiteral("none of the %1 images could be decoded (%2)").arg(task.images.size()).arg(out.warnings.value(0));
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

void WorkerSession::runTask(const protocol::Task &task)
{
    try {
        if (task.probeOnly) {
            const StreamInfo info = probeVideo(task.path);
            if (!info.ok()) {
                m_sink(protocol::Error{task.id, -1, info.error});
                return;
            }
            QJsonArray keyframes;
            for (qint64 k : info.keyframes)
                keyframes << k;
            m_sink(protocol::Result{task.id, 0,
                                    QJsonObject{{QStringLiteral("frames"), info.frameEstimate},
                                                {QStringLiteral("width"), info.width},
                                                {QStringLiteral("height"), info.height},
                                                {QStringLiteral("fps"), info.fps},
                                                {QStringLiteral("keyframes"), keyframes}},
                                    {}});
            return;
        }

        const auto analyzer = createAnalyzer(task.analysis);
        Reporter reporter(task, m_settings, m_sink, *analyzer);
        const Outcome outcome = task.kind == StreamKind::Video ? analyseVideo(task, *analyzer, reporter)
                                                               : analyseImages(task, *analyzer, reporter);
        if (!outcome.error.isEmpty()) {
            m_sink(protocol::Error{task.id, outcome.errorFrame, outcome.error});
            return;
        }
        m_sink(protocol::Progress{task.id, outcome.frames, outcome.frames});
        QJsonObject result = analyzer->result();
        if (!outcome.warnings.isEmpty())
            result[QStringLiteral("warnings")] = QJsonArray::fromStringList(outcome.warnings);
        QJsonObject state;
        if (task.wantState) {
            state = analyzer->state();
            if (!outcome.warnings.isEmpty())
                state[QStringLiteral("warnings")] = QJsonArray::fromStringList(outcome.warnings);
        }
        m_sink(protocol::Result{task.id, outcome.frames, result, state});
    } catch (const cv::Exception &e) {
        m_sink(protocol::Error{task.id, -1, QStringLiteral("OpenCV error: %1").arg(QString::fromStdString(e.err))});
    } catch (const std::bad_alloc &) {
        m_sink(protocol::Error{task.id, -1, QStringLiteral("out of memory (the worker's memory limit was reached)")});
    } catch (const std::exception &e) {
        m_sink(protocol::Error{task.id, -1, QStringLiteral("worker error: %1").arg(QString::fromLocal8Bit(e.what()))});
    }
}

int WorkerSession::serve(std::istream &in)
{
    m_sink(protocol::Hello{protocol::Version, qint64(::getpid()), QSysInfo::machineHostName(), m_settings.threads});
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty())
            continue;
        const protocol::Decoded decoded = protocol::decode(QByteArrayView(line.data(), qsizetype(line.size())));
        if (!decoded.message) {
            std::fprintf(stderr, "framepool-worker: ignoring a line from the engine: %s\n", qPrintable(decoded.error));
            continue;
        }
        if (std::holds_alternative<protocol::Quit>(*decoded.message))
            return 0;
        if (const auto *task = std::get_if<protocol::Task>(&*decoded.message))
            runTask(*task);
        else
            std::fprintf(stderr, "framepool-worker: ignoring a message that is not a task\n");
    }
    return 0;
}

} // namespace fp
