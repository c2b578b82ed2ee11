#include "reportexport.h"

#include "engine.h"
#include "mediaintake.h"
#include "report.h"
#include "reportpdf.h"
#include "resultsexport.h"
#include "timingpanel.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QGuiApplication>
#include <QMainWindow>
#include <QMessageBox>
#include <QStatusBar>

namespace fp {

bool writeReportFile(const TimingReport &report, const QString &path, QString *error)
{
    if (report::formatForPath(path) == report::Format::Pdf)
        return writePdfReport(report, path, error);
    return report::write(report, path, error);
}

namespace {

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

ReportExport::ReportExport(const TimingPanel *timingPanel, const Engine *engine, MediaIntake *intake,
                           QMainWindow *window)
    : QObject(window), m_timingPanel(timingPanel), m_engine(engine), m_intake(intake), m_window(window)
{
}

bool ReportExport::writeReport(const QString &path, QString *error) const
{
    const TimingReport report = m_timingPanel->report();
    if (!report.serial && !report.parallel) {
        if (error)
            *error = tr("Nothing to export yet: run the queue first.");
        return false;
    }
    return writeReportFile(report, path, error);
}

bool ReportExport::writeResults(const QString &path, QString *error) const
{
    if (m_engine->items().isEmpty()) {
        if (error)
            *error = tr("Nothing to export yet: run the queue first.");
        return false;
    }
    return resultsexport::write(m_engine->items(), m_engine->options().analysis.name, path, error);
}

void ReportExport::exportReport()
{
    writeChosen(askReportPath(m_window, m_intake->lastFolder()), tr("Export Report"),
                tr("Report written to %1"), tr("The report could not be written:\n%1"),
                [this](const QString &path, QString *error) { return writeReport(path, error); });
}

void ReportExport::exportResults()
{
    writeChosen(askResultsPath(m_window, m_intake->lastFolder()), tr("Export Results"),
                tr("Results written to %1"), tr("The results could not be written:\n%1"),
                [this](const QString &path, QString *error) { return writeResults(path, error); });
}

void ReportExport::writeChosen(const QString &path, const QString &title, const QString &written, const QString &failed,
                               const std::function<bool(const QString &, QString *)> &write)
{
    if (path.isEmpty())
        return;
    m_intake->setLastFolder(QFileInfo(path).absolutePath());
    QString error;
    // A report of thousands of items takes a moment to lay out (PDF charts need this thread).
    QGuiApplication::setOverrideCursor(Qt::WaitCursor);
    const bool ok = write(path, &error);
    QGuiApplication::restoreOverrideCursor();
    if (ok)
        m_window->statusBar()->showMessage(written.arg(QDir::toNativeSeparators(path)), 8000);
    else
        QMessageBox::warning(m_window, title, failed.arg(error));
}

} // namespace fp
