#pragma once

#include "engine.h"
#include "launchersettings.h"
#include "runtypes.h"

#include <QElapsedTimer>
#include <QMainWindow>
#include <QTimer>

#include <array>
#include <functional>

class QAbstractButton;
class QAction;
class QComboBox;
class QLabel;
class QProgressBar;
class QSpinBox;
class QSystemTrayIcon;

namespace fp {

class AnalysisChooser;

class ComparisonRunner;
class ItemModel;
class ItemView;
class PreviewPane;
class TimingPanel;

// FramePool's window: a queue of media, run controls, live per-item progress, a preview of the
// selected item, and the timing panel. It presents the engine; every decision about running
// work is the engine's.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    enum class ActionId {
        AddFiles, AddFolder, RunParallel, RunSerial, Compare, PauseResume, CancelSelected,
        CancelAll, RetryFailed, Remove, Clear, MoveToTop, ViewLog, ExportReport, Settings, Quit,
        Count
    };

    struct RefusedPath
    {
        QString path;
        QString reason;
    };

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

    // The file the queue is saved to as it changes (default QueueStore::defaultPath()). Set it
    // before restoreQueue().
    void setQueueFile(const QString &path);
    [[nodiscard]] QString queueFile() const { return m_queueFile; }
    // Adds the rows saved in the queue file: finished items with their results, items that were
    // running when the app stopped as interrupted. Returns how many rows were restored.
    int restoreQueue();
    // Starts a parallel run of the rows without a result (not Done), so that a restored queue
    // keeps what it had finished. False when every row is done or nothing could start.
    bool runUnfinished();
    // Writes the queue file now (it is otherwise written shortly after each change).
    bool saveQueue();

    // Asked when the window closes mid-run; true = stop the workers and close. The default asks
    // the person; tests answer themselves.
    void setStopConfirmation(std::function<bool()> confirm);

    [[nodiscard]] const LauncherSettings &launcherSettings() const { return m_launcher; }
    // Takes effect from the next run; saved in QSettings.
    void setLauncherSettings(const LauncherSettings &settings);

    // For tests and for main().
    [[nodiscard]] Engine *engine() const { return m_engine; }
    [[nodiscard]] ItemModel *model() const { return m_model; }
    [[nodiscard]] ItemView *view() const { return m_view; }
    [[nodiscard]] TimingPanel *timingPanel() const { return m_timingPanel; }
    [[nodiscard]] PreviewPane *previewPane() const { return m_preview; }
    [[nodiscard]] QAction *action(ActionId id) const { return m_actions.at(size_t(id)); }
    [[nodiscard]] QAbstractButton *runParallelButton() const { return m_runParallelButton; }
    [[nodiscard]] AnalysisChooser *analysisCombo() const { return m_analysisCombo; }
    [[nodiscard]] QSpinBox *workerSpinBox() const { return m_workerSpin; }
    [[nodiscard]] QComboBox *orderCombo() const { return m_orderCombo; }
    [[nodiscard]] const QList<RefusedPath> &refusedPaths() const { return m_refused; }
    [[nodiscard]] QString overallProgressText() const;
    [[nodiscard]] bool isBusy() const;

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void createActions();
    void createWidgets();
    void createMenus();
    void connectEngine();
    void loadSettings();
    void saveSettings() const;
    void saveRunSettings() const;

    void addFiles();
    void addFolder();
    [[nodiscard]] EngineOptions engineOptions(RunMode mode) const;
    // Starts a run of `mode` over `rows` (all rows when empty); serial when mode is Serial.
    bool startRun(const QList<int> &rows, RunMode mode);
    [[nodiscard]] QStringList prepareRun(const QList<int> &rows);
    [[nodiscard]] RunMode chosenOrder() const;
    void runParallel();
    void runSerial();
    void compare();
    void togglePause();
    void cancelSelected();
    void cancelAll();
    void retryFailed();
    void removeSelected();
    void clearQueue();
    void moveSelectedToTop();
    void viewLog();
    void exportReportInteractively();
    void openSettings();
    void applyLauncherToEngine();
    void scheduleQueueSave();
    void saveQueueSoon();

    void onRunStarted(RunMode mode, int workers, int items);
    void onRunFinished(const RunTiming &timing);
    void onLiveTick();
    void updateOverallProgress();
    void updatePreview();
    void updateActions();
    void showRefused(const QList<RefusedPath> &refused);
    void notifyRunEnded(const QString &message);
    [[nodiscard]] QList<int> allRows() const;

    Engine *m_engine;
    ComparisonRunner *m_comparison;
    ItemModel *m_model;
    ItemView *m_view = nullptr;
    TimingPanel *m_timingPanel = nullptr;
    PreviewPane *m_preview = nullptr;
    AnalysisChooser *m_analysisCombo = nullptr;
    QSpinBox *m_workerSpin = nullptr;
    QComboBox *m_orderCombo = nullptr;
    QAbstractButton *m_runParallelButton = nullptr;
    QProgressBar *m_overallBar = nullptr;
    QLabel *m_overallEta = nullptr;
    QWidget *m_refusedNotice = nullptr;
    QLabel *m_refusedLabel = nullptr;
    QSystemTrayIcon *m_tray = nullptr; // created on the first notification
    std::array<QAction *, size_t(ActionId::Count)> m_actions{};
    QList<RefusedPath> m_refused;
    QTimer m_liveTimer;
    QElapsedTimer m_runClock; // wall time of the whole user action (both phases of Compare)
    QString m_lastFolder;
    // Set while a Compare runs; its serial run is kept to report the speed-up at the end.
    bool m_comparing = false;
    RunTiming m_compareSerial;
    bool m_loadingSettings = false;

    LauncherSettings m_launcher;
    bool m_launcherCanPause = true; // of the launcher the current or last run uses
    std::function<bool()> m_confirmStop;

    QString m_queueFile;
    QTimer m_queueSaveTimer;      // single shot: changes within its interval share one write
    QElapsedTimer m_lastQueueSave;
    bool m_queueSaveFailed = false;
};

} // namespace fp
