#include "report.h"

#include "exportfile.h"

#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cmath>
#include <set>

namespace fp {

std::optional<Comparison> TimingReport::comparison() const
{
    if (!serial || !parallel)
        return std::nullopt;
    return Comparison{*serial, *parallel};
}

namespace report {

namespace {

// ---------------------------------------------------------------------------------------------
// Shared: labels and number formats, so the three formats print the same values the same way.

QString slotName(bool isSerialSlot)
{
    return isSerialSlot ? QStringLiteral("serial") : QStringLiteral("parallel");
}

// Local times carry their UTC offset, so the timestamp is unambiguous when read elsewhere.
QString isoTimestamp(const QDateTime &time)
{
    return time.toOffsetFromUtc(time.offsetFromUtc()).toString(Qt::ISODate);
}

bool hasStarted(const ItemRecord &item)
{
    return item.start >= 0;
}

bool hasWorker(const ItemRecord &item)
{
    return item.worker >= 0;
}

// Frames per second of wall time: what the user got out of the whole run.
double throughput(const RunTiming &run)
{
    return run.wallSeconds > 0 ? run.totalFrames() / run.wallSeconds : 0;
}

// The end of the last thing that happened in a run: its wall time, or a task that ended later.
double lastMoment(const RunTiming &run)
{
    double last = run.wallSeconds;
    for (const TaskTiming &task : run.tasks)
        last = std::max(last, task.end);
    return last;
}

// ---------------------------------------------------------------------------------------------
// JSON

// Timers measure in microseconds at best; rounding there keeps the file free of
// 0.30000000000000004-style noise without losing anything that was measured.
double roundedSeconds(double seconds)
{
    return std::round(seconds * 1e6) / 1e6;
}

// Absent values (no worker, never started) are null rather than a -1 sentinel.
QJsonValue orNull(bool present, const QJsonValue &value)
{
    return present ? value : QJsonValue(QJsonValue::Null);
}

QJsonObject itemJson(const ItemRecord &item)
{
    QJsonObject o{
        {QStringLiteral("index"), item.index},
        {QStringLiteral("path"), item.path},
        {QStringLiteral("kind"), streamKindName(item.kind)},
        {QStringLiteral("status"), itemStateName(item.state)},
        {QStringLiteral("worker"), orNull(hasWorker(item), item.worker)},
        {QStringLiteral("start"), orNull(hasStarted(item), roundedSeconds(item.start))},
        {QStringLiteral("end"),
         orNull(hasStarted(item) && item.end >= 0, roundedSeconds(item.end))},
        {QStringLiteral("seconds"), roundedSeconds(item.seconds())},
        {QStringLiteral("frames"), item.framesDone},
        {QStringLiteral("fps"), std::round(item.fps() * 1000) / 1000},
        {QStringLiteral("attempts"), item.attempts},
    };
    if (!item.error.isEmpty())
        o[QStringLiteral("error")] = item.error;
    return o;
}

QJsonObject taskJson(const TaskTiming &task)
{
    return QJsonObject{
        {QStringLiteral("item"), task.item},
        {QStringLiteral("worker"), task.worker},
        {QStringLiteral("start"), roundedSeconds(task.start)},
        {QStringLiteral("end"), roundedSeconds(task.end)},
        {QStringLiteral("frames"), task.frames},
        {QStringLiteral("host"), task.host},
    };
}

QJsonValue runJson(const std::optional<RunTiming> &run)
{
    if (!run)
        return QJsonValue::Null;
    QJsonArray items;
    for (const ItemRecord &item : run->items)
        items.append(itemJson(item));
    QJsonArray tasks;
    for (const TaskTiming &task : run->tasks)
        tasks.append(taskJson(task));
    return QJsonObject{
        {QStringLiteral("mode"), runModeName(run->mode)},
        {QStringLiteral("analysis"), run->analysis},
        {QStringLiteral("workers"), run->workers},
        {QStringLiteral("wall_seconds"), roundedSeconds(run->wallSeconds)},
        {QStringLiteral("paused_seconds"), roundedSeconds(run->pausedSeconds)},
        {QStringLiteral("items_count"), int(run->items.size())},
        {QStringLiteral("failed"), run->failedCount()},
        {QStringLiteral("frames"), run->totalFrames()},
        {QStringLiteral("items"), items},
        {QStringLiteral("tasks"), tasks},
    };
}

QJsonValue comparisonJson(const std::optional<Comparison> &comparison)
{
    if (!comparison)
        return QJsonValue::Null;
    return QJsonObject{
        {QStringLiteral("workers"), comparison->parallel.workers},
        {QStringLiteral("serial_seconds"), roundedSeconds(comparison->serial.wallSeconds)},
        {QStringLiteral("parallel_seconds"), roundedSeconds(comparison->parallel.wallSeconds)},
        {QStringLiteral("speedup"), comparison->speedup()},
        {QStringLiteral("efficiency"), comparison->efficiency()},
        {QStringLiteral("ideal_parallel_seconds"),
         roundedSeconds(comparison->idealParallelSeconds())},
    };
}

// ---------------------------------------------------------------------------------------------
// CSV (RFC 4180, CRLF line ends)

// The cells and rows are shared with the results export (exportfile.h).
using exportfile::csvRow;
using exportfile::number;
using exportfile::text;

QByteArray csvItemRow(const QString &slot, const RunTiming &run, const ItemRecord &item)
{
    const bool started = hasStarted(item);
    const bool finished = started && item.end >= item.start;
    return csvRow({
        text(slot),
        text(runModeName(run.mode)),
        text(item.path),
        text(streamKindName(item.kind)),
        text(itemStateName(item.state)),
        number(hasWorker(item) ? QString::number(item.worker) : QString()),
        number(started ? secondsText(item.start) : QString()),
        number(finished ? secondsText(item.end) : QString()),
        number(finished ? secondsText(item.seconds()) : QString()),
        number(QString::number(item.framesDone)),
        number(finished ? fpsText(item.fps()) : QString()),
        text(item.error),
    });
}

QByteArray csvSummaryRow(const char *metric, const QString &value)
{
    return csvRow({text(QLatin1String(metric)), number(value)});
}

// ---------------------------------------------------------------------------------------------
// HTML

QString num(double value, int decimals = 1)
{
    return QString::number(value, 'f', decimals);
}

// The colour is the span's text colour, so that it shows both as a CSS box (HTML report: the
// box takes its background from currentColor and clips the glyph) and as a coloured glyph
// where boxes can't be drawn (QTextDocument, in the PDF report).
QString swatch(int itemIndex)
{
    return QStringLiteral("<span class=\"swatch\" style=\"color:%1\" aria-hidden=\"true\">"
                          "\u25a0&nbsp;</span>")
        .arg(itemColour(itemIndex));
}

struct Column
{
    QString title;
    bool numeric = false;
};

// Cells are HTML already; each row may carry a CSS class (empty for none).
struct TableRow
{
    QStringList cells;
    QString cssClass;
};

QString htmlTable(const QList<Column> &columns, const QList<TableRow> &rows)
{
    QString out = QStringLiteral("<table>\n<thead><tr>");
    for (const Column &column : columns) {
        out += column.numeric ? QStringLiteral("<th class=\"num\">") : QStringLiteral("<th>");
        out += column.title + QStringLiteral("</th>");
    }
    out += QStringLiteral("</tr></thead>\n<tbody>\n");
    for (const TableRow &row : rows) {
        out += row.cssClass.isEmpty() ? QStringLiteral("<tr>")
                                      : QStringLiteral("<tr class=\"%1\">").arg(row.cssClass);
        for (int i = 0; i < row.cells.size(); ++i) {
            const bool numeric = i < columns.size() && columns.at(i).numeric;
            out += (numeric ? QStringLiteral("<td class=\"num\">") : QStringLiteral("<td>"))
                + row.cells.at(i) + QStringLiteral("</td>");
        }
        out += QStringLiteral("</tr>\n");
    }
    out += QStringLiteral("</tbody>\n</table>\n");
    return out;
}

// Maps seconds to x pixels. A zero-length run still gets a 0..1 s axis, so nothing divides
// by zero and an empty chart still reads as a chart.
struct TimeScale
{
    double left;
    double width;
    double maxSeconds;

    TimeScale(double left, double width, double seconds)
        : left(left), width(width), maxSeconds(seconds > 0 ? seconds : 1.0) {}
    [[nodiscard]] double x(double seconds) const { return left + width * seconds / maxSeconds; }
};

// 1, 2 or 5 times a power of ten, giving roughly `targetTicks` ticks up to maxSeconds.
double tickStep(double maxSeconds, int targetTicks = 8)
{
    const double raw = maxSeconds / targetTicks;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    const double normalised = raw / magnitude;
    const double factor = normalised <= 1 ? 1 : normalised <= 2 ? 2 : normalised <= 5 ? 5 : 10;
    return factor * magnitude;
}

QString svgText(double x, double y, const QString &escapedText, const char *anchor = "start",
                const char *cssClass = nullptr)
{
    const QString classAttr =
        cssClass ? QStringLiteral(" class=\"%1\"").arg(QLatin1String(cssClass)) : QString();
    return QStringLiteral("<text x=\"%1\" y=\"%2\" text-anchor=\"%3\"%4>%5</text>\n")
        .arg(num(x), num(y), QLatin1String(anchor), classAttr, escapedText);
}

// Vertical grid lines from `top` to `bottom` with second labels underneath.
QString svgTimeAxis(const TimeScale &scale, double top, double bottom)
{
    QString out = QStringLiteral("<g class=\"axis\">\n");
    const double step = tickStep(scale.maxSeconds);
    for (int i = 0; i * step <= scale.maxSeconds * (1 + 1e-9); ++i) {
        const double seconds = i * step;
        const double x = scale.x(seconds);
        out += QStringLiteral("<line class=\"grid\" x1=\"%1\" y1=\"%2\" x2=\"%1\" y2=\"%3\"/>\n")
                   .arg(num(x), num(top), num(bottom));
        out += svgText(x, bottom + 15, QString::number(seconds, 'g', 6), "middle");
    }
    out += svgText(scale.left + scale.width, bottom + 30, QStringLiteral("seconds"), "end");
    out += QStringLiteral("</g>\n");
    return out;
}

QString svgOpen(double width, double height, const QString &ariaLabel)
{
    return QStringLiteral("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %1 %2\" "
                          "role=\"img\" aria-label=\"%3\">\n")
        .arg(num(width, 0), num(height, 0), ariaLabel);
}

constexpr double kChartWidth = 960;
constexpr double kLabelWidth = 170;
constexpr double kValueWidth = 90; // room right of the plot for "12.345 s"
constexpr double kAxisHeight = 40;

// Horizontal bars: serial and parallel wall time, and the time model's ideal as a dashed
// outline so it reads as a target rather than a measurement.
QString wallTimeChart(const TimingReport &report)
{
    struct Bar
    {
        QString label;
        double seconds;
        const char *cssClass;
    };
    const auto runLabel = [](const char *title, const RunTiming &run) {
        return QStringLiteral("%1 (%2)").arg(QLatin1String(title),
                                             countedText(run.workers, QStringLiteral("worker")));
    };
    QList<Bar> bars;
    if (report.serial)
        bars.append({runLabel("Serial", *report.serial), report.serial->wallSeconds, "bar serial"});
    if (report.parallel)
        bars.append({runLabel("Parallel", *report.parallel), report.parallel->wallSeconds,
                     "bar parallel"});
    if (const auto comparison = report.comparison())
        bars.append({QStringLiteral("Ideal (serial \u00f7 %1)").arg(comparison->parallel.workers),
                     comparison->idealParallelSeconds(), "ideal"});

    constexpr double barHeight = 26, rowHeight = 36, top = 8;
    double longest = 0;
    for (const Bar &bar : bars)
        longest = std::max(longest, bar.seconds);
    const TimeScale scale(kLabelWidth, kChartWidth - kLabelWidth - kValueWidth, longest);
    const double plotBottom = top + rowHeight * bars.size();

    QString out = svgOpen(kChartWidth, plotBottom + kAxisHeight,
                          QStringLiteral("Wall time, serial versus parallel"));
    out += svgTimeAxis(scale, top, plotBottom);
    for (int i = 0; i < bars.size(); ++i) {
        const Bar &bar = bars.at(i);
        const double y = top + i * rowHeight + (rowHeight - barHeight) / 2;
        const double width = std::max(0.0, scale.x(bar.seconds) - scale.left);
        out += svgText(kLabelWidth - 8, y + barHeight / 2 + 4, escapeHtml(bar.label), "end");
        out += QStringLiteral("<rect class=\"%1\" x=\"%2\" y=\"%3\" width=\"%4\" height=\"%5\">"
                              "<title>%6 s</title></rect>\n")
                   .arg(QLatin1String(bar.cssClass), num(scale.left), num(y), num(width),
                        num(barHeight), secondsText(bar.seconds));
        out += svgText(scale.left + width + 6, y + barHeight / 2 + 4,
                       secondsText(bar.seconds) + QStringLiteral(" s"), "start", "value");
    }
    out += QStringLiteral("</svg>\n");
    return out;
}

// Per-worker Gantt chart: one lane per worker that did work, one bar per task. The time axis
// runs to `axisSeconds`, the same for every run in the report, so their lengths compare.
QString workerTimeline(const RunTiming &run, double axisSeconds)
{
    if (run.tasks.isEmpty())
        return QStringLiteral("<p class=\"empty\">No worker recorded any work in this run.</p>\n");

    QHash<int, const ItemRecord *> itemsByIndex;
    for (const ItemRecord &item : run.items)
        itemsByIndex.insert(item.index, &item);

    // Lanes are the workers seen in the tasks, so worker ids show as the item table shows them.
    std::set<int> workerIds;
    for (const TaskTiming &task : run.tasks)
        workerIds.insert(task.worker);
    QHash<int, int> laneOfWorker;
    for (int id : workerIds)
        laneOfWorker.insert(id, int(laneOfWorker.size()));

    constexpr double laneHeight = 28, laneGap = 6, top = 6;
    const TimeScale scale(kLabelWidth, kChartWidth - kLabelWidth - 20,
                         std::max(axisSeconds, lastMoment(run)));
    const double plotBottom = top + laneOfWorker.size() * (laneHeight + laneGap);

    QString out = svgOpen(kChartWidth, plotBottom + kAxisHeight,
                          QStringLiteral("Timeline of the tasks on each worker"));
    for (int id : workerIds) {
        const double y = top + laneOfWorker.value(id) * (laneHeight + laneGap);
        out += QStringLiteral("<rect class=\"lane\" x=\"%1\" y=\"%2\" width=\"%3\" "
                              "height=\"%4\"/>\n")
                   .arg(num(scale.left), num(y), num(scale.width), num(laneHeight));
        const QString label =
            id >= 0 ? QStringLiteral("worker %1").arg(id) : QStringLiteral("unknown worker");
        out += svgText(kLabelWidth - 8, y + laneHeight / 2 + 4, label, "end");
    }
    out += svgTimeAxis(scale, top, plotBottom);

    for (const TaskTiming &task : run.tasks) {
        const ItemRecord *item = itemsByIndex.value(task.item, nullptr);
        const QString path = item ? item->path : QStringLiteral("item %1").arg(task.item);
        const bool failed = item && item->state == ItemState::Failed;
        const double x = scale.x(std::max(0.0, task.start));
        // At least a pixel, so very short tasks still show up.
        const double width = std::max(1.0, scale.x(task.end) - x);
        const double y = top + laneOfWorker.value(task.worker) * (laneHeight + laneGap);

        QString tooltip = QStringLiteral("%1\n%2 s, %3 frames, worker %4")
                              .arg(path, secondsText(task.end - task.start))
                              .arg(task.frames)
                              .arg(task.worker);
        if (!task.host.isEmpty())
            tooltip += QStringLiteral(" on ") + task.host;
        if (failed)
            tooltip += QStringLiteral("\nfailed: ") + item->error;

        out += QStringLiteral("<g><rect class=\"task\"%1 x=\"%2\" y=\"%3\" width=\"%4\" "
                              "height=\"%5\" rx=\"3\" fill=\"%6\"><title>%7</title></rect>")
                   .arg(failed ? QStringLiteral(" data-state=\"failed\"") : QString(), num(x),
                        num(y + 2), num(width), num(laneHeight - 4), itemColour(task.item),
                        escapeHtml(tooltip));
        // Label the bar with its item number when it fits, to match the swatches in the table.
        if (width >= 30)
            out += svgText(x + width / 2, y + laneHeight / 2 + 4,
                           QStringLiteral("#%1").arg(task.item), "middle", "tasklabel");
        out += QStringLiteral("</g>\n");
    }
    out += QStringLiteral("</svg>\n");
    return out;
}

// Parallel runs usually lose time to start-up, uneven items and shared resources; a run
// can also beat the model (warm caches), and then it says so rather than "-0.2 s more".
QString overheadText(double secondsOverIdeal)
{
    if (secondsOverIdeal >= 0)
        return QStringLiteral("%1 s more than the ideal (start-up, uneven items, shared resources)")
            .arg(secondsText(secondsOverIdeal));
    return QStringLiteral("%1 s less than the ideal").arg(secondsText(-secondsOverIdeal));
}

QString runSection(const NamedRun &named, double axisSeconds)
{
    const RunTiming &run = *named.run;
    QString out = QStringLiteral("<section>\n<h2>%1</h2>\n").arg(runHeadingHtml(named));
    out += QStringLiteral("<h3>Workers over time</h3>\n");
    out += workerTimeline(run, axisSeconds);
    out += QStringLiteral("<h3>Items</h3>\n");
    out += itemsTableHtml(run);
    out += QStringLiteral("</section>\n");
    return out;
}

constexpr const char *kStyle = R"(
:root { color-scheme: light dark; --fg: #1f2430; --muted: #5d6677; --bg: #ffffff; --panel: #f3f5f9;
        --line: #dde2ea; --accent: #3b6fd8; --accent2: #2aa37a; --bad: #c0392b; --ideal: #7a869a; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e5e8ee; --muted: #9aa3b3; --bg: #15181e; --panel: #1f232b; --line: #353b47;
          --accent: #6d9bf2; --accent2: #4cc79c; --bad: #ff7b6b; --ideal: #a0aabb; }
}
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg);
       background: var(--bg); max-width: 1100px; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin: 0 0 .2rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 .5rem; padding-bottom: .2rem;
     border-bottom: 1px solid var(--line); }
h3 { font-size: 1rem; margin: 1.2rem 0 .4rem; color: var(--muted); }
.meta, .empty { color: var(--muted); }
table { border-collapse: collapse; margin: .4rem 0 1.2rem; }
th, td { padding: .3rem .7rem; border-bottom: 1px solid var(--line); text-align: left;
         vertical-align: top; }
th { background: var(--panel); font-weight: 600; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
.path { white-space: pre-wrap; word-break: break-all; }
tr.failed td, tr.interrupted td { color: var(--bad); }
tr.cancelled td, tr.queued td { color: var(--muted); }
.swatch { display: inline-block; width: .8em; height: .8em; border-radius: 2px;
          margin-right: .4em; background: currentColor; overflow: hidden; user-select: none; }
svg { display: block; width: 100%; height: auto; margin: .4rem 0 1rem; }
svg text { fill: var(--muted); font-size: 12px; }
svg text.value { fill: var(--fg); }
svg text.tasklabel { fill: #fff; font-size: 11px; pointer-events: none; }
svg .grid { stroke: var(--line); stroke-width: 1; }
svg .lane { fill: var(--panel); }
svg .bar.serial { fill: var(--accent); }
svg .bar.parallel { fill: var(--accent2); }
svg .ideal { fill: none; stroke: var(--ideal); stroke-width: 1.5; stroke-dasharray: 6 4; }
svg .task { stroke: var(--bg); stroke-width: 1; }
svg .task[data-state="failed"] { stroke: var(--bad); stroke-width: 2; stroke-dasharray: 4 2; }
)";

} // namespace

// ---------------------------------------------------------------------------------------------
// Shared with the PDF report (see report.h)

QString secondsText(double seconds)
{
    return QString::number(seconds, 'f', 3);
}

QString fpsText(double fps)
{
    return QString::number(fps, 'f', 1);
}

QString countedText(qsizetype count, const QString &noun)
{
    const QString ending = count == 1 ? QString() : QStringLiteral("s");
    return QStringLiteral("%1 %2%3").arg(count).arg(noun, ending);
}

// toHtmlEscaped covers < > & " but not ', which would end a single-quoted attribute.
QString escapeHtml(const QString &text)
{
    return text.toHtmlEscaped().replace(QLatin1Char('\''), QLatin1String("&#39;"));
}

QString itemColour(int itemIndex)
{
    const int hue = int(std::fmod(std::abs(itemIndex) * 137.508, 360.0));
    return QStringLiteral("hsl(%1,62%,52%)").arg(hue);
}

QList<NamedRun> runsOf(const TimingReport &report)
{
    QList<NamedRun> runs;
    if (report.serial)
        runs.append({slotName(true), QStringLiteral("Serial"), &*report.serial});
    if (report.parallel)
        runs.append({slotName(false), QStringLiteral("Parallel"), &*report.parallel});
    return runs;
}

QString summaryTableHtml(const TimingReport &report)
{
    const QList<Column> columns{
        {QStringLiteral("Run")},          {QStringLiteral("Mode")},
        {QStringLiteral("Analysis")},     {QStringLiteral("Workers"), true},
        {QStringLiteral("Wall (s)"), true}, {QStringLiteral("Paused (s)"), true},
        {QStringLiteral("Items"), true},  {QStringLiteral("Failed"), true},
        {QStringLiteral("Frames"), true}, {QStringLiteral("Throughput (fps)"), true},
    };
    QList<TableRow> rows;
    for (const NamedRun &named : runsOf(report)) {
        const RunTiming &run = *named.run;
        rows.append({{named.title, escapeHtml(runModeName(run.mode)),
                      escapeHtml(run.analysis), QString::number(run.workers),
                      secondsText(run.wallSeconds), secondsText(run.pausedSeconds),
                      QString::number(run.items.size()), QString::number(run.failedCount()),
                      QString::number(run.totalFrames()),
                      run.wallSeconds > 0 ? fpsText(throughput(run)) : QStringLiteral("n/a")},
                     run.failedCount() > 0 ? QStringLiteral("has-failures") : QString()});
    }
    return htmlTable(columns, rows);
}

QString comparisonTableHtml(const TimingReport &report)
{
    const auto comparison = report.comparison();
    if (!comparison) {
        return QStringLiteral("<p class=\"empty\">Run both a serial and a parallel run to compare "
                              "them.</p>\n");
    }
    // Without a measured parallel time the ratios mean nothing.
    const bool measurable = comparison->parallel.wallSeconds > 0;
    const QString notAvailable = QStringLiteral("n/a");
    const QString speedup =
        measurable ? num(comparison->speedup(), 2) + QStringLiteral("\u00d7") : notAvailable;
    const QString efficiency =
        measurable ? num(comparison->efficiency() * 100, 1) + QStringLiteral(" %") : notAvailable;
    const double ideal = comparison->idealParallelSeconds();
    const double measured = comparison->parallel.wallSeconds;
    const QString workers = countedText(comparison->parallel.workers, QStringLiteral("worker"));

    const QList<Column> columns{{QStringLiteral("Measure")}, {QStringLiteral("Value"), true},
                                {QStringLiteral("Meaning")}};
    const QList<TableRow> rows{
        {{QStringLiteral("Speed-up"), speedup,
          QStringLiteral("serial wall time \u00f7 parallel wall time")}, {}},
        {{QStringLiteral("Efficiency"), efficiency,
          QStringLiteral("speed-up \u00f7 %1").arg(workers)}, {}},
        {{QStringLiteral("Ideal parallel time"), secondsText(ideal) + QStringLiteral(" s"),
          QStringLiteral("time model: the serial time spread evenly over %1").arg(workers)}, {}},
        {{QStringLiteral("Measured parallel time"), secondsText(measured) + QStringLiteral(" s"),
          overheadText(measured - ideal)}, {}},
    };
    return htmlTable(columns, rows);
}

QString itemsTableHtml(const RunTiming &run)
{
    if (run.items.isEmpty())
        return QStringLiteral("<p class=\"empty\">This run has no items.</p>\n");
    const QList<Column> columns{
        {QStringLiteral("#"), true},       {QStringLiteral("Path")},
        {QStringLiteral("Kind")},          {QStringLiteral("Status")},
        {QStringLiteral("Worker"), true},  {QStringLiteral("Start (s)"), true},
        {QStringLiteral("End (s)"), true}, {QStringLiteral("Seconds"), true},
        {QStringLiteral("Frames"), true},  {QStringLiteral("fps"), true},
        {QStringLiteral("Error")},
    };
    QList<TableRow> rows;
    for (const ItemRecord &item : run.items) {
        const bool started = hasStarted(item);
        const bool finished = started && item.end >= item.start;
        rows.append({{swatch(item.index) + QString::number(item.index),
                      QStringLiteral("<span class=\"path\">%1</span>").arg(escapeHtml(item.path)),
                      streamKindName(item.kind), itemStateName(item.state),
                      hasWorker(item) ? QString::number(item.worker) : QString(),
                      started ? secondsText(item.start) : QString(),
                      finished ? secondsText(item.end) : QString(),
                      finished ? secondsText(item.seconds()) : QString(),
                      QString::number(item.framesDone),
                      finished ? fpsText(item.fps()) : QString(),
                      escapeHtml(item.error)},
                     itemStateName(item.state)});
    }
    return htmlTable(columns, rows);
}

QString runHeadingHtml(const NamedRun &named)
{
    const RunTiming &run = *named.run;
    return QStringLiteral("%1 run: %2, %3")
        .arg(escapeHtml(named.title), escapeHtml(runModeName(run.mode)),
             countedText(run.workers, QStringLiteral("worker")));
}

// ---------------------------------------------------------------------------------------------

QByteArray toJson(const TimingReport &report)
{
    const QJsonObject root{
        {QStringLiteral("generated"), isoTimestamp(report.created)},
        {QStringLiteral("host"), report.host},
        {QStringLiteral("cores"), report.cores},
        {QStringLiteral("serial"), runJson(report.serial)},
        {QStringLiteral("parallel"), runJson(report.parallel)},
        {QStringLiteral("comparison"), comparisonJson(report.comparison())},
    };
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

QByteArray toCsv(const TimingReport &report)
{
    QByteArray out = csvRow({text(QStringLiteral("run")), text(QStringLiteral("mode")),
                             text(QStringLiteral("path")), text(QStringLiteral("kind")),
                             text(QStringLiteral("status")), text(QStringLiteral("worker")),
                             text(QStringLiteral("start")), text(QStringLiteral("end")),
                             text(QStringLiteral("seconds")), text(QStringLiteral("frames")),
                             text(QStringLiteral("fps")), text(QStringLiteral("error"))});
    const QList<NamedRun> runs = runsOf(report);
    for (const NamedRun &named : runs)
        for (const ItemRecord &item : named.run->items)
            out += csvItemRow(named.slot, *named.run, item);

    if (runs.isEmpty())
        return out;
    out += "\r\n";
    out += csvSummaryRow("metric", QStringLiteral("value"));
    if (report.serial)
        out += csvSummaryRow("serial_wall_seconds", secondsText(report.serial->wallSeconds));
    if (report.parallel) {
        out += csvSummaryRow("parallel_wall_seconds", secondsText(report.parallel->wallSeconds));
        out += csvSummaryRow("parallel_workers", QString::number(report.parallel->workers));
    }
    if (const auto comparison = report.comparison()) {
        out += csvSummaryRow("speedup", QString::number(comparison->speedup(), 'f', 3));
        out += csvSummaryRow("efficiency", QString::number(comparison->efficiency(), 'f', 3));
        out += csvSummaryRow("ideal_parallel_seconds",
                             secondsText(comparison->idealParallelSeconds()));
    }
    return out;
}

QByteArray toHtml(const TimingReport &report)
{
    const QString host = report.host.isEmpty() ? QStringLiteral("an unknown host") : report.host;
    const QString shown = report.created.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    QString meta = QStringLiteral("Generated <time datetime=\"%1\">%2</time> on %3")
                       .arg(escapeHtml(isoTimestamp(report.created)), escapeHtml(shown),
                            escapeHtml(host));
    if (report.cores > 0)
        meta += QStringLiteral(", ") + countedText(report.cores, QStringLiteral("usable core"));

    QString out = QStringLiteral(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<title>FramePool timing report</title>\n<style>");
    out += QLatin1String(kStyle);
    out += QStringLiteral("</style>\n</head>\n<body>\n<h1>FramePool timing report</h1>\n");
    out += QStringLiteral("<p class=\"meta\">%1</p>\n").arg(meta);

    const QList<NamedRun> runs = runsOf(report);
    if (runs.isEmpty()) {
        out += QStringLiteral("<p class=\"empty\">No run has been recorded yet.</p>\n");
    } else {
        out += QStringLiteral("<h2>Summary</h2>\n");
        out += summaryTableHtml(report);
        out += QStringLiteral("<h3>Serial versus parallel</h3>\n");
        out += comparisonTableHtml(report);
        out += QStringLiteral("<h3>Wall time</h3>\n");
        out += wallTimeChart(report);
        double axisSeconds = 0;
        for (const NamedRun &named : runs)
            axisSeconds = std::max(axisSeconds, lastMoment(*named.run));
        for (const NamedRun &named : runs)
            out += runSection(named, axisSeconds);
    }
    out += QStringLiteral("</body>\n</html>\n");
    return out.toUtf8();
}

Format formatForPath(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("json"))
        return Format::Json;
    if (suffix == QLatin1String("csv"))
        return Format::Csv;
    if (suffix == QLatin1String("html") || suffix == QLatin1String("htm"))
        return Format::Html;
    if (suffix == QLatin1String("pdf"))
        return Format::Pdf;
    return Format::Unknown;
}

bool write(const TimingReport &report, const QString &path, QString *error)
{
    const auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return false;
    };

    QByteArray content;
    switch (formatForPath(path)) {
    case Format::Json: content = toJson(report); break;
    case Format::Csv: content = toCsv(report); break;
    case Format::Html: content = toHtml(report); break;
    case Format::Pdf:
        return fail(QStringLiteral("PDF reports are written by the desktop app"));
    case Format::Unknown: {
        const QString suffix = QFileInfo(path).suffix();
        return fail(QStringLiteral("unsupported report format %1 (use .json, .csv or .html)")
                        .arg(suffix.isEmpty() ? QStringLiteral("(no extension)")
                                              : QStringLiteral("\".%1\"").arg(suffix)));
    }
    }

    return exportfile::writeAtomically(path, content, error);
}

} // namespace report
} // namespace fp
