// colorfulness: Hasler and Süsstrunk's metric per frame ("Measuring colourfulness in natural
// images", 2003). Over the frame's pixels, rg = R - G and yb = (R + G) / 2 - B;
// C = sqrt(σrg² + σyb²) + 0.3 · sqrt(μrg² + μyb²) with population standard deviations.
// Result: mean, min, max and the series, like brightness.

#include "series.h"

#include "framehelpers.h"
#include "simd.h"

#include <cmath>

namespace fp::analyses {

namespace {

// Sums and sums of squares of rg = R - G and of 2·yb = R + G - 2B, in integers: exact,
// whatever the frame size.
struct OpponentSums
{
    qint64 rg = 0, yb2 = 0;
    quint64 rgSquares = 0, yb2Squares = 0;

    void add(const uchar *pixel)
    {
        const int rg = int(pixel[2]) - int(pixel[1]);
        const int yb2 = int(pixel[2]) + int(pixel[1]) - 2 * int(pixel[0]);
        this->rg += rg;
        this->yb2 += yb2;
        rgSquares += quint64(rg * rg);
        yb2Squares += quint64(yb2 * yb2);
    }
};

#if defined(__x86_64__)
// OpponentSums of a row so far, in lanes of 32 bits.
struct OpponentLanes
{
    __m256i rg, yb2, rgSquares, yb2Squares;
};

// Adds 16 pixels' channels, as 16-bit words.
__attribute__((target("avx2"))) inline void addWords(OpponentLanes &lanes, __m256i blue, __m256i green, __m256i red)
{
    const __m256i ones = _mm256_set1_epi16(1);
    const __m256i rg = _mm256_sub_epi16(red, green);
    const __m256i yb2 = _mm256_sub_epi16(_mm256_add_epi16(red, green), _mm256_add_epi16(blue, blue));
    lanes.rg = _mm256_add_epi32(lanes.rg, _mm256_madd_epi16(rg, ones));
    lanes.yb2 = _mm256_add_epi32(lanes.yb2, _mm256_madd_epi16(yb2, ones));
    lanes.rgSquares = _mm256_add_epi32(lanes.rgSquares, _mm256_madd_epi16(rg, rg));
    lanes.yb2Squares = _mm256_add_epi32(lanes.yb2Squares, _mm256_madd_epi16(yb2, yb2));
}

// One row, 32 pixels a step, as far as whole steps reach; returns the first pixel not done.
// A lane adds four pixels a step, 4 × 510² at most: rows up to 8,000 pixels fit its 32 bits
// (the caller sends wider ones to the scalar loop).
__attribute__((target("avx2"))) int addRowAvx2(const uchar *bgr, int width, OpponentSums &sums)
{
    const __m256i zero = _mm256_setzero_si256();
    OpponentLanes lanes{zero, zero, zero, zero};
    int x = 0;
    for (; x + 32 <= width; x += 32) {
        const simd::Channels c = simd::channels32(bgr + 3 * x);
        addWords(lanes, _mm256_unpacklo_epi8(c.blue, zero), _mm256_unpacklo_epi8(c.green, zero),
                 _mm256_unpacklo_epi8(c.red, zero));
        addWords(lanes, _mm256_unpackhi_epi8(c.blue, zero), _mm256_unpackhi_epi8(c.green, zero),
                 _mm256_unpackhi_epi8(c.red, zero));
    }
    sums.rg += simd::sumOfLanes(lanes.rg);
    sums.yb2 += simd::sumOfLanes(lanes.yb2);
    sums.rgSquares += simd::sumOfUnsignedLanes(lanes.rgSquares);
    sums.yb2Squares += simd::sumOfUnsignedLanes(lanes.yb2Squares);
    return x;
}
#endif

class ColorfulnessAnalyzer final : public SeriesAnalyzer
{
public:
    ColorfulnessAnalyzer() : SeriesAnalyzer(QStringLiteral("colorfulness"), SeriesOf::Frames) {}

private:
    std::optional<double> measure(const cv::Mat &frame) override
    {
        const cv::Mat bgr = bgrView(frame, m_converted);
        OpponentSums sums;
        for (int y = 0; y < bgr.rows; ++y) {
            const uchar *row = bgr.ptr<uchar>(y);
            int x = 0;
#if defined(__x86_64__)
            if (bgr.cols <= 8000 && simd::hasAvx2())
                x = addRowAvx2(row, bgr.cols, sums);
#endif
            for (; x < bgr.cols; ++x)
                sums.add(row + 3 * x);
        }
        const double n = double(bgr.total());
        const double meanRg = double(sums.rg) / n;
        const double meanYb = double(sums.yb2) / n / 2;
        const double varRg = std::max(0.0, double(sums.rgSquares) / n - meanRg * meanRg);
        const double varYb = std::max(0.0, double(sums.yb2Squares) / n / 4 - meanYb * meanYb);
        return std::sqrt(varRg + varYb) + 0.3 * std::sqrt(meanRg * meanRg + meanYb * meanYb);
    }

    cv::Mat m_converted; // gray/BGRA input converted to BGR, reused across frames
};

class Colorfulness final : public SeriesAnalysis
{
public:
    Colorfulness() : SeriesAnalysis(SeriesOf::Frames) {}

    AnalysisInfo info() const override
    {
        AnalysisInfo info;
        info.name = QStringLiteral("colorfulness");
        info.title = QString::fromUtf8(QT_TRANSLATE_NOOP("AnalysisInfo", "Colorfulness"));
        info.description = QString::fromUtf8(QT_TRANSLATE_NOOP("AnalysisInfo", "Hasler and Süsstrunk's colourfulness of each frame (0 for gray)"));
        return info;
    }

    std::unique_ptr<FrameAnalyzer> createAnalyzer(const QJsonObject &) const override
    {
        return std::make_unique<ColorfulnessAnalyzer>();
    }
};

} // namespace

const Analysis &colorfulnessAnalysis()
{
    static const Colorfulness analysis;
    return analysis;
}

} // namespace fp::analyses
