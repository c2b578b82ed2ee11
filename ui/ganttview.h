#pragma once

#include "runtypes.h"
#include "timeline.h"

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

// The colour of an item's bars, stable across runs and exports (Timeline::itemColour, as in the
// HTML report), a little lighter on a dark palette.
[[nodiscard]] QColor timelineItemColor(int itemIndex, const QPalette &palette);

// Height that shows every lane of `timeline` with readable labels, in the units of `metrics`.
[[nodiscard]] int timelinePreferredHeight(const Timeline &timeline, const QFontMetricsF &metrics);

// Paints `timeline` into `rect`: its lanes, its bars coloured by item (items still running as
// paler bars growing up to the run's current wall time, with a line marking "now"; cancelled
// work paler still and hatched, up to where it stopped) and a time
// axis in seconds. The widget and the PDF report both paint with this, in the painter's
// current font.
void paintTimeline(QPainter &painter, const QRect &rect, const Timeline &timeline,
                   const QPalette &palette);

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

    // Bars are numbered as in the timeline model: finished tasks in run order, then running
    // items.
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
    Timeline m_timeline{RunTiming()};
    bool m_hasRun = false;
    double m_axisSeconds = 0;
    QString m_placeholderText;
};

} // namespace fp
