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
// Anything else comes back with a specific error.
[[nodiscard]] StreamInfo listStream(const QString &path, bool recursive);

// What a file's first bytes say it is, for messages about files that do not decode: "a PNG
// image", "an AVI video", "plain text"; empty when they match nothing known. Reads 64 bytes.
[[nodiscard]] QString contentKind(const QString &path);

} // namespace fp
