#pragma once

#include "engine.h"
#include "launchersettings.h"
#include "refusednotice.h"
#include "runtypes.h"
#include "windowactions.h"

#include <QElapsedTimer>
#include <QMainWindow>
#include <QTimer>

#include <functional>

class QAction;

namespace fp {

class ItemModel;
class ItemView;
class MediaIntake;
class OverallProgress;
class PreviewPane;
class QueueAutosave;
class RunNotifier;
class RunSession;
class RunToolBar;
class TimingDock;
class TimingPanel;
struct RunOutcome;

// FramePool's window: a queue of media, run controls, live per-item progress, a preview of the
// selected item, and the timing panel. It wires widgets and actions to the engine and to the
// small classes that take media in (MediaIntake), keep the queue file (QueueAutosave), run
// Compare (RunSession) and show the overall progress (OverallProgress); every decision about
// running work is the engine's.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    using ActionId = WindowActions::Id;

    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Adds videos, image folders and images; refuses the rest with a visible reason.
    // Returns how many were added.
    int addPaths(const QStringList &paths);
    // Loads every entry of the sample media folder; false (with a message) if there is none.
    bool loadDemoSet();
    // On the very first start, asks whether to load the demo set.
    void offerDemoSetOnFirstStart();
    // Writes the timing report; the format follows the extension (.html .pdf .csv .json).
    bool exportReport(const QString &path, QString *error);
    // Writes what the last run computed (resultsexport.h); the format follows the extension
    // (.csv .json).
    bool exportResults(const QString &path, QString *error);

    // The file the queue is saved to as it changes (default QueueStore::defaultPath()). Set it
    // before restoreQueue().
    void setQueueFile(const QString &path);
    [[nodiscard]] QString queueFile() const;
    // Adds the rows saved in the queue file: finished items with their results, items that were
    // running when the app stopped as interrupted. Returns how many rows were restored.
    int restoreQueue();
    // Starts a parallel run of the rows without a result (not Done), so that a restored queue
    // keeps what it had finished. False when every row is done or nothing could start.
    bool runUnfinished();
    // Writes the queue file now (it is otherwise written shortly after each change).
    bool saveQueue();

    // Asked when the window closes mid-run, and when Cancel All (Esc) would stop a run;
    // true = go ahead. The defaults ask the person; tests answer themselves.
    void setStopConfirmation(std::function<bool()> confirm);
    void setCancelConfirmation(std::function<bool()> confirm);

    [[nodiscard]] const LauncherSettings &launcherSettings() const { return m_launcher; }
    // Takes effect from the next run; saved in QSettings.
    void setLauncherSettings(const LauncherSettings &settings);

    // For tests and for main().
    [[nodiscard]] Engine *engine() const { return m_engine; }
    [[nodiscard]] ItemModel *model() const { return m_model; }
    [[nodiscard]] ItemView *view() const { return m_view; }
    [[nodiscard]] TimingPanel *timingPanel() const { return m_timingPanel; }
    [[nodiscard]] TimingDock *timingDock() const { return m_timingDock; }
    [[nodiscard]] OverallProgress *overallProgress() const { return m_overall; }
    [[nodiscard]] QAction *action(ActionId id) const { return m_actions->get(id); }
    [[nodiscard]] RunToolBar *runToolBar() const { return m_runBar; }
    [[nodiscard]] const QList<RefusedPath> &refusedPaths() const { return m_refusedNotice->refused(); }
    [[nodiscard]] QString overallProgressText() const;
    [[nodiscard]] bool isBusy() const;

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void connectActions();
    void createWidgets();
    void addActionsTo(QWidget *menuOrBar, std::initializer_list<ActionId> ids) const;
    void createQueueToolBar();
    void createQueueView(QWidget *central);
    void createDocks();
    void createMenus();
    void connectWidgets();
    void connectEngine();
    void loadSettings();
    void saveSettings() const;

    // Starts a run of `mode` over `rows` (all rows when empty); serial when mode is Serial;
    // a Compare (serial, then `mode`) when `compare` is set.
    bool startRun(const QList<int> &rows, RunMode mode, bool compare = false);
    void runParallel();
    void runSerial();
    void compare();
    void togglePause();
    void cancelSelected();
    void confirmAndCancelAll();
    void retryFailed();
    void removeSelected();
    void clearQueue();
    void moveSelectedToTop();
    void viewLog();
    void exportReportInteractively();
    void exportResultsInteractively();
    // Writes an export to `path` (nothing when empty: the person cancelled), then says where it
    // went or, in a dialog titled `title`, why it could not be written.
    void writeExport(const QString &path, const QString &title, const QString &written, const QString &failed,
                     const std::function<bool(const QString &, QString *)> &write);
    void showDetails();
    void openSettings();
    void applyLauncherToEngine();

    void onRunStarted(RunMode mode, int workers, int items);
    void onRunEnded(const RunOutcome &outcome);
    void onLiveTick();
    void updateOverallProgress();
    void updatePreview();
    void updateActions();
    [[nodiscard]] QList<int> allRows() const;

    WindowActions *m_actions;
    Engine *m_engine;
    ItemModel *m_model;
    RunSession *m_session; // after the model: the rows show a run's end before the window hears of it
    QueueAutosave *m_autosave;
    RunNotifier *m_notifier;
    ItemView *m_view = nullptr;
    TimingPanel *m_timingPanel = nullptr;
    TimingDock *m_timingDock = nullptr; // holds the timing panel and the run history
    PreviewPane *m_preview = nullptr;
    OverallProgress *m_overall = nullptr;
    RefusedNotice *m_refusedNotice = nullptr;
    MediaIntake *m_intake = nullptr;
    RunToolBar *m_runBar = nullptr;
    QTimer m_liveTimer;
    QElapsedTimer m_runClock; // wall time of the whole user action (both phases of Compare)
    bool m_loadingSettings = false;

    LauncherSettings m_launcher;
    bool m_launcherCanPause = true; // of the launcher the current or last run uses
    std::function<bool()> m_confirmStop;
    std::function<bool()> m_confirmCancel;
};

} // namespace fp
