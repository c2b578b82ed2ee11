#include "analysis.h"

#include "colorhistogram.h"

#include <QJsonArray>
#include <QJsonValue>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <array>
#include <limits>
#include <numeric>
#include <optional>
#include <vector>

namespace fp {

void FrameAnalyzer::prime(const cv::Mat &) {}
void FrameAnalyzer::beginImage(const QString &) {}

QString hexColor(quint32 rgb)
{
    return QStringLiteral("#%1").arg(rgb & 0xFFFFFFu, 6, 16, QLatin1Char('0'));
}

bool needsPriming(AnalysisKind kind)
{
    return kind == AnalysisKind::Motion;
}

namespace {

// State keys. Results use the key names of the CLI's public output directly.
const QString kAnalysisKey = QStringLiteral("analysis");
const QString kErrorKey = QStringLiteral("error");
const QString kSeriesKey = QStringLiteral("series");
const QString kHistogramKey = QStringLiteral("hist");
const QString kPixelsKey = QStringLiteral("pixels");
const QString kImagesKey = QStringLiteral("images");
const QString kBinsKey = QStringLiteral("bins");

QJsonObject errorObject(const QString &why)
{
    return {{kErrorKey, why}};
}

double percentOf(quint64 part, quint64 whole)
{
    return whole > 0 ? 100.0 * double(part) / double(whole) : 0.0;
}

// A JSON integer for a count. Counts stay far below 2^53, so they survive JSON text intact.
QJsonValue countValue(quint64 count)
{
    return QJsonValue(qint64(std::min<quint64>(count, quint64(std::numeric_limits<qint64>::max()))));
}

// A non-negative JSON integer, or nothing.
std::optional<quint64> countFrom(const QJsonValue &value)
{
    const qint64 count = value.toInteger(-1);
    if (count < 0)
        return std::nullopt;
    return quint64(count);
}

// Adds "rgb": [r, g, b] and "hex": "#rrggbb".
void insertColor(QJsonObject &object, quint32 rgb)
{
    object.insert(QStringLiteral("rgb"),
                  QJsonArray{int((rgb >> 16) & 0xFF), int((rgb >> 8) & 0xFF), int(rgb & 0xFF)});
    object.insert(QStringLiteral("hex"), hexColor(rgb));
}

// Frames the analyzers accept: 8-bit gray, BGR or BGRA (decoders normally deliver BGR).
bool isUsableFrame(const cv::Mat &frame)
{
    const int channels = frame.channels();
    return !frame.empty() && frame.depth() == CV_8U && (channels == 1 || channels == 3 || channels == 4);
}

// `frame` as 8-bit BGR: the frame itself when it already is, else converted into `buffer`.
cv::Mat bgrView(const cv::Mat &frame, cv::Mat &buffer)
{
    if (frame.channels() == 3)
        return frame;
    cv::cvtColor(frame, buffer, frame.channels() == 1 ? cv::COLOR_GRAY2BGR : cv::COLOR_BGRA2BGR);
    return buffer;
}

// Writes the 8-bit gray version of a usable frame into `gray`, reusing its buffer. Always a
// copy, never an alias of `frame`, so analyzers may keep it after the decoder reuses `frame`.
void toGray(const cv::Mat &frame, cv::Mat &gray)
{
    switch (frame.channels()) {
    case 1:
        frame.copyTo(gray);
        break;
    case 3:
        cv::cvtColor(frame, gray, cv::COLOR_BGR2GRAY);
        break;
    default:
        cv::cvtColor(frame, gray, cv::COLOR_BGRA2GRAY);
        break;
    }
}

// Every state names its analysis, so a state handed to the wrong merge is caught.
QString stateError(AnalysisKind kind, const QJsonObject &state)
{
    if (state.contains(kErrorKey))
        return state.value(kErrorKey).toString(QStringLiteral("invalid state"));
    if (state.value(kAnalysisKey).toString() != analysisName(kind))
        return QStringLiteral("state is not a %1 state").arg(analysisName(kind));
    return {};
}

QJsonObject stateHeader(AnalysisKind kind)
{
    return {{kAnalysisKey, analysisName(kind)}};
}

// ---- Series analyses: brightness, motion, sharpness ----------------------------------------

QJsonObject seriesResult(AnalysisKind kind, const std::vector<double> &series)
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

    if (kind == AnalysisKind::Motion) {
        return {{QStringLiteral("mean"), mean},
                {QStringLiteral("max"), max},
                {QStringLiteral("max_pair"), maxIndex},
                {QStringLiteral("series"), values},
                {QStringLiteral("pairs"), count}};
    }
    return {{QStringLiteral("mean"), mean},
            {QStringLiteral("min"), min},
            {QStringLiteral("max"), max},
            {QStringLiteral("series"), values},
            {QStringLiteral("frames"), count}};
}

QJsonObject seriesState(AnalysisKind kind, const std::vector<double> &series)
{
    QJsonObject state = stateHeader(kind);
    QJsonArray values;
    for (const double value : series)
        values.append(value);
    state.insert(kSeriesKey, values);
    return state;
}

// Appends the state's series to `series`; returns why the state is unusable, or nothing.
QString appendSeries(AnalysisKind kind, const QJsonObject &state, std::vector<double> &series)
{
    if (QString error = stateError(kind, state); !error.isEmpty())
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

// One value per frame (or per pair, for motion) of the 8-bit gray frame.
class SeriesAnalyzer : public FrameAnalyzer
{
public:
    void addFrame(const cv::Mat &bgr) final
    {
        if (!isUsableFrame(bgr))
            return;
        toGray(bgr, m_gray);
        ++m_frames;
        if (const std::optional<double> value = measure(m_gray))
            m_series.push_back(*value);
    }

    [[nodiscard]] QJsonObject result() const final { return seriesResult(m_kind, m_series); }
    [[nodiscard]] QJsonObject state() const final { return seriesState(m_kind, m_series); }
    [[nodiscard]] qint64 frames() const final { return m_frames; }

protected:
    explicit SeriesAnalyzer(AnalysisKind kind) : m_kind(kind) {}

    // The value for this frame, or nothing when the frame only gives context (the first frame
    // of an unprimed motion analysis). May take over `gray`'s buffer.
    virtual std::optional<double> measure(cv::Mat &gray) = 0;

private:
    const AnalysisKind m_kind;
    cv::Mat m_gray; // reused across frames
    std::vector<double> m_series;
    qint64 m_frames = 0;
};

class BrightnessAnalyzer final : public SeriesAnalyzer
{
public:
    BrightnessAnalyzer() : SeriesAnalyzer(AnalysisKind::Brightness) {}

private:
    std::optional<double> measure(cv::Mat &gray) override { return cv::mean(gray)[0]; }
};

class MotionAnalyzer final : public SeriesAnalyzer
{
public:
    MotionAnalyzer() : SeriesAnalyzer(AnalysisKind::Motion) {}

    void prime(const cv::Mat &bgr) override
    {
        if (!isUsableFrame(bgr))
            return;
        toGray(bgr, m_previous);
        m_hasPrevious = true;
    }

private:
    // Pixels whose gray level changed by more than this count as moving.
    static constexpr double kChangeThreshold = 25;

    std::optional<double> measure(cv::Mat &gray) override
    {
        std::optional<double> changedFraction;
        if (m_hasPrevious) {
            // Streams may change resolution mid-way (and an image set's images can differ in
            // size); compare against the previous frame scaled to the current size. INTER_AREA
            // averages when shrinking, so the comparison sees the same content, not aliasing.
            if (m_previous.size() != gray.size()) {
                cv::resize(m_previous, m_resized, gray.size(), 0, 0, cv::INTER_AREA);
                cv::swap(m_previous, m_resized);
            }
            cv::absdiff(gray, m_previous, m_changed);
            // THRESH_BINARY keeps values strictly greater than the threshold.
            cv::threshold(m_changed, m_changed, kChangeThreshold, 255, cv::THRESH_BINARY);
            changedFraction = double(cv::countNonZero(m_changed)) / double(gray.total());
        }
        // The current frame becomes the previous one; swapping recycles the old buffer.
        cv::swap(gray, m_previous);
        m_hasPrevious = true;
        return changedFraction;
    }

    cv::Mat m_previous;
    cv::Mat m_resized;
    cv::Mat m_changed;
    bool m_hasPrevious = false;
};

class SharpnessAnalyzer final : public SeriesAnalyzer
{
public:
    SharpnessAnalyzer() : SeriesAnalyzer(AnalysisKind::Sharpness) {}

private:
    std::optional<double> measure(cv::Mat &gray) override
    {
        cv::Laplacian(gray, m_laplacian, CV_64F);
        cv::Scalar mean;
        cv::Scalar stddev;
        cv::meanStdDev(m_laplacian, mean, stddev);
        return stddev[0] * stddev[0];
    }

    cv::Mat m_laplacian;
};

// ---- Palette ---------------------------------------------------------------------------------

constexpr int kPaletteLevelBits = 4;
constexpr int kPaletteBins = 1 << (3 * kPaletteLevelBits);
constexpr int kPaletteColors = 5;
using PaletteBins = std::array<quint64, kPaletteBins>;

// Bin index (r4 << 8) | (g4 << 4) | b4, so smaller indices are smaller colours.
quint32 paletteBinColor(int bin)
{
    const auto centre = [](int level) { return quint32((level << kPaletteLevelBits) | 8); };
    return (centre((bin >> 8) & 0xF) << 16) | (centre((bin >> 4) & 0xF) << 8) | centre(bin & 0xF);
}

QJsonObject paletteResult(const PaletteBins &bins)
{
    const quint64 total = std::accumulate(bins.begin(), bins.end(), quint64(0));
    std::array<int, kPaletteBins> order;
    std::iota(order.begin(), order.end(), 0);
    const auto topEnd = order.begin() + kPaletteColors;
    std::partial_sort(order.begin(), topEnd, order.end(), [&bins](int a, int b) {
        return bins[a] != bins[b] ? bins[a] > bins[b] : a < b;
    });

    QJsonArray colors;
    for (auto it = order.begin(); it != topEnd && bins[*it] > 0; ++it) {
        const double share = double(bins[*it]) / double(total);
        QJsonObject color;
        insertColor(color, paletteBinColor(*it));
        color.insert(QStringLiteral("share"), share);
        color.insert(QStringLiteral("percent"), 100.0 * share);
        colors.append(color);
    }
    return {{QStringLiteral("colors"), colors}, {QStringLiteral("pixels"), countValue(total)}};
}

QJsonObject paletteState(const PaletteBins &bins)
{
    QJsonObject state = stateHeader(AnalysisKind::Palette);
    QJsonArray counts;
    for (const quint64 count : bins)
        counts.append(countValue(count));
    state.insert(kBinsKey, counts);
    return state;
}

// Adds the state's bins to `bins`; returns why the state is unusable, or nothing.
QString addPaletteBins(const QJsonObject &state, PaletteBins &bins)
{
    if (QString error = stateError(AnalysisKind::Palette, state); !error.isEmpty())
        return error;
    const QJsonArray counts = state.value(kBinsKey).toArray();
    if (counts.size() != kPaletteBins)
        return QStringLiteral("palette state needs %1 bins").arg(kPaletteBins);
    for (int bin = 0; bin < kPaletteBins; ++bin) {
        const std::optional<quint64> count = countFrom(counts.at(bin));
        if (!count || *count > std::numeric_limits<quint64>::max() - bins[bin])
            return QStringLiteral("palette bin %1 is not a valid count").arg(bin);
        bins[bin] += *count;
    }
    return {};
}

class PaletteAnalyzer final : public FrameAnalyzer
{
public:
    void addFrame(const cv::Mat &frame) override
    {
        if (!isUsableFrame(frame))
            return;
        ++m_frames;
        const cv::Mat bgr = bgrView(frame, m_converted);
        constexpr int drop = 8 - kPaletteLevelBits;
        for (int y = 0; y < bgr.rows; ++y) {
            const uchar *pixel = bgr.ptr<uchar>(y);
            const uchar *const rowEnd = pixel + 3 * bgr.cols;
            for (; pixel != rowEnd; pixel += 3) {
                const int bin = ((pixel[2] >> drop) << 8) | ((pixel[1] >> drop) << 4) | (pixel[0] >> drop);
                ++m_bins[bin];
            }
        }
    }

    [[nodiscard]] QJsonObject result() const override { return paletteResult(m_bins); }
    [[nodiscard]] QJsonObject state() const override { return paletteState(m_bins); }
    [[nodiscard]] qint64 frames() const override { return m_frames; }

private:
    PaletteBins m_bins{};
    cv::Mat m_converted; // gray/BGRA input converted to BGR, reused across frames
    qint64 m_frames = 0;
};

// ---- Dominant colour ---------------------------------------------------------------------------

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
    QJsonObject state = stateHeader(AnalysisKind::DominantColor);
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
    if (QString error = stateError(AnalysisKind::DominantColor, state); !error.isEmpty())
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

// Adds up `states` into `sum`; returns why a state is unusable, or nothing.
QString sumDominantStates(const QList<QJsonObject> &states, DominantSum &sum)
{
    for (const QJsonObject &state : states) {
        if (const QString error = addDominantState(state, sum); !error.isEmpty())
            return error;
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

bool isSeriesAnalysis(AnalysisKind kind)
{
    return kind == AnalysisKind::Brightness || kind == AnalysisKind::Motion
        || kind == AnalysisKind::Sharpness;
}

} // namespace

std::unique_ptr<FrameAnalyzer> createAnalyzer(AnalysisKind kind)
{
    switch (kind) {
    case AnalysisKind::DominantColor: return std::make_unique<DominantColorAnalyzer>();
    case AnalysisKind::Palette: return std::make_unique<PaletteAnalyzer>();
    case AnalysisKind::Brightness: return std::make_unique<BrightnessAnalyzer>();
    case AnalysisKind::Motion: return std::make_unique<MotionAnalyzer>();
    case AnalysisKind::Sharpness: return std::make_unique<SharpnessAnalyzer>();
    }
    return nullptr;
}

QJsonObject mergeStates(AnalysisKind kind, const QList<QJsonObject> &states)
{
    if (isSeriesAnalysis(kind)) {
        // Each piece's series already starts with the pair across the boundary before it
        // (pair analyses are primed), so the stream's series is the pieces' series in order.
        std::vector<double> series;
        for (const QJsonObject &state : states) {
            if (const QString error = appendSeries(kind, state, series); !error.isEmpty())
                return errorObject(error);
        }
        return seriesState(kind, series);
    }

    if (kind == AnalysisKind::Palette) {
        PaletteBins bins{};
        for (const QJsonObject &state : states) {
            if (const QString error = addPaletteBins(state, bins); !error.isEmpty())
                return errorObject(error);
        }
        return paletteState(bins);
    }

    if (kind == AnalysisKind::DominantColor) {
        DominantSum sum;
        if (const QString error = sumDominantStates(states, sum); !error.isEmpty())
            return errorObject(error);
        return dominantState(colorCountsToBytes(sum.counts), sum.pixels, sum.imagesOrNull());
    }

    return errorObject(QStringLiteral("unknown analysis"));
}

QJsonObject mergeResults(AnalysisKind kind, const QList<QJsonObject> &states)
{
    if (kind != AnalysisKind::DominantColor)
        return resultFromState(kind, mergeStates(kind, states));
    // A merged histogram goes straight to its result: encoding it as a state only to decode
    // it again would double the cost of the merge.
    DominantSum sum;
    if (const QString error = sumDominantStates(states, sum); !error.isEmpty())
        return errorObject(error);
    return dominantResult(dominantOf(sum.counts), sum.pixels, sum.imagesOrNull());
}

QJsonObject resultFromState(AnalysisKind kind, const QJsonObject &state)
{
    if (isSeriesAnalysis(kind)) {
        std::vector<double> series;
        if (const QString error = appendSeries(kind, state, series); !error.isEmpty())
            return errorObject(error);
        return seriesResult(kind, series);
    }

    if (kind == AnalysisKind::Palette) {
        PaletteBins bins{};
        if (const QString error = addPaletteBins(state, bins); !error.isEmpty())
            return errorObject(error);
        return paletteResult(bins);
    }

    if (kind == AnalysisKind::DominantColor) {
        DominantSum sum;
        if (const QString error = sumDominantStates({state}, sum); !error.isEmpty())
            return errorObject(error);
        return dominantResult(dominantOf(sum.counts), sum.pixels, sum.imagesOrNull());
    }

    return errorObject(QStringLiteral("unknown analysis"));
}

} // namespace fp
