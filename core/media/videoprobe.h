#pragma once

#include "runtypes.h"

#include <QString>

namespace fp {

// Kept apart from mediaprobe.h: only the worker decodes, so only the worker links OpenCV's
// videoio, whose dependency tree (FFmpeg, GStreamer, GDAL, ...) costs ~0.1 s at every start.

// Opens a video with OpenCV and reads what its header claims. Runs in the worker: a decoder
// that crashes on a hostile file must take down a worker, not the app.
[[nodiscard]] StreamInfo probeVideo(const QString &path);

} // namespace fp
