#include "report.h"

#include "reportparts.h"
#include "timeline.h"
#include "safefile.h"
#include "systemload.h"

#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <QFileInfo>
#include <QSaveFile>

namespace fp {

std::optional<Comparison> TimingReport::comparison() const
{
    if (!serial || !parallel)
        return std::nullopt;
    return Comparison{*serial, *parallel, cores};
}

TimingReport withMedianWallTimes(const TimingReport &report)
{
    if (!report.repeated || !report.repeated->isValid() || !report.serial || !report.parallel)
        return report;
    TimingReport medians = report;
    medians.serial->wallSeconds = report.repeated->serialSeconds().median;
    medians.parallel->wallSeconds = report.repeated->parallelSeconds().median;
    return medians;
}

namespace report {

// ---------------------------------------------------------------------------------------------
// Shared by the formats, so they print the same values the same way.

namespace parts {

QString isoTimestamp(const QDateTime &time)
{
    return time.toOffsetFromUtc(time.offsetFromUtc()).toString(Qt::ISODate);
}

bool hasStarted(const ItemRecord &item)
{
    return item.start >= 0;
}

bool hasFinished(const ItemRecord &item)
{
    return hasStarted(item) && item.end >= item.start;
}

bool hasWorker(const ItemRecord &item)
{
    return item.worker >= 0;
}

double throughput(const RunTiming &run)
{
    return run.wallSeconds > 0 ? run.totalFrames() / run.wallSeconds : 0;
}

QString decimal(double value, int decimals)
{
    return QString::number(value, 'f', decimals);
}

} // namespace parts

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
    return Timeline::itemColour(itemIndex).css();
}

QString generatedHtml(const TimingReport &report, const QString &whenHtml)
{
    const QString host = report.host.isEmpty() ? QStringLiteral("an unknown host") : report.host;
    QString text = QStringLiteral("Generated %1 on %2").arg(whenHtml, escapeHtml(host));
    if (report.cores > 0)
        text += QStringLiteral(", ") + countedText(report.cores, QStringLiteral("usable core"));
    return text;
}

QString loadText(double loadAverage, int cores)
{
    if (loadAverage < 0)
        return QStringLiteral("unknown");
    QString text = QStringLiteral("%1 (1-minute load average").arg(parts::decimal(loadAverage, 2));
    if (cores > 0)
        text += QStringLiteral("; ") + countedText(cores, QStringLiteral("usable core"));
    return text + QLatin1Char(')');
}

QString oneShotWarning(double loadAverage, int cores)
{
    if (!isBusyLoad(loadAverage, cores))
        return {};
    return QStringLiteral("One run on a busy machine: the load average was %1 at the start, on %2, so "
                          "other programs shared the cores. Repeat the Compare (Repeat in the app, "
                          "--repeat N on the command line) for a median and a range.")
        .arg(parts::decimal(loadAverage, 2), countedText(cores, QStringLiteral("usable core")));
}

QList<NamedRun> runsOf(const TimingReport &report)
{
    QList<NamedRun> runs;
    if (report.serial)
        runs.append({QStringLiteral("serial"), QStringLiteral("Serial"), &*report.serial});
    if (report.parallel)
        runs.append({QStringLiteral("parallel"), QStringLiteral("Parallel"), &*report.parallel});
    return runs;
}

// ---------------------------------------------------------------------------------------------

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

    return writeFileAtomically(path, content, error);
}

} // namespace report
} // namespace fp
