// The CSV report (RFC 4180, CRLF line ends): ONE table, a row per item of each run (of every
// round of a repeated Compare, numbered in the last column). The run
// summary and the comparison are in the JSON report; a second table in the same file would
// break every tool that reads a CSV as one table.

#include "report.h"

#include "exportfile.h"
#include "reportparts.h"

namespace fp::report {

namespace {

using parts::hasFinished;
using parts::hasStarted;
using parts::hasWorker;

using exportfile::csvRow;
using exportfile::CsvCell;
using exportfile::number;
using exportfile::text;

QByteArray csvHeader()
{
    QList<CsvCell> cells;
    for (const char *name : {"run", "mode", "path", "kind", "status", "worker", "start", "end",
                             "seconds", "frames", "fps", "error", "warnings", "round"})
        cells.append(text(QLatin1String(name)));
    return csvRow(cells);
}

QByteArray csvItemRow(const QString &slot, const RunTiming &run, const ItemRecord &item, int round)
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
        // One cell: several warnings are rare, and a second table would break the file.
        text(item.warnings().join(QStringLiteral("; "))),
        number(QString::number(round)),
    });
}

QByteArray csvRunRows(const QString &slot, const RunTiming &run, int round)
{
    QByteArray out;
    for (const ItemRecord &item : run.items)
        out += csvItemRow(slot, run, item, round);
    return out;
}

// The rounds in the order they ran: serial 1, parallel 1, serial 2, ...
QByteArray csvRepeatRows(const RepeatedComparison &repeated)
{
    QByteArray out;
    for (int i = 0; i < repeated.serialRuns.size(); ++i) {
        out += csvRunRows(QStringLiteral("serial"), repeated.serialRuns.at(i), i + 1);
        if (i < repeated.parallelRuns.size())
            out += csvRunRows(QStringLiteral("parallel"), repeated.parallelRuns.at(i), i + 1);
    }
    return out;
}

} // namespace

QByteArray toCsv(const TimingReport &report)
{
    QByteArray out = csvHeader();
    if (report.repeated)
        return out + csvRepeatRows(*report.repeated);
    for (const NamedRun &named : runsOf(report))
        out += csvRunRows(named.slot, *named.run, 1);
    return out;
}

} // namespace fp::report
