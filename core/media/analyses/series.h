#pragma once

// Analyses that measure one number per frame (brightness, sharpness, colorfulness) or per
// pair of consecutive frames (motion). Their pieces merge by concatenating series, and their
// results and summaries share one shape, so each such analysis only says how it measures.

#include "analysis.h"

#include <opencv2/core.hpp>

#include <optional>
#include <vector>

namespace fp::analyses {

enum class SeriesOf {
    Frames, // result: mean, min, max, series, frames
    Pairs,  // result: mean, max, max_pair, series, pairs
};

class SeriesAnalyzer : public FrameAnalyzer
{
public:
    SeriesAnalyzer(QString analysis, SeriesOf unit) : m_analysis(std::move(analysis)), m_unit(unit) {}

    void addFrame(const cv::Mat &frame) final;
    [[nodiscard]] QJsonObject result() const final;
    [[nodiscard]] QJsonObject state() const final;
    [[nodiscard]] qint64 frames() const final { return m_frames; }

protected:
    // The value for a usable frame, or nothing when the frame only gives context (the first
    // frame of an unprimed pairwise analysis).
    virtual std::optional<double> measure(const cv::Mat &frame) = 0;

private:
    const QString m_analysis;
    const SeriesOf m_unit;
    std::vector<double> m_series;
    qint64 m_frames = 0;
};

// A series analyzer that measures the 8-bit gray frame.
class GraySeriesAnalyzer : public SeriesAnalyzer
{
public:
    using SeriesAnalyzer::SeriesAnalyzer;

protected:
    // May take over `gray`'s buffer (swap it), so a pairwise analysis can keep the frame.
    virtual std::optional<double> measureGray(cv::Mat &gray) = 0;

private:
    [[nodiscard]] bool takesGray() const final { return true; }
    std::optional<double> measure(const cv::Mat &frame) final;

    cv::Mat m_gray; // reused across frames
};

// Merge and summary of every series analysis; subclasses give info() and createAnalyzer().
class SeriesAnalysis : public Analysis
{
public:
    explicit SeriesAnalysis(SeriesOf unit) : m_unit(unit) {}

    [[nodiscard]] QJsonObject merge(const QList<QJsonObject> &states, const QJsonObject &parameters) const override;
    [[nodiscard]] ResultSummary summarize(const QJsonObject &result) const override;

    [[nodiscard]] static QJsonObject seriesResult(SeriesOf unit, const std::vector<double> &series);

private:
    const SeriesOf m_unit;
};

} // namespace fp::analyses
