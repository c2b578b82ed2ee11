#include "reportexport.h"

#include "engine.h"
#include "historymodel.h"
#include "historyview.h"
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
                    const QList<QPair<QString, QString>> &formats, QFileDialog::Options options = {})
{
    QStringList filters;
    for (const auto &format : formats)
        filters << format.first;
    QString chosenFilter = filters.first();
    QString path = QFileDialog::getSaveFileName(parent, title,
                                                QDir(folder).filePath(baseName + QLatin1Char('.') + formats.first().second),
                                                filters.join(QStringLiteral(";;")), &chosenFilter, options);
    if (!path.isEmpty() && QFileInfo(path).suffix().isEmpty()) {
        for (const auto &format : formats)
            if (format.first == chosenFilter)
                path += QLatin1Char('.') + format.second;
    }
    return path;
}

} // namespace

QString askReportPath(QWidget *parent, const QString &folder, int count)
{
    // Several reports never go to the name chosen itself (writeReport): nothing there to confirm.
    return askSavePath(parent,
                       count > 1 ? ReportExport::tr("Export %n Timing Report(s)", nullptr, count)
                                 : ReportExport::tr("Export Timing Report"),
                       folder, QStringLiteral("framepool-report"),
                       {{ReportExport::tr("HTML report (*.html)"), QStringLiteral("html")},
                        {ReportExport::tr("PDF document (*.pdf)"), QStringLiteral("pdf")},
                        {ReportExport::tr("CSV table (*.csv)"), QStringLiteral("csv")},
                        {ReportExport::tr("JSON data (*.json)"), QStringLiteral("json")}},
                       count > 1 ? QFileDialog::DontConfirmOverwrite : QFileDialog::Options{});
}

QString askResultsPath(QWidget *parent, const QString &folder)
{
    return askSavePath(parent, ReportExport::tr("Export Results"), folder, QStringLiteral("framepool-results"),
                       {{ReportExport::tr("CSV table, one row per item (*.csv)"), QStringLiteral("csv")},
                        {ReportExport::tr("JSON list of items (*.json)"), QStringLiteral("json")}});
}

ReportExport::ReportExport(const TimingPanel *timingPanel, const HistoryView *history, const Engine *engine,
                           MediaIntake *intake, QMainWindow *window)
    : QObject(window), m_timingPanel(timingPanel), m_history(history), m_engine(engine), m_intake(intake), m_window(window)
{
}

QList<TimingReport> ReportExport::reportsToWrite() const
{
    if (const QList<int> rows = m_history->selectedRows(); rows.size() > 1) {
        QList<TimingReport> reports;
        for (int row : rows)
            reports << m_history->model()->entry(row).report;
        return reports;
    }
    const TimingReport shown = m_timingPanel->report();
    if (!shown.serial && !shown.parallel)
        return {};
    return {shown};
}

namespace {

// Where each of several reports goes: beside `chosen`, named after it and when its run started,
// never over another of them or a file already there.
QStringList pathsBeside(const QString &chosen, const QList<TimingReport> &reports)
{
    const QFileInfo info(chosen);
    const QString suffix = info.suffix().isEmpty() ? QString() : QLatin1Char('.') + info.suffix();
    QStringList paths;
    for (const TimingReport &report : reports) {
        const QString stem = info.dir().filePath(
            info.completeBaseName() + QLatin1Char('-')
            + HistoryModel::startedAt(report).toString(QStringLiteral("yyyy-MM-dd_HH-mm-ss")));
        QString path = stem + suffix;
        for (int n = 2; paths.contains(path) || QFileInfo::exists(path); ++n)
            path = stem + QLatin1Char('-') + QString::number(n) + suffix;
        paths << path;
    }
    return paths;
}

} // namespace

bool ReportExport::writeReport(const QString &path, QString *error, QStringList *written) const
{
    const QList<TimingReport> reports = reportsToWrite();
    if (reports.isEmpty()) {
        if (error)
            *error = tr("Nothing to export yet: run the queue first.");
        return false;
    }
    const QStringList paths = reports.size() == 1 ? QStringList{path} : pathsBeside(path, reports);
    for (int i = 0; i < reports.size(); ++i) {
        QString why;
        if (!writeReportFile(reports.at(i), paths.at(i), &why)) {
            if (error)
                *error = reports.size() == 1 ? why : QStringLiteral("%1: %2").arg(QDir::toNativeSeparators(paths.at(i)), why);
            return false;
        }
        if (written)
            *written << paths.at(i);
    }
    return true;
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
    const auto count = reportsToWrite().size();
    if (count <= 1) {
        writeChosen(askReportPath(m_window, m_intake->lastFolder()), tr("Export Report"),
                    [](const QString &path) { return tr("Report written to %1").arg(QDir::toNativeSeparators(path)); },
                    tr("The report could not be written:\n%1"),
                    [this](const QString &path, QString *error) { return writeReport(path, error); });
        return;
    }
    // The name chosen is what every file's name starts with; each adds when its run started.
    writeChosen(askReportPath(m_window, m_intake->lastFolder(), int(count)), tr("Export Reports"),
                [count](const QString &path) {
                    const QFileInfo chosen(path);
                    return tr("%n report(s) written to %1 as %2-<start>.%3", nullptr, int(count))
                        .arg(QDir::toNativeSeparators(chosen.absolutePath()), chosen.completeBaseName(), chosen.suffix());
                },
                tr("The reports could not all be written:\n%1"),
                [this](const QString &path, QString *error) { return writeReport(path, error); });
}

void ReportExport::exportResults()
{
    writeChosen(askResultsPath(m_window, m_intake->lastFolder()), tr("Export Results"),
                [](const QString &path) { return tr("Results written to %1").arg(QDir::toNativeSeparators(path)); },
                tr("The results could not be written:\n%1"),
                [this](const QString &path, QString *error) { return writeResults(path, error); });
}

void ReportExport::writeChosen(const QString &path, const QString &title,
                               const std::function<QString(const QString &)> &written, const QString &failed,
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
        m_window->statusBar()->showMessage(written(path), 8000);
    else
        QMessageBox::warning(m_window, title, failed.arg(error));
}

} // namespace fp
