// colorfulness: Hasler and Süsstrunk's metric per frame ("Measuring colourfulness in natural
// images", 2003). Over the frame's pixels, rg = R - G and yb = (R + G) / 2 - B;
// C = sqrt(σrg² + σyb²) + 0.3 · sqrt(μrg² + μyb²) with population standard deviations.
// Result: mean, min, max and the series, like brightness.

#include "series.h"

#include "framehelpers.h"

#include <cmath>

namespace fp::analyses {

namespace {

class ColorfulnessAnalyzer final : public SeriesAnalyzer
{
public:
    ColorfulnessAnalyzer() : SeriesAnalyzer(QStringLiteral("colorfulness"), SeriesOf::Frames) {}

private:
    std::optional<double> measure(const cv::Mat &frame) override
    {
        const cv::Mat bgr = bgrView(frame, m_converted);
        // One pass of sums and sums of squares in integers: exact, whatever the frame size.
        qint64 sumRg = 0, sumYb2 = 0;
        quint64 sumRgSq = 0, sumYb2Sq = 0;
        for (int y = 0; y < bgr.rows; ++y) {
            const uchar *pixel = bgr.ptr<uchar>(y);
            const uchar *const rowEnd = pixel + 3 * bgr.cols;
            for (; pixel != rowEnd; pixel += 3) {
                const int rg = int(pixel[2]) - int(pixel[1]);
                const int yb2 = int(pixel[2]) + int(pixel[1]) - 2 * int(pixel[0]); // 2·yb, exact
                sumRg += rg;
                sumYb2 += yb2;
                sumRgSq += quint64(rg * rg);
                sumYb2Sq += quint64(yb2 * yb2);
            }
        }
        const double n = double(bgr.total());
        const double meanRg = double(sumRg) / n;
        const double meanYb = double(sumYb2) / n / 2;
        const double varRg = std::max(0.0, double(sumRgSq) / n - meanRg * meanRg);
        const double varYb = std::max(0.0, double(sumYb2Sq) / n / 4 - meanYb * meanYb);
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
