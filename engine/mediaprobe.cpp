#include "mediaprobe.h"

#include <QCollator>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <cerrno>

#include <sys/stat.h>

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

// Why a path whose target cannot be reached is a dead end: QFileInfo cannot tell a loop
// ("a" -> "a") from a link to nothing, and the user fixes them differently.
QString unreachableLinkError(const QFileInfo &fi)
{
    struct stat st;
    if (::stat(QFile::encodeName(fi.filePath()).constData(), &st) != 0 && errno == ELOOP)
        return QStringLiteral("symbolic link loop (the link leads back to itself)");
    return QStringLiteral("broken symbolic link (its target %1 does not exist)").arg(fi.symLinkTarget());
}

bool startsWith(const QByteArray &head, qsizetype at, const char *magic, qsizetype size)
{
    return head.size() >= at + size && head.mid(at, size) == QByteArray::fromRawData(magic, size);
}

// Text: valid UTF-8 without control characters other than tab, CR, LF and form feed.
bool looksLikeText(const QByteArray &head)
{
    if (head.isEmpty())
        return false;
    for (const char c : head) {
        const auto u = uchar(c);
        if (u < 0x20 && u != '\t' && u != '\n' && u != '\r' && u != '\f')
            return false;
        if (u == 0x7f)
            return false;
    }
    // The 64-byte window may cut a multi-byte character short at its end.
    for (qsizetype cut = 0; cut < 4 && cut < head.size(); ++cut) {
        if (QByteArrayView(head).chopped(cut).isValidUtf8())
            return true;
    }
    return false;
}

} // namespace

QString contentKind(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QByteArray head = file.read(64);
    struct Magic { qsizetype at; const char *bytes; qsizetype size; const char *kind; };
    static const Magic magics[] = {
        {0, "\x89PNG\r\n\x1a\n", 8, "a PNG image"},
        {0, "\xff\xd8\xff", 3, "a JPEG image"},
        {0, "GIF8", 4, "a GIF image"},
        {0, "BM", 2, "a BMP image"},
        {0, "II*\0", 4, "a TIFF image"},
        {0, "MM\0*", 4, "a TIFF image"},
        {8, "WEBP", 4, "a WebP image"},
        {8, "AVI ", 4, "an AVI video"},
        {8, "WAVE", 4, "a WAV sound file"},
        {4, "ftyp", 4, "an MP4/QuickTime video"},
        {0, "\x1a\x45\xdf\xa3", 4, "a Matroska/WebM video"},
        {0, "OggS", 4, "an Ogg file"},
        {0, "FLV", 3, "an FLV video"},
        {0, "\x00\x00\x01\xba", 4, "an MPEG video"},
        {0, "\x30\x26\xb2\x75", 4, "an ASF/WMV video"},
        {0, "YUV4MPEG2", 9, "a Y4M video"},
        {0, "%PDF", 4, "a PDF document"},
        {0, "PK\x03\x04", 4, "a ZIP archive"},
    };
    const bool text = looksLikeText(head);
    for (const Magic &m : magics) {
        // Two bytes ("BM") are too weak a signature to call a text file an image.
        if (startsWith(head, m.at, m.bytes, m.size) && !(m.size <= 2 && text))
            return QString::fromLatin1(m.kind);
    }
    return text ? QStringLiteral("plain text") : QString();
}

StreamInfo listStream(const QString &path, bool recursive)
{
    StreamInfo info;
    info.path = path;
    const QFileInfo fi(path);
    // Named for what it would have been, so a failed image shows as an image.
    info.kind = hasImageSuffix(path) ? StreamKind::Images : StreamKind::Video;
    if (path.isEmpty())
        return failed(info, QStringLiteral("empty path"));
    if (!fi.exists()) {
        if (fi.isSymLink())
            return failed(info, unreachableLinkError(fi));
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

} // namespace fp
