#pragma once

#include <QString>

namespace cv { class Mat; }

namespace fp {

// Decodes a plain JPEG straight to BGR with libjpeg-turbo, the pixels cv::imread(IMREAD_COLOR)
// gives, bit for bit, in about two thirds of its time: OpenCV 4.6 has libjpeg write RGB and
// swaps every row to BGR in a scalar loop, a third of its JPEG decoding time on photos.
//
// False, with `bgr` left empty, for anything that is not that plain case, so that the caller
// reads it with cv::imread as before and gets OpenCV's own result and errors: not a JPEG, EXIF
// data (imread turns the picture upright by its orientation tag), CMYK, more than
// `maxPixels` pixels (0: no limit), any warning or error from libjpeg (corrupt or truncated
// data, which imread decodes as far as it can).
[[nodiscard]] bool readPlainJpeg(const QString &path, quint64 maxPixels, cv::Mat &bgr);

} // namespace fp
