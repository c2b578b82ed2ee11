// The CSV report (RFC 4180, CRLF line ends): ONE table, a row per item of each run. The run
// summary and the comparison are in the JSON report; a second table in the same file would
// break every tool that reads a CSV as one table.

#include "report.h"

#include "reportparts.h"

namespace fp::report {

namespace {

using parts::hasFinished;
using parts::hasStarted;
using parts::hasWorker;

// Spreadsheets run a cell that starts with one of these as a formula (OWASP "CSV injection");
// a leading apostrophe makes them show it as text.
QString neutralisedText(const QString &text)
{
    static const QString formulaStarts = QStringLiteral("=+-@\t\r");
    if (!text.isEmpty() && formulaStarts.contains(text.front()))
        return QLatin1Char('\'') + text;
    return text;
}

QString quotedCell(const QString &cell)
{
    const bool needsQuotes = cell.contains(QLatin1Char(',')) || cell.contains(QLatin1Char('"'))
        || cell.contains(QLatin1Char('\r')) || cell.contains(QLatin1Char('\n'));
    if (!needsQuotes)
        return cell;
    QString escaped = cell;
    escaped.replace(QLatin1String("\""), QLatin1String("\"\""));
    return QLatin1Char('"') + escaped + QLatin1Char('"');
}

// Text cells may come from anywhere (file names, error messages); numbers are ours.
struct CsvCell
{
    QString value;
    bool isText;
};

CsvCell text(const QString &value) { return {value, true}; }
CsvCell number(const QString &value) { return {value, false}; }

QByteArray csvRow(const QList<CsvCell> &cells)
{
    QStringList out;
    out.reserve(cells.size());
    for (const CsvCell &cell : cells)
        out.append(quotedCell(cell.isText ? neutralisedText(cell.value) : cell.value));
    return out.join(QLatin1Char(',')).toUtf8() + "\r\n";
}

QByteArray csvHeader()
{
    QList<CsvCell> cells;
    for (const char *name : {"run", "mode", "path", "kind", "status", "worker", "start", "end",
                             "seconds", "frames", "fps", "error"})
        cells.append(text(QLatin1String(name)));
    return csvRow(cells);
}

QByteArray csvItemRow(const QString &slot, const RunTiming &run, const ItemRecord &item)
{
    const bool finished = hasFinished(item);
    return csvRow({
        text(slot),
        text(runModeName(run.mode)),
        text(item.path),
        text(streamKindName(item.kind)),
        text(itemStateName(item.state)),
        number(hasWorker(item) ? QString::number(item.worker) : QString()),
        number(hasStarted(item) ? secondsText(item.start) : QString()),
        number(finished ? secondsText(item.end) : QString()),
        number(finished ? secondsText(item.seconds()) : QString()),
        number(QString::number(item.framesDone)),
        number(finished ? fpsText(item.fps()) : QString()),
        text(item.error),
    });
}

} // namespace

QByteArray toCsv(const TimingReport &report)
{
    QByteArray out = csvHeader();
    for (const NamedRun &named : runsOf(report))
        for (const ItemRecord &item : named.run->items)
            out += csvItemRow(named.slot, *named.run, item);
    return out;
}

} // namespace fp::report
