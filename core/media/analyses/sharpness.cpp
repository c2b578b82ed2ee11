// sharpness: per frame the variance of the Laplacian (CV_64F) of the gray frame; mean, min,
// max, series.

#include "series.h"

#include "gray.h"

#include <algorithm>
#include <cmath>

namespace fp::analyses {

namespace {

class SharpnessAnalyzer final : public GraySeriesAnalyzer
{
public:
    SharpnessAnalyzer() : GraySeriesAnalyzer(QStringLiteral("sharpness"), SeriesOf::Frames) {}

private:
    std::optional<double> measureGray(cv::Mat &gray) override
    {
        // What cv::Laplacian(gray, laplacian, CV_64F) and cv::meanStdDev(laplacian) give, to the
        // bit: their sums are exact (integers far below 2^53), and this is OpenCV 4.6's
        // arithmetic on them.
        const LaplacianSums sums = laplacianSums(gray);
        const double scale = 1.0 / double(gray.total());
        const double mean = double(sums.sum) * scale;
        const double deviation = std::sqrt(std::max(double(sums.squares) * scale - mean * mean, 0.0));
        return deviation * deviation;
    }
};

class Sharpness final : public SeriesAnalysis
{
public:
    Sharpness() : SeriesAnalysis(SeriesOf::Frames) {}

    AnalysisInfo info() const override
    {
        AnalysisInfo info;
        info.name = QStringLiteral("sharpness");
        info.title = QString::fromUtf8(QT_TRANSLATE_NOOP("AnalysisInfo", "Sharpness"));
        info.description = QString::fromUtf8(QT_TRANSLATE_NOOP("AnalysisInfo", "variance of the Laplacian of each gray frame: higher is sharper"));
        return info;
    }

    std::unique_ptr<FrameAnalyzer> createAnalyzer(const QJsonObject &) const override
    {
        return std::make_unique<SharpnessAnalyzer>();
    }
};

} // namespace

const Analysis &sharpnessAnalysis()
{
    static const Sharpness analysis;
    return analysis;
}

} // namespace fp::analyses
