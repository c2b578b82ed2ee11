#pragma once

#include <QByteArray>
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

// `bgr` (CV_8UC3) as a baseline JPEG of `quality`, the bytes cv::imencode(".jpg", bgr,
// {IMWRITE_JPEG_QUALITY, quality}) gives, bit for bit, without OpenCV's image codecs: they
// bring some 110 libraries (GDAL among them) that a worker would otherwise load to start, for
// the thumbnails alone. Empty if libjpeg fails.
[[nodiscard]] QByteArray encodeJpeg(const cv::Mat &bgr, int quality);

} // namespace fp
