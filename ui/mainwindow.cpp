#include "mainwindow.h"

#include "engine.h"
#include "formatting.h"
#include "itemmodel.h"
#include "itemview.h"
#include "logdialog.h"
#include "launcher.h"
#include "mediaintake.h"
#include "overallprogress.h"
#include "previewpane.h"
#include "progressdelegate.h"
#include "queueautosave.h"
#include "queuestore.h"
#include "report.h"
#include "reportexport.h"
#include "resultdetailsdialog.h"
#include "resultsexport.h"
#include "runtoolbar.h"
#include "runnotifier.h"
#include "runsession.h"
#include "settingsdialog.h"
#include "historyview.h"
#include "timingdock.h"
#include "timingpanel.h"
#include "windowactions.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QSpinBox>
#include <QStatusBar>
#include <QStyle>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace fp {

namespace {

constexpr int kLiveTickMs = 500;

namespace key {
const QString geometry = QStringLiteral("window/geometry");
const QString state = QStringLiteral("window/state");
const QString header = QStringLiteral("window/queueHeader");
const QString lastFolder = QStringLiteral("paths/lastFolder");
} // namespace key

// In a list of actions for a menu or toolbar: a separator.
constexpr MainWindow::ActionId kSeparator = MainWindow::ActionId::Count;

bool canRunAgain(ItemModel::RowStatus status)
{
    return status == ItemModel::RowStatus::Failed || status == ItemModel::RowStatus::Cancelled
           || status == ItemModel::RowStatus::Interrupted;
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent),
      m_actions(new WindowActions(this)),
      m_engine(new Engine(this)),
      m_model(new ItemModel(m_engine, this)),
      m_session(new RunSession(m_engine, this)),
      m_autosave(new QueueAutosave(m_model, m_engine, QueueStore::defaultPath(), this)),
      m_notifier(new RunNotifier(this))
{
    const auto ask = [this](const QString &title, const QString &question) {
        return QMessageBox::question(this, title, question, QMessageBox::Yes | QMessageBox::No, QMessageBox::No)
               == QMessageBox::Yes;
    };
    m_confirmStop = [ask] { return ask(tr("Stop the Run?"), tr("A run is in progress. Stop its workers and quit?")); };
    m_confirmCancel = [ask] {
        return ask(tr("Cancel the Run?"), tr("Stop every item of the run? Finished results stay."));
    };
    setWindowTitle(tr("FramePool"));
    setAcceptDrops(true);
    connectActions();
    createWidgets();
    createMenus();
    connectWidgets();
    connectEngine();
    loadSettings();
    updateOverallProgress();
    updateActions();
    updatePreview();
}

MainWindow::~MainWindow() = default;

void MainWindow::connectActions()
{
    const QList<QPair<ActionId, void (MainWindow::*)()>> handlers{
        {ActionId::RunParallel, &MainWindow::runParallel},
        {ActionId::RunSerial, &MainWindow::runSerial},
        {ActionId::Compare, &MainWindow::compare},
        {ActionId::PauseResume, &MainWindow::togglePause},
        {ActionId::CancelSelected, &MainWindow::cancelSelected},
        {ActionId::CancelAll, &MainWindow::confirmAndCancelAll},
        {ActionId::RetryFailed, &MainWindow::retryFailed},
        {ActionId::Remove, &MainWindow::removeSelected},
        {ActionId::Clear, &MainWindow::clearQueue},
        {ActionId::MoveToTop, &MainWindow::moveSelectedToTop},
        {ActionId::ViewLog, &MainWindow::viewLog},
        {ActionId::ShowDetails, &MainWindow::showDetails},
        {ActionId::ExportReport, &MainWindow::exportReportInteractively},
        {ActionId::ExportResults, &MainWindow::exportResultsInteractively},
        {ActionId::Settings, &MainWindow::openSettings},
    };
    for (const auto &[id, handler] : handlers)
        connect(action(id), &QAction::triggered, this, handler);
    connect(action(ActionId::Quit), &QAction::triggered, this, &QWidget::close);
}

void MainWindow::createWidgets()
{
    m_runBar = new RunToolBar({action(ActionId::RunParallel), action(ActionId::RunSerial), action(ActionId::Compare)},
                              {action(ActionId::PauseResume), action(ActionId::CancelSelected),
                               action(ActionId::CancelAll), action(ActionId::RetryFailed)},
                              this);
    addToolBar(m_runBar);
    createQueueToolBar();
    // Central: refused-items notice, the queue, the overall progress.
    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(4, 4, 4, 4);
    m_refusedNotice = new RefusedNotice(central);
    layout->addWidget(m_refusedNotice);
    m_intake = new MediaIntake(m_model, m_refusedNotice, this);
    createQueueView(central);
    layout->addWidget(m_view, 1);
    m_overall = new OverallProgress(central);
    layout->addWidget(m_overall);
    setCentralWidget(central);
    createDocks();
    statusBar()->showMessage(tr("Drop videos and image folders onto the window to begin."));
    resize(1280, 860);
}

void MainWindow::addActionsTo(QWidget *menuOrBar, std::initializer_list<ActionId> ids) const
{
    for (ActionId id : ids) {
        QAction *item = id == kSeparator ? new QAction(menuOrBar) : action(id);
        item->setSeparator(id == kSeparator);
        menuOrBar->addAction(item);
    }
}

void MainWindow::createQueueToolBar()
{
    auto *queueBar = new QToolBar(tr("Queue"), this);
    queueBar->setObjectName(QStringLiteral("queueToolBar"));
    queueBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    addToolBarBreak();
    addToolBar(queueBar);
    addActionsTo(queueBar, {ActionId::AddFiles, ActionId::AddFolder, kSeparator, ActionId::MoveToTop, ActionId::Remove,
                            ActionId::Clear, kSeparator, ActionId::ViewLog, ActionId::ExportReport});
}

void MainWindow::createQueueView(QWidget *central)
{
    m_view = new ItemView(central);
    m_view->setModel(m_model);
    m_view->setItemDelegate(new ProgressDelegate(m_view));
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_view->addActions({action(ActionId::CancelSelected), action(ActionId::RetryFailed),
                        action(ActionId::MoveToTop), action(ActionId::Remove), action(ActionId::ShowDetails), action(ActionId::ViewLog)});
    m_view->setDefaultColumnWidths();
}

void MainWindow::createDocks()
{
    m_preview = new PreviewPane(this);
    auto *previewDock = new QDockWidget(tr("Preview"), this);
    previewDock->setObjectName(QStringLiteral("previewDock"));
    previewDock->setWidget(m_preview);
    addDockWidget(Qt::RightDockWidgetArea, previewDock);

    m_timingDock = new TimingDock(this);
    m_timingPanel = m_timingDock->panel();
    m_timingPanel->setAccessibleName(tr("Timing"));
    m_timingDock->history()->setExportAction(action(ActionId::ExportReport));
    m_timingDock->history()->setQueueFile(m_autosave->file());
    auto *timingDock = new QDockWidget(tr("Timing"), this);
    timingDock->setObjectName(QStringLiteral("timingDock"));
    timingDock->setWidget(m_timingDock);
    addDockWidget(Qt::BottomDockWidgetArea, timingDock);
}

void MainWindow::connectWidgets()
{
    connect(action(ActionId::AddFiles), &QAction::triggered, m_intake, &MediaIntake::addFiles);
    connect(action(ActionId::AddFolder), &QAction::triggered, m_intake, &MediaIntake::addFolder);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &MainWindow::updateActions);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &MainWindow::updatePreview);
    connect(m_view, &QAbstractItemView::doubleClicked, this, &MainWindow::showDetails);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &MainWindow::updateActions);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &MainWindow::updateActions);
    connect(m_model, &QAbstractItemModel::modelReset, this, &MainWindow::updateActions);
    // Removed rows leave the run's count at once, not at the next tick.
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &MainWindow::updateOverallProgress);
    connect(m_model, &QAbstractItemModel::modelReset, this, &MainWindow::updateOverallProgress);
    connect(m_model, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
                const int current = m_view->currentIndex().row();
                if (current >= topLeft.row() && current <= bottomRight.row())
                    updatePreview();
            });
}

void MainWindow::createMenus()
{
    addActionsTo(menuBar()->addMenu(tr("&File")),
                 {ActionId::AddFiles, ActionId::AddFolder, kSeparator, ActionId::ExportReport, ActionId::ExportResults,
                  kSeparator, ActionId::Quit});
    addActionsTo(menuBar()->addMenu(tr("&Queue")),
                 {ActionId::MoveToTop, ActionId::Remove, ActionId::Clear, kSeparator, ActionId::ShowDetails, ActionId::ViewLog});
    addActionsTo(menuBar()->addMenu(tr("&Run")),
                 {ActionId::RunParallel, ActionId::RunSerial, ActionId::Compare, kSeparator, ActionId::PauseResume,
                  ActionId::CancelSelected, ActionId::CancelAll, ActionId::RetryFailed});
    addActionsTo(menuBar()->addMenu(tr("&Tools")), {ActionId::Settings});

    QMenu *view = menuBar()->addMenu(tr("&View"));
    for (QDockWidget *dock : findChildren<QDockWidget *>(Qt::FindDirectChildrenOnly))
        view->addAction(dock->toggleViewAction());
    view->addSeparator();
    for (QToolBar *bar : findChildren<QToolBar *>(Qt::FindDirectChildrenOnly))
        view->addAction(bar->toggleViewAction());

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About FramePool"), this, [this] {
        QMessageBox::about(this, tr("About FramePool"),
                           tr("<h3>FramePool %1</h3><p>Analyses videos and image sets in parallel worker "
                              "processes, with live progress and a serial-versus-parallel timing report.</p>")
                               .arg(QCoreApplication::applicationVersion()));
    });
}

void MainWindow::connectEngine()
{
    m_liveTimer.setInterval(kLiveTickMs);
    connect(&m_liveTimer, &QTimer::timeout, this, &MainWindow::onLiveTick);
    connect(m_engine, &Engine::runStarted, this, &MainWindow::onRunStarted);
    connect(m_session, &RunSession::runFinished, m_timingPanel, &TimingPanel::setFinishedRun);
    connect(m_session, &RunSession::ended, this, &MainWindow::onRunEnded);
    connect(m_engine, &Engine::pausedChanged, this, [this](bool paused) {
        statusBar()->showMessage(paused ? tr("Paused. Paused time is left out of timings and the ETA.")
                                        : tr("Resumed."));
        updateActions();
        updateOverallProgress();
    });
    connect(m_engine, &Engine::itemFailed, this, [this](int item, const QString &reason) {
        statusBar()->showMessage(tr("%1 failed: %2").arg(QFileInfo(m_engine->item(item).path).fileName(), reason), 8000);
    });
    connect(m_autosave, &QueueAutosave::saveFailed, this, [this](const QString &error) {
        statusBar()->showMessage(error);
    });
    connect(m_autosave, &QueueAutosave::noticed, this, [this](const QString &notice) {
        statusBar()->showMessage(notice);
    });

    connect(m_session, &RunSession::comparePhaseStarted, this, [this](RunMode mode, int round, int rounds) {
        if (mode == RunMode::Serial && round == 1)
            m_timingPanel->beginComparison();
        const QString phase = mode == RunMode::Serial ? tr("Compare: serial run (1 worker)…") : tr("Compare: parallel run…");
        statusBar()->showMessage(rounds > 1 ? tr("Round %1 of %2. ").arg(round).arg(rounds) + phase : phase);
    });
    m_timingDock->followRuns(m_engine, m_session);
    connect(m_timingDock->history(), &HistoryView::message, this, [this](const QString &text) {
        statusBar()->showMessage(text);
    });
    connect(m_timingDock->history(), &HistoryView::selectionChanged, this, &MainWindow::updateActions);
}

void MainWindow::loadSettings()
{
    m_loadingSettings = true;
    QSettings settings;
    setLauncherSettings(LauncherSettings::load());
    m_runBar->loadSettings();
    restoreGeometry(settings.value(key::geometry).toByteArray());
    restoreState(settings.value(key::state).toByteArray());
    m_view->header()->restoreState(settings.value(key::header).toByteArray());
    // Which machine ran an item matters when it can be another one.
    m_view->setColumnHidden(ItemModel::Host, m_launcher.kind == LauncherKind::Local);
    m_intake->setLastFolder(settings.value(key::lastFolder, QDir::homePath()).toString());
    m_loadingSettings = false;
}

void MainWindow::saveSettings() const
{
    m_runBar->saveSettings();
    QSettings settings;
    settings.setValue(key::geometry, saveGeometry());
    settings.setValue(key::state, saveState());
    settings.setValue(key::header, m_view->header()->saveState());
    settings.setValue(key::lastFolder, m_intake->lastFolder());
}

// --- Adding media ---------------------------------------------------------------------------

int MainWindow::addPaths(const QStringList &paths)
{
    return m_intake->addPaths(paths);
}

bool MainWindow::loadDemoSet()
{
    return m_intake->loadDemoSet();
}

void MainWindow::offerDemoSetOnFirstStart()
{
    m_intake->offerDemoSetOnFirstStart();
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (MediaIntake::carriesFiles(event->mimeData()))
        event->acceptProposedAction();
}

void MainWindow::dragMoveEvent(QDragMoveEvent *event)
{
    if (MediaIntake::carriesFiles(event->mimeData()))
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    if (m_intake->addDropped(event->mimeData()))
        event->acceptProposedAction();
}

// --- Running ----------------------------------------------------------------------------------

bool MainWindow::isBusy() const
{
    return m_session->isBusy();
}

QList<int> MainWindow::allRows() const
{
    QList<int> rows;
    for (int r = 0; r < m_model->rowCount(); ++r)
        rows << r;
    return rows;
}

// Binds the rows (all when none are given) to a new run of `mode`, or a Compare, and starts it.
bool MainWindow::startRun(const QList<int> &rowsToRun, RunMode mode, bool compare)
{
    if (isBusy())
        return false;
    const QList<int> rows = rowsToRun.isEmpty() ? allRows() : rowsToRun;
    if (rows.isEmpty()) {
        statusBar()->showMessage(tr("Add videos or image folders first."));
        return false;
    }
    QStringList paths;
    for (int row : rows)
        paths << m_model->path(row);
    QString optionsError;
    const std::optional<EngineOptions> options = m_runBar->engineOptions(mode, &optionsError);
    if (!options) {
        QMessageBox::warning(this, tr("Cannot Run"), optionsError);
        return false;
    }
    applyLauncherToEngine();
    m_model->bindRun(rows);
    m_runClock.start();
    if (compare ? m_session->startCompare(paths, *options, m_runBar->repeatCount()) : m_session->start(paths, *options))
        return true;
    m_model->bindRun({});
    return false;
}

void MainWindow::runParallel()
{
    startRun({}, m_runBar->chosenOrder());
}

bool MainWindow::runUnfinished()
{
    QList<int> rows;
    for (int row : allRows())
        if (m_model->status(row) != ItemModel::RowStatus::Done)
            rows << row;
    return !rows.isEmpty() && startRun(rows, m_runBar->chosenOrder());
}

void MainWindow::runSerial()
{
    startRun({}, RunMode::Serial);
}

void MainWindow::compare()
{
    startRun({}, m_runBar->chosenOrder(), true);
}

void MainWindow::togglePause()
{
    if (m_engine->isPaused())
        m_engine->resume();
    else
        m_engine->pause();
}

void MainWindow::cancelSelected()
{
    for (int row : m_view->selectedRows()) {
        const int item = m_model->runItem(row);
        if (item >= 0)
            m_engine->cancelItem(item);
    }
}

void MainWindow::confirmAndCancelAll()
{
    // Esc is easy to press by mistake, and a cancelled run cannot be resumed.
    if (isBusy() && (!m_confirmCancel || m_confirmCancel()))
        m_session->cancel();
}

void MainWindow::retryFailed()
{
    const auto unfinished = [this](int row) { return canRunAgain(m_model->status(row)); };
    QList<int> rows;
    for (int row : m_view->selectedRows())
        if (unfinished(row))
            rows << row;
    if (rows.isEmpty()) {
        for (int row : allRows())
            if (unfinished(row))
                rows << row;
    }
    if (rows.isEmpty()) {
        statusBar()->showMessage(tr("Nothing to retry: no item failed, was cancelled or was interrupted."), 5000);
        return;
    }
    startRun(rows, m_runBar->chosenOrder());
}

void MainWindow::removeSelected()
{
    const QList<int> rows = m_view->selectedRows();
    // A removed row's work would only cost time: stop it first.
    for (int row : rows) {
        const int item = m_model->runItem(row);
        if (item >= 0 && isBusy())
            m_engine->cancelItem(item);
    }
    m_model->removeRowList(rows);
}

void MainWindow::clearQueue()
{
    if (isBusy())
        m_session->cancel();
    m_model->clear();
    m_refusedNotice->setRefused({});
}

void MainWindow::moveSelectedToTop()
{
    const QList<int> rows = m_view->selectedRows();
    if (!rows.isEmpty()) {
        // In a run, the moved items start next, the first of them first.
        for (auto row = rows.crbegin(); row != rows.crend(); ++row)
            if (const int item = m_model->runItem(*row); item >= 0 && isBusy())
                m_engine->moveToFront(item);
        m_model->moveRowsTo(rows, 0);
        m_view->scrollToTop();
    }
}

void MainWindow::viewLog()
{
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid())
        return;
    const int item = m_model->runItem(current.row());
    const QString text = LogDialog::compose(item >= 0 ? m_engine->itemLog(item) : QString(),
                                            current.data(ItemModel::ErrorRole).toString(), item >= 0);
    auto *dialog = new LogDialog(current.siblingAtColumn(ItemModel::Name).data().toString(), text, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

void MainWindow::onRunStarted(RunMode mode, int workers, int items)
{
    if (!m_session->isComparing()) {
        statusBar()->showMessage(mode == RunMode::Serial
                                     ? tr("Running %n item(s) serially on 1 worker…", nullptr, items)
                                     : tr("Running %n item(s) in parallel on %1 workers…", nullptr, items).arg(workers));
    }
    m_overall->restart();
    m_liveTimer.start();
    onLiveTick();
    updateActions();
}

void MainWindow::onLiveTick()
{
    m_timingPanel->setLiveRun(m_engine->timing());
    updateOverallProgress();
}

void MainWindow::onRunEnded(const RunOutcome &outcome)
{
    m_liveTimer.stop();
    updateOverallProgress();
    updateActions();
    const QString message = outcome.summary();
    statusBar()->showMessage(message);
    m_notifier->runEnded(message, m_runClock.elapsed());
}

QString MainWindow::overallProgressText() const
{
    return m_overall->text();
}

void MainWindow::updateOverallProgress()
{
    using RunState = OverallProgress::RunState;
    const RunState state = !m_engine->isRunning() ? RunState::Finished
                           : m_engine->isPaused() ? RunState::Paused
                                                  : RunState::Running;
    m_overall->setProgress(m_model->runProgress(), m_engine->options().mode == RunMode::Serial, state,
                           m_engine->activeSeconds(), m_engine->timing().wallSeconds);
}

void MainWindow::updatePreview()
{
    m_preview->showItem(m_view->currentIndex());
}

void MainWindow::updateActions()
{
    const bool busy = isBusy();
    const bool hasRows = m_model->rowCount() > 0;
    const bool hasSelection = !m_view->selectedRows().isEmpty();
    for (ActionId id : {ActionId::RunParallel, ActionId::RunSerial, ActionId::Compare})
        action(id)->setEnabled(!busy && hasRows);
    action(ActionId::PauseResume)->setEnabled(m_engine->isRunning() && m_launcherCanPause);
    m_actions->showPaused(m_engine->isPaused(), m_launcherCanPause);
    action(ActionId::CancelSelected)->setEnabled(busy && hasSelection);
    action(ActionId::CancelAll)->setEnabled(busy);
    action(ActionId::RetryFailed)->setEnabled(!busy && (!m_model->rowsWithStatus(ItemModel::RowStatus::Failed).isEmpty()
                                                        || !m_model->rowsWithStatus(ItemModel::RowStatus::Cancelled).isEmpty()
                                                        || !m_model->rowsWithStatus(ItemModel::RowStatus::Interrupted).isEmpty()));
    action(ActionId::Settings)->setEnabled(!busy);
    action(ActionId::Remove)->setEnabled(hasSelection);
    action(ActionId::Clear)->setEnabled(hasRows);
    action(ActionId::MoveToTop)->setEnabled(hasSelection);
    action(ActionId::ViewLog)->setEnabled(m_view->currentIndex().isValid());
    action(ActionId::ShowDetails)->setEnabled(m_view->currentIndex().isValid());
    action(ActionId::ExportResults)->setEnabled(!busy && !m_engine->items().isEmpty());
    const TimingReport report = m_timingPanel->report();
    action(ActionId::ExportReport)->setEnabled(report.serial || report.parallel);
    m_runBar->setFieldsEnabled(!busy);
}

// --- Report -----------------------------------------------------------------------------------

bool MainWindow::exportReport(const QString &path, QString *error)
{
    const TimingReport report = m_timingPanel->report();
    if (!report.serial && !report.parallel) {
        if (error)
            *error = tr("Nothing to export yet: run the queue first.");
        return false;
    }
    return writeReportFile(report, path, error);
}

void MainWindow::exportReportInteractively()
{
    writeExport(askReportPath(this, m_intake->lastFolder()), tr("Export Report"), tr("Report written to %1"),
                tr("The report could not be written:\n%1"),
                [this](const QString &path, QString *error) { return exportReport(path, error); });
}

void MainWindow::writeExport(const QString &path, const QString &title, const QString &written, const QString &failed,
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
        statusBar()->showMessage(written.arg(QDir::toNativeSeparators(path)), 8000);
    else
        QMessageBox::warning(this, title, failed.arg(error));
}

bool MainWindow::exportResults(const QString &path, QString *error)
{
    if (m_engine->items().isEmpty()) {
        if (error)
            *error = tr("Nothing to export yet: run the queue first.");
        return false;
    }
    return resultsexport::write(m_engine->items(), m_engine->options().analysis.name, path, error);
}

void MainWindow::exportResultsInteractively()
{
    writeExport(askResultsPath(this, m_intake->lastFolder()), tr("Export Results"), tr("Results written to %1"),
                tr("The results could not be written:\n%1"),
                [this](const QString &path, QString *error) { return exportResults(path, error); });
}

void MainWindow::showDetails()
{
    const int row = m_view->currentIndex().row();
    if (row < 0)
        return;
    const QueueEntry entry = m_model->queueEntries().at(row);
    auto *dialog = new ResultDetailsDialog(entry.path, entry.result, entry.error, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

// --- Closing ----------------------------------------------------------------------------------

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (isBusy()) {
        if (!m_confirmStop || !m_confirmStop()) {
            event->ignore();
            return;
        }
        // Items still running are saved as cancelled: their workers are being stopped now
        // (SIGTERM, then SIGKILL after the grace time; the engine reaps them).
        m_session->cancel();
    }
    saveQueue();
    saveSettings();
    event->accept();
}

void MainWindow::setStopConfirmation(std::function<bool()> confirm)
{
    m_confirmStop = std::move(confirm);
}

void MainWindow::setCancelConfirmation(std::function<bool()> confirm)
{
    m_confirmCancel = std::move(confirm);
}

// --- Queue file -------------------------------------------------------------------------------

void MainWindow::setQueueFile(const QString &path)
{
    m_autosave->setFile(path);
    m_timingDock->history()->setQueueFile(path);
}

QString MainWindow::queueFile() const
{
    return m_autosave->file();
}

int MainWindow::restoreQueue()
{
    QString error;
    const int restored = m_autosave->restore(&error);
    if (!error.isEmpty()) {
        statusBar()->showMessage(error);
        return 0;
    }
    if (restored > 0)
        statusBar()->showMessage(m_autosave->restoredMessage(restored));
    return restored;
}

bool MainWindow::saveQueue()
{
    return m_autosave->save();
}

// --- Launcher ---------------------------------------------------------------------------------

void MainWindow::setLauncherSettings(const LauncherSettings &settings)
{
    m_launcher = settings;
    if (!m_loadingSettings)
        m_launcher.save();
    m_runBar->setLauncherKind(settings.kind);
    m_view->setColumnHidden(ItemModel::Host, settings.kind == LauncherKind::Local);
    if (!isBusy())
        m_launcherCanPause = settings.makeLauncher()->canPause();
    updateActions();
}

void MainWindow::applyLauncherToEngine()
{
    auto launcher = m_launcher.makeLauncher();
    m_launcherCanPause = launcher->canPause();
    m_engine->setLauncher(std::move(launcher));
}

void MainWindow::openSettings()
{
    auto *dialog = new SettingsDialog(m_launcher, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        setLauncherSettings(dialog->settings());
        statusBar()->showMessage(m_launcher.kind == LauncherKind::Slurm ? tr("Runs start their workers through Slurm.")
                                                                         : tr("Runs start their workers on this machine."),
                                 5000);
    });
    dialog->open();
}

} // namespace fp
