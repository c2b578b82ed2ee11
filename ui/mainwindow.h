#pragma once

#include "engine.h"
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
class LauncherChoice;
class LiveQueue;
class MediaIntake;
class OverallProgress;
class PreviewPane;
class QueueAutosave;
class QueueEditor;
class ReportExport;
class RunSession;
class RunToolBar;
class TimingDock;
class TimingPanel;
class WhenDone;
class WindowSettings;
struct RunOutcome;

// FramePool's window: a queue of media, run controls, live per-item progress, a preview of the
// selected item, and the timing panel. It wires widgets and actions to the engine and to the
// small classes that take media in (MediaIntake), edit the queue (QueueEditor), keep the queue
// file (QueueAutosave), pick the rows to run (RowsToRun), run Compare (RunSession), export
// (ReportExport), choose where workers run (LauncherChoice), say what happens (RunStatusLine),
// remember the window (WindowSettings), let the queue change under a run (LiveQueue), act when
// a run is done (WhenDone) and show the overall progress (OverallProgress); every decision
// about running work is the engine's.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    using ActionId = WindowActions::Id;

    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Starts a parallel run of the rows without a result (not Done), so that a restored queue
    // keeps what it had finished. False when every row is done or nothing could start.
    bool runUnfinished();

    // Asked when the window closes mid-run, and when Cancel All (Esc) would stop a run;
    // true = go ahead. The defaults ask the person; tests answer themselves.
    void setStopConfirmation(std::function<bool()> confirm);
    void setCancelConfirmation(std::function<bool()> confirm);

    // For tests and for main(): adding media, the queue file (QueueStore::defaultPath() unless
    // set before restoring), the exports and the launcher go through these parts.
    [[nodiscard]] MediaIntake *mediaIntake() const { return m_intake; }
    [[nodiscard]] QueueAutosave *queueAutosave() const { return m_autosave; }
    [[nodiscard]] ReportExport *reportExport() const { return m_exports; }
    [[nodiscard]] LauncherChoice *launcherChoice() const { return m_launcher; }
    [[nodiscard]] Engine *engine() const { return m_engine; }
    [[nodiscard]] ItemModel *model() const { return m_model; }
    [[nodiscard]] ItemView *view() const { return m_view; }
    [[nodiscard]] TimingPanel *timingPanel() const { return m_timingPanel; }
    [[nodiscard]] TimingDock *timingDock() const { return m_timingDock; }
    [[nodiscard]] OverallProgress *overallProgress() const { return m_overall; }
    [[nodiscard]] QAction *action(ActionId id) const { return m_actions->get(id); }
    [[nodiscard]] RunToolBar *runToolBar() const { return m_runBar; }
    [[nodiscard]] WhenDone *whenDone() const { return m_whenDone; }
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

    // Starts a run of `mode` over `rows` (all rows when empty); serial when mode is Serial;
    // a Compare (serial, then `mode`) when `compare` is set.
    bool startRun(const QList<int> &rows, RunMode mode, bool compare = false);
    void runParallel();
    void runSerial();
    void compare();
    void togglePause();
    void confirmAndCancelAll();
    void finishRunning();
    void holdSelected(bool held);
    void retryFailed();
    void viewLog();
    void showDetails();

    void onRunStarted();
    void onRunEnded(const RunOutcome &outcome);
    void onLiveTick();
    void updateOverallProgress();
    void updatePreview();
    void updateActions();

    WindowActions *m_actions;
    Engine *m_engine;
    ItemModel *m_model;
    RunSession *m_session; // after the model: the rows show a run's end before the window hears of it
    QueueAutosave *m_autosave;
    LiveQueue *m_liveQueue; // after the model and the session: it hears of rows and runs after them
    WhenDone *m_whenDone;
    LauncherChoice *m_launcher;
    ItemView *m_view = nullptr;
    TimingPanel *m_timingPanel = nullptr;
    TimingDock *m_timingDock = nullptr; // holds the timing panel and the run history
    PreviewPane *m_preview = nullptr;
    OverallProgress *m_overall = nullptr;
    RefusedNotice *m_refusedNotice = nullptr;
    MediaIntake *m_intake = nullptr;
    QueueEditor *m_editor = nullptr;
    ReportExport *m_exports = nullptr;
    WindowSettings *m_windowSettings = nullptr;
    RunToolBar *m_runBar = nullptr;
    QTimer m_liveTimer;
    QElapsedTimer m_runClock; // wall time of the whole user action (both phases of Compare)
    bool m_runAwaitsAnalyses = false; // a run asked for before the analyses were listed
    std::function<bool()> m_confirmStop;
    std::function<bool()> m_confirmCancel;
};

} // namespace fp
