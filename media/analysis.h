#pragma once

#include "runtypes.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <memory>

namespace cv { class Mat; }

namespace fp {

// One analysis over the frames of one stream, or of one consecutive piece of a stream (a chunk
// of an image set, a segment of a video). Frames arrive as 8-bit BGR (OpenCV's default).
//
// Pinned definitions (results must agree with an independent computation):
//  dominant-color  the exact 24-bit colour with the most pixels over all frames; ties go to the
//                  smallest 0xRRGGBB; percent = 100 * its pixels / all pixels. Image sets also
//                  report each image's own dominant colour.
//  palette         top 5 colours after quantising each channel to 4 bits, with shares.
//  brightness      per frame the mean of COLOR_BGR2GRAY; mean over frames, min, max, series.
//  motion          per consecutive pair, the fraction of pixels whose gray absdiff exceeds 25;
//                  mean, max, the pair index of the max, series.
//  sharpness       per frame the variance of the Laplacian (CV_64F) of the gray frame; mean,
//                  min, max, series.
class FrameAnalyzer
{
public:
    virtual ~FrameAnalyzer() = default;

    // The frame just before this piece of the stream: context for pair analyses, not counted.
    virtual void prime(const cv::Mat &bgr);
    // Image sets call this before each image's frame, so per-image results can be named.
    virtual void beginImage(const QString &path);
    virtual void addFrame(const cv::Mat &bgr) = 0;

    // Result over the frames so far (a partial result while running, the final one at the end).
    [[nodiscard]] virtual QJsonObject result() const = 0;
    // Everything needed to merge this piece exactly with its neighbours (see mergeStates).
    [[nodiscard]] virtual QJsonObject state() const = 0;
    [[nodiscard]] virtual qint64 frames() const = 0;
};

[[nodiscard]] std::unique_ptr<FrameAnalyzer> createAnalyzer(AnalysisKind kind);

// Merges the states of consecutive pieces of one stream, given in stream order, exactly as if
// one analyzer had seen all frames. resultFromState(kind, s) equals result() of an analyzer
// whose state() is s.
[[nodiscard]] QJsonObject mergeStates(AnalysisKind kind, const QList<QJsonObject> &states);
[[nodiscard]] QJsonObject resultFromState(AnalysisKind kind, const QJsonObject &state);
// resultFromState(kind, mergeStates(kind, states)), without serialising the merged state.
[[nodiscard]] QJsonObject mergeResults(AnalysisKind kind, const QList<QJsonObject> &states);

// Pair analyses need the frame before a piece to count the first pair of that piece.
[[nodiscard]] bool needsPriming(AnalysisKind kind);

// "#rrggbb" for 0xRRGGBB.
[[nodiscard]] QString hexColor(quint32 rgb);

} // namespace fp
