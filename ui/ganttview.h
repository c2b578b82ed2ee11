#pragma once

#include "runtypes.h"

#include <QColor>
#include <QRectF>
#include <QString>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QFontMetricsF;
class QPainter;
class QPalette;
QT_END_NAMESPACE

namespace fp {

// Light text on a dark window: the charts and timelines pick their colours by this.
[[nodiscard]] bool isDarkPalette(const QPalette &palette);

// The colour of an item's bars, stable across runs and exports: golden-angle hue steps from the
// item index (the HTML report uses the same hues), a little lighter on a dark palette.
[[nodiscard]] QColor timelineItemColor(int itemIndex, const QPalette &palette);

// When the last thing in `run` happened: its wall time, or a task that ended later.
[[nodiscard]] double timelineEndSeconds(const RunTiming &run);

// Height that shows every worker lane of `run` with readable labels, in the units of `metrics`.
[[nodiscard]] int timelinePreferredHeight(const RunTiming &run, const QFontMetricsF &metrics);

// Paints the per-worker timeline of `run` into `rect`: one lane per worker, one bar per task
// coloured by item, items still running as bars growing up to the run's current wall time, and
// a time axis in seconds. `axisSeconds` is the length of the time axis (0: the run's own end);
// two timelines given the same value can be compared by length. The widget and the PDF report
// both paint with this, in the painter's current font.
void paintTimeline(QPainter &painter, const QRect &rect, const RunTiming &run,
                   const QPalette &palette, double axisSeconds = 0);

// A widget showing one run's timeline, with a tooltip per bar.
class GanttView : public QWidget
{
    Q_OBJECT

public:
    explicit GanttView(QWidget *parent = nullptr);

    void setRun(const RunTiming &run);
    void clearRun();
    [[nodiscard]] bool hasRun() const { return m_hasRun; }
    // Shared by stacked timelines so their bars line up in time.
    void setAxisSeconds(double seconds);
    // Shown instead of the timeline while there is no run.
    void setPlaceholderText(const QString &text);

    // Bars are numbered as painted: finished tasks in run order, then running items.
    [[nodiscard]] int barCount() const;
    [[nodiscard]] QRectF barRect(int bar) const;
    // -1 when no bar is at `position`.
    [[nodiscard]] int barAt(const QPointF &position) const;
    [[nodiscard]] QString barToolTip(int bar) const;

    [[nodiscard]] QSize sizeHint() const override;
    [[nodiscard]] QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    bool event(QEvent *event) override;

private:
    RunTiming m_run;
    bool m_hasRun = false;
    double m_axisSeconds = 0;
    QString m_placeholderText;
};

} // namespace fp
