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

QString askReportPath(QWidget *parent, const QString &folder)
{
    const auto tr = [](const char *text) { return QCoreApplication::translate("ReportExport", text); };
    const QList<QPair<QString, QString>> formats{
        {tr("HTML report (*.html)"), QStringLiteral("html")},
        {tr("PDF document (*.pdf)"), QStringLiteral("pdf")},
        {tr("CSV table (*.csv)"), QStringLiteral("csv")},
        {tr("JSON data (*.json)"), QStringLiteral("json")},
    };
    QStringList filters;
    for (const auto &format : formats)
        filters << format.first;
    QString chosenFilter = filters.first();
    QString path = QFileDialog::getSaveFileName(parent, tr("Export Timing Report"),
                                                QDir(folder).filePath(QStringLiteral("framepool-report.html")),
                                                filters.join(QStringLiteral(";;")), &chosenFilter);
    if (!path.isEmpty() && QFileInfo(path).suffix().isEmpty()) {
        for (const auto &format : formats)
            if (format.first == chosenFilter)
                path += QLatin1Char('.') + format.second;
    }
    return path;
}

} // namespace fp
