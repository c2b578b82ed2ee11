#include "ganttview.h"

#include <QEvent>
#include <QFontMetricsF>
#include <QHelpEvent>
#include <QLocale>
#include <QPaintEvent>
#include <QPainter>
#include <QPalette>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace fp {

namespace {

using Bar = Timeline::Bar;

// Image sets are folders: their name is the last path component too.
QString displayName(const QString &path)
{
    QStringView view(path);
    while (view.size() > 1 && view.endsWith(QLatin1Char('/')))
        view.chop(1);
    return view.mid(view.lastIndexOf(QLatin1Char('/')) + 1).toString();
}

QColor blend(const QColor &from, const QColor &to, double amount)
{
    const auto mix = [amount](float a, float b) { return float(a + (b - a) * amount); };
    return QColor::fromRgbF(mix(from.redF(), to.redF()), mix(from.greenF(), to.greenF()),
                            mix(from.blueF(), to.blueF()));
}

// The engine's Timeline::Lane::name() and Timeline::describe() in the user's language.
QString workerName(int worker)
{
    return worker >= 1 ? GanttView::tr("worker %1").arg(worker) : GanttView::tr("unknown worker");
}

QString describeBar(const Timeline &timeline, const Bar &bar)
{
    const ItemRecord *record = timeline.item(bar.item);
    QString text = record ? record->path : GanttView::tr("item %1").arg(bar.item);
    const QString seconds = QLocale().toString(bar.seconds(), 'f', 3);
    const QString worker = workerName(bar.worker);
    const QString line = bar.cancelled ? GanttView::tr("cancelled after %1 s, %2 frames, %3")
        : !bar.running                 ? GanttView::tr("%1 s, %2 frames, %3")
        : timeline.isPaused()          ? GanttView::tr("paused after %1 s, %2 frames so far, %3")
                                       : GanttView::tr("running for %1 s, %2 frames so far, %3");
    text += QLatin1Char('\n') + line.arg(seconds).arg(bar.frames).arg(worker);
    if (!bar.host.isEmpty())
        text = GanttView::tr("%1 on %2", "a bar's tooltip, then the node it ran on").arg(text, bar.host);
    if (const QString failure = timeline.failureOf(bar); !failure.isEmpty())
        text += QLatin1Char('\n') + GanttView::tr("failed: %1").arg(failure);
    return text;
}

// Dark text on light bars and white on dark ones, whichever hue the item got.
QColor textColorOn(const QColor &fill)
{
    const double luma = 0.2126 * fill.redF() + 0.7152 * fill.greenF() + 0.0722 * fill.blueF();
    return luma > 0.55 ? QColor(20, 20, 24) : QColor(Qt::white);
}

// Where everything of a timeline goes. Painting, hit-testing and the preferred height all use
// this, so a tooltip always belongs to the bar under the mouse.
class TimelineGeometry
{
public:
    TimelineGeometry(const QRectF &rect, const Timeline &timeline, const QFontMetricsF &metrics)
        : m_lanes(int(timeline.lanes().size())), m_seconds(timeline.axisSeconds())
    {
        // The label column does not depend on the run, so that stacked timelines line up.
        // It has room for a short host name; longer ones are elided.
        const double labelWidth =
            std::min(metrics.horizontalAdvance(workerName(100) + QStringLiteral(" \u00b7 ")) + 12
                         + metrics.averageCharWidth() * 8,
                     rect.width() * 0.3);
        // Half a tick label, so the last one is not cut off at the right edge.
        const double rightMargin = metrics.horizontalAdvance(QStringLiteral("0000")) / 2 + 2;
        const double top = rect.top() + 2;
        const double plotHeight = rect.height() - 2 - axisHeight(metrics);
        m_plot = QRectF(rect.left() + labelWidth, top,
                        std::max(0.0, rect.width() - labelWidth - rightMargin),
                        std::max(0.0, plotHeight));
        m_labels = QRectF(rect.left(), top, labelWidth - 8, m_plot.height());
        m_lanePitch = std::min(m_plot.height() / std::max(m_lanes, 1), comfortablePitch(metrics));
        m_laneGap = std::clamp(m_lanePitch * 0.15, 1.0, 4.0);
    }

    static double axisHeight(const QFontMetricsF &metrics) { return metrics.height() + 8; }
    static double comfortablePitch(const QFontMetricsF &metrics) { return metrics.height() * 1.9; }
    static double smallestPitch(const QFontMetricsF &metrics) { return metrics.height() * 0.5; }
    // The height of `lanes` lanes `pitch` apart, with the axis below them.
    static int height(qsizetype lanes, double pitch, const QFontMetricsF &metrics)
    {
        return int(std::ceil(2 + double(lanes) * pitch + axisHeight(metrics)));
    }

    [[nodiscard]] int lanes() const { return m_lanes; }
    [[nodiscard]] double seconds() const { return m_seconds; }
    [[nodiscard]] const QRectF &plot() const { return m_plot; }
    [[nodiscard]] double lanePitch() const { return m_lanePitch; }
    [[nodiscard]] double plotBottom() const { return m_plot.top() + m_lanes * m_lanePitch; }

    [[nodiscard]] double x(double seconds) const
    {
        return m_plot.left() + m_plot.width() * std::clamp(seconds, 0.0, m_seconds) / m_seconds;
    }
    [[nodiscard]] QRectF laneRect(int lane) const
    {
        return {m_plot.left(), m_plot.top() + lane * m_lanePitch, m_plot.width(),
                std::max(0.0, m_lanePitch - m_laneGap)};
    }
    [[nodiscard]] QRectF laneLabelRect(int lane) const
    {
        const QRectF laneArea = laneRect(lane);
        return {m_labels.left(), laneArea.top(), m_labels.width(), laneArea.height()};
    }
    // Below the plot: the tick labels, and the unit in the label column.
    [[nodiscard]] double axisTextTop() const { return plotBottom() + 4; }
    [[nodiscard]] QRectF axisUnitRect(const QFontMetricsF &metrics) const
    {
        return {m_labels.left(), axisTextTop(), m_labels.width(), metrics.height()};
    }
    [[nodiscard]] QRectF barRect(const Bar &bar) const
    {
        if (bar.lane < 0 || bar.lane >= m_lanes)
            return {};
        const QRectF lane = laneRect(bar.lane);
        const double inset = lane.height() >= 10 ? 2 : 0;
        const double left = x(bar.start);
        // At least a pixel wide, so very short tasks still show up.
        return {left, lane.top() + inset, std::max(1.0, x(bar.end) - left),
                lane.height() - 2 * inset};
    }

private:
    int m_lanes;
    double m_seconds;
    QRectF m_plot;
    QRectF m_labels;
    double m_lanePitch = 0;
    double m_laneGap = 0;
};

// Colours of everything that is not an item, from the palette, so any theme reads well.
struct TimelineColors
{
    explicit TimelineColors(const QPalette &palette)
        : background(palette.color(QPalette::Window)),
          text(palette.color(QPalette::WindowText)),
          mutedText(blend(background, text, 0.68)),
          lane(blend(background, text, 0.06)),
          grid(blend(background, text, 0.16)),
          now(palette.color(QPalette::Highlight)),
          failed(isDarkPalette(palette) ? QColor(255, 123, 107) : QColor(192, 57, 43))
    {
    }
    QColor background, text, mutedText, lane, grid, now, failed;
};

// "worker 3 · node7": a long host name is shortened, never the worker number.
QString laneLabel(const Timeline::Lane &lane, double width, const QFontMetricsF &metrics)
{
    const QString name = workerName(lane.worker);
    if (lane.host.isEmpty())
        return name;
    const QString separator = QStringLiteral(" \u00b7 ");
    const double hostWidth = width - metrics.horizontalAdvance(name + separator);
    const QString shownHost = metrics.elidedText(lane.host, Qt::ElideRight, hostWidth);
    // An ellipsis alone says nothing about the host.
    if (shownHost.size() < 2)
        return name;
    return name + separator + shownHost;
}

void paintLanes(QPainter &painter, const TimelineGeometry &geometry, const Timeline &timeline,
                const TimelineColors &colors, const QFontMetricsF &metrics)
{
    // With many workers the lanes get thinner than a line of text; then only every n-th lane
    // is labelled.
    const int labelEvery =
        std::max(1, int(std::ceil(metrics.height() / std::max(geometry.lanePitch(), 1.0))));
    for (int lane = 0; lane < geometry.lanes(); ++lane) {
        painter.fillRect(geometry.laneRect(lane), colors.lane);
        if (lane % labelEvery != 0)
            continue;
        const QRectF labelRect = geometry.laneLabelRect(lane);
        painter.setPen(colors.text);
        painter.drawText(labelRect.adjusted(0, -metrics.height(), 0, metrics.height()),
                         Qt::AlignRight | Qt::AlignVCenter,
                         laneLabel(timeline.lanes().at(lane), labelRect.width(), metrics));
    }
}

void paintTimeAxis(QPainter &painter, const TimelineGeometry &geometry, const Timeline &timeline,
                   const TimelineColors &colors, const QFontMetricsF &metrics)
{
    const QRectF &plot = geometry.plot();
    const double bottom = geometry.plotBottom();
    const double labelSpacing = metrics.horizontalAdvance(QStringLiteral("000.0")) * 2;
    for (const double seconds : timeline.ticks(plot.width() / labelSpacing)) {
        const double x = geometry.x(seconds);
        painter.setPen(colors.grid);
        painter.drawLine(QPointF(x, plot.top()), QPointF(x, bottom + 3));
        painter.setPen(colors.mutedText);
        const QRectF labelRect(x - labelSpacing / 2, geometry.axisTextTop(), labelSpacing,
                               metrics.height());
        painter.drawText(labelRect, Qt::AlignHCenter | Qt::AlignTop, Timeline::tickLabel(seconds));
    }
    painter.drawText(geometry.axisUnitRect(metrics), Qt::AlignRight | Qt::AlignTop,
                     GanttView::tr("seconds"));
}

// The item's name inside its bar, when there is room for more than an ellipsis.
void paintBarLabel(QPainter &painter, const QRectF &rect, const QColor &fill,
                   const ItemRecord *item, const QFontMetricsF &metrics)
{
    const double padding = 4;
    // Room for three letters and an ellipsis: less than that names nothing.
    const double narrowestLabelledBar = metrics.averageCharWidth() * 4 + 2 * padding;
    constexpr int shortestUsefulName = 4;
    if (!item || rect.width() < narrowestLabelledBar || rect.height() < metrics.height())
        return;
    const QRectF textRect = rect.adjusted(padding, 0, -padding, 0);
    const QString fullName = displayName(item->path);
    const QString name = metrics.elidedText(fullName, Qt::ElideRight, textRect.width());
    if (name != fullName && name.size() < shortestUsefulName)
        return;
    painter.setPen(textColorOn(fill));
    painter.drawText(textRect, Qt::AlignLeft | Qt::AlignVCenter, name);
}

// Cancelled work: diagonal stripes in the item's colour over a paler fill, clipped to the bar,
// and a mark where the work stopped. Lines rather than a pattern brush, so that the stripes
// keep their spacing on any device (the PDF report paints at three times the size).
void paintHatch(QPainter &painter, const QRectF &rect, const QColor &stripe, const QColor &stop)
{
    constexpr double spacing = 6;
    painter.save();
    painter.setClipRect(rect, Qt::IntersectClip);
    painter.setPen(QPen(stripe, 1.5));
    for (double x = rect.left() - rect.height(); x < rect.right(); x += spacing)
        painter.drawLine(QPointF(x, rect.bottom()), QPointF(x + rect.height(), rect.top()));
    painter.restore();
    painter.fillRect(QRectF(rect.right() - 2, rect.top(), 2, rect.height()), stop);
}

void paintBars(QPainter &painter, const TimelineGeometry &geometry, const Timeline &timeline,
               const QPalette &palette, const TimelineColors &colors,
               const QFontMetricsF &metrics)
{
    for (const Bar &bar : timeline.bars()) {
        const QRectF rect = geometry.barRect(bar);
        if (rect.isEmpty())
            continue;
        const QColor itemColor = timelineItemColor(bar.item, palette);
        // A running bar is paler, with a solid leading edge that moves as it grows; cancelled
        // work is paler still, hatched.
        const QColor fill = bar.cancelled ? blend(colors.lane, itemColor, 0.35)
                            : bar.running ? blend(colors.lane, itemColor, 0.5)
                                          : itemColor;
        const double radius = std::min(3.0, rect.height() / 4);

        // The background colour as outline keeps touching bars apart.
        painter.setPen(QPen(colors.background, 1));
        painter.setBrush(fill);
        painter.drawRoundedRect(rect, radius, radius);
        if (bar.cancelled) {
            paintHatch(painter, rect, itemColor, colors.mutedText);
        } else if (bar.running) {
            painter.fillRect(QRectF(rect.right() - 2, rect.top(), 2, rect.height()), itemColor);
        } else if (bar.failed()) {
            painter.setPen(QPen(colors.failed, 1.5, Qt::DashLine));
            painter.setBrush(Qt::NoBrush);
            painter.drawRoundedRect(rect.adjusted(1, 1, -1, -1), radius, radius);
        }
        paintBarLabel(painter, rect, fill, timeline.item(bar.item), metrics);
    }

    // While a run goes on, a line marks "now": where the growing bars are heading.
    if (timeline.isRunning()) {
        const double x = geometry.x(timeline.nowSeconds());
        painter.setPen(QPen(colors.now, 1.5, Qt::DashLine));
        painter.drawLine(QPointF(x, geometry.plot().top()), QPointF(x, geometry.plotBottom()));
    }
}

} // namespace

bool isDarkPalette(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightnessF() < 0.5;
}

QColor timelineItemColor(int itemIndex, const QPalette &palette)
{
    const Timeline::Colour colour = Timeline::itemColour(itemIndex, isDarkPalette(palette));
    return QColor::fromHslF(float(colour.hue / 360.0), float(colour.saturation),
                            float(colour.lightness));
}

int timelinePreferredHeight(const Timeline &timeline, const QFontMetricsF &metrics)
{
    return TimelineGeometry::height(timeline.lanes().size(),
                                    TimelineGeometry::comfortablePitch(metrics), metrics);
}

void paintTimeline(QPainter &painter, const QRect &rect, const Timeline &timeline,
                   const QPalette &palette)
{
    const QFontMetricsF metrics(painter.font(), painter.device());
    const TimelineGeometry geometry(rect, timeline, metrics);
    const TimelineColors colors(palette);

    painter.save();
    painter.setClipRect(rect);
    painter.fillRect(rect, colors.background);
    painter.setRenderHint(QPainter::Antialiasing, true);
    paintLanes(painter, geometry, timeline, colors, metrics);
    paintTimeAxis(painter, geometry, timeline, colors, metrics);
    paintBars(painter, geometry, timeline, palette, colors, metrics);
    painter.restore();
}

// ---------------------------------------------------------------------------------------------

GanttView::GanttView(QWidget *parent)
    : QWidget(parent)
{
    // paintTimeline fills every pixel itself.
    setAttribute(Qt::WA_OpaquePaintEvent);
    // Lanes stop growing at a comfortable height; with many workers they get thinner.
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Maximum);
}

void GanttView::setRun(const RunTiming &run)
{
    // Live updates come twice a second; only a new lane count changes the size we want.
    const qsizetype lanesBefore = m_timeline.lanes().size();
    const bool hadRun = m_hasRun;
    m_run = run;
    m_timeline = Timeline(m_run, m_axisSeconds);
    m_hasRun = true;
    if (!hadRun || m_timeline.lanes().size() != lanesBefore)
        updateGeometry();
    update();
}

void GanttView::clearRun()
{
    m_run = RunTiming();
    m_timeline = Timeline(m_run, m_axisSeconds);
    m_hasRun = false;
    updateGeometry();
    update();
}

void GanttView::setAxisSeconds(double seconds)
{
    if (qFuzzyCompare(seconds, m_axisSeconds))
        return;
    m_axisSeconds = seconds;
    m_timeline = Timeline(m_run, m_axisSeconds);
    update();
}

void GanttView::setPlaceholderText(const QString &text)
{
    m_placeholderText = text;
    update();
}

int GanttView::barCount() const
{
    return m_hasRun ? int(m_timeline.bars().size()) : 0;
}

QRectF GanttView::barRect(int bar) const
{
    if (bar < 0 || bar >= barCount())
        return {};
    const TimelineGeometry geometry(rect(), m_timeline, QFontMetricsF(font(), this));
    return geometry.barRect(m_timeline.bars().at(bar));
}

int GanttView::barAt(const QPointF &position) const
{
    const TimelineGeometry geometry(rect(), m_timeline, QFontMetricsF(font(), this));
    // Later bars are painted over earlier ones, so the last hit is the one on top.
    for (int bar = barCount() - 1; bar >= 0; --bar)
        if (geometry.barRect(m_timeline.bars().at(bar)).contains(position))
            return bar;
    return -1;
}

QString GanttView::barToolTip(int bar) const
{
    if (bar < 0 || bar >= barCount())
        return {};
    return describeBar(m_timeline, m_timeline.bars().at(bar));
}

QSize GanttView::sizeHint() const
{
    const QFontMetricsF metrics(font(), this);
    return {int(metrics.averageCharWidth() * 80), timelinePreferredHeight(m_timeline, metrics)};
}

QSize GanttView::minimumSizeHint() const
{
    const QFontMetricsF metrics(font(), this);
    return {int(metrics.averageCharWidth() * 30),
            TimelineGeometry::height(m_timeline.lanes().size(),
                                     TimelineGeometry::smallestPitch(metrics), metrics)};
}

void GanttView::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    if (m_hasRun) {
        paintTimeline(painter, rect(), m_timeline, palette());
        return;
    }
    const TimelineColors colors(palette());
    painter.fillRect(rect(), colors.background);
    painter.setPen(colors.mutedText);
    painter.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap, m_placeholderText);
}

bool GanttView::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        const auto *help = static_cast<QHelpEvent *>(event);
        const int bar = barAt(help->pos());
        if (bar < 0) {
            QToolTip::hideText();
            event->ignore();
        } else {
            QToolTip::showText(help->globalPos(), barToolTip(bar), this,
                               barRect(bar).toAlignedRect());
        }
        return true;
    }
    return QWidget::event(event);
}

} // namespace fp
