// Known-answer and exactness tests for the colour histogram and the five frame analyses.
#include "analysis.h"
#include "analyses/framehelpers.h"
#include "colorhistogram.h"
#include "jpegcodec.h"
#include "testmedia.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtEndian>
#include <QtTest>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <array>
#include <limits>
#include <cmath>
#include <map>
#include <numeric>
#include <vector>

using fp::ColorCount;
using fp::ColorHistogram;
using fp::ColorTable;

namespace {

constexpr quint64 kU32Max = std::numeric_limits<quint32>::max();

// Every built-in analysis, by name.
QStringList allAnalyses()
{
    QStringList names;
    for (const fp::Analysis *analysis : fp::builtInAnalyses())
        names << analysis->info().name;
    return names;
}

const fp::Analysis &analysisNamed(const QString &name)
{
    const fp::Analysis *analysis = fp::findBuiltInAnalysis(name);
    if (!analysis)
        qFatal("no built-in analysis %s", qPrintable(name));
    return *analysis;
}

QJsonObject defaultParameters(const QString &name)
{
    QString error;
    return analysisNamed(name).info().resolveParameters({}, &error).value_or(QJsonObject());
}

std::unique_ptr<fp::FrameAnalyzer> createAnalyzer(const QString &name)
{
    return analysisNamed(name).createAnalyzer(defaultParameters(name));
}

// The result of a stream from its pieces' states, as a merge task computes it.
QJsonObject mergedResult(const QString &name, const QList<QJsonObject> &states)
{
    return analysisNamed(name).merge(states, defaultParameters(name));
}

// A horizontal band of `rows` rows of one 0xRRGGBB colour.
struct Stripe
{
    quint32 rgb = 0;
    int rows = 0;
};
using Stripes = QList<Stripe>;

// An expected palette entry.
struct Swatch
{
    quint32 rgb = 0;
    double share = 0;
};
using Swatches = QList<Swatch>;

using ColorMap = std::map<quint32, quint64>;

} // namespace

Q_DECLARE_METATYPE(Stripe)
Q_DECLARE_METATYPE(Swatch)
Q_DECLARE_METATYPE(cv::Mat)
Q_DECLARE_METATYPE(fp::ColorHistogram::Layout)

namespace {

cv::Scalar bgrScalar(quint32 rgb)
{
    return cv::Scalar(rgb & 0xFF, (rgb >> 8) & 0xFF, (rgb >> 16) & 0xFF);
}

quint32 grayRgb(int level)
{
    return quint32(level) * 0x010101u;
}

cv::Mat solidFrame(int rows, int cols, quint32 rgb)
{
    return cv::Mat(rows, cols, CV_8UC3, bgrScalar(rgb));
}

cv::Mat stripedFrame(const Stripes &stripes, int cols)
{
    int rows = 0;
    for (const Stripe &s : stripes)
        rows += s.rows;
    cv::Mat frame(rows, cols, CV_8UC3);
    int y = 0;
    for (const Stripe &s : stripes) {
        frame.rowRange(y, y + s.rows).setTo(bgrScalar(s.rgb));
        y += s.rows;
    }
    return frame;
}

std::vector<cv::Mat> noiseFrames(unsigned seed, int count, int width, int height)
{
    const testmedia::FramePainter paint = testmedia::noise(seed);
    std::vector<cv::Mat> frames;
    for (int i = 0; i < count; ++i) {
        cv::Mat frame(height, width, CV_8UC3);
        paint(i, frame);
        frames.push_back(frame);
    }
    return frames;
}

QJsonArray rgbArray(quint32 rgb)
{
    return {int(rgb >> 16), int((rgb >> 8) & 0xFF), int(rgb & 0xFF)};
}

// What another process would receive: the object written as JSON text and parsed back.
QJsonObject throughJsonText(const QJsonObject &object)
{
    return QJsonDocument::fromJson(QJsonDocument(object).toJson(QJsonDocument::Compact)).object();
}

// Colour counts the slow, obvious way.
void countNaively(const cv::Mat &bgr, ColorMap &counts)
{
    for (int y = 0; y < bgr.rows; ++y) {
        for (int x = 0; x < bgr.cols; ++x) {
            const cv::Vec3b p = bgr.at<cv::Vec3b>(y, x);
            ++counts[(quint32(p[2]) << 16) | (quint32(p[1]) << 8) | p[0]];
        }
    }
}

// The map is ordered by rgb, so keeping the first maximum gives ties to the smallest colour.
ColorCount naiveDominant(const ColorMap &counts)
{
    ColorCount best;
    for (const auto &[rgb, count] : counts) {
        if (count > best.count)
            best = {rgb, count};
    }
    return best;
}

ColorMap toMap(const std::vector<ColorCount> &counts)
{
    ColorMap map;
    for (const ColorCount &c : counts)
        map[c.rgb] += c.count;
    return map;
}

// OpenCV's 8-bit BGR2GRAY: BT.601 weights in 14-bit fixed point, rounded.
int opencvGray(quint32 rgb)
{
    const int r = int(rgb >> 16), g = int((rgb >> 8) & 0xFF), b = int(rgb & 0xFF);
    return (b * 1868 + g * 9617 + r * 4899 + (1 << 13)) >> 14;
}

// Variance of the 3x3 Laplacian [0 1 0; 1 -4 1; 0 1 0] with reflect-101 borders, computed
// directly from the definition.
double naiveLaplacianVariance(const cv::Mat &gray)
{
    const auto reflect = [](int i, int n) { return i < 0 ? -i : (i >= n ? 2 * n - 2 - i : i); };
    const auto at = [&](int y, int x) {
        return double(gray.at<uchar>(reflect(y, gray.rows), reflect(x, gray.cols)));
    };
    std::vector<double> values;
    for (int y = 0; y < gray.rows; ++y)
        for (int x = 0; x < gray.cols; ++x)
            values.push_back(at(y - 1, x) + at(y + 1, x) + at(y, x - 1) + at(y, x + 1) - 4 * at(y, x));
    double mean = 0;
    for (const double v : values)
        mean += v;
    mean /= double(values.size());
    double squares = 0;
    for (const double v : values)
        squares += (v - mean) * (v - mean);
    return squares / double(values.size());
}

QJsonObject analyzeFrames(const QString &kind, const std::vector<cv::Mat> &frames)
{
    const auto analyzer = createAnalyzer(kind);
    for (const cv::Mat &frame : frames)
        analyzer->addFrame(frame);
    return analyzer->result();
}

QList<double> seriesOf(const QJsonObject &result)
{
    QList<double> series;
    for (const QJsonValue &v : result.value(QStringLiteral("series")).toArray())
        series.push_back(v.toDouble());
    return series;
}

// Unsigned LEB128, written out here rather than borrowed from the code under test.
QByteArray varint(quint64 value)
{
    QByteArray bytes;
    for (; value >= 0x80; value >>= 7)
        bytes.append(char((value & 0x7F) | 0x80));
    bytes.append(char(value));
    return bytes;
}

// One serialised colour: its gap to the previous colour, then its count.
QByteArray entryBytes(quint64 gap, quint64 count)
{
    return varint(gap) + varint(count);
}

} // namespace

class TestAnalysis : public QObject
{
    Q_OBJECT

private slots:
    void hexColor_data();
    void hexColor();
    void grayAsOpenCvConverts_data();
    void grayAsOpenCvConverts();
    void pairwiseAnalyses_data();
    void pairwiseAnalyses();

    // ColorHistogram
    void histogramSolidFrame_data();
    void histogramSolidFrame();
    void histogramRegions_data();
    void histogramRegions();
    void histogramNonContinuousFrame();
    void histogramOtherInputTypes_data();
    void histogramOtherInputTypes();
    void histogramClearAndReuse();
    void histogramCountsInOrder_data();
    void histogramCountsInOrder();
    void histogramImageCounts_data();
    void histogramImageCounts();
    void histogramCounterSpill_data();
    void histogramCounterSpill();
    void histogramCountsAcrossSpills();
    void histogramLargeAdd();
    void histogramMerge();
    void histogramBytesLayout();
    void histogramBytesRoundTrip();
    void histogramBytesRejected_data();
    void histogramBytesRejected();
    void colorCountsMerge_data();
    void colorCountsMerge();

    // Analyzers
    void emptyResults_data();
    void emptyResults();
    void framesCountAddFrameOnly_data();
    void framesCountAddFrameOnly();
    void dominantColorFrames_data();
    void dominantColorFrames();
    void dominantColorImages();
    void palette_data();
    void palette();
    void brightness_data();
    void brightness();
    void motionThreshold_data();
    void motionThreshold();
    void motionSeries();
    void motionPriming();
    void motionSizeChange_data();
    void motionSizeChange();
    void sharpness_data();
    void sharpness();
    void sharpnessAsOpenCvComputesIt_data();
    void sharpnessAsOpenCvComputesIt();
    void colorfulness_data();
    void colorfulness();
    void parametersChangeResults();
    void parametersAreValidated_data();
    void parametersAreValidated();

    // Pieces and states
    void mergeIsExact_data();
    void mergeIsExact();
    void partialResultsDoNotDisturb_data();
    void partialResultsDoNotDisturb();
    void malformedStates_data();
    void malformedStates();

    // An independent computation on a real photograph
    void realImage();

    // The worker's own JPEG decoding
    void plainJpegEqualsImread_data();
    void plainJpegEqualsImread();
    void thumbnailJpegEqualsImencode_data();
    void thumbnailJpegEqualsImencode();
};

// ---- Helpers of the public API ---------------------------------------------------------------

void TestAnalysis::hexColor_data()
{
    QTest::addColumn<quint32>("rgb");
    QTest::addColumn<QString>("hex");
    QTest::newRow("black") << 0x000000u << "#000000";
    QTest::newRow("white") << 0xFFFFFFu << "#ffffff";
    QTest::newRow("leading zeros kept") << 0x0A0B0Cu << "#0a0b0c";
    QTest::newRow("channel order") << 0x123456u << "#123456";
}

void TestAnalysis::hexColor()
{
    QFETCH(quint32, rgb);
    QFETCH(QString, hex);
    QCOMPARE(fp::analyses::hexColor(rgb), hex);
}

void TestAnalysis::grayAsOpenCvConverts_data()
{
    QTest::addColumn<int>("width");
    QTest::addColumn<bool>("continuous");
    // Widths around the 32-pixel steps of the vectorised conversion, and frames' widths.
    for (const int width : {1, 5, 31, 32, 33, 63, 100, 720, 768, 854})
        for (const bool continuous : {true, false})
            QTest::addRow("%d wide, %s", width, continuous ? "continuous" : "a view with gaps") << width << continuous;
}

// The analyses' gray frame (its own conversion where the processor has AVX2) is OpenCV's
// COLOR_BGR2GRAY to the bit, so gray analyses give what they gave with cvtColor.
void TestAnalysis::grayAsOpenCvConverts()
{
    QFETCH(int, width);
    QFETCH(bool, continuous);
    constexpr int kHeight = 37;
    cv::Mat whole(kHeight, width + (continuous ? 0 : 7), CV_8UC3);
    cv::RNG random{quint64(width)}; // every byte value, the same on every run
    random.fill(whole, cv::RNG::UNIFORM, 0, 256);
    whole.at<cv::Vec3b>(0, 0) = cv::Vec3b(255, 255, 255); // the extremes, where rounding shows
    whole.at<cv::Vec3b>(kHeight - 1, width - 1) = cv::Vec3b(0, 0, 0);
    const cv::Mat frame = whole.colRange(0, width);
    QCOMPARE(frame.isContinuous(), continuous);
    cv::Mat expected;
    cv::cvtColor(frame, expected, cv::COLOR_BGR2GRAY);
    cv::Mat gray;
    fp::analyses::toGray(frame, gray);
    QCOMPARE(gray.size(), expected.size());
    QCOMPARE(gray.type(), CV_8UC1);
    QCOMPARE(cv::norm(gray, expected, cv::NORM_INF), 0.0);
}

void TestAnalysis::pairwiseAnalyses_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<bool>("primed");
    for (const QString &kind : allAnalyses())
        QTest::addRow("%s", qPrintable(kind)) << kind << (kind == QStringLiteral("motion"));
}

void TestAnalysis::pairwiseAnalyses()
{
    QFETCH(QString, kind);
    QFETCH(bool, primed);
    QCOMPARE(analysisNamed(kind).info().pairwise, primed);
}

// ---- ColorHistogram ----------------------------------------------------------------------------

void TestAnalysis::histogramSolidFrame_data()
{
    QTest::addColumn<quint32>("rgb");
    QTest::newRow("black") << 0x000000u;
    QTest::newRow("white") << 0xFFFFFFu;
    QTest::newRow("red") << 0xFF0000u;
    QTest::newRow("green") << 0x00FF00u;
    QTest::newRow("blue") << 0x0000FFu;
    QTest::newRow("mixed") << 0x123456u;
}

void TestAnalysis::histogramSolidFrame()
{
    QFETCH(quint32, rgb);
    ColorHistogram histogram;
    histogram.addFrame(solidFrame(5, 7, rgb));
    QCOMPARE(histogram.totalPixels(), quint64(35));
    QCOMPARE(histogram.distinctColors(), qsizetype(1));
    QCOMPARE(histogram.dominant().rgb, rgb);
    QCOMPARE(histogram.dominant().count, quint64(35));
}

void TestAnalysis::histogramRegions_data()
{
    QTest::addColumn<Stripes>("stripes");
    QTest::addColumn<quint32>("dominant");
    QTest::addColumn<quint64>("dominantCount");

    QTest::newRow("60/40, larger colour wins")
        << Stripes{{0xA0B0C0, 6}, {0x204060, 4}} << 0xA0B0C0u << quint64(60);
    QTest::newRow("three colours")
        << Stripes{{0x010203, 2}, {0xFFFFFE, 5}, {0x000001, 3}} << 0xFFFFFEu << quint64(50);
    QTest::newRow("tie, smaller colour first") << Stripes{{0x00FF00, 5}, {0xFF0000, 5}}
                                                << 0x00FF00u << quint64(50);
    QTest::newRow("tie, smaller colour last") << Stripes{{0xFF0000, 5}, {0x00FF00, 5}}
                                               << 0x00FF00u << quint64(50);
    QTest::newRow("tie among three, smallest in the middle")
        << Stripes{{0x808080, 3}, {0x7F7F7F, 3}, {0x818181, 3}, {0x000000, 1}}
        << 0x7F7F7Fu << quint64(30);
}

void TestAnalysis::histogramRegions()
{
    QFETCH(Stripes, stripes);
    QFETCH(quint32, dominant);
    QFETCH(quint64, dominantCount);

    const cv::Mat frame = stripedFrame(stripes, 10);
    ColorHistogram histogram;
    histogram.addFrame(frame);

    QCOMPARE(histogram.dominant().rgb, dominant);
    QCOMPARE(histogram.dominant().count, dominantCount);
    QCOMPARE(histogram.totalPixels(), quint64(frame.total()));

    ColorMap expected;
    countNaively(frame, expected);
    const std::vector<ColorCount> counts = histogram.counts();
    QCOMPARE(counts.size(), expected.size());
    QCOMPARE(histogram.distinctColors(), qsizetype(expected.size()));
    QVERIFY(std::is_sorted(counts.begin(), counts.end(),
                           [](const ColorCount &a, const ColorCount &b) { return a.rgb < b.rgb; }));
    QVERIFY(toMap(counts) == expected);
}

void TestAnalysis::histogramNonContinuousFrame()
{
    cv::Mat big = solidFrame(20, 20, 0x111111);
    cv::Mat roi = big(cv::Rect(5, 3, 6, 4));
    roi.setTo(bgrScalar(0x223344));
    QVERIFY(!roi.isContinuous());

    ColorHistogram histogram;
    histogram.addFrame(roi);
    QCOMPARE(histogram.totalPixels(), quint64(24));
    QCOMPARE(histogram.distinctColors(), qsizetype(1));
    QCOMPARE(histogram.dominant().rgb, 0x223344u);
}

void TestAnalysis::histogramOtherInputTypes_data()
{
    QTest::addColumn<cv::Mat>("frame");
    QTest::addColumn<quint64>("pixels");
    QTest::addColumn<quint32>("dominant");

    QTest::newRow("gray 8UC1") << cv::Mat(4, 5, CV_8UC1, cv::Scalar(77)) << quint64(20)
                               << grayRgb(77);
    QTest::newRow("BGRA drops alpha") << cv::Mat(4, 5, CV_8UC4, cv::Scalar(1, 2, 3, 200))
                                      << quint64(20) << 0x030201u;
    QTest::newRow("empty is ignored") << cv::Mat() << quint64(0) << 0u;
    QTest::newRow("16-bit is ignored") << cv::Mat(4, 5, CV_16UC3, cv::Scalar(1, 2, 3))
                                       << quint64(0) << 0u;
    QTest::newRow("2 channels are ignored") << cv::Mat(4, 5, CV_8UC2, cv::Scalar(1, 2))
                                            << quint64(0) << 0u;
}

void TestAnalysis::histogramOtherInputTypes()
{
    QFETCH(cv::Mat, frame);
    QFETCH(quint64, pixels);
    QFETCH(quint32, dominant);

    ColorHistogram histogram;
    histogram.addFrame(frame);
    QCOMPARE(histogram.totalPixels(), pixels);
    QCOMPARE(histogram.dominant().count, pixels);
    QCOMPARE(histogram.dominant().rgb, dominant);
}

void TestAnalysis::histogramClearAndReuse()
{
    ColorHistogram histogram;
    histogram.addFrame(noiseFrames(3, 1, 16, 16).front());
    histogram.add(0xABCDEF, 5 * kU32Max); // sparse counts must go too
    QVERIFY(histogram.distinctColors() > 1);

    histogram.clear();
    QCOMPARE(histogram.totalPixels(), quint64(0));
    QCOMPARE(histogram.distinctColors(), qsizetype(0));
    QCOMPARE(histogram.dominant().count, quint64(0));
    QVERIFY(histogram.counts().empty());
    QVERIFY(histogram.toBytes().isEmpty());

    histogram.addFrame(solidFrame(3, 3, 0x445566));
    QCOMPARE(histogram.totalPixels(), quint64(9));
    QCOMPARE(histogram.distinctColors(), qsizetype(1));
    QCOMPARE(histogram.dominant().rgb, 0x445566u);
    QCOMPARE(histogram.dominant().count, quint64(9));
}

// counts() lists colours in rgb order by sorting them, or by sweeping the table when there are
// many (above 16M / 128): both ways, for both table layouts, must equal a naive count.
void TestAnalysis::histogramCountsInOrder_data()
{
    QTest::addColumn<int>("rows");
    QTest::addColumn<ColorHistogram::Layout>("layout");

    QTest::newRow("few colours: sorted") << 50 << ColorHistogram::StreamCounts;
    QTest::newRow("many colours: table sweep") << 800 << ColorHistogram::StreamCounts;
    QTest::newRow("few colours, image counters") << 50 << ColorHistogram::StreamAndImageCounts;
    QTest::newRow("many colours, image counters") << 800 << ColorHistogram::StreamAndImageCounts;
}

void TestAnalysis::histogramCountsInOrder()
{
    QFETCH(int, rows);
    QFETCH(ColorHistogram::Layout, layout);

    const cv::Mat noise = noiseFrames(9, 1, 300, rows).front();
    ColorMap expected;
    countNaively(noise, expected);
    ColorHistogram histogram(layout);
    histogram.addFrame(noise);
    histogram.add(0x123456, 70000); // a spilled count must be included either way
    expected[0x123456] += 70000;

    const fp::ColorCounts counts = histogram.counts();
    QVERIFY(toMap(counts) == expected);
    QVERIFY(std::is_sorted(counts.begin(), counts.end(),
                           [](const ColorCount &a, const ColorCount &b) { return a.rgb < b.rgb; }));
}

// addImage() counts an image into the set and returns the image's own dominant colour, whether
// the table holds per-image counters or not, across a drain, and on a recycled table.
void TestAnalysis::histogramImageCounts_data()
{
    QTest::addColumn<ColorHistogram::Layout>("layout");
    QTest::addColumn<quint64>("preload");

    QTest::newRow("image counters") << ColorHistogram::StreamAndImageCounts << quint64(0);
    QTest::newRow("image counters, drain mid-set") << ColorHistogram::StreamAndImageCounts << kU32Max - 500;
    QTest::newRow("stream counters only") << ColorHistogram::StreamCounts << quint64(0);
}

void TestAnalysis::histogramImageCounts()
{
    QFETCH(ColorHistogram::Layout, layout);
    QFETCH(quint64, preload);

    // Noise with a band of one colour per image, so every image has a clear winner that the
    // set's overall winner is not.
    std::vector<cv::Mat> images = noiseFrames(5, 6, 12, 10);
    const quint32 bands[] = {0x102030, 0xFFEEDD, 0x102030, 0x00FF00, 0x000001, 0x102030};
    for (std::size_t i = 0; i < images.size(); ++i) {
        const quint32 rgb = bands[i];
        images[i].rowRange(0, 3 + int(i)).setTo(cv::Scalar(rgb & 0xFF, (rgb >> 8) & 0xFF, rgb >> 16));
    }

    ColorTable::setPoolSize(1); // the second round runs on the first round's released table
    for (int round = 0; round < 2; ++round) {
        ColorHistogram set(layout);
        ColorHistogram reference;
        set.add(0xABCDEF, preload);
        reference.add(0xABCDEF, preload);
        for (std::size_t i = 0; i < images.size(); ++i) {
            ColorHistogram alone;
            alone.addFrame(images[i]);
            const ColorCount dominant = set.addImage(images[i]);
            QCOMPARE(dominant.rgb, bands[i]);
            QCOMPARE(dominant.rgb, alone.dominant().rgb);
            QCOMPARE(dominant.count, alone.dominant().count);
            reference.addFrame(images[i]);
        }
        QCOMPARE(set.totalPixels(), reference.totalPixels());
        QCOMPARE(set.distinctColors(), reference.distinctColors());
        QCOMPARE(set.toBytes(), reference.toBytes());
        QCOMPARE(set.dominant().rgb, preload > 0 ? 0xABCDEFu : 0x102030u);
    }
    ColorTable::setPoolSize(0);
}

// Table counters are 16-bit: a full one spills into 64-bit counts. Preloading with add() and
// counting big frames must stay exact on both sides of every boundary, for frames and for images
// (whose own counters spill too).
void TestAnalysis::histogramCounterSpill_data()
{
    QTest::addColumn<quint64>("preload");
    QTest::addColumn<int>("side"); // side x side frames, all one colour but one pixel
    QTest::addColumn<int>("frames");
    QTest::addColumn<bool>("asImages");

    const quint64 full = 65535;
    QTest::newRow("no spill") << quint64(1000) << 10 << 3 << false;
    QTest::newRow("a counter reaches exactly 65535") << full - 99 << 10 << 1 << false;
    QTest::newRow("a counter passes 65535 by one") << full - 98 << 10 << 1 << false;
    QTest::newRow("preload spills, then frames") << 3 * full + 7 << 10 << 2 << false;
    QTest::newRow("frames alone spill") << quint64(0) << 100 << 9 << false;
    QTest::newRow("one frame spills twice") << quint64(0) << 400 << 1 << false;
    QTest::newRow("near 2^32") << kU32Max - 100 << 10 << 3 << false;
    QTest::newRow("past 2^32") << 5 * kU32Max << 10 << 2 << false;
    QTest::newRow("images, no spill") << quint64(0) << 10 << 3 << true;
    QTest::newRow("images spill the set's counter") << full - 150 << 10 << 4 << true;
    QTest::newRow("one image spills its own counter") << quint64(0) << 300 << 2 << true;
}

void TestAnalysis::histogramCounterSpill()
{
    QFETCH(quint64, preload);
    QFETCH(int, side);
    QFETCH(int, frames);
    QFETCH(bool, asImages);

    const quint32 preloaded = 0x00C0FF;
    const quint32 other = 0x00C0FE;
    cv::Mat frame = solidFrame(side, side, preloaded);
    frame.at<cv::Vec3b>(side / 2, side / 2) = cv::Vec3b(0xFE, 0xC0, 0x00);
    const quint64 perFrame = quint64(side) * quint64(side) - 1;

    ColorHistogram histogram(asImages ? ColorHistogram::StreamAndImageCounts : ColorHistogram::StreamCounts);
    histogram.add(preloaded, preload);
    for (int i = 0; i < frames; ++i) {
        if (!asImages) {
            histogram.addFrame(frame);
            continue;
        }
        const ColorCount image = histogram.addImage(frame);
        QCOMPARE(image.rgb, preloaded);
        QCOMPARE(image.count, perFrame);
    }

    const quint64 expectedPreloaded = preload + perFrame * quint64(frames);
    QCOMPARE(histogram.totalPixels(), expectedPreloaded + quint64(frames));
    QCOMPARE(histogram.distinctColors(), qsizetype(2));
    QCOMPARE(histogram.dominant().rgb, preloaded);
    QCOMPARE(histogram.dominant().count, expectedPreloaded);
    const ColorMap expected{{other, quint64(frames)}, {preloaded, expectedPreloaded}};
    QVERIFY(toMap(histogram.counts()) == expected);

    ColorHistogram decoded;
    QVERIFY(ColorHistogram::fromBytes(histogram.toBytes(), decoded));
    QVERIFY(toMap(decoded.counts()) == expected);
}

// A colour whose count is split between the table and the spilled map must be compared by its
// sum, including for ties.
void TestAnalysis::histogramCountsAcrossSpills()
{
    const quint32 small = 0x000010;
    const quint32 large = 0x000020;
    ColorHistogram histogram;
    histogram.add(small, kU32Max - 10); // spills: `small` is split between map and table
    histogram.add(large, 20);
    histogram.add(small, 10);
    histogram.add(large, kU32Max - 20); // both now total 2^32-1
    QCOMPARE(histogram.distinctColors(), qsizetype(2));
    QCOMPARE(histogram.dominant().rgb, small);
    QCOMPARE(histogram.dominant().count, kU32Max);

    histogram.add(large, 1);
    QCOMPARE(histogram.dominant().rgb, large);
    QCOMPARE(histogram.dominant().count, kU32Max + 1);
    const ColorMap expected{{small, kU32Max}, {large, kU32Max + 1}};
    QVERIFY(toMap(histogram.counts()) == expected);
    QCOMPARE(histogram.totalPixels(), 2 * kU32Max + 1);
}

void TestAnalysis::histogramLargeAdd()
{
    const quint64 huge = 5'000'000'000ull; // more than any 32-bit counter holds
    ColorHistogram histogram;
    histogram.add(0x777777, huge);
    histogram.add(0x666666, huge);
    histogram.add(0x1000000, 99); // not a 24-bit colour: ignored
    histogram.add(0x555555, 0);   // nothing to add
    QCOMPARE(histogram.distinctColors(), qsizetype(2));
    QCOMPARE(histogram.totalPixels(), 2 * huge);
    QCOMPARE(histogram.dominant().rgb, 0x666666u);

    histogram.addFrame(solidFrame(1, 1, 0x777777));
    QCOMPARE(histogram.dominant().rgb, 0x777777u);
    QCOMPARE(histogram.dominant().count, huge + 1);
}

void TestAnalysis::histogramMerge()
{
    const std::vector<cv::Mat> frames = noiseFrames(11, 2, 20, 10);
    ColorHistogram first;
    ColorHistogram second;
    first.addFrame(frames[0]);
    second.addFrame(frames[1]);
    second.add(0x010101, 3 * kU32Max); // a sparse count travels too

    ColorMap expected;
    countNaively(frames[0], expected);
    countNaively(frames[1], expected);
    expected[0x010101] += 3 * kU32Max;

    first.merge(second);
    QVERIFY(toMap(first.counts()) == expected);
    QCOMPARE(first.totalPixels(), 400 + 3 * kU32Max);

    // Merging with itself doubles every count.
    first.merge(first);
    for (auto &entry : expected)
        entry.second *= 2;
    QVERIFY(toMap(first.counts()) == expected);

    // ...also when doubling drains the table halfway through.
    ColorHistogram nearFull;
    nearFull.add(0x000001, kU32Max - 10);
    nearFull.add(0x000002, 5);
    nearFull.merge(nearFull);
    const ColorMap doubled{{0x000001, 2 * (kU32Max - 10)}, {0x000002, 10}};
    QVERIFY(toMap(nearFull.counts()) == doubled);
}

void TestAnalysis::histogramBytesLayout()
{
    ColorHistogram histogram;
    histogram.add(0x123456, 0x0102030405060708ull);
    histogram.add(0x000001, 2);
    // 0x000001: gap 1 (from -1), count 2; 0x123456: gap 0x123454, count 0x0102030405060708.
    const QByteArray expected = QByteArray::fromHex("01" "02" "d4e848" "888e98a8c0e0808101");
    QCOMPARE(histogram.toBytes(), expected);
}

void TestAnalysis::histogramBytesRoundTrip()
{
    ColorHistogram histogram;
    for (const cv::Mat &frame : noiseFrames(5, 3, 32, 8))
        histogram.addFrame(frame);
    histogram.add(0xFEDCBA, 7 * kU32Max);
    histogram.add(0x000000, 1); // both ends of the colour range
    histogram.add(0xFFFFFF, 3);

    const QByteArray bytes = histogram.toBytes();
    QVERIFY(bytes.size() >= 2 * histogram.distinctColors());
    QVERIFY(bytes.size() < 12 * histogram.distinctColors()); // smaller than fixed-size pairs

    ColorHistogram decoded;
    decoded.addFrame(solidFrame(2, 2, 0x999999)); // replaced, not added to
    QVERIFY(ColorHistogram::fromBytes(bytes, decoded));
    QVERIFY(toMap(decoded.counts()) == toMap(histogram.counts()));
    QCOMPARE(decoded.totalPixels(), histogram.totalPixels());
    QCOMPARE(decoded.toBytes(), bytes);

    QVERIFY(ColorHistogram::fromBytes(QByteArray(), decoded));
    QCOMPARE(decoded.totalPixels(), quint64(0));
}

// Merging sorted count lists (how the engine sums pieces) against counting the same pixels in
// one histogram.
void TestAnalysis::colorCountsMerge_data()
{
    QTest::addColumn<QList<quint32>>("first");  // one pixel per entry
    QTest::addColumn<QList<quint32>>("second");
    QTest::addColumn<quint32>("dominant");

    QTest::newRow("both empty") << QList<quint32>{} << QList<quint32>{} << 0u;
    QTest::newRow("one empty") << QList<quint32>{} << QList<quint32>{5, 5, 1} << 5u;
    QTest::newRow("disjoint, interleaved") << QList<quint32>{1, 3, 3, 0xFFFFFF} << QList<quint32>{0, 2, 4, 4} << 3u;
    QTest::newRow("overlap decides") << QList<quint32>{7, 7, 9} << QList<quint32>{9, 9, 7} << 7u;
    QTest::newRow("tie goes to the smaller colour") << QList<quint32>{0x00FF00, 0xFF0000}
                                                    << QList<quint32>{0xFF0000, 0x00FF00} << 0x00FF00u;
}

void TestAnalysis::colorCountsMerge()
{
    QFETCH(QList<quint32>, first);
    QFETCH(QList<quint32>, second);
    QFETCH(quint32, dominant);

    ColorHistogram a;
    ColorHistogram b;
    ColorHistogram both;
    for (const quint32 rgb : first) {
        a.add(rgb, 1);
        both.add(rgb, 1);
    }
    for (const quint32 rgb : second) {
        b.add(rgb, 1);
        both.add(rgb, 1);
    }
    const fp::ColorCounts merged = fp::mergeColorCounts(a.counts(), b.counts());
    QCOMPARE(fp::colorCountsToBytes(merged), both.toBytes());
    QCOMPARE(fp::totalOf(merged), quint64(first.size() + second.size()));
    QCOMPARE(fp::dominantOf(merged).rgb, dominant);
    QCOMPARE(fp::dominantOf(merged).count, both.dominant().count);
    QCOMPARE(fp::colorCountsFromBytes(fp::colorCountsToBytes(merged))->size(), merged.size());
}

void TestAnalysis::histogramBytesRejected_data()
{
    QTest::addColumn<QByteArray>("bytes");
    const QByteArray valid = entryBytes(0x10, 5) + entryBytes(0x0F, 300); // colours 0x10, 0x20

    QTest::newRow("truncated inside a count") << valid.left(valid.size() - 1);
    QTest::newRow("a gap without its count") << valid + varint(7);
    QTest::newRow("a lone continuation byte") << QByteArray(1, '\x80');
    QTest::newRow("varint longer than 64 bits") << QByteArray(9, '\xFF') + QByteArray(1, '\x02') + varint(1);
    QTest::newRow("colour above 24 bits") << entryBytes(0x1000000, 1);
    QTest::newRow("a colour after 0xFFFFFF") << entryBytes(0xFFFFFF, 1) + entryBytes(0, 1);
    QTest::newRow("gap that wraps 64 bits") << entryBytes(0x10, 1) + entryBytes(~quint64(0), 1);
    QTest::newRow("zero count") << entryBytes(0x10, 0);
    QTest::newRow("total overflows 64 bits") << entryBytes(0x10, ~quint64(0)) + entryBytes(0, 1);
}

void TestAnalysis::histogramBytesRejected()
{
    QFETCH(QByteArray, bytes);
    ColorHistogram histogram;
    histogram.addFrame(solidFrame(2, 3, 0x424242));
    QVERIFY(!ColorHistogram::fromBytes(bytes, histogram));
    // A rejected input leaves the histogram as it was.
    QCOMPARE(histogram.totalPixels(), quint64(6));
    QCOMPARE(histogram.dominant().rgb, 0x424242u);
}

// ---- Analyzers ---------------------------------------------------------------------------------

void TestAnalysis::emptyResults_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QJsonObject>("expected");

    const QJsonArray none;
    QTest::newRow("dominant-color")
        << QStringLiteral("dominant-color")
        << QJsonObject{{"rgb", rgbArray(0)}, {"hex", "#000000"}, {"percent", 0.0},
                       {"pixels", 0}, {"count", 0}};
    QTest::newRow("palette") << QStringLiteral("palette")
                             << QJsonObject{{"colors", none}, {"pixels", 0}};
    QTest::newRow("brightness") << QStringLiteral("brightness")
                                << QJsonObject{{"mean", 0.0}, {"min", 0.0}, {"max", 0.0},
                                               {"series", none}, {"frames", 0}};
    QTest::newRow("motion") << QStringLiteral("motion")
                            << QJsonObject{{"mean", 0.0}, {"max", 0.0}, {"max_pair", -1},
                                           {"series", none}, {"pairs", 0}};
    QTest::newRow("sharpness") << QStringLiteral("sharpness")
                               << QJsonObject{{"mean", 0.0}, {"min", 0.0}, {"max", 0.0},
                                              {"series", none}, {"frames", 0}};
}

void TestAnalysis::emptyResults()
{
    QFETCH(QString, kind);
    QFETCH(QJsonObject, expected);

    const auto analyzer = createAnalyzer(kind);
    QVERIFY(analyzer);
    QCOMPARE(analyzer->result(), expected);
    QCOMPARE(analyzer->frames(), qint64(0));
    QCOMPARE(mergedResult(kind, {analyzer->state()}), expected);
    QCOMPARE(mergedResult(kind, {}), expected);
}

void TestAnalysis::framesCountAddFrameOnly_data()
{
    QTest::addColumn<QString>("kind");
    for (const QString &kind : allAnalyses())
        QTest::addRow("%s", qPrintable(kind)) << kind;
}

void TestAnalysis::framesCountAddFrameOnly()
{
    QFETCH(QString, kind);
    const std::vector<cv::Mat> frames = noiseFrames(1, 4, 8, 8);
    const auto analyzer = createAnalyzer(kind);
    analyzer->prime(frames[0]);
    for (std::size_t i = 1; i < frames.size(); ++i)
        analyzer->addFrame(frames[i]);
    analyzer->addFrame(cv::Mat()); // unusable: neither analysed nor counted
    QCOMPARE(analyzer->frames(), qint64(3));
}

void TestAnalysis::dominantColorFrames_data()
{
    QTest::addColumn<QList<Stripes>>("frames");
    QTest::addColumn<quint32>("rgb");
    QTest::addColumn<qint64>("count");
    QTest::addColumn<qint64>("pixels");

    QTest::newRow("solid") << QList<Stripes>{{{0x3366CC, 10}}} << 0x3366CCu << qint64(100)
                           << qint64(100);
    QTest::newRow("60/40") << QList<Stripes>{{{0x3366CC, 6}, {0x102030, 4}}} << 0x3366CCu
                           << qint64(60) << qint64(100);
    QTest::newRow("minority overall wins over frames")
        << QList<Stripes>{{{0x3366CC, 6}, {0x102030, 4}}, {{0x102030, 10}}} << 0x102030u
        << qint64(140) << qint64(200);
    QTest::newRow("tie over frames goes to the smaller colour")
        << QList<Stripes>{{{0xFFFFFF, 10}}, {{0x000000, 10}}} << 0x000000u << qint64(100)
        << qint64(200);
}

void TestAnalysis::dominantColorFrames()
{
    QFETCH(QList<Stripes>, frames);
    QFETCH(quint32, rgb);
    QFETCH(qint64, count);
    QFETCH(qint64, pixels);

    std::vector<cv::Mat> mats;
    for (const Stripes &stripes : frames)
        mats.push_back(stripedFrame(stripes, 10));
    const QJsonObject expected{{"rgb", rgbArray(rgb)},
                               {"hex", fp::analyses::hexColor(rgb)},
                               {"percent", 100.0 * double(count) / double(pixels)},
                               {"pixels", pixels},
                               {"count", count}};
    // A stream without beginImage() calls (a video) has no "images".
    QCOMPARE(analyzeFrames(QStringLiteral("dominant-color"), mats), expected);
}

void TestAnalysis::dominantColorImages()
{
    struct Image { QString path; QList<Stripes> frames; quint32 rgb; double percent; };
    const QList<Image> images{
        {"a.png", {{{0x0000FF, 10}}}, 0x0000FF, 100.0},
        {"b.png", {{{0x00FF00, 3}, {0xFF0000, 7}}}, 0xFF0000, 70.0},
        {"c.png", {{{0x00FF00, 5}, {0x0000FF, 5}}}, 0x0000FF, 50.0}, // tie: smaller wins
        {"d.png", {{{0x00FF00, 8}, {0x0000FF, 2}}}, 0x00FF00, 80.0},
        // Images are one frame, but one with two must still count each frame once towards
        // the set; the image's own colour is its first frame's (green wins the second).
        {"e.gif", {{{0xFF0000, 10}}, {{0x00FF00, 7}, {0xFF0000, 3}}}, 0xFF0000, 100.0},
    };
    // Overall rows: blue 10+5+2 = 17, green 3+5+8+7 = 23, red 7+10+3 = 20 of 60.
    const quint32 overall = 0x00FF00;

    const auto analyzer = createAnalyzer(QStringLiteral("dominant-color"));
    for (const Image &image : images) {
        analyzer->beginImage(image.path);
        for (const Stripes &frame : image.frames)
            analyzer->addFrame(stripedFrame(frame, 10));
    }
    const QJsonObject result = analyzer->result();

    QCOMPARE(result.value("rgb").toArray(), rgbArray(overall));
    QCOMPARE(result.value("count").toInteger(), qint64(230));
    QCOMPARE(result.value("pixels").toInteger(), qint64(600));
    QCOMPARE(result.value("percent").toDouble(), 100.0 * 230 / 600);

    const QJsonArray entries = result.value("images").toArray();
    QCOMPARE(entries.size(), images.size());
    for (qsizetype i = 0; i < images.size(); ++i) {
        const QJsonObject expected{{"path", images[i].path},
                                   {"rgb", rgbArray(images[i].rgb)},
                                   {"hex", fp::analyses::hexColor(images[i].rgb)},
                                   {"percent", images[i].percent}};
        QCOMPARE(entries[i].toObject(), expected);
    }
}

void TestAnalysis::palette_data()
{
    QTest::addColumn<Stripes>("stripes");
    QTest::addColumn<Swatches>("expected");

    // Bin centres: each channel's top 4 bits, then 8 (the middle of the 16 levels).
    QTest::newRow("two colours 70/30")
        << Stripes{{0x1EC80A, 7}, {0x1100FF, 3}}
        << Swatches{{0x18C808, 0.7}, {0x1808F8, 0.3}};
    QTest::newRow("colours in one bin merge")
        << Stripes{{0x102030, 4}, {0x1F2F3F, 6}} << Swatches{{0x182838, 1.0}};
    QTest::newRow("tie: smaller bin first")
        << Stripes{{0xF00000, 5}, {0x00000F, 5}} << Swatches{{0x080808, 0.5}, {0xF80808, 0.5}};
    QTest::newRow("top five of seven")
        << Stripes{{0x000000, 1}, {0x202020, 2}, {0x404040, 7}, {0x606060, 4},
                   {0x808080, 3}, {0xA0A0A0, 2}, {0xC0C0C0, 1}}
        << Swatches{{0x484848, 0.35}, {0x686868, 0.2}, {0x888888, 0.15},
                    {0x282828, 0.1}, {0xA8A8A8, 0.1}};
}

void TestAnalysis::palette()
{
    QFETCH(Stripes, stripes);
    QFETCH(Swatches, expected);

    const cv::Mat frame = stripedFrame(stripes, 10);
    const QJsonObject result = analyzeFrames(QStringLiteral("palette"), {frame});
    QCOMPARE(result.value("pixels").toInteger(), qint64(frame.total()));

    const QJsonArray colors = result.value("colors").toArray();
    QCOMPARE(colors.size(), expected.size());
    for (qsizetype i = 0; i < expected.size(); ++i) {
        const QJsonObject color = colors[i].toObject();
        QCOMPARE(color.value("rgb").toArray(), rgbArray(expected[i].rgb));
        QCOMPARE(color.value("hex").toString(), fp::analyses::hexColor(expected[i].rgb));
        QCOMPARE(color.value("share").toDouble(), expected[i].share);
        QCOMPARE(color.value("percent").toDouble(), 100.0 * expected[i].share);
    }
}

void TestAnalysis::brightness_data()
{
    QTest::addColumn<QList<Stripes>>("frames");
    QTest::addColumn<QList<double>>("series");

    QTest::newRow("pure grays") << QList<Stripes>{{{grayRgb(0), 4}}, {{grayRgb(128), 4}},
                                                  {{grayRgb(255), 4}}}
                                << QList<double>{0, 128, 255};
    QTest::newRow("half and half") << QList<Stripes>{{{grayRgb(100), 2}, {grayRgb(201), 2}}}
                                   << QList<double>{150.5};
    for (const quint32 rgb : {0x1EC80Au, 0xFF0000u, 0x00FF00u, 0x0000FFu, 0x123456u}) {
        QTest::addRow("colour %06x", rgb)
            << QList<Stripes>{{{rgb, 4}}} << QList<double>{double(opencvGray(rgb))};
    }
}

void TestAnalysis::brightness()
{
    QFETCH(QList<Stripes>, frames);
    QFETCH(QList<double>, series);

    std::vector<cv::Mat> mats;
    for (const Stripes &stripes : frames)
        mats.push_back(stripedFrame(stripes, 6));
    const QJsonObject result = analyzeFrames(QStringLiteral("brightness"), mats);

    QCOMPARE(seriesOf(result), series);
    double sum = 0;
    for (const double v : series)
        sum += v;
    QCOMPARE(result.value("mean").toDouble(), sum / double(series.size()));
    QCOMPARE(result.value("min").toDouble(), *std::min_element(series.begin(), series.end()));
    QCOMPARE(result.value("max").toDouble(), *std::max_element(series.begin(), series.end()));
    QCOMPARE(result.value("frames").toInteger(), qint64(series.size()));
}

void TestAnalysis::motionThreshold_data()
{
    QTest::addColumn<int>("difference");
    QTest::addColumn<int>("changedPixels");
    QTest::addColumn<double>("fraction");

    QTest::newRow("diff 25 does not count") << 25 << 30 << 0.0;
    QTest::newRow("diff 26 counts") << 26 << 30 << 0.3;
    QTest::newRow("diff -25 does not count") << -25 << 30 << 0.0;
    QTest::newRow("diff -26 counts") << -26 << 30 << 0.3;
    QTest::newRow("every pixel") << 100 << 100 << 1.0;
    QTest::newRow("one pixel") << 155 << 1 << 0.01;
    QTest::newRow("identical") << 0 << 100 << 0.0;
}

void TestAnalysis::motionThreshold()
{
    QFETCH(int, difference);
    QFETCH(int, changedPixels);
    QFETCH(double, fraction);

    const int base = 100;
    const cv::Mat first = solidFrame(10, 10, grayRgb(base));
    cv::Mat second = first.clone();
    const cv::Vec3b changed = cv::Vec3b::all(uchar(base + difference));
    for (int i = 0; i < changedPixels; ++i)
        second.at<cv::Vec3b>(i / 10, i % 10) = changed;

    const QJsonObject result = analyzeFrames(QStringLiteral("motion"), {first, second});
    QCOMPARE(result.value("pairs").toInteger(), qint64(1));
    QCOMPARE(seriesOf(result), QList<double>{fraction});
}

void TestAnalysis::motionSeries()
{
    // Frames 0..4 with pairs changing 20%, 50%, 10%, 50% of their pixels.
    const std::vector<int> changedRows{2, 5, 1, 5};
    std::vector<cv::Mat> frames{solidFrame(10, 10, grayRgb(0))};
    for (const int rows : changedRows) {
        cv::Mat next = frames.back().clone();
        cv::Mat band = next.rowRange(0, rows);
        band += cv::Scalar::all(40);
        frames.push_back(next);
    }

    const auto analyzer = createAnalyzer(QStringLiteral("motion"));
    for (const cv::Mat &frame : frames)
        analyzer->addFrame(frame);
    const QJsonObject result = analyzer->result();

    QCOMPARE(seriesOf(result), (QList<double>{0.2, 0.5, 0.1, 0.5}));
    QCOMPARE(result.value("pairs").toInteger(), qint64(4));
    QCOMPARE(result.value("max").toDouble(), 0.5);
    QCOMPARE(result.value("max_pair").toInteger(), qint64(1)); // the first of the two maxima
    QCOMPARE(result.value("mean").toDouble(), (0.2 + 0.5 + 0.1 + 0.5) / 4);
    QCOMPARE(analyzer->frames(), qint64(5));
}

void TestAnalysis::motionPriming()
{
    const cv::Mat dark = solidFrame(4, 4, grayRgb(0));
    const cv::Mat light = solidFrame(4, 4, grayRgb(200));

    const auto unprimed = createAnalyzer(QStringLiteral("motion"));
    unprimed->addFrame(light);
    QCOMPARE(unprimed->result().value("pairs").toInteger(), qint64(0));

    const auto primed = createAnalyzer(QStringLiteral("motion"));
    primed->prime(dark);
    primed->addFrame(light);
    QCOMPARE(primed->frames(), qint64(1));
    QCOMPARE(seriesOf(primed->result()), QList<double>{1.0});
}

void TestAnalysis::motionSizeChange_data()
{
    QTest::addColumn<QSize>("previousSize");
    QTest::addColumn<QSize>("currentSize");
    QTest::newRow("shrinks") << QSize(20, 16) << QSize(10, 8);
    QTest::newRow("grows") << QSize(10, 8) << QSize(30, 24);
    QTest::newRow("changes aspect") << QSize(12, 12) << QSize(24, 6);
}

void TestAnalysis::motionSizeChange()
{
    QFETCH(QSize, previousSize);
    QFETCH(QSize, currentSize);

    // A solid frame scales to the same solid frame, so the answers are exact.
    const auto frame = [](QSize size, int level) {
        return solidFrame(size.height(), size.width(), grayRgb(level));
    };
    const QJsonObject result = analyzeFrames(
        QStringLiteral("motion"), {frame(previousSize, 50), frame(currentSize, 50),
                               frame(previousSize, 50), frame(currentSize, 150)});
    QCOMPARE(seriesOf(result), (QList<double>{0.0, 0.0, 1.0}));
}

void TestAnalysis::sharpness_data()
{
    QTest::addColumn<cv::Mat>("gray");
    QTest::addColumn<double>("knownVariance"); // < 0: only the independent computation

    QTest::newRow("flat") << cv::Mat(12, 16, CV_8UC1, cv::Scalar(90)) << 0.0;

    // A one-pixel checkerboard: every Laplacian value is +-4*255, half of each sign.
    cv::Mat checker(12, 16, CV_8UC1);
    for (int y = 0; y < checker.rows; ++y)
        for (int x = 0; x < checker.cols; ++x)
            checker.at<uchar>(y, x) = ((x + y) % 2) ? 255 : 0;
    QTest::newRow("checkerboard") << checker << 1020.0 * 1020.0;

    cv::Mat ramp(9, 13, CV_8UC1);
    for (int y = 0; y < ramp.rows; ++y)
        for (int x = 0; x < ramp.cols; ++x)
            ramp.at<uchar>(y, x) = uchar(x * x + 3 * y);
    QTest::newRow("curved ramp") << ramp << -1.0;

    cv::Mat noise;
    cv::cvtColor(noiseFrames(9, 1, 21, 17).front(), noise, cv::COLOR_BGR2GRAY);
    QTest::newRow("noise") << noise << -1.0;
}

void TestAnalysis::sharpness()
{
    QFETCH(cv::Mat, gray);
    QFETCH(double, knownVariance);

    // Equal channels convert back to exactly the same gray levels.
    cv::Mat bgr;
    cv::cvtColor(gray, bgr, cv::COLOR_GRAY2BGR);
    const QJsonObject result = analyzeFrames(QStringLiteral("sharpness"), {bgr});
    const QList<double> series = seriesOf(result);
    QCOMPARE(series.size(), qsizetype(1));

    const double expected = naiveLaplacianVariance(gray);
    if (knownVariance >= 0)
        QCOMPARE(expected, knownVariance); // the reference computation itself is right
    if (expected == 0)
        QCOMPARE(series[0], 0.0);
    else
        QVERIFY2(qAbs(series[0] - expected) <= 1e-9 * expected,
                 qPrintable(QStringLiteral("%1 vs %2").arg(series[0], 0, 'g', 17).arg(expected, 0, 'g', 17)));
    QCOMPARE(result.value("mean").toDouble(), series[0]);
}

void TestAnalysis::sharpnessAsOpenCvComputesIt_data()
{
    QTest::addColumn<cv::Mat>("gray");
    const auto noise = [](int rows, int cols) {
        cv::Mat gray(rows, cols, CV_8UC1);
        cv::RNG random{quint64(rows) * 7919 + quint64(cols)};
        random.fill(gray, cv::RNG::UNIFORM, 0, 256);
        return gray;
    };
    // Sizes around the 16-pixel steps of the vectorised sums and the borders' special cases
    // (one row, one column), frames' sizes, and a row too wide for the vector lanes.
    for (const auto &[rows, cols] : {std::pair{1, 1}, {1, 9}, {9, 1}, {2, 2}, {3, 17}, {5, 18}, {7, 33},
                                     {64, 100}, {576, 768}, {1080, 1920}, {3, 8100}})
        QTest::addRow("noise %dx%d", cols, rows) << noise(rows, cols);
    // The largest Laplacian values everywhere: a one-pixel checkerboard of 0 and 255.
    cv::Mat checker(270, 1920, CV_8UC1);
    for (int y = 0; y < checker.rows; ++y)
        for (int x = 0; x < checker.cols; ++x)
            checker.at<uchar>(y, x) = ((x + y) % 2) ? 255 : 0;
    QTest::newRow("checkerboard 1920x270") << checker;
    QTest::newRow("a view with gaps") << cv::Mat(noise(40, 90).colRange(3, 80));
}

// The sharpness of a frame is what cv::Laplacian(CV_64F) and cv::meanStdDev give, bit for bit
// (the analysis sums the Laplacian itself), from a gray frame and from its BGR. A view is a
// frame of its own (cv::Laplacian would read a view's border from the matrix around it).
void TestAnalysis::sharpnessAsOpenCvComputesIt()
{
    QFETCH(cv::Mat, gray);
    cv::Mat laplacian;
    cv::Laplacian(gray.clone(), laplacian, CV_64F);
    cv::Scalar mean;
    cv::Scalar deviation;
    cv::meanStdDev(laplacian, mean, deviation);
    const double expected = deviation[0] * deviation[0];
    cv::Mat bgr;
    cv::cvtColor(gray, bgr, cv::COLOR_GRAY2BGR);
    for (const cv::Mat &frame : {gray, bgr}) {
        const QList<double> series = seriesOf(analyzeFrames(QStringLiteral("sharpness"), {frame}));
        QCOMPARE(series.size(), qsizetype(1));
        QVERIFY2(series[0] == expected, qPrintable(QStringLiteral("%1 vs %2 (%3 channels)")
                                                       .arg(series[0], 0, 'g', 17)
                                                       .arg(expected, 0, 'g', 17)
                                                       .arg(frame.channels())));
    }
}

// Hasler and Süsstrunk's colourfulness straight from the definition, one pixel at a time in
// doubles: rg = R - G, yb = (R + G) / 2 - B, population standard deviations and means.
double naiveColorfulness(const cv::Mat &bgr)
{
    std::vector<double> rg, yb;
    for (int y = 0; y < bgr.rows; ++y) {
        for (int x = 0; x < bgr.cols; ++x) {
            const cv::Vec3b p = bgr.at<cv::Vec3b>(y, x);
            rg.push_back(double(p[2]) - double(p[1]));
            yb.push_back((double(p[2]) + double(p[1])) / 2 - double(p[0]));
        }
    }
    const auto mean = [](const std::vector<double> &v) { return std::accumulate(v.begin(), v.end(), 0.0) / double(v.size()); };
    const auto variance = [&mean](const std::vector<double> &v) {
        const double m = mean(v);
        double sum = 0;
        for (const double x : v)
            sum += (x - m) * (x - m);
        return sum / double(v.size());
    };
    return std::sqrt(variance(rg) + variance(yb)) + 0.3 * std::sqrt(mean(rg) * mean(rg) + mean(yb) * mean(yb));
}

void TestAnalysis::colorfulness_data()
{
    QTest::addColumn<cv::Mat>("bgr");
    QTest::addColumn<double>("known"); // < 0: only the independent computation

    QTest::newRow("gray") << solidFrame(6, 8, 0x808080) << 0.0;
    // One colour: no spread, only the mean term. Red: rg = 255, yb = 127.5.
    QTest::newRow("solid red") << solidFrame(6, 8, 0xff0000) << 0.3 * std::sqrt(255.0 * 255.0 + 127.5 * 127.5);
    // Half red, half blue: rg 255 | 0, yb 127.5 | -255; σrg = 127.5, σyb = 191.25,
    // μrg = 127.5, μyb = -63.75.
    cv::Mat halves = solidFrame(6, 8, 0xff0000);
    halves.rowRange(3, 6).setTo(cv::Scalar(255, 0, 0));
    QTest::newRow("half red, half blue")
        << halves << std::sqrt(127.5 * 127.5 + 191.25 * 191.25) + 0.3 * std::sqrt(127.5 * 127.5 + 63.75 * 63.75);
    QTest::newRow("noise") << noiseFrames(11, 1, 23, 19).front() << -1.0;
    // Past the 32-pixel steps of the vectorised sums, a frame's size, a row too wide for their
    // lanes, a view with gaps, and the largest opponent values: pure blue beside yellow.
    QTest::newRow("noise 100x37") << noiseFrames(12, 1, 100, 37).front() << -1.0;
    QTest::newRow("noise 768x576") << noiseFrames(13, 1, 768, 576).front() << -1.0;
    QTest::newRow("noise 8100x3") << noiseFrames(14, 1, 8100, 3).front() << -1.0;
    QTest::newRow("a view with gaps") << cv::Mat(noiseFrames(15, 1, 90, 40).front().colRange(3, 80)) << -1.0;
    cv::Mat blueYellow(64, 1920, CV_8UC3, cv::Scalar(255, 0, 0));
    for (int x = 1; x < blueYellow.cols; x += 2)
        blueYellow.col(x).setTo(cv::Scalar(0, 255, 255));
    QTest::newRow("blue and yellow 1920x64") << blueYellow << -1.0;
}

void TestAnalysis::colorfulness()
{
    QFETCH(cv::Mat, bgr);
    QFETCH(double, known);

    const double expected = naiveColorfulness(bgr);
    if (known >= 0)
        QVERIFY2(qAbs(expected - known) <= 1e-9 * std::max(1.0, known), qPrintable(QString::number(expected, 'g', 17)));
    const QJsonObject result = analyzeFrames(QStringLiteral("colorfulness"), {bgr, bgr});
    const QList<double> series = seriesOf(result);
    QCOMPARE(series.size(), qsizetype(2));
    QVERIFY2(qAbs(series[0] - expected) <= 1e-9 * std::max(1.0, expected),
             qPrintable(QStringLiteral("%1 vs %2").arg(series[0], 0, 'g', 17).arg(expected, 0, 'g', 17)));
    QCOMPARE(result.value("mean").toDouble(), series[0]);
    QCOMPARE(result.value("frames").toInt(), 2);
}

// The declared parameters reach the per-frame work: a higher motion threshold counts fewer
// moving pixels; a palette of 2 colours at 1 bit per channel reports 2 colours of 8 bins.
void TestAnalysis::parametersChangeResults()
{
    const fp::Analysis &motion = analysisNamed(QStringLiteral("motion"));
    const auto motionWith = [&](int threshold) {
        const auto analyzer = motion.createAnalyzer({{QStringLiteral("threshold"), threshold}});
        analyzer->addFrame(solidFrame(4, 4, 0x000000));
        analyzer->addFrame(solidFrame(4, 4, 0x282828)); // gray level 40
        return analyzer->result().value("mean").toDouble();
    };
    QCOMPARE(motionWith(25), 1.0);
    QCOMPARE(motionWith(40), 0.0); // the change must exceed the threshold

    const fp::Analysis &palette = analysisNamed(QStringLiteral("palette"));
    const QJsonObject coarse{{QStringLiteral("colors"), 2}, {QStringLiteral("bits"), 1}};
    const auto analyzer = palette.createAnalyzer(coarse);
    cv::Mat frame = solidFrame(4, 4, 0xff0000);
    frame.rowRange(0, 1).setTo(cv::Scalar(0, 0, 0));
    frame.rowRange(1, 2).setTo(cv::Scalar(255, 255, 255));
    analyzer->addFrame(frame);
    const QJsonArray colors = analyzer->result().value("colors").toArray();
    QCOMPARE(colors.size(), 2);
    QCOMPARE(colors[0].toObject().value("hex").toString(), QStringLiteral("#c04040")); // red's cube centre at 1 bit
    QCOMPARE(colors[0].toObject().value("percent").toDouble(), 50.0);
    // The merge uses the same parameters: the states of 8-bin pieces merge.
    QCOMPARE(palette.merge({analyzer->state(), analyzer->state()}, coarse).value("colors").toArray(), colors);
}

void TestAnalysis::parametersAreValidated_data()
{
    QTest::addColumn<QString>("analysis");
    QTest::addColumn<QStringList>("assignments");
    QTest::addColumn<QString>("errorContains"); // empty: accepted

    QTest::newRow("defaults") << "motion" << QStringList{} << "";
    QTest::newRow("in range") << "motion" << QStringList{"threshold=40"} << "";
    QTest::newRow("too high") << "motion" << QStringList{"threshold=999"} << "from 0 to 254";
    QTest::newRow("not a number") << "palette" << QStringList{"colors=many"} << "bad value \"many\" for parameter colors";
    QTest::newRow("fraction for an integer") << "palette" << QStringList{"bits=2.5"} << "whole number";
    QTest::newRow("unknown key") << "palette" << QStringList{"colours=3"} << "unknown parameter \"colours\" for palette (it takes: colors, bits)";
    QTest::newRow("no parameters") << "brightness" << QStringList{"x=1"} << "brightness takes no parameters";
    QTest::newRow("not KEY=VALUE") << "motion" << QStringList{"threshold"} << "is not KEY=VALUE";
}

void TestAnalysis::parametersAreValidated()
{
    QFETCH(QString, analysis);
    QFETCH(QStringList, assignments);
    QFETCH(QString, errorContains);

    QString error;
    const std::optional<QJsonObject> resolved = analysisNamed(analysis).info().resolveParameters(assignments, &error);
    if (errorContains.isEmpty()) {
        QVERIFY2(resolved, qPrintable(error));
        // Every declared key is there, typed.
        for (const fp::ParameterSpec &spec : analysisNamed(analysis).info().parameters)
            QVERIFY(resolved->value(spec.key).isDouble());
    } else {
        QVERIFY(!resolved);
        QVERIFY2(error.contains(errorContains), qPrintable(error));
    }
}

// ---- Pieces and states -------------------------------------------------------------------------

void TestAnalysis::mergeIsExact_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<bool>("imageSet");
    QTest::addColumn<int>("pieces");

    for (const QString &kind : allAnalyses()) {
        for (const bool imageSet : {false, true}) {
            for (const int pieces : {1, 2, 3, 5}) {
                QTest::addRow("%s/%s/%d pieces", qPrintable(kind),
                              imageSet ? "images" : "video", pieces)
                    << kind << imageSet << pieces;
            }
        }
    }
}

void TestAnalysis::mergeIsExact()
{
    QFETCH(QString, kind);
    QFETCH(bool, imageSet);
    QFETCH(int, pieces);

    const std::vector<cv::Mat> frames = noiseFrames(7, 11, 24, 16);
    const int count = int(frames.size());
    const auto feed = [&](fp::FrameAnalyzer &analyzer, int first, int end) {
        // Each piece gets the frame before it as context, as the engine does.
        if (analysisNamed(kind).info().pairwise && first > 0)
            analyzer.prime(frames[first - 1]);
        for (int i = first; i < end; ++i) {
            if (imageSet)
                analyzer.beginImage(QStringLiteral("img_%1.png").arg(i));
            analyzer.addFrame(frames[i]);
        }
    };

    const auto whole = createAnalyzer(kind);
    feed(*whole, 0, count);
    const QJsonObject expected = whole->result();
    QCOMPARE(mergedResult(kind, {whole->state()}), expected);

    QList<QJsonObject> states;
    qint64 framesInPieces = 0;
    for (int p = 0; p < pieces; ++p) {
        const auto piece = createAnalyzer(kind);
        feed(*piece, p * count / pieces, (p + 1) * count / pieces);
        framesInPieces += piece->frames();
        // States travel between processes as JSON text; exactness must survive that.
        states << throughJsonText(piece->state());
    }
    QCOMPARE(framesInPieces, whole->frames());

    const QJsonObject merged = throughJsonText(mergedResult(kind, states));
    QVERIFY2(!merged.contains("error"), qPrintable(merged.value("error").toString()));
    QCOMPARE(merged, expected);
    QCOMPARE(expected.contains("images"), kind == QStringLiteral("dominant-color") && imageSet);
}

void TestAnalysis::partialResultsDoNotDisturb_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<bool>("imageSet");
    for (const QString &kind : allAnalyses()) {
        for (const bool imageSet : {false, true}) {
            QTest::addRow("%s/%s", qPrintable(kind), imageSet ? "images" : "video")
                << kind << imageSet;
        }
    }
}

void TestAnalysis::partialResultsDoNotDisturb()
{
    QFETCH(QString, kind);
    QFETCH(bool, imageSet);

    const std::vector<cv::Mat> frames = noiseFrames(13, 5, 12, 10);
    const auto quiet = createAnalyzer(kind);
    const auto polled = createAnalyzer(kind);
    for (std::size_t i = 0; i < frames.size(); ++i) {
        for (fp::FrameAnalyzer *analyzer : {quiet.get(), polled.get()}) {
            if (imageSet)
                analyzer->beginImage(QStringLiteral("%1.png").arg(i));
            analyzer->addFrame(frames[i]);
        }
        // The engine asks for partial results and states while a piece is running.
        (void)polled->result();
        (void)polled->state();
        // An image with two frames must still be counted as one image.
        if (imageSet && i == 2) {
            quiet->addFrame(frames[0]);
            polled->addFrame(frames[0]);
        }
    }
    QCOMPARE(polled->result(), quiet->result());
    QCOMPARE(polled->state(), quiet->state());
}

void TestAnalysis::malformedStates_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QJsonObject>("state");

    const auto stateOf = [](const QString &kind, bool imageSet) {
        const auto analyzer = createAnalyzer(kind);
        if (imageSet)
            analyzer->beginImage("x.png");
        analyzer->addFrame(noiseFrames(2, 1, 8, 8).front());
        return analyzer->state();
    };
    const auto with = [](QJsonObject state, const QString &key, const QJsonValue &value) {
        state.insert(key, value);
        return state;
    };

    const QJsonObject dominant = stateOf(QStringLiteral("dominant-color"), true);
    const QByteArray histogram = QByteArray::fromBase64(dominant.value("hist").toString().toLatin1());
    QJsonObject badImage = dominant.value("images").toArray().first().toObject();
    badImage.insert("count", badImage.value("pixels").toInteger() + 1);

    QTest::newRow("dominant: empty object") << QStringLiteral("dominant-color") << QJsonObject();
    QTest::newRow("dominant: another analysis' state")
        << QStringLiteral("dominant-color") << stateOf(QStringLiteral("palette"), false);
    QTest::newRow("dominant: histogram missing")
        << QStringLiteral("dominant-color") << with(dominant, "hist", QJsonValue());
    QTest::newRow("dominant: not base64")
        << QStringLiteral("dominant-color") << with(dominant, "hist", "**not base64**");
    QTest::newRow("dominant: truncated histogram")
        << QStringLiteral("dominant-color")
        << with(dominant, "hist", QString::fromLatin1(histogram.chopped(1).toBase64()));
    QTest::newRow("dominant: pixels disagree")
        << QStringLiteral("dominant-color") << with(dominant, "pixels", 3);
    QTest::newRow("dominant: images not a list")
        << QStringLiteral("dominant-color") << with(dominant, "images", "x.png");
    QTest::newRow("dominant: image count above its pixels")
        << QStringLiteral("dominant-color") << with(dominant, "images", QJsonArray{badImage});
    QTest::newRow("dominant: an error passes through")
        << QStringLiteral("dominant-color") << QJsonObject{{"error", "worker crashed"}};

    const QJsonObject palette = stateOf(QStringLiteral("palette"), false);
    QJsonArray shortBins = palette.value("bins").toArray();
    shortBins.removeLast();
    QJsonArray negativeBin = palette.value("bins").toArray();
    negativeBin[7] = -1;
    QJsonArray textBin = palette.value("bins").toArray();
    textBin[7] = "7";
    QTest::newRow("palette: a bin missing") << QStringLiteral("palette") << with(palette, "bins", shortBins);
    QTest::newRow("palette: negative bin") << QStringLiteral("palette") << with(palette, "bins", negativeBin);
    QTest::newRow("palette: text bin") << QStringLiteral("palette") << with(palette, "bins", textBin);
    QTest::newRow("palette: bins not a list") << QStringLiteral("palette") << with(palette, "bins", 4096);

    for (const QString &kind : {QStringLiteral("brightness"), QStringLiteral("motion"), QStringLiteral("sharpness"),
                                QStringLiteral("colorfulness")}) {
        const QJsonObject state = stateOf(kind, false);
        const QByteArray name = kind.toLatin1();
        QTest::addRow("%s: no series", name.constData()) << kind << with(state, "series", QJsonValue());
        QTest::addRow("%s: text in series", name.constData())
            << kind << with(state, "series", QJsonArray{1.0, "2"});
        QTest::addRow("%s: series not a list", name.constData())
            << kind << with(state, "series", 5);
    }
    QTest::newRow("sharpness: a brightness state")
        << QStringLiteral("sharpness") << stateOf(QStringLiteral("brightness"), false);
}

void TestAnalysis::malformedStates()
{
    QFETCH(QString, kind);
    QFETCH(QJsonObject, state);

    QVERIFY(mergedResult(kind, {state}).contains("error"));

    const auto good = createAnalyzer(kind);
    good->addFrame(solidFrame(4, 4, 0x102030));
    // A bad piece spoils the merge, wherever it stands.
    QVERIFY(mergedResult(kind, {good->state(), state}).contains("error"));
    QVERIFY(mergedResult(kind, {state, good->state()}).contains("error"));
}

// ---- Real photograph ---------------------------------------------------------------------------

void TestAnalysis::realImage()
{
    const QString folder = QStringLiteral("/usr/share/doc/opencv-doc/examples/data/");
    QString path;
    for (const char *name : {"lena.jpg", "baboon.jpg", "fruits.jpg", "HappyFish.jpg"}) {
        if (QFileInfo::exists(folder + QLatin1String(name))) {
            path = folder + QLatin1String(name);
            break;
        }
    }
    if (path.isEmpty())
        QSKIP("no sample photograph in /usr/share/doc/opencv-doc/examples/data");
    const cv::Mat image = cv::imread(path.toStdString(), cv::IMREAD_COLOR);
    QVERIFY(!image.empty());

    ColorMap counts;
    countNaively(image, counts);
    const ColorCount expected = naiveDominant(counts);
    const qint64 pixels = qint64(image.total());

    const auto analyzer = createAnalyzer(QStringLiteral("dominant-color"));
    analyzer->beginImage(path);
    analyzer->addFrame(image);
    const QJsonObject result = analyzer->result();
    QCOMPARE(result.value("rgb").toArray(), rgbArray(expected.rgb));
    QCOMPARE(result.value("count").toInteger(), qint64(expected.count));
    QCOMPARE(result.value("pixels").toInteger(), pixels);
    QCOMPARE(result.value("percent").toDouble(), 100.0 * double(expected.count) / double(pixels));
    const QJsonObject entry = result.value("images").toArray().first().toObject();
    QCOMPARE(entry.value("rgb").toArray(), rgbArray(expected.rgb));
    QCOMPARE(entry.value("percent").toDouble(), result.value("percent").toDouble());

    ColorHistogram histogram;
    histogram.addFrame(image);
    QCOMPARE(histogram.distinctColors(), qsizetype(counts.size()));
    QVERIFY(toMap(histogram.counts()) == counts);

    // Palette: the same pixels binned to 4 bits per channel, ranked the obvious way.
    std::map<quint32, quint64> bins;
    for (const auto &[rgb, count] : counts)
        bins[rgb & 0xF0F0F0] += count;
    std::vector<std::pair<quint32, quint64>> ranked(bins.begin(), bins.end());
    std::stable_sort(ranked.begin(), ranked.end(),
                     [](const auto &a, const auto &b) { return a.second > b.second; });
    const QJsonArray colors = analyzeFrames(QStringLiteral("palette"), {image}).value("colors").toArray();
    QCOMPARE(colors.size(), qsizetype(5));
    for (qsizetype i = 0; i < colors.size(); ++i) {
        const QJsonObject color = colors[i].toObject();
        QCOMPARE(color.value("rgb").toArray(), rgbArray(ranked[i].first | 0x080808));
        QCOMPARE(color.value("share").toDouble(), double(ranked[i].second) / double(pixels));
    }
}

QTEST_GUILESS_MAIN(TestAnalysis)
// ---- The worker's own JPEG decoding ----------------------------------------------------------

namespace {

// `jpeg` with an APP1 EXIF segment right after its start marker whose orientation tag is 6
// (the picture is stored turned a quarter left), as phones write them.
QByteArray withExifOrientation(const QByteArray &jpeg)
{
    QByteArray tiff("II*\0", 4);
    const auto le16 = [&tiff](quint16 v) { tiff.append(char(v & 0xFF)).append(char(v >> 8)); };
    const auto le32 = [&le16](quint32 v) { le16(quint16(v & 0xFFFF)); le16(quint16(v >> 16)); };
    le32(8);                                 // the first IFD follows the header
    le16(1);                                 // one entry:
    le16(0x0112), le16(3), le32(1), le32(6); // Orientation, SHORT, 1 value, 6
    le32(0);                                 // no next IFD
    const QByteArray payload = QByteArray("Exif\0\0", 6) + tiff;
    QByteArray segment("\xFF\xE1", 2);
    segment.append(char((payload.size() + 2) >> 8)).append(char((payload.size() + 2) & 0xFF)).append(payload);
    return jpeg.left(2) + segment + jpeg.mid(2);
}

QByteArray encoded(const cv::Mat &image, const std::vector<int> &parameters = {})
{
    std::vector<uchar> bytes;
    if (!cv::imencode(".jpg", image, bytes, parameters))
        return {};
    return QByteArray(reinterpret_cast<const char *>(bytes.data()), qsizetype(bytes.size()));
}

} // namespace

void TestAnalysis::plainJpegEqualsImread_data()
{
    // A picture with detail in every channel, wider than tall so that a turned one shows.
    cv::Mat picture(90, 160, CV_8UC3);
    for (int y = 0; y < picture.rows; ++y) {
        for (int x = 0; x < picture.cols; ++x)
            picture.at<cv::Vec3b>(y, x) = cv::Vec3b(uchar(x * 3 + y), uchar(y * 5 ^ x), uchar((x * y) % 251));
    }
    cv::Mat gray;
    cv::cvtColor(picture, gray, cv::COLOR_BGR2GRAY);
    const QByteArray plain = encoded(picture, {cv::IMWRITE_JPEG_QUALITY, 90});

    QTest::addColumn<QByteArray>("jpeg");
    QTest::addColumn<bool>("plain"); // read by the worker itself, not handed on to imread
    QTest::newRow("baseline") << plain << true;
    QTest::newRow("progressive") << encoded(picture, {cv::IMWRITE_JPEG_PROGRESSIVE, 1}) << true;
    QTest::newRow("quality 100") << encoded(picture, {cv::IMWRITE_JPEG_QUALITY, 100}) << true;
    QTest::newRow("gray, read as BGR") << encoded(gray) << true;
    QTest::newRow("EXIF orientation: imread turns it") << withExifOrientation(plain) << false;
    QTest::newRow("truncated: imread decodes what is there") << plain.left(plain.size() / 2) << false;
    QTest::newRow("not a JPEG") << QByteArray("\x89PNG\r\n\x1a\n") + plain << false;
}

void TestAnalysis::plainJpegEqualsImread()
{
    QFETCH(QByteArray, jpeg);
    QFETCH(bool, plain);
    QVERIFY(!jpeg.isEmpty());
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("picture.jpg"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(jpeg), jpeg.size());
    file.close();

    cv::Mat ours;
    QCOMPARE(fp::readPlainJpeg(path, quint64(1) << 30, ours), plain);
    if (!plain) {
        QVERIFY(ours.empty());
        return;
    }
    const cv::Mat theirs = cv::imread(path.toStdString(), cv::IMREAD_COLOR);
    QCOMPARE(ours.type(), theirs.type());
    QCOMPARE(ours.size(), theirs.size());
    QCOMPARE(cv::norm(ours, theirs, cv::NORM_INF), 0.0);
    // Over OpenCV's pixel limit it is imread's to refuse.
    QVERIFY(!fp::readPlainJpeg(path, quint64(ours.total()) - 1, ours));
}

void TestAnalysis::thumbnailJpegEqualsImencode_data()
{
    QTest::addColumn<cv::Mat>("image");
    QTest::addColumn<int>("quality");
    // Sizes a thumbnail takes (192 wide), odd ones that leave partial 16×16 blocks, one pixel.
    for (const cv::Size size : {cv::Size(192, 108), cv::Size(191, 107), cv::Size(17, 33), cv::Size(1, 1)}) {
        cv::Mat picture(size, CV_8UC3);
        cv::randu(picture, cv::Scalar::all(0), cv::Scalar::all(256));
        cv::GaussianBlur(picture, picture, cv::Size(5, 5), 0); // photo-like, not only noise
        for (const int quality : {75, 95}) {
            const QByteArray name = QByteArray::number(size.width) + "x" + QByteArray::number(size.height)
                                  + " quality " + QByteArray::number(quality);
            QTest::newRow(name.constData()) << picture << quality;
        }
    }
}

// The worker's thumbnails are libjpeg's own encoding, byte for byte what OpenCV writes.
void TestAnalysis::thumbnailJpegEqualsImencode()
{
    QFETCH(cv::Mat, image);
    QFETCH(int, quality);
    const QByteArray theirs = encoded(image, {cv::IMWRITE_JPEG_QUALITY, quality});
    QVERIFY(!theirs.isEmpty());
    QCOMPARE(fp::encodeJpeg(image, quality), theirs);
}

#include "tst_analysis.moc"
