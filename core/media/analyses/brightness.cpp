// brightness: per frame the mean of COLOR_BGR2GRAY; mean over frames, min, max, series.

#include "series.h"

namespace fp::analyses {

namespace {

class BrightnessAnalyzer final : public GraySeriesAnalyzer
{
public:
    BrightnessAnalyzer() : GraySeriesAnalyzer(QStringLiteral("brightness"), SeriesOf::Frames) {}

private:
    std::optional<double> measureGray(cv::Mat &gray) override { return cv::mean(gray)[0]; }
};

class Brightness final : public SeriesAnalysis
{
public:
    Brightness() : SeriesAnalysis(SeriesOf::Frames) {}

    AnalysisInfo info() const override
    {
        AnalysisInfo info;
        info.name = QStringLiteral("brightness");
        info.title = QString::fromUtf8(QT_TRANSLATE_NOOP("AnalysisInfo", "Brightness"));
        info.description = QString::fromUtf8(QT_TRANSLATE_NOOP("AnalysisInfo", "mean gray level (0-255) of each frame"));
        return info;
    }

    std::unique_ptr<FrameAnalyzer> createAnalyzer(const QJsonObject &) const override
    {
        return std::make_unique<BrightnessAnalyzer>();
    }
};

} // namespace

const Analysis &brightnessAnalysis()
{
    static const Brightness analysis;
    return analysis;
}

} // namespace fp::analyses
