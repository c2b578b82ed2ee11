#pragma once

#include "repeatedcomparison.h"
#include "runtypes.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QDateTime>
#include <QString>

#include <optional>

namespace fp {

// The timing report: the last serial run and the last parallel run (either may be missing),
// and, when both are there, their comparison. The CLI and the GUI export the same content.
// A repeated Compare also carries every round; `serial` and `parallel` are then its last round.
struct TimingReport
{
    std::optional<RunTiming> serial;
    std::optional<RunTiming> parallel;
    std::optional<RepeatedComparison> repeated; // only for more than one round
    QDateTime created = QDateTime::currentDateTime();
    QString host;   // machine the run happened on
    int cores = 0;  // usable cores on that machine

    // Both runs, whenever both are there; whether they may be compared is Comparison::isValid.
    [[nodiscard]] std::optional<Comparison> comparison() const;
};

// What the wall-time charts show: for a valid repeated Compare, the report with the medians as
// the serial and parallel wall times (its ideal then follows from the median serial run); any
// other report as it is.
[[nodiscard]] TimingReport withMedianWallTimes(const TimingReport &report);

namespace report {

// Every item of every run with its timing, and the summary/comparison numbers.
[[nodiscard]] QByteArray toJson(const TimingReport &report);
[[nodiscard]] QJsonObject toJsonObject(const TimingReport &report);
// The "repeat" object of the JSON report without its runs: rounds, validity (or the reason),
// the load average at the start, median/min/max/values of the wall times, the speed-up from the
// medians with its range (speedup_min, speedup_max), efficiency and the ideal.
[[nodiscard]] QJsonObject repeatSummaryJson(const RepeatedComparison &repeated);
// Reads what toJson wrote back into a report (the run history keeps reports this way); none,
// and why in `error`, for a document that is not one.
[[nodiscard]] std::optional<TimingReport> fromJson(const QJsonObject &root, QString *error = nullptr);
// One row per item: run, path, kind, status, worker, start, end, seconds, frames, fps, error,
// warnings (joined with "; "), round (of a repeated Compare; 1 otherwise).
// Cells that a spreadsheet would read as a formula (=, +, -, @) are neutralised.
[[nodiscard]] QByteArray toCsv(const TimingReport &report);
// One self-contained HTML page: summary, serial-vs-parallel bar chart and a per-worker
// timeline of items, drawn as inline SVG. Every name is escaped.
[[nodiscard]] QByteArray toHtml(const TimingReport &report);

// ---------------------------------------------------------------------------------------------
// Building blocks of the HTML report, shared with the PDF report (ui/reportpdf.cpp) so both
// print the same tables with the same numbers. Fragments escape every data string and style
// themselves only through classes, which each output defines in its own stylesheet:
//   num            numeric header or cell (right-aligned)
//   path           a file name (or a path without folders)
//   folder         the folder of a path, below its name
//   error          why an item failed, below its path
//   warning        what could not be read in an item that succeeded, below its path
//   swatch         an item's colour (coloured by the inline `color`), in front of its number
//   empty          a paragraph standing in for a table with nothing to show
//   ok, failed, …  an item row: itemStateName() of the item's state

// Numbers as every report format prints them: seconds with 3 decimals, fps with 1.
[[nodiscard]] QString secondsText(double seconds);
[[nodiscard]] QString fpsText(double fps);
// "1: 91 %, 2: 86 %": each worker's busy time over the run's wall time (its efficiency).
[[nodiscard]] QString busyText(const RunTiming &run);
// "1 worker", "2 workers".
[[nodiscard]] QString countedText(qsizetype count, const QString &noun);
// toHtmlEscaped, and ' as &#39; so the text can stand in a single-quoted attribute too.
[[nodiscard]] QString escapeHtml(const QString &text);
// A stable, well-spread CSS colour per item (golden-angle hue steps), as in the timelines.
[[nodiscard]] QString itemColour(int itemIndex);

// "Generated <when> on <host>, 4 usable cores" (escaped; `whenHtml` is HTML already).
[[nodiscard]] QString generatedHtml(const TimingReport &report, const QString &whenHtml);

// The runs of a report in report order: serial first, then parallel; missing ones left out.
struct NamedRun
{
    QString slot;  // "serial" / "parallel", as in the CSV
    QString title; // "Serial" / "Parallel", for headings
    const RunTiming *run;
};
[[nodiscard]] QList<NamedRun> runsOf(const TimingReport &report);

// A column per run, a row per measure: complete or partial, mode, analysis and its parameters,
// workers and how they were set up (threads per worker, schedule, chunk and segment size,
// launcher; "not recorded" in older reports), wall and paused time, items, completed, failed
// and cancelled items, items with warnings, frames, throughput, and how busy each worker was.
[[nodiscard]] QString summaryTableHtml(const TimingReport &report);
// Speed-up, efficiency and the time model; an "empty" paragraph unless both runs are there,
// and only the reason (a partial run, other items) when they do not compare the same work.
// For a repeated Compare: the medians and ranges of its rounds instead (repeatTableHtml).
// A single Compare on a busy machine is labelled as a one-shot measurement ("busy" paragraph).
[[nodiscard]] QString comparisonTableHtml(const TimingReport &report);
// Median, min and max of the serial and parallel wall times and of the speed-up over the rounds
// of a repeated Compare, each round's values, and the load average at its start.
[[nodiscard]] QString repeatTableHtml(const RepeatedComparison &repeated);
// "0.42 (1-minute load average; 2 usable cores)"; "unknown" when not measured.
[[nodiscard]] QString loadText(double loadAverage, int cores);
// The warning for one Compare on a busy machine; empty when the machine was not busy.
[[nodiscard]] QString oneShotWarning(double loadAverage, int cores);
// One row per item with its timing, the path last; an "empty" paragraph for a run without items.
[[nodiscard]] QString itemsTableHtml(const RunTiming &run);
// "Serial run: serial, 1 worker" (escaped), the heading of a run's section.
[[nodiscard]] QString runHeadingHtml(const NamedRun &named);

// ---------------------------------------------------------------------------------------------

enum class Format { Json, Csv, Html, Pdf, Unknown };
[[nodiscard]] Format formatForPath(const QString &path);

// Writes json/csv/html by the file's extension, atomically (QSaveFile). PDF is written by the
// GUI (it needs QtGui); here it is an error.
bool write(const TimingReport &report, const QString &path, QString *error);

} // namespace report
} // namespace fp
