// The inline SVG charts of the HTML report. The timeline draws from the shared Timeline model,
// as the GUI's Gantt chart and the PDF report do, so all three show the same lanes and bars.

#include "report.h"

#include "reportparts.h"
#include "timeline.h"

#include <algorithm>

namespace fp::report::parts {

namespace {

// Maps seconds to x pixels. A zero-length axis still gets 0..1 s, so nothing divides by zero
// and an empty chart still reads as a chart.
struct TimeScale
{
    double left;
    double width;
    double maxSeconds;

    TimeScale(double left, double width, double seconds)
        : left(left), width(width), maxSeconds(seconds > 0 ? seconds : 1.0) {}
    [[nodiscard]] double x(double seconds) const { return left + width * seconds / maxSeconds; }
};

constexpr double kChartWidth = 960;
constexpr double kLabelWidth = 170;
constexpr double kValueWidth = 90; // room right of the plot for "12.345 s"
constexpr double kAxisHeight = 40;
constexpr double kTargetTicks = 8;

QString svgText(double x, double y, const QString &escapedText, const char *anchor = "start",
                const char *cssClass = nullptr)
{
    const QString classAttr =
        cssClass ? QStringLiteral(" class=\"%1\"").arg(QLatin1String(cssClass)) : QString();
    return QStringLiteral("<text x=\"%1\" y=\"%2\" text-anchor=\"%3\"%4>%5</text>\n")
        .arg(decimal(x), decimal(y), QLatin1String(anchor), classAttr, escapedText);
}

// Vertical grid lines from `top` to `bottom` with second labels underneath.
QString svgTimeAxis(const TimeScale &scale, const QList<double> &ticks, double top, double bottom)
{
    QString out = QStringLiteral("<g class=\"axis\">\n");
    for (const double seconds : ticks) {
        const double x = scale.x(seconds);
        out += QStringLiteral("<line class=\"grid\" x1=\"%1\" y1=\"%2\" x2=\"%1\" y2=\"%3\"/>\n")
                   .arg(decimal(x), decimal(top), decimal(bottom));
        out += svgText(x, bottom + 15, Timeline::tickLabel(seconds), "middle");
    }
    out += svgText(scale.left + scale.width, bottom + 30, QStringLiteral("seconds"), "end");
    out += QStringLiteral("</g>\n");
    return out;
}

QString svgOpen(double width, double height, const QString &ariaLabel)
{
    return QStringLiteral("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %1 %2\" "
                          "role=\"img\" aria-label=\"%3\">\n")
        .arg(decimal(width, 0), decimal(height, 0), ariaLabel);
}

// Lane labels are right-aligned in the label column: a long host name would run off its left.
QString shortened(const QString &label)
{
    constexpr int longest = 24;
    return label.size() <= longest ? label : label.left(longest - 1) + QStringLiteral("\u2026");
}

struct WallBar
{
    QString label;
    double seconds;
    const char *cssClass;
};

QList<WallBar> wallBars(const TimingReport &report)
{
    const QString median = report.repeated ? QStringLiteral(", median") : QString();
    const auto runLabel = [&median](const char *title, const RunTiming &run) {
        return QStringLiteral("%1%2 (%3)").arg(QLatin1String(title), median,
                                               countedText(run.workers, QStringLiteral("worker")));
    };
    QList<WallBar> bars;
    if (report.serial)
        bars.append({runLabel("Serial", *report.serial), report.serial->wallSeconds, "bar serial"});
    if (report.parallel)
        bars.append({runLabel("Parallel", *report.parallel), report.parallel->wallSeconds,
                     "bar parallel"});
    if (const auto comparison = report.comparison(); comparison && comparison->isValid())
        bars.append({QStringLiteral("Ideal ((N \u00f7 %1) \u00b7 M)").arg(comparison->effectiveWorkers()),
                     comparison->idealParallelSeconds(), "ideal"});
    return bars;
}

// Diagonal stripes in the page's background colour, laid over the bars of cancelled work.
// `hatchId` must be unique in the page: a report holds a timeline per run.
QString hatchPatternSvg(const QString &hatchId)
{
    return QStringLiteral("<defs><pattern id=\"%1\" width=\"6\" height=\"6\" "
                          "patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
                          "<line class=\"hatch\" x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\"/>"
                          "</pattern></defs>\n")
        .arg(hatchId);
}

QString barStateName(const Timeline::Bar &bar)
{
    if (bar.running)
        return QStringLiteral("running");
    return bar.cancelled        ? itemStateName(ItemState::Cancelled)
           : !bar.failure.isEmpty() ? itemStateName(ItemState::Failed)
                                    : itemStateName(bar.state);
}

// One task bar, with its tooltip and, when it fits, its item number to match the swatches in
// the item table. `data-lane` and `data-item` say what the model put where; cancelled work is
// hatched with the pattern `hatchId`.
QString timelineBarSvg(const Timeline &timeline, const Timeline::Bar &bar, const TimeScale &scale,
                       double laneTop, double laneHeight, const QString &hatchId)
{
    const double x = scale.x(std::max(0.0, bar.start));
    // At least a pixel, so very short tasks still show up.
    const double width = std::max(1.0, scale.x(bar.end) - x);
    const QString geometry = QStringLiteral("x=\"%1\" y=\"%2\" width=\"%3\" height=\"%4\" rx=\"3\"")
                                 .arg(decimal(x), decimal(laneTop + 2), decimal(width),
                                      decimal(laneHeight - 4));
    QString out = QStringLiteral("<g><rect class=\"task\" data-state=\"%1\" data-lane=\"%2\" "
                                 "data-item=\"%3\" %4 fill=\"%5\"%6><title>%7</title></rect>")
                      .arg(barStateName(bar))
                      .arg(bar.lane)
                      .arg(bar.item)
                      .arg(geometry, Timeline::itemColour(bar.item).css(),
                           bar.cancelled ? QStringLiteral(" fill-opacity=\".6\"") : QString(),
                           escapeHtml(timeline.describe(bar)));
    if (bar.cancelled)
        out += QStringLiteral("<rect class=\"cut\" %1 fill=\"url(#%2)\"/>").arg(geometry, hatchId);
    if (width >= 30)
        out += svgText(x + width / 2, laneTop + laneHeight / 2 + 4,
                       QStringLiteral("#%1").arg(bar.item), "middle", "tasklabel");
    return out + QStringLiteral("</g>\n");
}

} // namespace

// Horizontal bars: serial and parallel wall time, and the time model's ideal as a dashed
// outline so it reads as a target rather than a measurement.
QString wallTimeChartSvg(const TimingReport &report)
{
    constexpr double barHeight = 26, rowHeight = 36, top = 8;
    const QList<WallBar> bars = wallBars(withMedianWallTimes(report));
    double longest = 0;
    for (const WallBar &bar : bars)
        longest = std::max(longest, bar.seconds);
    const TimeScale scale(kLabelWidth, kChartWidth - kLabelWidth - kValueWidth, longest);
    const double plotBottom = top + rowHeight * bars.size();

    QString out = svgOpen(kChartWidth, plotBottom + kAxisHeight,
                          QStringLiteral("Wall time, serial versus parallel"));
    const double step = Timeline::tickStep(scale.maxSeconds, kTargetTicks);
    out += svgTimeAxis(scale, Timeline::ticks(scale.maxSeconds, step), top, plotBottom);
    for (int i = 0; i < bars.size(); ++i) {
        const WallBar &bar = bars.at(i);
        const double y = top + i * rowHeight + (rowHeight - barHeight) / 2;
        const double width = std::max(0.0, scale.x(bar.seconds) - scale.left);
        out += svgText(kLabelWidth - 8, y + barHeight / 2 + 4, escapeHtml(bar.label), "end");
        out += QStringLiteral("<rect class=\"%1\" x=\"%2\" y=\"%3\" width=\"%4\" height=\"%5\">"
                              "<title>%6 s</title></rect>\n")
                   .arg(QLatin1String(bar.cssClass), decimal(scale.left), decimal(y),
                        decimal(width), decimal(barHeight), secondsText(bar.seconds));
        out += svgText(scale.left + width + 6, y + barHeight / 2 + 4,
                       secondsText(bar.seconds) + QStringLiteral(" s"), "start", "value");
    }
    out += QStringLiteral("</svg>\n");
    return out;
}

QString timelineSvg(const RunTiming &run, double axisSeconds, const QString &id)
{
    const Timeline timeline(run, axisSeconds);
    if (timeline.bars().isEmpty())
        return QStringLiteral("<p class=\"empty\">No worker recorded any work in this run.</p>\n");

    constexpr double laneHeight = 28, lanePitch = laneHeight + 6, top = 6;
    const TimeScale scale(kLabelWidth, kChartWidth - kLabelWidth - 20, timeline.axisSeconds());
    const QList<Timeline::Lane> &lanes = timeline.lanes();
    const double plotBottom = top + lanes.size() * lanePitch;

    QString out = svgOpen(kChartWidth, plotBottom + kAxisHeight,
                          QStringLiteral("Timeline of the tasks on each worker"));
    const QString hatchId = QStringLiteral("hatch-") + id;
    out += hatchPatternSvg(hatchId);
    for (int lane = 0; lane < lanes.size(); ++lane) {
        const double y = top + lane * lanePitch;
        out += QStringLiteral("<rect class=\"lane\" x=\"%1\" y=\"%2\" width=\"%3\" "
                              "height=\"%4\"/>\n")
                   .arg(decimal(scale.left), decimal(y), decimal(scale.width),
                        decimal(laneHeight));
        out += svgText(kLabelWidth - 8, y + laneHeight / 2 + 4,
                       escapeHtml(shortened(lanes.at(lane).label())), "end");
    }
    out += svgTimeAxis(scale, timeline.ticks(kTargetTicks), top, plotBottom);
    for (const Timeline::Bar &bar : timeline.bars())
        out += timelineBarSvg(timeline, bar, scale, top + bar.lane * lanePitch, laneHeight, hatchId);
    out += QStringLiteral("</svg>\n");
    return out;
}

} // namespace fp::report::parts
