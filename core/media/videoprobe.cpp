#include "videoprobe.h"

#include "mediaprobe.h"

#include <QFileInfo>
#include <QSysInfo>

#include <opencv2/videoio.hpp>

#include <cmath>

namespace fp {

namespace {

StreamInfo failed(StreamInfo info, const QString &error)
{
    info.error = error;
    return info;
}

// Demuxes the whole stream without decoding to find the keyframes, where a video can be
// cut into segments that workers seek to cheaply and exactly, and the packet count, a better
// progress total than many headers. Costs a read of the file, not a decode.
void scanPackets(cv::VideoCapture &raw, StreamInfo &info)
{
    constexpr qsizetype kMaxKeyframes = 100000;
    qint64 packets = 0;
    while (raw.grab()) {
        if (raw.get(cv::CAP_PROP_LRF_HAS_KEY_FRAME) != 0 && info.keyframes.size() < kMaxKeyframes)
            info.keyframes << packets;
        ++packets;
    }
    if (packets > 0)
        info.frameEstimate = packets;
}

// The FourCC as text ("avc1"), or empty when the container has none or it is not printable.
QString codecTag(double fourcc)
{
    if (!std::isfinite(fourcc) || fourcc <= 0 || fourcc > 0xFFFFFFFF)
        return {};
    const quint32 code = quint32(fourcc);
    QString tag;
    for (int shift = 0; shift < 32; shift += 8) {
        const char c = char((code >> shift) & 0xFF);
        if (c < 0x20 || c > 0x7E)
            return {};
        tag += QLatin1Char(c);
    }
    return tag.trimmed();
}

} // namespace

StreamInfo probeVideo(const QString &path)
{
    StreamInfo info;
    info.path = path;
    info.kind = StreamKind::Video;
    // The engine listed the path on its own machine; a worker elsewhere (a cluster node) may
    // not see it.
    const QFileInfo file(path);
    if (!file.exists())
        return failed(info, QStringLiteral("not found on worker host %1 (inputs must be on a filesystem the workers share)")
                                .arg(QSysInfo::machineHostName()));
    if (!file.isReadable())
        return failed(info, QStringLiteral("not readable on worker host %1: permission denied").arg(QSysInfo::machineHostName()));
    // One open in OpenCV's raw mode (packets, no decoding) gives both the header and the packets:
    // opening a stream finds its parameters by decoding its first frames (some 50 ms for a
    // 1080p H.264 clip), which a second, decoding open would pay again. Whether the codec can
    // be decoded is then found by the task that decodes it.
    cv::VideoCapture capture;
    if (!capture.open(path.toStdString(), cv::CAP_FFMPEG, {cv::CAP_PROP_FORMAT, -1}) || !capture.isOpened()) {
        // Say what the file is instead, when its first bytes tell.
        const QString kind = contentKind(path);
        if (kind.endsWith(QLatin1String("video")))
            return failed(info, QStringLiteral("cannot open as a video: the file starts like %1 but is corrupt, truncated or uses an unsupported codec").arg(kind));
        if (!kind.isEmpty())
            return failed(info, QStringLiteral("cannot open as a video: the file is %1, not a video").arg(kind));
        return failed(info, QStringLiteral("cannot open as a video: not a format FFmpeg recognises (not a video, or a corrupt one)"));
    }
    const double frames = capture.get(cv::CAP_PROP_FRAME_COUNT);
    info.frameEstimate = (std::isfinite(frames) && frames > 0 && frames < 1e12) ? qint64(frames) : 0;
    info.width = int(capture.get(cv::CAP_PROP_FRAME_WIDTH));
    info.height = int(capture.get(cv::CAP_PROP_FRAME_HEIGHT));
    const double fps = capture.get(cv::CAP_PROP_FPS);
    info.fps = (std::isfinite(fps) && fps > 0 && fps < 1e6) ? fps : 0;
    info.codec = codecTag(capture.get(cv::CAP_PROP_FOURCC));
    if (info.width <= 0 || info.height <= 0)
        return failed(info, QStringLiteral("video has no picture (no video stream or zero size)"));
    const qint64 declared = info.frameEstimate;
    scanPackets(capture, info);
    // Segments are cut at packet numbers, but OpenCV seeks by timestamp. Where the packets and
    // the header disagree (frames lost to damage, a cut file whose header has the full length)
    // the two numberings may part, and a segment would start at the wrong frame: run it whole.
    if (info.frameEstimate != declared)
        info.keyframes.clear();
    return info;
}

} // namespace fp
