// Known answers for fp::VideoReader, the workers' decoder: the frames cv::VideoCapture gives
// (OpenCV 4.6, the workers' decoder before it), bit for bit, on several codecs and containers,
// read from the start and after seeking to every keyframe the probe lists as a cut, and the
// frame before each cut that pairwise analyses start from. One deliberate difference: a clip
// whose display matrix turns it a quarter turn comes out as ffmpeg and players show it;
// OpenCV 4.6 turns it the other way (fixed in later OpenCV), upside down.

#include "cpubudget.h"
#include "gray.h"
#include "protocol.h"
#include "videoreader.h"
#include "workersession.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>

#include <vector>

using fp::VideoReader;

Q_DECLARE_METATYPE(VideoReader::Pixels)

namespace {

constexpr int kFrames = 40;

// Runs ffmpeg with `arguments` (after -y and quiet logging); true when it succeeded.
bool ffmpeg(const QStringList &arguments)
{
    QProcess process;
    process.start(QStringLiteral("ffmpeg"), QStringList{QStringLiteral("-nostdin"), QStringLiteral("-loglevel"),
                                                        QStringLiteral("error"), QStringLiteral("-y")}
                                                + arguments);
    return process.waitForFinished(120000) && process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
}

// kFrames frames of FFmpeg's test pattern at `size`, encoded with `codec` (ffmpeg arguments).
bool encodeTestPattern(const QString &path, const QString &size, const QStringList &codec)
{
    return ffmpeg(QStringList{QStringLiteral("-f"), QStringLiteral("lavfi"), QStringLiteral("-i"),
                              QStringLiteral("testsrc2=size=%1:rate=25").arg(size), QStringLiteral("-frames:v"),
                              QString::number(kFrames)}
                  + codec + QStringList{path});
}

// Every frame cv::VideoCapture decodes, deep copies, and their timestamps.
struct Decoded
{
    std::vector<cv::Mat> frames;
    std::vector<double> ms;
};

Decoded decodeWithVideoCapture(const QString &path)
{
    Decoded decoded;
    cv::VideoCapture capture(path.toStdString(), cv::CAP_FFMPEG);
    const int orientation = int(capture.get(cv::CAP_PROP_ORIENTATION_META)) % 360;
    cv::Mat frame;
    while (capture.isOpened() && capture.read(frame) && !frame.empty()) {
        // OpenCV 4.6 turns a quarter-turned clip clockwise where its display matrix says
        // counterclockwise: half a turn from the right way.
        if (orientation == 90 || orientation == 270)
            cv::rotate(frame, frame, cv::ROTATE_180);
        decoded.frames.push_back(frame.clone());
        decoded.ms.push_back(capture.get(cv::CAP_PROP_POS_MSEC));
    }
    return decoded;
}

// What a reader handing out `pixels` should give for VideoCapture's `frame`.
cv::Mat as(VideoReader::Pixels pixels, const cv::Mat &frame)
{
    if (pixels == VideoReader::Pixels::Bgr)
        return frame;
    cv::Mat gray;
    cv::cvtColor(frame, gray, cv::COLOR_BGR2GRAY);
    return gray;
}

bool identical(const cv::Mat &a, const cv::Mat &b)
{
    return a.size() == b.size() && a.type() == b.type() && cv::norm(a, b, cv::NORM_INF) == 0;
}

int threadsOfThisProcess()
{
    return int(QDir(QStringLiteral("/proc/self/task")).entryList(QDir::Dirs | QDir::NoDotAndDotDot).size());
}

} // namespace

class TestVideoReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void sameFramesAsVideoCapture_data() { addClipRows(Both); }
    void sameFramesAsVideoCapture();
    void sameHeaderAsVideoCapture_data() { addClipRows(BgrOnly); }
    void sameHeaderAsVideoCapture();
    void seekingToEachCutGivesTheSameFrames_data() { addClipRows(Both); }
    void seekingToEachCutGivesTheSameFrames();
    void grayStraightFromYuvWhereSwscaleAgrees_data();
    void grayStraightFromYuvWhereSwscaleAgrees();
    void thumbnailsOfAGrayAnalysisAreInColour();
    void turnedAsFfmpegTurnsIt();
    void seekingElsewhereDecodesFromTheStart();
    void seekingPastTheEndFails();
    void cutsLeaveOutKeyframesWithLeadingPictures();
    void keptFramesKeepTheirPixels();
    void unknownCodecIsNamed();
    void notAVideo();
    void decoderThreadsAsAsked_data();
    void decoderThreadsAsAsked();

private:
    enum PixelRows { BgrOnly, Both };
    void addClipRows(PixelRows rows);
    [[nodiscard]] QString clip(const QString &name) const { return m_dir.filePath(name); }

    QTemporaryDir m_dir;
    QStringList m_clips;
};

void TestVideoReader::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // VideoCapture decodes on one thread, as the workers did.
    fp::setReportedProcessorCount(1);
    const QStringList keyEvery10{QStringLiteral("-g"), QStringLiteral("10")};
    struct Make
    {
        QString name;
        QString size; // odd sizes: the decoders' coded size is larger than the picture
        QStringList codec;
    };
    const QList<Make> makes = {
        {QStringLiteral("mpeg4.avi"), QStringLiteral("176x144"), QStringList{"-c:v", "mpeg4", "-q:v", "4"} + keyEvery10},
        {QStringLiteral("msmpeg4.avi"), QStringLiteral("150x100"), QStringList{"-c:v", "msmpeg4"} + keyEvery10},
        {QStringLiteral("h264 b-frames.mp4"), QStringLiteral("200x120"),
         QStringList{"-c:v", "libx264", "-preset", "veryfast", "-bf", "3", "-pix_fmt", "yuv420p"} + keyEvery10},
        {QStringLiteral("h264 b-frames.mkv"), QStringLiteral("200x120"),
         QStringList{"-c:v", "libx264", "-preset", "veryfast", "-bf", "3", "-pix_fmt", "yuv420p"} + keyEvery10},
        {QStringLiteral("mjpeg 422.avi"), QStringLiteral("130x90"),
         QStringList{"-c:v", "mjpeg", "-pix_fmt", "yuvj422p", "-q:v", "3"}},
        {QStringLiteral("mjpeg 420.avi"), QStringLiteral("130x90"), // full range (yuvj420p)
         QStringList{"-c:v", "mjpeg", "-pix_fmt", "yuvj420p", "-q:v", "3"}},
        {QStringLiteral("vp9.mkv"), QStringLiteral("130x90"),
         QStringList{"-c:v", "libvpx-vp9", "-deadline", "realtime", "-cpu-used", "8", "-b:v", "300k"} + keyEvery10},
        {QStringLiteral("hevc open-gop.mp4"), QStringLiteral("200x120"),
         QStringList{"-c:v", "libx265", "-pix_fmt", "yuv420p", "-x265-params",
                     "log-level=error:keyint=10:min-keyint=10:open-gop=1:bframes=3:scenecut=0"}},
    };
    for (const Make &make : makes) {
        QVERIFY2(encodeTestPattern(clip(make.name), make.size, make.codec), qPrintable(make.name));
        m_clips << make.name;
    }
    // A phone's portrait clip: landscape pixels, and a display matrix that turns them.
    QVERIFY(ffmpeg({QStringLiteral("-i"), clip(QStringLiteral("h264 b-frames.mp4")), QStringLiteral("-c"),
                    QStringLiteral("copy"), QStringLiteral("-metadata:s:v:0"), QStringLiteral("rotate=90"),
                    clip(QStringLiteral("h264 rotated.mp4"))}));
    m_clips << QStringLiteral("h264 rotated.mp4");
}

// Gray frames (for the gray analyses) are COLOR_BGR2GRAY of the BGR ones: straight from the
// YUV picture for 4:2:0, through BGR for the rest (MJPEG 4:2:2).
void TestVideoReader::addClipRows(PixelRows rows)
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<VideoReader::Pixels>("pixels");
    for (const QString &name : m_clips) {
        QTest::newRow(qPrintable(name)) << name << VideoReader::Pixels::Bgr;
        if (rows == Both)
            QTest::addRow("%s, gray", qPrintable(name)) << name << VideoReader::Pixels::Gray;
    }
}

void TestVideoReader::sameFramesAsVideoCapture()
{
    QFETCH(QString, name);
    QFETCH(VideoReader::Pixels, pixels);
    const Decoded expected = decodeWithVideoCapture(clip(name));
    QCOMPARE(int(expected.frames.size()), kFrames);
    VideoReader reader;
    QVERIFY2(reader.open(clip(name), VideoReader::Mode::Decode), qPrintable(reader.error()));
    reader.setPixels(pixels);
    cv::Mat frame;
    for (size_t i = 0; i < expected.frames.size(); ++i) {
        QVERIFY2(reader.read(frame), qPrintable(QStringLiteral("frame %1").arg(i)));
        QVERIFY2(identical(frame, as(pixels, expected.frames[i])), qPrintable(QStringLiteral("frame %1 differs").arg(i)));
        if (pixels == VideoReader::Pixels::Gray && i == 0) {
            cv::Mat colour; // a thumbnail's
            QVERIFY(reader.retrieveBgr(colour));
            QVERIFY(identical(colour, expected.frames[i]));
        }
        // VideoCapture says 0 where FFmpeg knows no decoding time (the frames drained at the end).
        if (expected.ms[i] != 0)
            QCOMPARE(reader.frameMs(), expected.ms[i]);
    }
    QVERIFY(!reader.read(frame));
    QVERIFY(!reader.read(frame)); // and stays ended
}

void TestVideoReader::sameHeaderAsVideoCapture()
{
    QFETCH(QString, name);
    cv::VideoCapture capture(clip(name).toStdString(), cv::CAP_FFMPEG);
    QVERIFY(capture.isOpened());
    for (const VideoReader::Mode mode : {VideoReader::Mode::Decode, VideoReader::Mode::Packets}) {
        VideoReader reader;
        QVERIFY2(reader.open(clip(name), mode), qPrintable(reader.error()));
        QCOMPARE(reader.width(), int(capture.get(cv::CAP_PROP_FRAME_WIDTH)));
        QCOMPARE(reader.height(), int(capture.get(cv::CAP_PROP_FRAME_HEIGHT)));
        QCOMPARE(reader.fps(), capture.get(cv::CAP_PROP_FPS));
        QCOMPARE(reader.declaredFrames(), capture.get(cv::CAP_PROP_FRAME_COUNT));
        const auto fourcc = quint32(capture.get(cv::CAP_PROP_FOURCC));
        const QString tag = QString::fromLatin1(reinterpret_cast<const char *>(&fourcc), 4).trimmed();
        // OpenCV 4.6 has no tag for VP9 in Matroska (no tag in the container, a three-letter
        // name); the reader gives the one AVI would (the engine weighs VP9 by it).
        QCOMPARE(reader.codecTag(), fourcc != 0 ? tag : QStringLiteral("VP90"));
    }
}

// Every cut the probe lists, from a fresh reader: the frames from it on, and the one before it.
void TestVideoReader::seekingToEachCutGivesTheSameFrames()
{
    QFETCH(QString, name);
    QFETCH(VideoReader::Pixels, pixels);
    const Decoded expected = decodeWithVideoCapture(clip(name));
    VideoReader probe;
    QVERIFY(probe.open(clip(name), VideoReader::Mode::Packets));
    const VideoReader::PacketScan scan = probe.scanPackets(1000);
    QCOMPARE(scan.packets, qint64(kFrames));
    if (!name.startsWith(QLatin1String("hevc"))) // its keyframes have leading pictures (see below)
        QVERIFY2(scan.cuts.size() >= 3 || name.startsWith(QLatin1String("mjpeg")), "a keyframe every 10 frames");
    if (name.startsWith(QLatin1String("mjpeg")))
        QCOMPARE(scan.cuts.size(), kFrames); // every frame is one
    for (const qint64 cut : scan.cuts) {
        if (cut == 0)
            continue;
        for (const bool withBefore : {false, true}) {
            const QString where = QStringLiteral("cut at %1%2").arg(cut).arg(withBefore ? ", with the frame before" : "");
            VideoReader reader;
            QVERIFY(reader.open(clip(name), VideoReader::Mode::Decode));
            reader.setPixels(pixels);
            cv::Mat before;
            QVERIFY2(reader.seekToFrame(cut, withBefore ? &before : nullptr), qPrintable(where));
            if (withBefore)
                QVERIFY2(identical(before, as(pixels, expected.frames[size_t(cut - 1)])), qPrintable(where + ": frame before"));
            cv::Mat frame;
            for (qint64 i = cut; i < qint64(expected.frames.size()); ++i) {
                QVERIFY2(reader.read(frame), qPrintable(where + QStringLiteral(": frame %1").arg(i)));
                QVERIFY2(identical(frame, as(pixels, expected.frames[size_t(i)])), qPrintable(where + QStringLiteral(": frame %1 differs").arg(i)));
            }
            QVERIFY(!reader.read(frame));
        }
    }
}

void TestVideoReader::grayStraightFromYuvWhereSwscaleAgrees_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<int>("codedWidth");
    QTest::addColumn<int>("codedHeight");
    QTest::addColumn<int>("calibrationRows");
    QTest::addColumn<bool>("straight");
    // 4096 rows: every (Y, U, V), in limited and full range, against swscale here.
    QTest::newRow("yuv420p, every colour") << "yuv420p" << 4096 << 4096 << 4096 << true;
    QTest::newRow("yuvj420p (full range), every colour") << "yuvj420p" << 4096 << 4096 << 4096 << true;
    for (const int width : {150, 176, 768, 854, 1920})
        QTest::addRow("yuv420p, %d wide", width) << "yuv420p" << width << 576 << 64 << true;
    // swscale scales an odd height, with other arithmetic; other layouts go through BGR.
    QTest::newRow("odd coded height") << "yuv420p" << 768 << 575 << 64 << false;
    QTest::newRow("yuv422p") << "yuv422p" << 768 << 576 << 64 << false;
    QTest::newRow("rgb24") << "rgb24" << 768 << 576 << 64 << false;
}

void TestVideoReader::grayStraightFromYuvWhereSwscaleAgrees()
{
    QFETCH(QString, format);
    QFETCH(int, codedWidth);
    QFETCH(int, codedHeight);
    QFETCH(int, calibrationRows);
    QFETCH(bool, straight);
    if (straight && !fp::yuv420GrayAvailable())
        QSKIP("no AVX2 on this processor: gray frames come through BGR");
    QCOMPARE(VideoReader::grayStraightFromYuv(format.toLatin1().constData(), codedWidth, codedHeight, calibrationRows),
             straight);
}

// A worker reading gray for brightness still shows the frames in colour: its first thumbnail
// is, byte for byte, the one a colour analysis's run sends.
void TestVideoReader::thumbnailsOfAGrayAnalysisAreInColour()
{
    const auto firstThumbnail = [this](const QString &analysis) {
        QByteArray jpeg;
        fp::WorkerSession session{fp::WorkerSession::Settings{}, [&jpeg](const fp::protocol::Message &message) {
                                      if (const auto *thumbnail = std::get_if<fp::protocol::Thumbnail>(&message);
                                          thumbnail && jpeg.isEmpty())
                                          jpeg = thumbnail->jpeg;
                                  }};
        fp::protocol::Task task;
        task.id = 1;
        task.analysis = analysis;
        task.kind = fp::StreamKind::Video;
        task.path = clip(QStringLiteral("h264 b-frames.mp4"));
        task.frameEstimate = kFrames;
        task.thumbnailIntervalMs = 1000;
        session.runTask(task);
        return jpeg;
    };
    const QByteArray gray = firstThumbnail(QStringLiteral("brightness"));
    QVERIFY(!gray.isEmpty());
    QCOMPARE(gray, firstThumbnail(QStringLiteral("colorfulness")));
    const cv::Mat pixels = cv::imdecode(cv::Mat(1, int(gray.size()), CV_8UC1, const_cast<char *>(gray.data())), cv::IMREAD_UNCHANGED);
    QCOMPARE(pixels.channels(), 3);
    std::vector<cv::Mat> channels;
    cv::split(pixels, channels);
    QVERIFY(cv::norm(channels[0], channels[2], cv::NORM_INF) > 50); // testsrc2 has saturated colours
}

// The known answer for a turned clip: ffmpeg's own frame, which it turns as the display matrix
// says (its autorotate), to the pixel.
void TestVideoReader::turnedAsFfmpegTurnsIt()
{
    const QString path = clip(QStringLiteral("h264 rotated.mp4"));
    const QString raw = clip(QStringLiteral("rotated frame 0.bgr"));
    QVERIFY(ffmpeg({QStringLiteral("-i"), path, QStringLiteral("-frames:v"), QStringLiteral("1"), QStringLiteral("-pix_fmt"),
                    QStringLiteral("bgr24"), QStringLiteral("-f"), QStringLiteral("rawvideo"), raw}));
    QFile file(raw);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QByteArray pixels = file.readAll();
    VideoReader reader;
    QVERIFY(reader.open(path, VideoReader::Mode::Decode));
    QCOMPARE(reader.width(), 120); // portrait: the 200×120 pixels turned
    QCOMPARE(reader.height(), 200);
    cv::Mat frame;
    QVERIFY(reader.read(frame));
    QCOMPARE(qsizetype(frame.total() * frame.elemSize()), pixels.size());
    QVERIFY(identical(frame, cv::Mat(frame.rows, frame.cols, CV_8UC3, pixels.data())));
}

// Frame 5 is no keyframe: the reader decodes up to it, as the frame numbers count.
void TestVideoReader::seekingElsewhereDecodesFromTheStart()
{
    const QString path = clip(QStringLiteral("h264 b-frames.mp4"));
    const Decoded expected = decodeWithVideoCapture(path);
    for (const qint64 target : {qint64(5), qint64(11), qint64(kFrames - 1)}) {
        VideoReader reader;
        QVERIFY(reader.open(path, VideoReader::Mode::Decode));
        cv::Mat before, frame;
        QVERIFY(reader.seekToFrame(target, &before));
        QVERIFY(identical(before, expected.frames[size_t(target - 1)]));
        QVERIFY(reader.read(frame));
        QVERIFY(identical(frame, expected.frames[size_t(target)]));
    }
}

// Well past the end: more failed reads in a row than damaged data gives (25).
void TestVideoReader::seekingPastTheEndFails()
{
    for (const bool withBefore : {false, true}) {
        VideoReader reader;
        QVERIFY(reader.open(clip(QStringLiteral("vp9.mkv")), VideoReader::Mode::Decode));
        cv::Mat before;
        QVERIFY(!reader.seekToFrame(kFrames + 30, withBefore ? &before : nullptr));
    }
}

// x265's open GOPs: a keyframe's leading pictures come after it but are shown before it, and
// refer to the frames before it. Cutting there would lose them; the probe lists only the clean
// keyframes (here the first, an IDR).
void TestVideoReader::cutsLeaveOutKeyframesWithLeadingPictures()
{
    VideoReader probe;
    QVERIFY(probe.open(clip(QStringLiteral("hevc open-gop.mp4")), VideoReader::Mode::Packets));
    const VideoReader::PacketScan scan = probe.scanPackets(1000);
    QCOMPARE(scan.packets, qint64(kFrames));
    QCOMPARE(scan.cuts, QList<qint64>{0});
}

// An analyzer that keeps a reference to a frame keeps its pixels: the next read decodes
// elsewhere.
void TestVideoReader::keptFramesKeepTheirPixels()
{
    VideoReader reader;
    QVERIFY(reader.open(clip(QStringLiteral("mpeg4.avi")), VideoReader::Mode::Decode));
    cv::Mat frame;
    QVERIFY(reader.read(frame));
    const cv::Mat kept = frame;
    const cv::Mat copy = frame.clone();
    QVERIFY(reader.read(frame));
    QVERIFY(kept.data != frame.data);
    QVERIFY(identical(kept, copy));
    QVERIFY(!identical(frame, copy));
    // Nobody else holds it now: the next frame is decoded into the same buffer again.
    const uchar *const pixels = frame.data;
    QVERIFY(reader.read(frame));
    QCOMPARE(frame.data, pixels);
}

// An AVI whose FourCC names no codec FFmpeg knows: demuxable, not decodable.
void TestVideoReader::unknownCodecIsNamed()
{
    const QString path = clip(QStringLiteral("unknown codec.avi"));
    QFile mpeg4(clip(QStringLiteral("mpeg4.avi")));
    QVERIFY(mpeg4.open(QIODevice::ReadOnly));
    QByteArray bytes = mpeg4.readAll();
    QVERIFY(bytes.contains("FMP4")); // FFmpeg's tag for MPEG-4 part 2, in the stream header and format
    QFile renamed(path);
    QVERIFY(renamed.open(QIODevice::WriteOnly));
    renamed.write(bytes.replace("FMP4", "QQQQ"));
    renamed.close();
    for (const VideoReader::Mode mode : {VideoReader::Mode::Decode, VideoReader::Mode::Packets}) {
        VideoReader reader;
        QVERIFY(!reader.open(path, mode));
        QCOMPARE(reader.failure(), VideoReader::Failure::NoDecoder);
        QCOMPARE(reader.error(), QStringLiteral("no decoder for codec \"QQQQ\": FFmpeg on this machine cannot decode it"));
    }
}

void TestVideoReader::notAVideo()
{
    const QString path = clip(QStringLiteral("notes.mp4"));
    QFile notes(path);
    QVERIFY(notes.open(QIODevice::WriteOnly));
    notes.write("not a video\n");
    notes.close();
    VideoReader reader;
    QVERIFY(!reader.open(path, VideoReader::Mode::Decode));
    QCOMPARE(reader.failure(), VideoReader::Failure::NotAVideo);
    cv::Mat frame;
    QVERIFY(!reader.read(frame));
}

void TestVideoReader::decoderThreadsAsAsked_data()
{
    QTest::addColumn<int>("threads");
    QTest::addColumn<int>("decoderThreads");
    QTest::newRow("one: decodes on the calling thread") << 1 << 0;
    QTest::newRow("two") << 2 << 2;
}

// H.264's decoder runs one frame thread per thread it is given (the worker gives it one).
void TestVideoReader::decoderThreadsAsAsked()
{
    QFETCH(int, threads);
    QFETCH(int, decoderThreads);
    const int before = threadsOfThisProcess();
    VideoReader reader;
    QVERIFY(reader.open(clip(QStringLiteral("h264 b-frames.mp4")), VideoReader::Mode::Decode, threads));
    cv::Mat frame;
    QVERIFY(reader.read(frame));
    QCOMPARE(threadsOfThisProcess() - before, decoderThreads);
}

QTEST_GUILESS_MAIN(TestVideoReader)
#include "tst_videoreader.moc"
