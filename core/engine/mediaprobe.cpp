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

// Enough for every signature below, including a transport stream's second sync byte.
constexpr qint64 kSniffBytes = 192;

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

namespace {

// A file's first bytes, matched against the signatures of the formats FramePool meets.
struct Sniffed
{
    MediaClass media = MediaClass::Unknown;
    QString kind; // "a PNG image"; empty when nothing matched
};

QByteArray readHead(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.read(kSniffBytes) : QByteArray();
}

// Ogg holds sound as often as video: the first page names the codec of the first stream.
Sniffed sniffOgg(const QByteArray &head)
{
    if (head.contains("\x80theora"))
        return {MediaClass::Video, QStringLiteral("an Ogg Theora video")};
    if (head.contains("\x01vorbis") || head.contains("OpusHead") || head.contains("\x7f""FLAC"))
        return {MediaClass::Other, QStringLiteral("an Ogg sound file")};
    // A damaged first page (or a codec we do not know by name): the demuxer decides.
    return {MediaClass::Video, QStringLiteral("an Ogg video")};
}

Sniffed sniff(const QByteArray &head)
{
    struct Magic { qsizetype at; const char *bytes; qsizetype size; MediaClass media; const char *kind; };
    static const Magic magics[] = {
        {0, "\x89PNG\r\n\x1a\n", 8, MediaClass::Image, "a PNG image"},
        {0, "\xff\xd8\xff", 3, MediaClass::Image, "a JPEG image"},
        {0, "GIF8", 4, MediaClass::Image, "a GIF image"},
        {0, "BM", 2, MediaClass::Image, "a BMP image"},
        {0, "II*\0", 4, MediaClass::Image, "a TIFF image"},
        {0, "MM\0*", 4, MediaClass::Image, "a TIFF image"},
        {8, "WEBP", 4, MediaClass::Image, "a WebP image"},
        {0, "\0\0\0\x0cjP  ", 8, MediaClass::Image, "a JPEG 2000 image"},
        {0, "\x76\x2f\x31\x01", 4, MediaClass::Image, "an OpenEXR image"},
        {0, "#?RADIANCE", 10, MediaClass::Image, "a Radiance HDR image"},
        {8, "AVI ", 4, MediaClass::Video, "an AVI video"},
        {8, "WAVE", 4, MediaClass::Other, "a WAV sound file"},
        {4, "ftyp", 4, MediaClass::Video, "an MP4/QuickTime video"},
        {4, "moov", 4, MediaClass::Video, "a QuickTime video"},
        {4, "mdat", 4, MediaClass::Video, "a QuickTime video"},
        {0, "\x1a\x45\xdf\xa3", 4, MediaClass::Video, "a Matroska/WebM video"},
        {0, "FLV", 3, MediaClass::Video, "an FLV video"},
        {0, "\x00\x00\x01\xba", 4, MediaClass::Video, "an MPEG video"},
        {0, "\x00\x00\x01\xb3", 4, MediaClass::Video, "an MPEG video"},
        {0, "\x47", 1, MediaClass::Unknown, nullptr}, // MPEG-TS: checked below, one byte is too weak
        {0, "\x30\x26\xb2\x75", 4, MediaClass::Video, "an ASF/WMV video"},
        {0, "YUV4MPEG2", 9, MediaClass::Video, "a Y4M video"},
        {0, "ID3", 3, MediaClass::Other, "an MP3 sound file"},
        {0, "fLaC", 4, MediaClass::Other, "a FLAC sound file"},
        {0, "%PDF", 4, MediaClass::Other, "a PDF document"},
        {0, "PK\x03\x04", 4, MediaClass::Other, "a ZIP archive"},
        {0, "\x7f""ELF", 4, MediaClass::Other, "a program (ELF executable)"},
        {0, "\x1f\x8b", 2, MediaClass::Other, "a gzip archive"},
        {0, "7z\xbc\xaf\x27\x1c", 6, MediaClass::Other, "a 7-Zip archive"},
        {0, "SQLite format 3", 15, MediaClass::Other, "an SQLite database"},
    };
    if (startsWith(head, 0, "OggS", 4))
        return sniffOgg(head);
    // MPEG transport streams: a sync byte every 188 bytes.
    if (head.size() > 188 && head[0] == 0x47 && head[188] == 0x47)
        return {MediaClass::Video, QStringLiteral("an MPEG transport stream video")};
    const bool text = looksLikeText(head.left(64));
    for (const Magic &m : magics) {
        // Two bytes ("BM") are too weak a signature to call a text file an image.
        if (m.kind && startsWith(head, m.at, m.bytes, m.size) && !(m.size <= 2 && text))
            return {m.media, QString::fromLatin1(m.kind)};
    }
    // Netpbm: "P1".."P7" and whitespace, text-like by design.
    if (head.size() >= 3 && head[0] == 'P' && head[1] >= '1' && head[1] <= '7' && QByteArrayView(" \t\r\n").contains(head[2]))
        return {MediaClass::Image, QStringLiteral("a Netpbm image")};
    if (text) {
        if (head.trimmed().startsWith('<'))
            return {MediaClass::Other, QStringLiteral("an HTML or XML document")};
        if (head.trimmed().startsWith('{') || head.trimmed().startsWith('['))
            return {MediaClass::Other, QStringLiteral("JSON or other plain text")};
        return {MediaClass::Other, QStringLiteral("plain text")};
    }
    return {};
}

} // namespace

QString contentKind(const QString &path)
{
    return sniff(readHead(path)).kind;
}

MediaClass mediaClass(const QString &path, QString *kind)
{
    const Sniffed sniffed = sniff(readHead(path));
    if (kind)
        *kind = sniffed.kind;
    return sniffed.media;
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
            if (isImageFile(file)) {
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
        // Sizes stay unknown (0): decoding in the engine's process to learn them is exactly
        // what process isolation is meant to avoid. The cost estimate weighs the bytes.
        info.bytes = bytes;
        return info;
    }

    if (!fi.isFile())
        return failed(info, QStringLiteral("not a regular file"));
    if (fi.size() == 0)
        return failed(info, QStringLiteral("empty file (0 bytes)"));
    // The content decides; the name only where the content says nothing we know (damaged
    // headers, formats without a signature), and then the worker's probe has the last word.
    QString kind;
    const MediaClass media = mediaClass(path, &kind);
    if (media == MediaClass::Other)
        return failed(info, QStringLiteral("%1, not a video or image").arg(kind));
    if (media == MediaClass::Image || (media == MediaClass::Unknown && hasImageSuffix(path))) {
        info.kind = StreamKind::Images;
        info.images << fi.absoluteFilePath();
        info.frameEstimate = 1;
        info.bytes = fi.size();
        return info;
    }
    info.kind = StreamKind::Video;
    info.bytes = fi.size();
    return info;
}

bool isImageFile(const QString &path)
{
    // The name first: a folder of thousands of .png files is listed without opening one.
    if (hasImageSuffix(path))
        return true;
    return !hasVideoSuffix(path) && mediaClass(path) == MediaClass::Image;
}

} // namespace fp
