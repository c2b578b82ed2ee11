// motion: per consecutive pair of frames, the fraction of pixels whose gray absdiff exceeds
// `threshold` (default 25); mean, max, the pair index of the max, series.

#include "series.h"

#include "framehelpers.h"

#include <opencv2/imgproc.hpp>

namespace fp::analyses {

namespace {

const QString kThresholdKey = QStringLiteral("threshold");
constexpr int kDefaultThreshold = 25;

class MotionAnalyzer final : public GraySeriesAnalyzer
{
public:
    explicit MotionAnalyzer(int threshold)
        : GraySeriesAnalyzer(QStringLiteral("motion"), SeriesOf::Pairs), m_threshold(threshold) {}

    void prime(const cv::Mat &bgr) override
    {
        if (!isUsableFrame(bgr))
            return;
        toGray(bgr, m_previous);
        m_hasPrevious = true;
    }

private:
    std::optional<double> measureGray(cv::Mat &gray) override
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
            cv::threshold(m_changed, m_changed, m_threshold, 255, cv::THRESH_BINARY);
            changedFraction = double(cv::countNonZero(m_changed)) / double(gray.total());
        }
        // The current frame becomes the previous one; swapping recycles the old buffer.
        cv::swap(gray, m_previous);
        m_hasPrevious = true;
        return changedFraction;
    }

    const double m_threshold;
    cv::Mat m_previous;
    cv::Mat m_resized;
    cv::Mat m_changed;
    bool m_hasPrevious = false;
};

class Motion final : public SeriesAnalysis
{
public:
    Motion() : SeriesAnalysis(SeriesOf::Pairs) {}

    AnalysisInfo info() const override
    {
        AnalysisInfo info;
        info.name = QStringLiteral("motion");
        info.title = QString::fromUtf8(QT_TRANSLATE_NOOP("AnalysisInfo", "Motion"));
        info.description = QString::fromUtf8(QT_TRANSLATE_NOOP("AnalysisInfo", "fraction of pixels whose gray level changes by more than the threshold between frames"));
        info.parameters << ParameterSpec{kThresholdKey, ParameterSpec::Type::Integer, kDefaultThreshold, 0, 254,
                                         QString::fromUtf8(QT_TRANSLATE_NOOP("AnalysisInfo", "gray-level change (0-254) above which a pixel counts as moving"))};
        info.pairwise = true;
        return info;
    }

    std::unique_ptr<FrameAnalyzer> createAnalyzer(const QJsonObject &parameters) const override
    {
        return std::make_unique<MotionAnalyzer>(parameters.value(kThresholdKey).toInt(kDefaultThreshold));
    }
};

} // namespace

const Analysis &motionAnalysis()
{
    static const Motion analysis;
    return analysis;
}

} // namespace fp::analyses
