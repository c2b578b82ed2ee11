#include "reportexport.h"

#include "report.h"
#include "reportpdf.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>

namespace fp {

bool writeReportFile(const TimingReport &report, const QString &path, QString *error)
{
    if (report::formatForPath(path) == report::Format::Pdf)
        return writePdfReport(report, path, error);
    return report::write(report, path, error);
}

namespace {

// The save dialogs' texts, under one translation context.
class ReportExport
{
    Q_DECLARE_TR_FUNCTIONS(ReportExport)
};

// A save dialog offering `formats` (filter, extension; the first is the default).
QString askSavePath(QWidget *parent, const QString &title, const QString &folder, const QString &baseName,
                    const QList<QPair<QString, QString>> &formats)
{
    QStringList filters;
    for (const auto &format : formats)
        filters << format.first;
    QString chosenFilter = filters.first();
    QString path = QFileDialog::getSaveFileName(parent, title,
                                                QDir(folder).filePath(baseName + QLatin1Char('.') + formats.first().second),
                                                filters.join(QStringLiteral(";;")), &chosenFilter);
    if (!path.isEmpty() && QFileInfo(path).suffix().isEmpty()) {
        for (const auto &format : formats)
            if (format.first == chosenFilter)
                path += QLatin1Char('.') + format.second;
    }
    return path;
}

} // namespace

QString askReportPath(QWidget *parent, const QString &folder)
{
    return askSavePath(parent, ReportExport::tr("Export Timing Report"), folder, QStringLiteral("framepool-report"),
                       {{ReportExport::tr("HTML report (*.html)"), QStringLiteral("html")},
                        {ReportExport::tr("PDF document (*.pdf)"), QStringLiteral("pdf")},
                        {ReportExport::tr("CSV table (*.csv)"), QStringLiteral("csv")},
                        {ReportExport::tr("JSON data (*.json)"), QStringLiteral("json")}});
}

QString askResultsPath(QWidget *parent, const QString &folder)
{
    return askSavePath(parent, ReportExport::tr("Export Results"), folder, QStringLiteral("framepool-results"),
                       {{ReportExport::tr("CSV table, one row per item (*.csv)"), QStringLiteral("csv")},
                        {ReportExport::tr("JSON list of items (*.json)"), QStringLiteral("json")}});
}

} // namespace fp
