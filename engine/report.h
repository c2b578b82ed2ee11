#pragma once

#include "runtypes.h"

#include <QByteArray>
#include <QList>
#include <QDateTime>
#include <QString>

#include <optional>

namespace fp {

// The timing report: the last serial run and the last parallel run (either may be missing),
// and, when both are there, their comparison. The CLI and the GUI export the same content.
struct TimingReport
{
    std::optional<RunTiming> serial;
    std::optional<RunTiming> parallel;
    QDateTime created = QDateTime::currentDateTime();
    QString host;   // machine the run happened on
    int cores = 0;  // usable cores on that machine

    // Both runs, whenever both are there; whether they may be compared is Comparison::isValid.
    [[nodiscard]] std::optional<Comparison> comparison() const;
};

namespace report {

// Every item of every run with its timing, and the summary/comparison numbers.
[[nodiscard]] QByteArray toJson(const TimingReport &report);
// One row per item: run, path, kind, status, worker, start, end, seconds, frames, fps, error,
// warnings (joined with "; ").
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

// A column per run, a row per measure: complete or partial, mode, analysis, workers, wall and
// paused time, items, completed, failed and cancelled items, items with warnings, frames,
// throughput, and how busy each worker was.
[[nodiscard]] QString summaryTableHtml(const TimingReport &report);
// Speed-up, efficiency and the time model; an "empty" paragraph unless both runs are there,
// and only the reason (a partial run, other items) when they do not compare the same work.
[[nodiscard]] QString comparisonTableHtml(const TimingReport &report);
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
