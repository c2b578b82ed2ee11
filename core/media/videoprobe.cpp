#include "videoprobe.h"

#include "mediaprobe.h"
#include "videoreader.h"

#include <QFileInfo>
#include <QSysInfo>

#include <cmath>

namespace fp {

namespace {

StreamInfo failed(StreamInfo info, const QString &error)
{
    info.error = error;
    return info;
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
    // The header and the packets, without decoding: opening a stream finds its parameters by
    // decoding its first frames (some 50 ms for a 1080p H.264 clip), which a decoding open
    // would pay again. The task that decodes it finds whether its data decodes.
    VideoReader reader;
    if (!reader.open(path, VideoReader::Mode::Packets)) {
        if (reader.failure() != VideoReader::Failure::NotAVideo)
            return failed(info, reader.error());
        // Say what the file is instead, when its first bytes tell.
        const QString kind = contentKind(path);
        if (kind.endsWith(QLatin1String("video")))
            return failed(info, QStringLiteral("cannot open as a video: the file starts like %1 but is corrupt or truncated").arg(kind));
        if (!kind.isEmpty())
            return failed(info, QStringLiteral("cannot open as a video: the file is %1, not a video").arg(kind));
        return failed(info, QStringLiteral("cannot open as a video: not a format FFmpeg recognises (not a video, or a corrupt one)"));
    }
    const double frames = reader.declaredFrames();
    info.frameEstimate = (std::isfinite(frames) && frames > 0 && frames < 1e12) ? qint64(frames) : 0;
    info.width = reader.width();
    info.height = reader.height();
    const double fps = reader.fps();
    info.fps = (std::isfinite(fps) && fps > 0 && fps < 1e6) ? fps : 0;
    info.codec = reader.codecTag();
    // Demuxes the whole stream to count its packets, a better progress total than many
    // headers, and to find the keyframes where it can be cut into segments that workers seek
    // to exactly. Costs a read of the file, not a decode.
    constexpr qsizetype kMaxKeyframes = 100000;
    const qint64 declared = info.frameEstimate;
    const VideoReader::PacketScan scan = reader.scanPackets(kMaxKeyframes);
    if (scan.packets > 0)
        info.frameEstimate = scan.packets;
    // Where the packets and the header disagree (frames lost to damage, a cut file whose header
    // has the full length), decoding may not give a frame per packet, and a segment would start
    // at another frame than its number says: run it whole.
    if (info.frameEstimate == declared)
        info.keyframes = scan.cuts;
    return info;
}

} // namespace fp
