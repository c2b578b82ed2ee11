#pragma once

#include "runtypes.h"

#include <QString>

namespace fp {

// Kept apart from mediaprobe.h: only the worker reads video, so only the worker links FFmpeg.

// Reads what a video's header claims, counts its packets and finds where it can be cut
// (VideoReader::scanPackets). Runs in the worker: a demuxer that crashes on a hostile file
// must take down a worker, not the app.
[[nodiscard]] StreamInfo probeVideo(const QString &path);

} // namespace fp
