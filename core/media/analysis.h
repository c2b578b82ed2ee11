#pragma once

#include "analysisinfo.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <memory>
#include <stdexcept>
#include <vector>

namespace cv { class Mat; }

namespace fp {

// One analysis over the frames of one stream, or of one consecutive piece of a stream (a chunk
// of an image set, a segment of a video). Frames arrive as 8-bit BGR (OpenCV's default).
class FrameAnalyzer
{
public:
    virtual ~FrameAnalyzer() = default;

    // The frame just before this piece of the stream: context for pairwise analyses, not counted.
    virtual void prime(const cv::Mat &) {}
    // Image sets call this before each image's frame, so per-image results can be named.
    virtual void beginImage(const QString &) {}
    virtual void addFrame(const cv::Mat &bgr) = 0;
    // Whether the analysis looks at nothing but COLOR_BGR2GRAY of its frames: then prime() and
    // addFrame() may get 8-bit gray frames instead, which a decoder gets for less.
    [[nodiscard]] virtual bool takesGray() const { return false; }

    // Analyses that read files themselves (a user's analyze_file) get paths, not frames: the
    // worker decodes nothing for them, and each video or image counts as one frame.
    [[nodiscard]] virtual bool wantsFrames() const { return true; }
    virtual void addFile(const QString &) {}

    // Result over the frames so far (the final one at the end).
    [[nodiscard]] virtual QJsonObject result() const = 0;
    // What a running item shows meanwhile, when the final result costs more (a user's reduce()).
    [[nodiscard]] virtual QJsonObject partialResult() const { return result(); }
    // Everything needed to merge this piece exactly with its neighbours (Analysis::merge).
    [[nodiscard]] virtual QJsonObject state() const = 0;
    [[nodiscard]] virtual qint64 frames() const = 0;
};

// An analysis, declared in one place: media/analyses/<name>.cpp defines one of these and
// media/analyses/registry.cpp lists it. Everything outside the worker knows it through info()
// and the summaries it writes next to its results.
class Analysis
{
public:
    virtual ~Analysis() = default;

    // Name, title, parameters with their defaults and ranges, whether it is pairwise.
    [[nodiscard]] virtual AnalysisInfo info() const = 0;
    // `parameters` are resolved (AnalysisInfo::resolveParameters): every key, typed.
    [[nodiscard]] virtual std::unique_ptr<FrameAnalyzer> createAnalyzer(const QJsonObject &parameters) const = 0;
    // The result of a whole stream from the states of its consecutive pieces, in stream
    // order, exactly as one analyzer that saw every frame would give it; {"error": why} when
    // a state is unusable.
    [[nodiscard]] virtual QJsonObject merge(const QList<QJsonObject> &states, const QJsonObject &parameters) const = 0;
    // One line for the result column, the CLI and the reports.
    [[nodiscard]] virtual ResultSummary summarize(const QJsonObject &result) const = 0;
};

// Thrown by an analysis when its own code fails on a frame (a user's exception): the item
// fails with `reason`; `details` (a traceback) goes to the item's log.
class AnalysisError : public std::runtime_error
{
public:
    AnalysisError(const QString &reason, const QString &details)
        : std::runtime_error(reason.toStdString()), m_reason(reason), m_details(details) {}

    [[nodiscard]] const QString &reason() const { return m_reason; }
    [[nodiscard]] const QString &details() const { return m_details; }

private:
    QString m_reason;
    QString m_details;
};

// The built-in analyses, in menu order.
[[nodiscard]] const std::vector<const Analysis *> &builtInAnalyses();
// A built-in by name, or null.
[[nodiscard]] const Analysis *findBuiltInAnalysis(const QString &name);

} // namespace fp
