#include "mediaprobe.h"

#include <QCollator>
#include <QDir>
#include <QDirIterator>
#include <QFileInfo>

#include <opencv2/videoio.hpp>

#include <algorithm>
#include <cmath>

namespace fp {

const QStringList &videoSuffixes()
{
    static const QStringList suffixes{
        QStringLiteral("avi"), QStringLiteral("mp4"), QStringLiteral("m4v"), QStringLiteral("mkv"),
        QStringLiteral("mov"), QStringLiteral("webm"), QStringLiteral("mpg"), QStringLiteral("mpeg"),
        QStringLiteral("ogv"), QStringLiteral("wmv"), QStringLiteral("flv"), QStringLiteral("ts"),
        QStringLiteral("mts"), QStringLiteral("3gp"), QStringLiteral("y4m")};
    return suffixes;
}

const QStringList &imageSuffixes()
{
    static const QStringList suffixes{
        QStringLiteral("png"), QStringLiteral("jpg"), QStringLiteral("jpeg"), QStringLiteral("bmp"),
        QStringLiteral("tif"), QStringLiteral("tiff"), QStringLiteral("webp"), QStringLiteral("ppm"),
        QStringLiteral("pgm"), QStringLiteral("pbm"), QStringLiteral("pnm"), QStringLiteral("jp2"),
        QStringLiteral("exr"), QStringLiteral("hdr"), QStringLiteral("pic")};
    return suffixes;
}

bool hasVideoSuffix(const QString &path)
{
    return videoSuffixes().contains(QFileInfo(path).suffix().toLower());
}

bool hasImageSuffix(const QString &path)
{
    return imageSuffixes().contains(QFileInfo(path).suffix().toLower());
}

namespace {

StreamInfo failed(StreamInfo info, const QString &error)
{
    info.error = error;
    return info;
}

// Compressed image bytes stand in for pixels in the cost estimate: decoding in the engine's
// process to learn sizes is exactly what process isolation is meant to avoid.
constexpr double kPixelsPerImageByte = 4.0;

} // namespace

StreamInfo listStream(const QString &path, bool recursive)
{
    StreamInfo info;
    info.path = path;
    const QFileInfo fi(path);
    if (path.isEmpty())
        return failed(info, QStringLiteral("empty path"));
    if (!fi.exists()) {
        if (fi.isSymLink())
            return failed(info, QStringLiteral("broken symbolic link"));
        return failed(info, QStringLiteral("no such file or folder"));
    }
    if (!fi.isReadable())
        return failed(info, QStringLiteral("permission denied: not readable"));

    if (fi.isDir()) {
        info.kind = StreamKind::Images;
        QDirIterator::IteratorFlags flags = recursive ? QDirIterator::Subdirectories : QDirIterator::NoIteratorFlags;
        // Files only, and symlinked folders are not followed: a symlink loop cannot trap us.
        QDirIterator it(path, QDir::Files | QDir::Readable | QDir::Hidden, flags);
        qint64 bytes = 0;
        while (it.hasNext()) {
            const QString file = it.next();
            if (hasImageSuffix(file)) {
                info.images << QFileInfo(file).absoluteFilePath();
                bytes += it.fileInfo().size();
            }
        }
        if (info.images.isEmpty()) {
            return failed(info, recursive ? QStringLiteral("folder has no images (looked for %1, including subfolders)").arg(imageSuffixes().join(QStringLiteral(", ")))
                                          : QStringLiteral("folder has no images (looked for %1; --recursive includes subfolders)").arg(imageSuffixes().join(QStringLiteral(", "))));
        }
        // "Sorted by name" the way a person sorts: img2 before img10.
        QCollator collator;
        collator.setNumericMode(true);
        std::sort(info.images.begin(), info.images.end(),
                  [&collator](const QString &a, const QString &b) { return collator.compare(a, b) < 0; });
        info.frameEstimate = info.images.size();
        const double pixelsPerImage = std::max(1.0, bytes * kPixelsPerImageByte / info.images.size());
        info.width = int(std::min(std::sqrt(pixelsPerImage), 1.0e5));
        info.height = info.width;
        return info;
    }

    if (!fi.isFile())
        return failed(info, QStringLiteral("not a regular file"));
    if (fi.size() == 0)
        return failed(info, QStringLiteral("empty file (0 bytes)"));
    if (hasImageSuffix(path)) {
        info.kind = StreamKind::Images;
        info.images << fi.absoluteFilePath();
        info.frameEstimate = 1;
        info.width = int(std::sqrt(std::max(1.0, fi.size() * kPixelsPerImageByte)));
        info.height = info.width;
        return info;
    }
    if (hasVideoSuffix(path)) {
        info.kind = StreamKind::Video;
        return info;
    }
    return failed(info, QStringLiteral("unsupported file type \"%1\" (videos: %2; images: %3)")
                            .arg(fi.suffix().isEmpty() ? QStringLiteral("(no extension)") : fi.suffix(),
                                 videoSuffixes().join(QLatin1Char(' ')), imageSuffixes().join(QLatin1Char(' '))));
}

namespace {

// Demuxes the whole stream without decoding (OpenCV's raw mode) to find the keyframes, where
// a video can be cut into segments that workers seek to cheaply and exactly, and the packet
// count, a better progress total than many headers. Costs a read of the file, not a decode.
void scanPackets(const QString &path, StreamInfo &info)
{
    constexpr qsizetype kMaxKeyframes = 100000;
    cv::VideoCapture raw;
    if (!raw.open(path.toStdString(), cv::CAP_FFMPEG, {cv::CAP_PROP_FORMAT, -1}) || !raw.isOpened())
        return;
    cv::Mat packet;
    qint64 packets = 0;
    while (raw.grab()) {
        if (raw.get(cv::CAP_PROP_LRF_HAS_KEY_FRAME) != 0 && info.keyframes.size() < kMaxKeyframes)
            info.keyframes << packets;
        ++packets;
    }
    if (packets > 0)
        info.frameEstimate = packets;
}

} // namespace

StreamInfo probeVideo(const QString &path)
{
    StreamInfo info;
    info.path = path;
    info.kind = StreamKind::Video;
    cv::VideoCapture capture;
    if (!capture.open(path.toStdString(), cv::CAP_FFMPEG) || !capture.isOpened())
        return failed(info, QStringLiteral("cannot open as a video (not a video, corrupt, or an unsupported codec)"));
    const double frames = capture.get(cv::CAP_PROP_FRAME_COUNT);
    info.frameEstimate = (std::isfinite(frames) && frames > 0 && frames < 1e12) ? qint64(frames) : 0;
    info.width = int(capture.get(cv::CAP_PROP_FRAME_WIDTH));
    info.height = int(capture.get(cv::CAP_PROP_FRAME_HEIGHT));
    const double fps = capture.get(cv::CAP_PROP_FPS);
    info.fps = (std::isfinite(fps) && fps > 0 && fps < 1e6) ? fps : 0;
    if (info.width <= 0 || info.height <= 0)
        return failed(info, QStringLiteral("video has no picture (no video stream or zero size)"));
    scanPackets(path, info);
    return info;
}

} // namespace fp
