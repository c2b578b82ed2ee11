#pragma once

#include "runtypes.h"

#include <QByteArray>
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

    [[nodiscard]] std::optional<Comparison> comparison() const;
};

namespace report {

// Every item of every run with its timing, and the summary/comparison numbers.
[[nodiscard]] QByteArray toJson(const TimingReport &report);
// One row per item: run, path, kind, status, worker, start, end, seconds, frames, fps, error.
// Cells that a spreadsheet would read as a formula (=, +, -, @) are neutralised.
[[nodiscard]] QByteArray toCsv(const TimingReport &report);
// One self-contained HTML page: summary, serial-vs-parallel bar chart and a per-worker
// timeline of items, drawn as inline SVG. Every name is escaped.
[[nodiscard]] QByteArray toHtml(const TimingReport &report);

enum class Format { Json, Csv, Html, Pdf, Unknown };
[[nodiscard]] Format formatForPath(const QString &path);

// Writes json/csv/html by the file's extension, atomically (QSaveFile). PDF is written by the
// GUI (it needs QtGui); here it is an error.
bool write(const TimingReport &report, const QString &path, QString *error);

} // namespace report
} // namespace fp
