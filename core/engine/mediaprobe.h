#pragma once

#include "runtypes.h"

#include <QString>
#include <QStringList>

namespace fp {

// File-name suffixes (lower case, no dot) FramePool treats as videos and as images.
[[nodiscard]] const QStringList &videoSuffixes();
[[nodiscard]] const QStringList &imageSuffixes();
[[nodiscard]] bool hasVideoSuffix(const QString &path);
[[nodiscard]] bool hasImageSuffix(const QString &path);

// Classifies a path and lists an image set's images, without decoding anything, so it is safe
// to call in the engine's process: a folder becomes an image set (images sorted by name,
// subfolders only when `recursive`, symlinked folders are not followed), an image file a set
// of one, a video file a video (its frame count comes from probeVideo, run in a worker).
// A file is judged by its content (mediaClass), not its name; a file that is not media comes
// back with an error saying what it is.
[[nodiscard]] StreamInfo listStream(const QString &path, bool recursive);

// What a file's first bytes say it is, for messages about files that do not decode: "a PNG
// image", "an AVI video", "plain text"; empty when they match nothing known. Reads 192 bytes.
[[nodiscard]] QString contentKind(const QString &path);

// What a file's first bytes make it: a video or an image (whatever its name), something else
// (a PDF, text: `kind` says what), or Unknown (no signature matched: damaged or unusual media,
// which the worker's probe judges).
enum class MediaClass { Video, Image, Other, Unknown };
[[nodiscard]] MediaClass mediaClass(const QString &path, QString *kind = nullptr);

// Whether a file in a folder belongs to its image set: an image suffix, or, for a file with
// neither an image nor a video suffix, image content (so extension-less images count).
[[nodiscard]] bool isImageFile(const QString &path);

} // namespace fp
