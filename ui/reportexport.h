#pragma once

#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <functional>

class QMainWindow;
class QWidget;

namespace fp {

class Engine;
class HistoryView;
class MediaIntake;
class TimingPanel;
struct TimingReport;

// Writes `report` to `path` in the format its extension names (.html .pdf .csv .json).
bool writeReportFile(const TimingReport &report, const QString &path, QString *error);
// Asks where to save a report, starting in `folder`; adds the chosen format's extension when
// the name has none. Empty when the person cancels. For `count` reports, the name their files
// start with (ReportExport::writeReport).
[[nodiscard]] QString askReportPath(QWidget *parent, const QString &folder, int count = 1);
// The same for a run's results (.csv or .json, resultsexport.h).
[[nodiscard]] QString askResultsPath(QWidget *parent, const QString &folder);

// The window's two exports: the timing report the panel shows (or the run history's selected
// entries), and what the last run computed. Asked for from the File menu, they open in the
// folder media was last added from, and say in the status bar where they went or, in a dialog,
// why they could not be written.
class ReportExport : public QObject
{
    Q_OBJECT

public:
    ReportExport(const TimingPanel *timingPanel, const HistoryView *history, const Engine *engine, MediaIntake *intake,
                 QMainWindow *window);

    // The reports Export Report writes: each history entry selected when there are several (the
    // panel shows at most one of them), else the one the panel shows; none before anything ran.
    [[nodiscard]] QList<TimingReport> reportsToWrite() const;
    // Writes the timing report; the format follows the extension (.html .pdf .csv .json).
    // Several reports (reportsToWrite) go beside `path`, one file each, named after it and when
    // the report's run started (framepool-report-2026-12-02_10-00-00.html); a name that is taken,
    // by another of them or by a file already there, gets -2, -3, ... `written` lists the files.
    bool writeReport(const QString &path, QString *error, QStringList *written = nullptr) const;
    // Writes what the last run computed (resultsexport.h); the format follows the extension
    // (.csv .json).
    bool writeResults(const QString &path, QString *error) const;
    // Ask where, then write.
    void exportReport();
    void exportResults();

private:
    // Writes an export to `path` (nothing when empty: the person cancelled), then says where it
    // went (`written`, given the path) or, in a dialog titled `title`, why it could not be written.
    void writeChosen(const QString &path, const QString &title, const std::function<QString(const QString &)> &written,
                     const QString &failed, const std::function<bool(const QString &, QString *)> &write);

    const TimingPanel *m_timingPanel;
    const HistoryView *m_history;
    const Engine *m_engine;
    MediaIntake *m_intake;
    QMainWindow *m_window;
};

} // namespace fp
