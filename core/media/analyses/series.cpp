#include "series.h"

#include "framehelpers.h"

#include <QJsonArray>

namespace fp::analyses {

namespace {

const QString kSeriesKey = QStringLiteral("series");

// Appends the state's series to `series`; returns why the state is unusable, or nothing.
QString appendSeries(const QString &analysis, const QJsonObject &state, std::vector<double> &series)
{
    if (QString error = stateError(analysis, state); !error.isEmpty())
        return error;
    const QJsonValue values = state.value(kSeriesKey);
    if (!values.isArray())
        return QStringLiteral("state has no series");
    for (const QJsonValue &value : values.toArray()) {
        if (!value.isDouble())
            return QStringLiteral("series holds a non-number");
        series.push_back(value.toDouble());
    }
    return {};
}

} // namespace

void SeriesAnalyzer::addFrame(const cv::Mat &frame)
{
    if (!isUsableFrame(frame))
        return;
    ++m_frames;
    if (const std::optional<double> value = measure(frame))
        m_series.push_back(*value);
}

QJsonObject SeriesAnalyzer::result() const
{
    return SeriesAnalysis::seriesResult(m_unit, m_series);
}

QJsonObject SeriesAnalyzer::state() const
{
    QJsonObject state = stateHeader(m_analysis);
    QJsonArray values;
    for (const double value : m_series)
        values.append(value);
    state.insert(kSeriesKey, values);
    return state;
}

std::optional<double> GraySeriesAnalyzer::measure(const cv::Mat &frame)
{
    // A gray frame is measured as it is: its buffer is the decoder's, which decodes into
    // another one while an analysis holds it.
    if (frame.channels() == 1)
        m_gray = frame;
    else
        toGray(frame, m_gray);
    return measureGray(m_gray);
}

QJsonObject SeriesAnalysis::seriesResult(SeriesOf unit, const std::vector<double> &series)
{
    double sum = 0;
    double min = 0;
    double max = 0;
    qint64 maxIndex = -1;
    QJsonArray values;
    for (std::size_t i = 0; i < series.size(); ++i) {
        const double value = series[i];
        sum += value;
        if (i == 0 || value < min)
            min = value;
        if (i == 0 || value > max) {
            max = value;
            maxIndex = qint64(i);
        }
        values.append(value);
    }
    const double mean = series.empty() ? 0.0 : sum / double(series.size());
    const qint64 count = qint64(series.size());

    if (unit == SeriesOf::Pairs) {
        return {{QStringLiteral("mean"), mean},
                {QStringLiteral("max"), max},
                {QStringLiteral("max_pair"), maxIndex},
                {kSeriesKey, values},
                {QStringLiteral("pairs"), count}};
    }
    return {{QStringLiteral("mean"), mean},
            {QStringLiteral("min"), min},
            {QStringLiteral("max"), max},
            {kSeriesKey, values},
            {QStringLiteral("frames"), count}};
}

QJsonObject SeriesAnalysis::merge(const QList<QJsonObject> &states, const QJsonObject &) const
{
    // Each piece's series already starts with the pair across the boundary before it
    // (pairwise analyses are primed), so the stream's series is the pieces' series in order.
    const QString analysis = info().name;
    std::vector<double> series;
    for (const QJsonObject &state : states) {
        if (const QString error = appendSeries(analysis, state, series); !error.isEmpty())
            return errorObject(error);
    }
    return seriesResult(m_unit, series);
}

ResultSummary SeriesAnalysis::summarize(const QJsonObject &result) const
{
    const auto number = [&result](const char *key, int decimals) {
        return QString::number(result.value(QLatin1String(key)).toDouble(), 'f', decimals);
    };
    ResultSummary summary;
    summary.text = m_unit == SeriesOf::Pairs
        ? QStringLiteral("mean %1, max %2 at pair %3").arg(number("mean", 4), number("max", 4))
              .arg(result.value(QLatin1String("max_pair")).toInteger())
        : QStringLiteral("mean %1, min %2, max %3").arg(number("mean", 2), number("min", 2), number("max", 2));
    QList<double> values;
    for (const QJsonValue &value : result.value(kSeriesKey).toArray())
        values << value.toDouble();
    summary.trend = ResultSummary::trendOf(values);
    return summary;
}

} // namespace fp::analyses
