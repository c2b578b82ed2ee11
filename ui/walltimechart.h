#pragma once

#include "runtypes.h"

#include <QChart>
#include <QPalette>

#include <optional>

QT_BEGIN_NAMESPACE
class QBarCategoryAxis;
class QBarSet;
class QHorizontalStackedBarSeries;
class QValueAxis;
QT_END_NAMESPACE

namespace fp {

// Horizontal bars of wall time: the serial run, the parallel run and, beside it, the time
// model's ideal ((N / C) x M, see Comparison) as a dashed target, only when the two runs did
// the same work.
// The timing panel shows it; the PDF report renders the same chart into an image.
class WallTimeChart : public QChart
{
    Q_OBJECT

public:
    enum class Bar { Serial, Parallel, Ideal };

    explicit WallTimeChart(QGraphicsItem *parent = nullptr);

    // nullptr: that run has not happened yet. `running` is whichever of the two is still
    // going on (its wall time is the time so far, its bar is paler), or nullptr. `cores`: the
    // machine's usable cores, which bound the ideal (0 = unknown).
    void setRuns(const RunTiming *serial, const RunTiming *parallel, const RunTiming *running,
                 int cores);
    // Dark or light theme by the palette's window, colours and fonts to match the widgets.
    void applyStyle(const QPalette &palette, const QFont &font);

    [[nodiscard]] double barSeconds(Bar bar) const;
    // The smallest size at which every run label shows whole (QAbstractAxis::labelsTruncated
    // stays false): Qt Charts cuts a label of the run axis to "..." when the chart is too short
    // for it, however wide it is, or when the axis would take more than 40 % of the width.
    [[nodiscard]] QSize minimumSizeForLabels() const;
    [[nodiscard]] QBarCategoryAxis *runAxis() const { return m_runAxis; }

private:
    [[nodiscard]] QBarSet *barSet(Bar bar) const;
    void applyColors();

    QHorizontalStackedBarSeries *m_series;
    QBarCategoryAxis *m_runAxis;
    QValueAxis *m_secondsAxis;
    QPalette m_palette;
    std::optional<Bar> m_runningBar;
};

} // namespace fp
