// The HTML report, and the HTML fragments (tables, headings) that the PDF report prints too.

#include "report.h"

#include "reportparts.h"
#include "timeline.h"

#include <algorithm>

namespace fp::report {

namespace {

using parts::decimal;
using parts::hasFinished;
using parts::hasStarted;
using parts::hasWorker;

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

// Parallel runs usually lose time to start-up, uneven items and shared resources; a run
// can also beat the model (warm caches), and then it says so rather than "-0.2 s more".
QString overheadText(double secondsOverIdeal)
{
    if (secondsOverIdeal >= 0)
        return QStringLiteral("%1 s more than the ideal (start-up, uneven items, shared resources)")
            .arg(secondsText(secondsOverIdeal));
    return QStringLiteral("%1 s less than the ideal").arg(secondsText(-secondsOverIdeal));
}

// The last cell of an item row: the file name, its folder in a muted line below it (so a long
// path wraps at the folder rather than anywhere in a narrow column), the error, if any, and
// each warning of an item that succeeded.
QString pathCell(const QString &path, const QString &error, const QStringList &warnings)
{
    QStringView view(path);
    // Image sets are folders: their name is the last path component too.
    while (view.size() > 1 && view.endsWith(QLatin1Char('/')))
        view.chop(1);
    const qsizetype slash = view.lastIndexOf(QLatin1Char('/'));
    QString cell;
    if (slash < 0) {
        cell = QStringLiteral("<span class=\"path\">%1</span>").arg(escapeHtml(path));
    } else {
        const QString folder = view.left(std::max<qsizetype>(slash, 1)).toString();
        cell = QStringLiteral("<span class=\"path\">%1</span><br><span class=\"folder\">%2</span>")
                   .arg(escapeHtml(view.mid(slash + 1).toString()), escapeHtml(folder));
    }
    if (!error.isEmpty())
        cell += QStringLiteral("<br><span class=\"error\">%1</span>").arg(escapeHtml(error));
    for (const QString &warning : warnings)
        cell += QStringLiteral("<br><span class=\"warning\">\u26a0 %1</span>").arg(escapeHtml(warning));
    return cell;
}

// A warning paragraph, or nothing for no warning.
QString busyParagraph(const QString &warning)
{
    return warning.isEmpty() ? QString() : QStringLiteral("<p class=\"busy\">%1</p>\n").arg(escapeHtml(warning));
}

TableRow itemRow(const ItemRecord &item)
{
    const bool finished = hasFinished(item);
    return {{swatch(item.index) + QString::number(item.index), streamKindName(item.kind),
             itemStateName(item.state), hasWorker(item) ? QString::number(item.worker) : QString(),
             hasStarted(item) ? secondsText(item.start) : QString(),
             finished ? secondsText(item.end) : QString(),
             finished ? secondsText(item.seconds()) : QString(), QString::number(item.framesDone),
             finished ? fpsText(item.fps()) : QString(), pathCell(item.path, item.error, item.warnings())},
            itemStateName(item.state)};
}

QString runSection(const NamedRun &named, double axisSeconds)
{
    QString out = QStringLiteral("<section>\n<h2>%1</h2>\n").arg(runHeadingHtml(named));
    out += QStringLiteral("<h3>Workers over time</h3>\n");
    out += parts::timelineSvg(*named.run, axisSeconds, named.slot);
    out += QStringLiteral("<h3>Items</h3>\n");
    out += itemsTableHtml(*named.run);
    out += QStringLiteral("</section>\n");
    return out;
}

constexpr const char *kStyle = R"(
:root { color-scheme: light dark; --fg: #1f2430; --muted: #5d6677; --bg: #ffffff; --panel: #f3f5f9;
        --line: #dde2ea; --accent: #3b6fd8; --accent2: #2aa37a; --bad: #c0392b; --ideal: #7a869a;
        --warn: #9a6700; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e5e8ee; --muted: #9aa3b3; --bg: #15181e; --panel: #1f232b; --line: #353b47;
          --accent: #6d9bf2; --accent2: #4cc79c; --bad: #ff7b6b; --ideal: #a0aabb;
          --warn: #e3b341; }
}
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg);
       background: var(--bg); max-width: 1100px; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin: 0 0 .2rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 .5rem; padding-bottom: .2rem;
     border-bottom: 1px solid var(--line); }
h3 { font-size: 1rem; margin: 1.2rem 0 .4rem; color: var(--muted); }
.meta, .empty, .folder { color: var(--muted); }
.folder { font-size: .85em; word-break: break-all; }
.error { color: var(--bad); }
.busy { color: var(--bad); font-weight: 600; }
.warning { color: var(--warn); }
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
svg .task[data-state="running"] { opacity: .55; }
svg .cut { pointer-events: none; }
svg .hatch { stroke: var(--bg); stroke-width: 2.5; }
)";

QString pageHead()
{
    return QStringLiteral("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                          "<meta name=\"viewport\" content=\"width=device-width, "
                          "initial-scale=1\">\n<title>FramePool timing report</title>\n<style>")
        + QLatin1String(kStyle) + QStringLiteral("</style>\n</head>\n");
}

QString metaParagraph(const TimingReport &report)
{
    const QString shown = report.created.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    const QString when = QStringLiteral("<time datetime=\"%1\">%2</time>")
                             .arg(escapeHtml(parts::isoTimestamp(report.created)),
                                  escapeHtml(shown));
    return QStringLiteral("<p class=\"meta\">%1</p>\n").arg(generatedHtml(report, when));
}

QString runsBody(const TimingReport &report, const QList<NamedRun> &runs)
{
    QString out = QStringLiteral("<h2>Summary</h2>\n") + summaryTableHtml(report);
    out += QStringLiteral("<h3>Serial versus parallel</h3>\n") + comparisonTableHtml(report);
    out += QStringLiteral("<h3>Wall time</h3>\n") + parts::wallTimeChartSvg(report);
    // One time axis for every timeline, so their lengths compare.
    double axisSeconds = 0;
    for (const NamedRun &named : runs)
        axisSeconds = std::max(axisSeconds, Timeline(*named.run).endSeconds());
    for (const NamedRun &named : runs)
        out += runSection(named, axisSeconds);
    return out;
}

} // namespace

namespace {

const QStringList kSummaryMeasures{
    QStringLiteral("Run"),       QStringLiteral("Mode"),          QStringLiteral("Analysis"),
    QStringLiteral("Parameters"), QStringLiteral("Workers"),      QStringLiteral("Threads per worker"),
    QStringLiteral("Schedule"),  QStringLiteral("Chunk size (images)"), QStringLiteral("Segment size (frames)"),
    QStringLiteral("Launcher"),  QStringLiteral("Wall (s)"),      QStringLiteral("Paused (s)"),
    QStringLiteral("Items"),     QStringLiteral("Completed"),     QStringLiteral("Failed"),
    QStringLiteral("Cancelled"), QStringLiteral("With warnings"), QStringLiteral("Frames"),
    QStringLiteral("Throughput (fps)"), QStringLiteral("Busy per worker"),
};

// "automatic" for 0, "never split" for -1, else the number.
QString pieceSizeText(int size)
{
    return size == 0 ? QStringLiteral("automatic") : size < 0 ? QStringLiteral("never split") : QString::number(size);
}

// A run's set-up for kSummaryMeasures, as HTML: parameters, threads per worker, schedule, chunk
// and segment size, launcher; "not recorded" in a report from before they were.
QStringList setupValues(const RunSetup &setup)
{
    if (!setup.isRecorded())
        return QStringList(6, QStringLiteral("not recorded"));
    const QString parameters = setup.parametersText();
    return {parameters.isEmpty() ? QStringLiteral("none") : escapeHtml(parameters),
            QString::number(setup.threadsPerWorker), escapeHtml(scheduleName(setup.schedule)),
            pieceSizeText(setup.chunkSize), pieceSizeText(setup.segmentFrames), escapeHtml(setup.launcher)};
}

// A run's values for kSummaryMeasures, as HTML.
QStringList summaryValues(const RunTiming &run)
{
    const auto warned = std::count_if(run.items.begin(), run.items.end(),
                                      [](const ItemRecord &item) { return !item.warnings().isEmpty(); });
    const QStringList setup = setupValues(run.setup);
    return {run.isComplete() ? QStringLiteral("complete") : escapeHtml(run.partialText()),
            escapeHtml(runModeName(run.mode)), escapeHtml(run.analysis), setup.at(0), QString::number(run.workers),
            setup.at(1), setup.at(2), setup.at(3), setup.at(4), setup.at(5),
            secondsText(run.wallSeconds), secondsText(run.pausedSeconds),
            QString::number(run.items.size()), QString::number(run.completedCount()),
            QString::number(run.failedCount()), QString::number(run.cancelledCount()),
            QString::number(warned), QString::number(run.totalFrames()),
            run.wallSeconds > 0 ? fpsText(parts::throughput(run)) : QStringLiteral("n/a"),
            escapeHtml(busyText(run))};
}

} // namespace

// A row per measure and a column per run: twenty measures side by side do not fit a printed
// page; two runs do.
QString summaryTableHtml(const TimingReport &report)
{
    QList<Column> columns{{QString()}};
    QList<QStringList> values;
    for (const NamedRun &named : runsOf(report)) {
        columns.append({escapeHtml(named.title)});
        values.append(summaryValues(*named.run));
    }
    QList<TableRow> rows;
    for (int measure = 0; measure < kSummaryMeasures.size(); ++measure) {
        TableRow row{{kSummaryMeasures.at(measure)}, {}};
        for (const QStringList &run : values)
            row.cells << run.at(measure);
        rows.append(row);
    }
    return htmlTable(columns, rows);
}

QString comparisonTableHtml(const TimingReport &report)
{
    if (report.repeated)
        return repeatTableHtml(*report.repeated);
    const auto comparison = report.comparison();
    if (!comparison) {
        return QStringLiteral("<p class=\"empty\">Run both a serial and a parallel run to compare "
                              "them.</p>\n");
    }
    // Runs that did different work have no speed-up: saying one would be made up.
    if (!comparison->isValid()) {
        return QStringLiteral("<p class=\"empty\">No speed-up: %1. Throughput (frames per second) "
                              "is in the summary above.</p>\n")
            .arg(escapeHtml(comparison->invalidReason()));
    }
    const double ideal = comparison->idealParallelSeconds();
    const double measured = comparison->parallel.wallSeconds;
    const int effective = comparison->effectiveWorkers();
    const QString coresNote = report.cores > 0
        ? QStringLiteral("min(%1, %2)")
              .arg(countedText(comparison->parallel.workers, QStringLiteral("worker")),
                   countedText(report.cores, QStringLiteral("usable core")))
        : QStringLiteral("the parallel run's workers (cores unknown)");

    const QList<Column> columns{{QStringLiteral("Measure")}, {QStringLiteral("Value"), true},
                                {QStringLiteral("Meaning")}};
    const QList<TableRow> rows{
        {{QStringLiteral("Speed-up"), decimal(comparison->speedup(), 2) + QStringLiteral("\u00d7"),
          QStringLiteral("serial wall time \u00f7 parallel wall time")}, {}},
        {{QStringLiteral("Efficiency"),
          decimal(comparison->efficiency() * 100, 1) + QStringLiteral(" %"),
          QStringLiteral("speed-up \u00f7 C")}, {}},
        {{QStringLiteral("N: items"), QString::number(comparison->itemCount()),
          QStringLiteral("the same items in both runs")}, {}},
        {{QStringLiteral("M: seconds per item"), secondsText(comparison->secondsPerItem()),
          QStringLiteral("mean of the serial run (serial wall time \u00f7 N)")}, {}},
        {{QStringLiteral("C: workers that can run at once"), QString::number(effective), coresNote},
         {}},
        {{QStringLiteral("Ideal parallel time"), secondsText(ideal) + QStringLiteral(" s"),
          QStringLiteral("time model: (N \u00f7 C) \u00b7 M")}, {}},
        {{QStringLiteral("Measured parallel time"), secondsText(measured) + QStringLiteral(" s"),
          overheadText(measured - ideal)}, {}},
        {{QStringLiteral("Load at start"), escapeHtml(loadText(comparison->serial.loadAverage, report.cores)),
          QStringLiteral("how busy the machine was when the serial run started")}, {}},
    };
    return busyParagraph(oneShotWarning(comparison->serial.loadAverage, report.cores)) + htmlTable(columns, rows);
}

QString repeatTableHtml(const RepeatedComparison &repeated)
{
    const QString intro = QStringLiteral("<p>%1, alternated (serial, parallel, serial, \u2026); "
                                         "load average at the start: %2.</p>\n")
                              .arg(countedText(repeated.rounds, QStringLiteral("round")),
                                   escapeHtml(loadText(repeated.loadAverageAtStart(), repeated.cores)));
    if (!repeated.isValid()) {
        return intro + QStringLiteral("<p class=\"empty\">No speed-up: %1. Throughput (frames per second) "
                                      "is in the summary above.</p>\n")
                           .arg(escapeHtml(repeated.invalidReason()));
    }
    const auto valuesText = [](const QList<RunTiming> &runs) {
        QStringList values;
        for (const RunTiming &run : runs)
            values << secondsText(run.wallSeconds);
        return values.join(QStringLiteral(", "));
    };
    QStringList roundSpeedups;
    for (int i = 0; i < repeated.completedRounds(); ++i)
        roundSpeedups << decimal(repeated.round(i).speedup(), 2);
    const auto spreadRow = [](const QString &measure, const Spread &spread, int decimals,
                              const QString &unit, const QString &values) {
        return TableRow{{measure, decimal(spread.median, decimals) + unit, decimal(spread.min, decimals) + unit,
                         decimal(spread.max, decimals) + unit, values},
                        {}};
    };
    const Spread speedups = repeated.roundSpeedups();
    Spread speedup = speedups;
    speedup.median = repeated.speedup(); // from the medians of the times, not of the ratios
    const QList<Column> columns{{QStringLiteral("Measure")}, {QStringLiteral("Median"), true},
                                {QStringLiteral("Min"), true}, {QStringLiteral("Max"), true},
                                {QStringLiteral("Each round")}};
    const QList<TableRow> rows{
        spreadRow(QStringLiteral("Serial wall time"), repeated.serialSeconds(), 3, QStringLiteral(" s"),
                  valuesText(repeated.serialRuns)),
        spreadRow(QStringLiteral("Parallel wall time"), repeated.parallelSeconds(), 3, QStringLiteral(" s"),
                  valuesText(repeated.parallelRuns)),
        spreadRow(QStringLiteral("Speed-up"), speedup, 2, QStringLiteral("\u00d7"),
                  roundSpeedups.join(QStringLiteral(", "))),
    };
    const QString model =
        QStringLiteral("<p>Speed-up = median serial \u00f7 median parallel wall time; its range is that of the "
                       "rounds' own speed-ups. Efficiency %1 % (speed-up \u00f7 C, C = %2); ideal parallel time "
                       "%3 s (median serial \u00f7 C). The timelines and items below are the last round's.</p>\n")
            .arg(decimal(repeated.efficiency() * 100, 1))
            .arg(repeated.effectiveWorkers())
            .arg(secondsText(repeated.idealParallelSeconds()));
    return intro + htmlTable(columns, rows) + model;
}

QString busyText(const RunTiming &run)
{
    if (run.wallSeconds <= 0)
        return QStringLiteral("n/a");
    QStringList parts;
    const QList<double> busy = run.busySecondsPerWorker();
    for (int w = 0; w < busy.size(); ++w)
        parts << QStringLiteral("%1: %2 %").arg(w + 1).arg(decimal(100 * busy[w] / run.wallSeconds, 0));
    return parts.join(QStringLiteral(", "));
}

QString itemsTableHtml(const RunTiming &run)
{
    if (run.items.isEmpty())
        return QStringLiteral("<p class=\"empty\">This run has no items.</p>\n");
    // The path (with the error of a failed item below it) is the last column: it takes the
    // width the numbers leave, so the rows stay two or three lines high.
    const QList<Column> columns{
        {QStringLiteral("#"), true},       {QStringLiteral("Kind")},
        {QStringLiteral("Status")},        {QStringLiteral("Worker"), true},
        {QStringLiteral("Start (s)"), true}, {QStringLiteral("End (s)"), true},
        {QStringLiteral("Seconds"), true}, {QStringLiteral("Frames"), true},
        {QStringLiteral("fps"), true},     {QStringLiteral("Path")},
    };
    QList<TableRow> rows;
    for (const ItemRecord &item : run.items)
        rows.append(itemRow(item));
    return htmlTable(columns, rows);
}

QString runHeadingHtml(const NamedRun &named)
{
    const RunTiming &run = *named.run;
    return QStringLiteral("%1 run: %2, %3")
        .arg(escapeHtml(named.title), escapeHtml(runModeName(run.mode)),
             countedText(run.workers, QStringLiteral("worker")));
}

QByteArray toHtml(const TimingReport &report)
{
    QString out = pageHead();
    out += QStringLiteral("<body>\n<h1>FramePool timing report</h1>\n") + metaParagraph(report);
    const QList<NamedRun> runs = runsOf(report);
    out += runs.isEmpty()
        ? QStringLiteral("<p class=\"empty\">No run has been recorded yet.</p>\n")
        : runsBody(report, runs);
    out += QStringLiteral("</body>\n</html>\n");
    return out.toUtf8();
}

} // namespace fp::report
