// palette: the top `colors` colours (default 5) after quantising each channel to `bits` bits
// (default 4), with their shares of all pixels. Ties go to the smaller colour.

#include "analysis.h"
#include "framehelpers.h"

#include <QJsonArray>

#include <algorithm>
#include <limits>
#include <numeric>
#include <vector>

namespace fp::analyses {

namespace {

const QString kName = QStringLiteral("palette");
const QString kColorsKey = QStringLiteral("colors");
const QString kBitsKey = QStringLiteral("bits");
const QString kBinsKey = QStringLiteral("bins");
constexpr int kDefaultColors = 5;
constexpr int kDefaultBits = 4;

// Counts per quantised colour; bin (r << 2·bits) | (g << bits) | b, so smaller bins are
// smaller colours.
struct Bins
{
    int bits;
    std::vector<quint64> counts;

    explicit Bins(int levelBits) : bits(levelBits), counts(std::size_t(1) << (3 * levelBits)) {}

    // The centre of the bin's cube as 0xRRGGBB.
    [[nodiscard]] quint32 color(std::size_t bin) const
    {
        const int drop = 8 - bits;
        const quint32 mask = (1u << bits) - 1;
        const auto centre = [&](std::size_t level) { return quint32((level << drop) | ((1u << drop) >> 1)); };
        return (centre((bin >> (2 * bits)) & mask) << 16) | (centre((bin >> bits) & mask) << 8) | centre(bin & mask);
    }
};

QJsonObject paletteResult(const Bins &bins, int colorCount)
{
    const std::vector<quint64> &counts = bins.counts;
    const quint64 total = std::accumulate(counts.begin(), counts.end(), quint64(0));
    std::vector<std::size_t> order(counts.size());
    std::iota(order.begin(), order.end(), std::size_t(0));
    const auto topEnd = order.begin() + std::min<std::ptrdiff_t>(colorCount, std::ptrdiff_t(order.size()));
    std::partial_sort(order.begin(), topEnd, order.end(), [&counts](std::size_t a, std::size_t b) {
        return counts[a] != counts[b] ? counts[a] > counts[b] : a < b;
    });

    QJsonArray colors;
    for (auto it = order.begin(); it != topEnd && counts[*it] > 0; ++it) {
        const double share = double(counts[*it]) / double(total);
        QJsonObject color;
        insertColor(color, bins.color(*it));
        color.insert(QStringLiteral("share"), share);
        color.insert(QStringLiteral("percent"), 100.0 * share);
        colors.append(color);
    }
    return {{kColorsKey, colors}, {QStringLiteral("pixels"), countValue(total)}};
}

// Adds the state's bins to `bins`; returns why the state is unusable, or nothing.
QString addBins(const QJsonObject &state, Bins &bins)
{
    if (QString error = stateError(kName, state); !error.isEmpty())
        return error;
    const QJsonArray counts = state.value(kBinsKey).toArray();
    if (counts.size() != qsizetype(bins.counts.size()))
        return QStringLiteral("palette state needs %1 bins").arg(bins.counts.size());
    for (qsizetype bin = 0; bin < counts.size(); ++bin) {
        const std::optional<quint64> count = countFrom(counts.at(bin));
        quint64 &sum = bins.counts[std::size_t(bin)];
        if (!count || *count > std::numeric_limits<quint64>::max() - sum)
            return QStringLiteral("palette bin %1 is not a valid count").arg(bin);
        sum += *count;
    }
    return {};
}

class PaletteAnalyzer final : public FrameAnalyzer
{
public:
    PaletteAnalyzer(int colors, int bits) : m_colors(colors), m_bins(bits) {}

    void addFrame(const cv::Mat &frame) override
    {
        if (!isUsableFrame(frame))
            return;
        ++m_frames;
        const cv::Mat bgr = bgrView(frame, m_converted);
        const int bits = m_bins.bits;
        const int drop = 8 - bits;
        quint64 *const counts = m_bins.counts.data();
        for (int y = 0; y < bgr.rows; ++y) {
            const uchar *pixel = bgr.ptr<uchar>(y);
            const uchar *const rowEnd = pixel + 3 * bgr.cols;
            for (; pixel != rowEnd; pixel += 3)
                ++counts[((pixel[2] >> drop) << (2 * bits)) | ((pixel[1] >> drop) << bits) | (pixel[0] >> drop)];
        }
    }

    [[nodiscard]] QJsonObject result() const override { return paletteResult(m_bins, m_colors); }
    [[nodiscard]] QJsonObject state() const override
    {
        QJsonObject state = stateHeader(kName);
        QJsonArray counts;
        for (const quint64 count : m_bins.counts)
            counts.append(countValue(count));
        state.insert(kBinsKey, counts);
        return state;
    }
    [[nodiscard]] qint64 frames() const override { return m_frames; }

private:
    const int m_colors;
    Bins m_bins;
    cv::Mat m_converted; // gray/BGRA input converted to BGR, reused across frames
    qint64 m_frames = 0;
};

class Palette final : public Analysis
{
public:
    AnalysisInfo info() const override
    {
        AnalysisInfo info;
        info.name = kName;
        info.title = QString::fromUtf8(QT_TRANSLATE_NOOP("AnalysisInfo", "Palette"));
        info.description = QString::fromUtf8(QT_TRANSLATE_NOOP("AnalysisInfo", "the most common colours after quantising each channel, with their shares"));
        info.parameters << ParameterSpec{kColorsKey, ParameterSpec::Type::Integer, kDefaultColors, 1, 20,
                                         QString::fromUtf8(QT_TRANSLATE_NOOP("AnalysisInfo", "how many colours to report"))}
                        << ParameterSpec{kBitsKey, ParameterSpec::Type::Integer, kDefaultBits, 1, 6,
                                         QString::fromUtf8(QT_TRANSLATE_NOOP("AnalysisInfo", "bits kept per channel (4: 16 levels each, 4,096 colours)"))};
        return info;
    }

    std::unique_ptr<FrameAnalyzer> createAnalyzer(const QJsonObject &parameters) const override
    {
        return std::make_unique<PaletteAnalyzer>(colors(parameters), bits(parameters));
    }

    QJsonObject merge(const QList<QJsonObject> &states, const QJsonObject &parameters) const override
    {
        Bins bins(bits(parameters));
        for (const QJsonObject &state : states) {
            if (const QString error = addBins(state, bins); !error.isEmpty())
                return errorObject(error);
        }
        return paletteResult(bins, colors(parameters));
    }

    ResultSummary summarize(const QJsonObject &result) const override
    {
        ResultSummary summary;
        QStringList parts;
        for (const QJsonValue &c : result.value(kColorsKey).toArray()) {
            const QString hex = c[QLatin1String("hex")].toString();
            parts << QStringLiteral("%1 %2%").arg(hex).arg(c[QLatin1String("percent")].toDouble(), 0, 'f', 1);
            summary.swatches << ResultSummary::Swatch{hex, c[QLatin1String("share")].toDouble()};
        }
        summary.text = parts.join(QStringLiteral(", "));
        return summary;
    }

private:
    static int colors(const QJsonObject &parameters) { return parameters.value(kColorsKey).toInt(kDefaultColors); }
    static int bits(const QJsonObject &parameters) { return std::clamp(parameters.value(kBitsKey).toInt(kDefaultBits), 1, 6); }
};

} // namespace

const Analysis &paletteAnalysis()
{
    static const Palette analysis;
    return analysis;
}

} // namespace fp::analyses
