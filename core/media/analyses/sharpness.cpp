// sharpness: per frame the variance of the Laplacian (CV_64F) of the gray frame; mean, min,
// max, series.

#include "series.h"

#include <opencv2/imgproc.hpp>

namespace fp::analyses {

namespace {

class SharpnessAnalyzer final : public GraySeriesAnalyzer
{
public:
    SharpnessAnalyzer() : GraySeriesAnalyzer(QStringLiteral("sharpness"), SeriesOf::Frames) {}

private:
    std::optional<double> measureGray(cv::Mat &gray) override
    {
        cv::Laplacian(gray, m_laplacian, CV_64F);
        cv::Scalar mean;
        cv::Scalar stddev;
        cv::meanStdDev(m_laplacian, mean, stddev);
        return stddev[0] * stddev[0];
    }

    cv::Mat m_laplacian;
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
