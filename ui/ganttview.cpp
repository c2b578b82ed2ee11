#include "ganttview.h"

#include <QEvent>
#include <QFontMetricsF>
#include <QHelpEvent>
#include <QPaintEvent>
#include <QPainter>
#include <QPalette>
#include <QToolTip>

#include <algorithm>
#include <cmath>
#include <optional>

namespace fp {

namespace {

// One bar of a timeline: a finished task, or the growing piece of an item still running.
struct TimelineBar
{
    int item = -1;
    int worker = -1;
    double start = 0;
    double end = 0;
    qint64 frames = 0;
    const QString *host = nullptr; // only finished tasks know their host
    bool running = false;
};

// Calls `visit` for every bar of `run` in painting order: tasks, then running items. The bars
// are made on the fly rather than collected, so a paint allocates nothing per task.
template<typename Visit>
void forEachBar(const RunTiming &run, Visit &&visit)
{
    for (const TaskTiming &task : run.tasks)
        visit(TimelineBar{task.item, task.worker, task.start, task.end, task.frames, &task.host,
                          false});
    for (const ItemRecord &item : run.items) {
        if (item.start < 0 || item.end >= 0)
            continue;
        // A split item may already have finished pieces on this worker: what is running now
        // started after them, and drawing from item.start would cover them.
        double start = item.start;
        for (const TaskTiming &task : run.tasks)
            if (task.item == item.index && task.worker == item.worker)
                start = std::max(start, task.end);
        visit(TimelineBar{item.index, item.worker, start, std::max(start, run.wallSeconds),
                          item.framesDone, nullptr, true});
    }
}

std::optional<TimelineBar> barNumber(const RunTiming &run, int number)
{
    std::optional<TimelineBar> found;
    int current = 0;
    forEachBar(run, [&](const TimelineBar &bar) {
        if (current++ == number)
            found = bar;
    });
    return found;
}

const ItemRecord *findItem(const RunTiming &run, int index)
{
    // The engine keeps items in index order, so the position nearly always is the index.
    if (index >= 0 && index < run.items.size() && run.items.at(index).index == index)
        return &run.items.at(index);
    for (const ItemRecord &item : run.items)
        if (item.index == index)
            return &item;
    return nullptr;
}

// Workers are numbered from 1 by their slot in the pool, so lane n - 1 is worker n. A task
// from a worker numbered beyond run.workers still gets a lane rather than vanishing.
int laneCount(const RunTiming &run)
{
    int lanes = std::max(run.workers, 1);
    forEachBar(run, [&lanes](const TimelineBar &bar) { lanes = std::max(lanes, bar.worker); });
    return lanes;
}

// The host a worker ran on, from the first of its tasks that names one.
QString laneHost(const RunTiming &run, int worker)
{
    for (const TaskTiming &task : run.tasks)
        if (task.worker == worker && !task.host.isEmpty())
            return task.host;
    return {};
}

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

// Dark text on light bars and white on dark ones, whichever hue the item got.
QColor textColorOn(const QColor &fill)
{
    const double luma = 0.2126 * fill.redF() + 0.7152 * fill.greenF() + 0.0722 * fill.blueF();
    return luma > 0.55 ? QColor(20, 20, 24) : QColor(Qt::white);
}

// 1, 2 or 5 times a power of ten, giving about `targetTicks` ticks over `span` (as the HTML
// report's axis does).
double tickStep(double span, double targetTicks)
{
    const double raw = span / std::max(targetTicks, 1.0);
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    const double normalised = raw / magnitude;
    const double factor = normalised <= 1 ? 1 : normalised <= 2 ? 2 : normalised <= 5 ? 5 : 10;
    return factor * magnitude;
}

// Where everything of a timeline goes. Painting, hit-testing and the preferred height all use
// this, so a tooltip always belongs to the bar under the mouse.
class TimelineGeometry
{
public:
    TimelineGeometry(const QRectF &rect, const RunTiming &run, double axisSeconds,
                     const QFontMetricsF &metrics)
        : m_lanes(laneCount(run)),
          m_seconds(std::max({axisSeconds, timelineEndSeconds(run), 0.0}))
    {
        // A run that has not started yet still gets a 0..1 s axis: nothing divides by zero.
        if (m_seconds <= 0)
            m_seconds = 1;
        // The label column does not depend on the run, so that stacked timelines line up.
        // It has room for a short host name; longer ones are elided.
        const double labelWidth =
            std::min(metrics.horizontalAdvance(QStringLiteral("worker 000 \u00b7 ")) + 12
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
        m_lanePitch = std::min(m_plot.height() / m_lanes, comfortablePitch(metrics));
        m_laneGap = std::clamp(m_lanePitch * 0.15, 1.0, 4.0);
    }

    static double axisHeight(const QFontMetricsF &metrics) { return metrics.height() + 8; }
    static double comfortablePitch(const QFontMetricsF &metrics) { return metrics.height() * 1.9; }
    static double smallestPitch(const QFontMetricsF &metrics) { return metrics.height() * 0.5; }

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
    // Empty for a bar without a lane (no worker number).
    [[nodiscard]] QRectF barRect(const TimelineBar &bar) const
    {
        if (bar.worker < 1 || bar.worker > m_lanes)
            return {};
        const QRectF lane = laneRect(bar.worker - 1);
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
QString laneLabel(int worker, const QString &host, double width, const QFontMetricsF &metrics)
{
    const QString name = QStringLiteral("worker %1").arg(worker);
    if (host.isEmpty())
        return name;
    const QString separator = QStringLiteral(" \u00b7 ");
    const double hostWidth = width - metrics.horizontalAdvance(name + separator);
    const QString shownHost = metrics.elidedText(host, Qt::ElideRight, hostWidth);
    // An ellipsis alone says nothing about the host.
    if (shownHost.size() < 2)
        return name;
    return name + separator + shownHost;
}

void paintLanes(QPainter &painter, const TimelineGeometry &geometry, const RunTiming &run,
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
                         laneLabel(lane + 1, laneHost(run, lane + 1), labelRect.width(), metrics));
    }
}

void paintTimeAxis(QPainter &painter, const TimelineGeometry &geometry,
                   const TimelineColors &colors, const QFontMetricsF &metrics)
{
    const QRectF &plot = geometry.plot();
    const double bottom = geometry.plotBottom();
    const double labelSpacing = metrics.horizontalAdvance(QStringLiteral("000.0")) * 2;
    const double step = tickStep(geometry.seconds(), plot.width() / labelSpacing);
    for (int i = 0; i * step <= geometry.seconds() * (1 + 1e-9); ++i) {
        const double seconds = i * step;
        const double x = geometry.x(seconds);
        painter.setPen(colors.grid);
        painter.drawLine(QPointF(x, plot.top()), QPointF(x, bottom + 3));
        painter.setPen(colors.mutedText);
        const QRectF labelRect(x - labelSpacing / 2, geometry.axisTextTop(), labelSpacing,
                               metrics.height());
        painter.drawText(labelRect, Qt::AlignHCenter | Qt::AlignTop,
                         QString::number(seconds, 'g', 6));
    }
    painter.drawText(geometry.axisUnitRect(metrics), Qt::AlignRight | Qt::AlignTop,
                     QStringLiteral("seconds"));
}

void paintBars(QPainter &painter, const TimelineGeometry &geometry, const RunTiming &run,
               const QPalette &palette, const TimelineColors &colors,
               const QFontMetricsF &metrics)
{
    const double padding = 4;
    // Room for three letters and an ellipsis: less than that names nothing.
    const double narrowestLabelledBar = metrics.averageCharWidth() * 4 + 2 * padding;
    constexpr int shortestUsefulName = 4;
    bool anyRunning = false;
    forEachBar(run, [&](const TimelineBar &bar) {
        const QRectF rect = geometry.barRect(bar);
        if (rect.isEmpty())
            return;
        const ItemRecord *item = findItem(run, bar.item);
        const QColor itemColor = timelineItemColor(bar.item, palette);
        // A running bar is paler, with a solid leading edge that moves as it grows.
        const QColor fill = bar.running ? blend(colors.lane, itemColor, 0.5) : itemColor;
        const double radius = std::min(3.0, rect.height() / 4);

        // The background colour as outline keeps touching bars apart.
        painter.setPen(QPen(colors.background, 1));
        painter.setBrush(fill);
        painter.drawRoundedRect(rect, radius, radius);
        if (bar.running) {
            anyRunning = true;
            painter.fillRect(QRectF(rect.right() - 2, rect.top(), 2, rect.height()), itemColor);
        } else if (item && item->state == ItemState::Failed) {
            painter.setPen(QPen(colors.failed, 1.5, Qt::DashLine));
            painter.setBrush(Qt::NoBrush);
            painter.drawRoundedRect(rect.adjusted(1, 1, -1, -1), radius, radius);
        }

        if (!item || rect.width() < narrowestLabelledBar || rect.height() < metrics.height())
            return;
        const QRectF textRect = rect.adjusted(padding, 0, -padding, 0);
        const QString fullName = displayName(item->path);
        const QString name = metrics.elidedText(fullName, Qt::ElideRight, textRect.width());
        if (name != fullName && name.size() < shortestUsefulName)
            return;
        painter.setPen(textColorOn(fill));
        painter.drawText(textRect, Qt::AlignLeft | Qt::AlignVCenter, name);
    });

    // While a run goes on, a line marks "now": where the growing bars are heading.
    if (anyRunning) {
        const double x = geometry.x(run.wallSeconds);
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
    const double hue = std::fmod(std::abs(double(itemIndex)) * 137.508, 360.0) / 360.0;
    return QColor::fromHslF(float(hue), 0.62f, isDarkPalette(palette) ? 0.60f : 0.52f);
}

double timelineEndSeconds(const RunTiming &run)
{
    double end = run.wallSeconds;
    for (const TaskTiming &task : run.tasks)
        end = std::max(end, task.end);
    return end;
}

int timelinePreferredHeight(const RunTiming &run, const QFontMetricsF &metrics)
{
    return int(std::ceil(2 + laneCount(run) * TimelineGeometry::comfortablePitch(metrics)
                         + TimelineGeometry::axisHeight(metrics)));
}

void paintTimeline(QPainter &painter, const QRect &rect, const RunTiming &run,
                   const QPalette &palette, double axisSeconds)
{
    const QFontMetricsF metrics(painter.font(), painter.device());
    const TimelineGeometry geometry(rect, run, axisSeconds, metrics);
    const TimelineColors colors(palette);

    painter.save();
    painter.setClipRect(rect);
    painter.fillRect(rect, colors.background);
    painter.setRenderHint(QPainter::Antialiasing, true);
    paintLanes(painter, geometry, run, colors, metrics);
    paintTimeAxis(painter, geometry, colors, metrics);
    paintBars(painter, geometry, run, palette, colors, metrics);
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
    const bool newHeight = !m_hasRun || laneCount(run) != laneCount(m_run);
    m_run = run;
    m_hasRun = true;
    if (newHeight)
        updateGeometry();
    update();
}

void GanttView::clearRun()
{
    m_run = RunTiming();
    m_hasRun = false;
    updateGeometry();
    update();
}

void GanttView::setAxisSeconds(double seconds)
{
    if (qFuzzyCompare(seconds, m_axisSeconds))
        return;
    m_axisSeconds = seconds;
    update();
}

void GanttView::setPlaceholderText(const QString &text)
{
    m_placeholderText = text;
    update();
}

int GanttView::barCount() const
{
    int count = 0;
    if (m_hasRun)
        forEachBar(m_run, [&count](const TimelineBar &) { ++count; });
    return count;
}

QRectF GanttView::barRect(int bar) const
{
    const auto found = m_hasRun ? barNumber(m_run, bar) : std::nullopt;
    if (!found)
        return {};
    const TimelineGeometry geometry(rect(), m_run, m_axisSeconds, QFontMetricsF(font(), this));
    return geometry.barRect(*found);
}

int GanttView::barAt(const QPointF &position) const
{
    if (!m_hasRun)
        return -1;
    const TimelineGeometry geometry(rect(), m_run, m_axisSeconds, QFontMetricsF(font(), this));
    // Later bars are painted over earlier ones, so the last hit is the one on top.
    int hit = -1;
    int number = 0;
    forEachBar(m_run, [&](const TimelineBar &bar) {
        if (geometry.barRect(bar).contains(position))
            hit = number;
        ++number;
    });
    return hit;
}

QString GanttView::barToolTip(int bar) const
{
    const auto found = m_hasRun ? barNumber(m_run, bar) : std::nullopt;
    if (!found)
        return {};
    const ItemRecord *item = findItem(m_run, found->item);
    QString tip = item ? item->path : QStringLiteral("item %1").arg(found->item);
    const QString seconds = QString::number(found->end - found->start, 'f', 3);
    tip += found->running ? QStringLiteral("\nrunning for %1 s, %2 frames so far, worker %3")
                          : QStringLiteral("\n%1 s, %2 frames, worker %3");
    tip = tip.arg(seconds).arg(found->frames).arg(found->worker);
    if (found->host && !found->host->isEmpty())
        tip += QStringLiteral(" on ") + *found->host;
    if (item && item->state == ItemState::Failed && !item->error.isEmpty())
        tip += QStringLiteral("\nfailed: ") + item->error;
    return tip;
}

QSize GanttView::sizeHint() const
{
    const QFontMetricsF metrics(font(), this);
    return {int(metrics.averageCharWidth() * 80), timelinePreferredHeight(m_run, metrics)};
}

QSize GanttView::minimumSizeHint() const
{
    const QFontMetricsF metrics(font(), this);
    const double lanes = laneCount(m_run);
    return {int(metrics.averageCharWidth() * 30),
            int(std::ceil(2 + lanes * TimelineGeometry::smallestPitch(metrics)
                          + TimelineGeometry::axisHeight(metrics)))};
}

void GanttView::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    if (m_hasRun) {
        paintTimeline(painter, rect(), m_run, palette(), m_axisSeconds);
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
