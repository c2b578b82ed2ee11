// dominant-color: the exact 24-bit colour with the most pixels over all frames; ties go to
// the smallest 0xRRGGBB; percent = 100 · its pixels / all pixels. Image sets also report each
// image's own dominant colour.

#include "analysis.h"
#include "colorhistogram.h"
#include "framehelpers.h"

#include <QJsonArray>

#include <limits>
#include <optional>
#include <vector>

namespace fp::analyses {

namespace {

const QString kName = QStringLiteral("dominant-color");
const QString kHistogramKey = QStringLiteral("hist");
const QString kPixelsKey = QStringLiteral("pixels");
const QString kImagesKey = QStringLiteral("images");

struct ImageDominant
{
    QString path;
    ColorCount color;   // the image's own dominant colour
    quint64 pixels = 0; // all pixels of the image
};
using ImageDominants = std::vector<ImageDominant>;

// `images` is null for a video, whose result has no per-image list.
QJsonObject dominantResult(ColorCount top, quint64 pixels, const ImageDominants *images)
{
    QJsonObject result;
    insertColor(result, top.rgb);
    result.insert(QStringLiteral("percent"), percentOf(top.count, pixels));
    result.insert(kPixelsKey, countValue(pixels));
    result.insert(QStringLiteral("count"), countValue(top.count));
    if (images) {
        QJsonArray list;
        for (const ImageDominant &image : *images) {
            QJsonObject entry{{QStringLiteral("path"), image.path}};
            insertColor(entry, image.color.rgb);
            entry.insert(QStringLiteral("percent"), percentOf(image.color.count, image.pixels));
            list.append(entry);
        }
        result.insert(kImagesKey, list);
    }
    return result;
}

// `histogram` is colorCountsToBytes() of the counts, `pixels` their total.
QJsonObject dominantState(const QByteArray &histogram, quint64 pixels, const ImageDominants *images)
{
    QJsonObject state = stateHeader(kName);
    state.insert(kHistogramKey, QString::fromLatin1(histogram.toBase64()));
    state.insert(kPixelsKey, countValue(pixels));
    if (images) {
        QJsonArray list;
        for (const ImageDominant &image : *images) {
            list.append(QJsonObject{{QStringLiteral("path"), image.path},
                                    {QStringLiteral("rgb"), qint64(image.color.rgb)},
                                    {QStringLiteral("count"), countValue(image.color.count)},
                                    {kPixelsKey, countValue(image.pixels)}});
        }
        state.insert(kImagesKey, list);
    }
    return state;
}

// Dominant-color states read back and added up: colour counts, pixels, and every image in
// order (image sets only).
struct DominantSum
{
    ColorCounts counts;
    quint64 pixels = 0;
    bool isImageSet = false;
    ImageDominants images;

    [[nodiscard]] const ImageDominants *imagesOrNull() const { return isImageSet ? &images : nullptr; }
};

// Adds one state to `sum`; returns why the state is unusable, or nothing.
QString addDominantState(const QJsonObject &state, DominantSum &sum)
{
    if (QString error = stateError(kName, state); !error.isEmpty())
        return error;
    const QJsonValue encoded = state.value(kHistogramKey);
    const auto decoded = QByteArray::fromBase64Encoding(encoded.toString().toLatin1(),
                                                        QByteArray::AbortOnBase64DecodingErrors);
    std::optional<ColorCounts> counts;
    if (encoded.isString() && decoded)
        counts = colorCountsFromBytes(*decoded);
    if (!counts)
        return QStringLiteral("dominant-color state has a malformed histogram");
    const quint64 pixels = totalOf(*counts);
    if (countFrom(state.value(kPixelsKey)) != pixels)
        return QStringLiteral("dominant-color state's pixel count disagrees with its histogram");
    if (pixels > std::numeric_limits<quint64>::max() - sum.pixels)
        return QStringLiteral("dominant-color states hold more than 2^64 pixels together");
    sum.counts = sum.counts.empty() ? std::move(*counts) : mergeColorCounts(sum.counts, *counts);
    sum.pixels += pixels;

    if (!state.contains(kImagesKey))
        return {};
    const QJsonValue images = state.value(kImagesKey);
    if (!images.isArray())
        return QStringLiteral("dominant-color state's images are not a list");
    sum.isImageSet = true;
    for (const QJsonValue &value : images.toArray()) {
        const QJsonObject entry = value.toObject();
        const std::optional<quint64> rgb = countFrom(entry.value(QStringLiteral("rgb")));
        const std::optional<quint64> count = countFrom(entry.value(QStringLiteral("count")));
        const std::optional<quint64> imagePixels = countFrom(entry.value(kPixelsKey));
        if (!entry.value(QStringLiteral("path")).isString() || !rgb || *rgb > 0xFFFFFF || !count
            || !imagePixels || *count > *imagePixels)
            return QStringLiteral("dominant-color state has a malformed image entry");
        sum.images.push_back({entry.value(QStringLiteral("path")).toString(),
                              {quint32(*rgb), *count}, *imagePixels});
    }
    return {};
}

class DominantColorAnalyzer final : public FrameAnalyzer
{
public:
    void beginImage(const QString &path) override
    {
        m_images.push_back({path, {}, 0});
    }

    void addFrame(const cv::Mat &bgr) override
    {
        if (!isUsableFrame(bgr))
            return;
        ++m_frames;
        if (m_images.empty()) {
            stream().addFrame(bgr);
            return;
        }
        // An image is one frame; should one have more, its dominant colour is its first
        // frame's, and later frames count towards the set only.
        ImageDominant &image = m_images.back();
        if (image.pixels > 0) {
            stream().addFrame(bgr);
            return;
        }
        image.color = stream().addImage(bgr);
        image.pixels = quint64(bgr.total());
    }

    [[nodiscard]] QJsonObject result() const override
    {
        const ColorHistogram &histogram = streamOrEmpty();
        return dominantResult(histogram.dominant(), histogram.totalPixels(), imagesOrNull());
    }
    [[nodiscard]] QJsonObject state() const override
    {
        const ColorHistogram &histogram = streamOrEmpty();
        return dominantState(histogram.toBytes(), histogram.totalPixels(), imagesOrNull());
    }
    [[nodiscard]] qint64 frames() const override { return m_frames; }

private:
    // Created on the first frame, when it is known whether this is a video or an image set.
    ColorHistogram &stream()
    {
        if (!m_stream)
            m_stream.emplace(m_images.empty() ? ColorHistogram::StreamCounts : ColorHistogram::StreamAndImageCounts);
        return *m_stream;
    }

    [[nodiscard]] const ColorHistogram &streamOrEmpty() const
    {
        static const ColorHistogram empty;
        return m_stream ? *m_stream : empty;
    }

    [[nodiscard]] const ImageDominants *imagesOrNull() const
    {
        return m_images.empty() ? nullptr : &m_images;
    }

    std::optional<ColorHistogram> m_stream; // every frame so far
    ImageDominants m_images;                // one per beginImage, in order
    qint64 m_frames = 0;
};

class DominantColor final : public Analysis
{
public:
    AnalysisInfo info() const override
    {
        AnalysisInfo info;
        info.name = kName;
        info.title = QString::fromUtf8(QT_TRANSLATE_NOOP("AnalysisInfo", "Dominant colour"));
        info.description = QString::fromUtf8(QT_TRANSLATE_NOOP("AnalysisInfo", "the exact 24-bit colour with the most pixels, and its share"));
        return info;
    }

    std::unique_ptr<FrameAnalyzer> createAnalyzer(const QJsonObject &) const override
    {
        return std::make_unique<DominantColorAnalyzer>();
    }

    QJsonObject merge(const QList<QJsonObject> &states, const QJsonObject &) const override
    {
        // Straight from the summed counts to the result: encoding them as a state only to
        // decode it again would double the cost of the merge.
        DominantSum sum;
        for (const QJsonObject &state : states) {
            if (const QString error = addDominantState(state, sum); !error.isEmpty())
                return errorObject(error);
        }
        return dominantResult(dominantOf(sum.counts), sum.pixels, sum.imagesOrNull());
    }

    ResultSummary summarize(const QJsonObject &result) const override
    {
        ResultSummary summary;
        const QString hex = result.value(QLatin1String("hex")).toString();
        summary.text = QStringLiteral("%1 %2%").arg(hex).arg(result.value(QLatin1String("percent")).toDouble(), 0, 'f', 2);
        summary.swatches << ResultSummary::Swatch{hex, 1.0};
        return summary;
    }
};

} // namespace

const Analysis &dominantColorAnalysis()
{
    static const DominantColor analysis;
    return analysis;
}

} // namespace fp::analyses
