#include "framehelpers.h"

#include "gray.h"

#include <QJsonArray>

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <limits>

namespace fp::analyses {

namespace {
const QString kAnalysisKey = QStringLiteral("analysis");
const QString kErrorKey = QStringLiteral("error");
} // namespace

bool isUsableFrame(const cv::Mat &frame)
{
    const int channels = frame.channels();
    return !frame.empty() && frame.depth() == CV_8U && (channels == 1 || channels == 3 || channels == 4);
}

cv::Mat bgrView(const cv::Mat &frame, cv::Mat &buffer)
{
    if (frame.channels() == 3)
        return frame;
    cv::cvtColor(frame, buffer, frame.channels() == 1 ? cv::COLOR_GRAY2BGR : cv::COLOR_BGRA2BGR);
    return buffer;
}

void toGray(const cv::Mat &frame, cv::Mat &gray)
{
    switch (frame.channels()) {
    case 1:
        frame.copyTo(gray);
        break;
    case 3:
        bgrToGray(frame, gray);
        break;
    default:
        cv::cvtColor(frame, gray, cv::COLOR_BGRA2GRAY);
        break;
    }
}

QString hexColor(quint32 rgb)
{
    return QStringLiteral("#%1").arg(rgb & 0xFFFFFFu, 6, 16, QLatin1Char('0'));
}

void insertColor(QJsonObject &object, quint32 rgb)
{
    object.insert(QStringLiteral("rgb"),
                  QJsonArray{int((rgb >> 16) & 0xFF), int((rgb >> 8) & 0xFF), int(rgb & 0xFF)});
    object.insert(QStringLiteral("hex"), hexColor(rgb));
}

double percentOf(quint64 part, quint64 whole)
{
    return whole > 0 ? 100.0 * double(part) / double(whole) : 0.0;
}

QJsonValue countValue(quint64 count)
{
    return QJsonValue(qint64(std::min<quint64>(count, quint64(std::numeric_limits<qint64>::max()))));
}

std::optional<quint64> countFrom(const QJsonValue &value)
{
    const qint64 count = value.toInteger(-1);
    if (count < 0)
        return std::nullopt;
    return quint64(count);
}

QJsonObject errorObject(const QString &why)
{
    return {{kErrorKey, why}};
}

QJsonObject stateHeader(const QString &analysis)
{
    return {{kAnalysisKey, analysis}};
}

QString stateError(const QString &analysis, const QJsonObject &state)
{
    if (state.contains(kErrorKey))
        return state.value(kErrorKey).toString(QStringLiteral("invalid state"));
    if (state.value(kAnalysisKey).toString() != analysis)
        return QStringLiteral("state is not a %1 state").arg(analysis);
    return {};
}

} // namespace fp::analyses
