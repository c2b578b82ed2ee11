#pragma once

// Small pieces every built-in analysis uses: frame checks and conversions, JSON counts and
// colours, and the header that names a state's analysis.

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <opencv2/core.hpp>

#include <optional>

namespace fp::analyses {

// Frames the analyses accept: 8-bit gray, BGR or BGRA (decoders normally deliver BGR).
[[nodiscard]] bool isUsableFrame(const cv::Mat &frame);
// `frame` as 8-bit BGR: the frame itself when it already is, else converted into `buffer`.
[[nodiscard]] cv::Mat bgrView(const cv::Mat &frame, cv::Mat &buffer);
// The 8-bit gray version of a usable frame in `gray`, reusing its buffer. Always a copy, never
// an alias of `frame`, so analyzers may keep it after the decoder reuses `frame`.
void toGray(const cv::Mat &frame, cv::Mat &gray);

// "#rrggbb" for 0xRRGGBB.
[[nodiscard]] QString hexColor(quint32 rgb);
// Adds "rgb": [r, g, b] and "hex": "#rrggbb".
void insertColor(QJsonObject &object, quint32 rgb);
[[nodiscard]] double percentOf(quint64 part, quint64 whole);
// A JSON integer for a count. Counts stay far below 2^53, so they survive JSON text intact.
[[nodiscard]] QJsonValue countValue(quint64 count);
// A non-negative JSON integer, or nothing.
[[nodiscard]] std::optional<quint64> countFrom(const QJsonValue &value);

[[nodiscard]] QJsonObject errorObject(const QString &why);
// Every state names its analysis, so a state handed to the wrong merge is caught.
[[nodiscard]] QJsonObject stateHeader(const QString &analysis);
// Why `state` is not a usable state of `analysis`, or empty.
[[nodiscard]] QString stateError(const QString &analysis, const QJsonObject &state);

} // namespace fp::analyses
