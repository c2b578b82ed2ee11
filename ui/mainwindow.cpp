#include "mainwindow.h"

#include "analysischooser.h"
#include "engine.h"
#include "itemmodel.h"
#include "itemview.h"
#include "launcherchoice.h"
#include "livequeue.h"
#include "logdialog.h"
#include "mediaintake.h"
#include "overallprogress.h"
#include "previewpane.h"
#include "progressdelegate.h"
#include "queueautosave.h"
#include "queueeditor.h"
#include "queuestore.h"
#include "reportexport.h"
#include "rowstorun.h"
#include "resultdetailsdialog.h"
#include "runtoolbar.h"
#include "runsession.h"
#include "runstatusline.h"
#include "historyview.h"
#include "timingdock.h"
#include "timingpanel.h"
#include "whendone.h"
#include "windowactions.h"
#include "windowsettings.h"

#include <QAction>
#include <QCloseEvent>
#include <QDockWidget>
#include <QMenu>
#include <QMenuBar>
#include <QLabel>
#include <QSpinBox>
#include <QMessageBox>
#include <QScrollArea>
#include <QStatusBar>
#include <QToolBar>
#include <QVBoxLayout>

namespace fp {

namespace {

constexpr int kLiveTickMs = 500;

// In a list of actions for a menu or toolbar: a separator.
constexpr MainWindow::ActionId kSeparator = MainWindow::ActionId::Count;

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent),
      m_actions(new WindowActions(this)),
      m_engine(new Engine(this)),
      m_model(new ItemModel(m_engine, this)),
      m_session(new RunSession(m_engine, this)),
      m_autosave(new QueueAutosave(m_model, m_engine, QueueStore::defaultPath(), this)),
      m_liveQueue(new LiveQueue(m_model, m_engine, m_session, this)),
      m_whenDone(new WhenDone(this)),
      m_launcher(new LauncherChoice(m_session, this))
{
    // The next run, and a Compare's later rounds, start with workers already loaded.
    m_engine->setKeepWorkers(true);
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
    createWidgets();
    connectActions();
    createMenus();
    connectWidgets();
    connectEngine();
    m_windowSettings->restore();
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
        {ActionId::CancelAll, &MainWindow::confirmAndCancelAll},
        {ActionId::FinishRunning, &MainWindow::finishRunning},
        {ActionId::RetryFailed, &MainWindow::retryFailed},
        {ActionId::ViewLog, &MainWindow::viewLog},
        {ActionId::ShowDetails, &MainWindow::showDetails},
    };
    for (const auto &[id, handler] : handlers)
        connect(action(id), &QAction::triggered, this, handler);
    connect(action(ActionId::CancelSelected), &QAction::triggered, m_editor, &QueueEditor::cancelSelected);
    connect(action(ActionId::Remove), &QAction::triggered, m_editor, &QueueEditor::removeSelected);
    connect(action(ActionId::Clear), &QAction::triggered, m_editor, &QueueEditor::clear);
    connect(action(ActionId::MoveToTop), &QAction::triggered, m_editor, &QueueEditor::moveSelectedToTop);
    connect(action(ActionId::ExportReport), &QAction::triggered, m_exports, &ReportExport::exportReport);
    connect(action(ActionId::ExportResults), &QAction::triggered, m_exports, &ReportExport::exportResults);
    connect(action(ActionId::Settings), &QAction::triggered, m_launcher, &LauncherChoice::openDialog);
    connect(action(ActionId::About), &QAction::triggered, this, [this] { WindowActions::showAbout(this); });
    connect(action(ActionId::Quit), &QAction::triggered, this, &QWidget::close);
    connect(action(ActionId::Hold), &QAction::triggered, this, &MainWindow::holdSelected);
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
    m_editor = new QueueEditor(m_model, m_view, m_engine, m_session, m_refusedNotice);
    layout->addWidget(m_view, 1);
    m_overall = new OverallProgress(central);
    layout->addWidget(m_overall);
    setCentralWidget(central);
    createDocks();
    m_exports = new ReportExport(m_timingPanel, m_timingDock->history(), m_engine, m_intake, this);
    m_windowSettings = new WindowSettings(m_launcher, m_runBar, m_view, m_intake, this);
    new RunStatusLine(m_engine, m_session, m_autosave, statusBar());
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
    addActionsTo(queueBar, {ActionId::AddFiles, ActionId::AddFolder, kSeparator, ActionId::MoveToTop, ActionId::Hold, ActionId::Remove,
                            ActionId::Clear, kSeparator, ActionId::ViewLog, ActionId::ExportReport});
    queueBar->addSeparator();
    auto *repeatLabel = new QLabel(tr("Re&peat Compare:"), queueBar);
    repeatLabel->setBuddy(m_runBar->repeatSpinBox());
    queueBar->addWidget(repeatLabel);
    queueBar->addWidget(m_runBar->repeatSpinBox());
}

void MainWindow::createQueueView(QWidget *central)
{
    m_view = new ItemView(central);
    m_view->setModel(m_model);
    m_view->setItemDelegate(new ProgressDelegate(m_view));
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_view->addActions({action(ActionId::CancelSelected), action(ActionId::RetryFailed),
                        action(ActionId::MoveToTop), action(ActionId::Hold), action(ActionId::Remove), action(ActionId::ShowDetails), action(ActionId::ViewLog)});
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
    // The run history is kept beside the queue file, wherever that is.
    m_timingDock->history()->setQueueFile(m_autosave->file());
    connect(m_autosave, &QueueAutosave::fileChanged, m_timingDock->history(), &HistoryView::setQueueFile);
    auto *timingDock = new QDockWidget(tr("Timing"), this);
    timingDock->setObjectName(QStringLiteral("timingDock"));
    // In a small window the dock gives way to the queue (ItemView keeps a few rows) and its
    // panel scrolls instead of holding its full height.
    auto *timingScroll = new QScrollArea(timingDock);
    timingScroll->setObjectName(QStringLiteral("timingScroll"));
    timingScroll->setWidget(m_timingDock);
    timingScroll->setWidgetResizable(true);
    timingScroll->setFrameShape(QFrame::NoFrame);
    timingDock->setWidget(timingScroll);
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
    connect(m_launcher, &LauncherChoice::changed, this, [this](const LauncherSettings &settings) {
        m_runBar->setLauncherKind(settings.kind);
        // Which machine ran an item matters when it can be another one.
        m_view->setColumnHidden(ItemModel::Host, settings.kind == LauncherKind::Local);
        updateActions();
    });
}

void MainWindow::createMenus()
{
    addActionsTo(menuBar()->addMenu(tr("&File")),
                 {ActionId::AddFiles, ActionId::AddFolder, kSeparator, ActionId::ExportReport, ActionId::ExportResults,
                  kSeparator, ActionId::Quit});
    addActionsTo(menuBar()->addMenu(tr("&Queue")),
                 {ActionId::MoveToTop, ActionId::Hold, ActionId::Remove, ActionId::Clear, kSeparator, ActionId::ShowDetails, ActionId::ViewLog});
    QMenu *run = menuBar()->addMenu(tr("&Run"));
    addActionsTo(run, {ActionId::RunParallel, ActionId::RunSerial, ActionId::Compare, kSeparator, ActionId::PauseResume,
                       ActionId::CancelSelected, ActionId::CancelAll, ActionId::FinishRunning, ActionId::RetryFailed,
                       kSeparator});
    run->addMenu(m_whenDone->createMenu(run));
    addActionsTo(menuBar()->addMenu(tr("&Tools")), {ActionId::Settings});

    QMenu *view = menuBar()->addMenu(tr("&View"));
    for (QDockWidget *dock : findChildren<QDockWidget *>(Qt::FindDirectChildrenOnly))
        view->addAction(dock->toggleViewAction());
    view->addSeparator();
    for (QToolBar *bar : findChildren<QToolBar *>(Qt::FindDirectChildrenOnly))
        view->addAction(bar->toggleViewAction());

    addActionsTo(menuBar()->addMenu(tr("&Help")), {ActionId::About});
}

void MainWindow::connectEngine()
{
    m_liveTimer.setInterval(kLiveTickMs);
    connect(&m_liveTimer, &QTimer::timeout, this, &MainWindow::onLiveTick);
    connect(m_engine, &Engine::runStarted, this, &MainWindow::onRunStarted);
    connect(m_session, &RunSession::runFinished, m_timingPanel, &TimingPanel::setFinishedRun);
    connect(m_session, &RunSession::ended, this, &MainWindow::onRunEnded);
    // Queued: the window closes after the run's end has been handled everywhere.
    connect(m_whenDone, &WhenDone::quitRequested, this, &QWidget::close, Qt::QueuedConnection);
    connect(m_whenDone, &WhenDone::message, this, [this](const QString &text) { statusBar()->showMessage(text); });
    connect(m_liveQueue, &LiveQueue::joined, this, [this](int count) {
        statusBar()->showMessage(tr("%n item(s) joined the run.", nullptr, count), 5000);
        updateOverallProgress();
    });
    connect(m_engine, &Engine::pausedChanged, this, [this] {
        updateActions();
        updateOverallProgress();
    });
    connect(m_session, &RunSession::comparePhaseStarted, this, [this](RunMode mode, int round) {
        if (mode == RunMode::Serial && round == 1)
            m_timingPanel->beginComparison();
    });
    m_timingDock->followRuns(m_engine, m_session);
    connect(m_timingDock->history(), &HistoryView::message, this,
            [this](const QString &text) { statusBar()->showMessage(text); });
    connect(m_timingDock->history(), &HistoryView::selectionChanged, this, &MainWindow::updateActions);
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

// Binds the rows (all when none are given) to a new run of `mode`, or a Compare, and starts it.
bool MainWindow::startRun(const QList<int> &chosenRows, RunMode mode, bool compare)
{
    if (isBusy() || m_runAwaitsAnalyses)
        return false;
    AnalysisChooser *analyses = m_runBar->analysisCombo();
    if (analyses->isLoading()) {
        // Run clicked in the first moments after start: the analysis saved from the last session
        // is chosen once the worker has listed them, and the run takes that one.
        m_runAwaitsAnalyses = true;
        statusBar()->showMessage(tr("Loading the analyses; the run starts in a moment…"));
        // The queue may be edited meanwhile: the chosen rows are followed, not their numbers.
        QList<QPersistentModelIndex> chosen;
        for (int row : chosenRows)
            chosen << QPersistentModelIndex(m_model->index(row, 0));
        connect(analyses, &AnalysisChooser::catalogLoaded, this, [this, chosen, mode, compare] {
            m_runAwaitsAnalyses = false;
            statusBar()->clearMessage();
            QList<int> rows;
            for (const QPersistentModelIndex &index : chosen)
                if (index.isValid())
                    rows << index.row();
            // Chosen rows that are all gone run nothing (no rows would mean every row).
            if (chosen.isEmpty() || !rows.isEmpty())
                startRun(rows, mode, compare);
        }, Qt::SingleShotConnection);
        return true;
    }
    const QList<int> rows = chosenRows.isEmpty() ? RowsToRun(m_model).all() : chosenRows;
    if (rows.isEmpty()) {
        statusBar()->showMessage(m_model->rowCount() == 0 ? tr("Add videos or image folders first.")
                                                          : tr("Every item is held: release one (Hold) to run it."));
        return false;
    }
    QStringList paths;
    for (int row : rows)
        paths << m_model->path(row);
    QString optionsError;
    std::optional<EngineOptions> options = m_runBar->engineOptions(mode, &optionsError);
    if (!options) {
        QMessageBox::warning(this, tr("Cannot Run"), optionsError);
        return false;
    }
    m_launcher->runSettings().applyTo(*options);
    m_launcher->applyTo(m_engine);
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
    const QList<int> rows = RowsToRun(m_model).unfinished();
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

void MainWindow::confirmAndCancelAll()
{
    // Esc is easy to press by mistake, and a cancelled run cannot be resumed.
    if (isBusy() && (!m_confirmCancel || m_confirmCancel()))
        m_session->cancel();
}

void MainWindow::finishRunning()
{
    m_session->finishRunning();
    statusBar()->showMessage(tr("Finishing the items under way; no more will start."));
    updateActions();
}

void MainWindow::holdSelected(bool held)
{
    m_liveQueue->setHeld(m_view->selectedRows(), held);
    updateActions();
}

void MainWindow::retryFailed()
{
    const QList<int> rows = RowsToRun(m_model).toRetry(m_view->selectedRows());
    if (rows.isEmpty()) {
        statusBar()->showMessage(tr("Nothing to retry: no item failed, was cancelled, was interrupted or was left queued."), 5000);
        return;
    }
    startRun(rows, m_runBar->chosenOrder());
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

void MainWindow::onRunStarted()
{
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
    m_whenDone->runEnded(outcome, m_runClock.elapsed());
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
    action(ActionId::PauseResume)->setEnabled(m_engine->isRunning() && m_launcher->canPause());
    m_actions->showPaused(m_engine->isPaused(), m_launcher->canPause());
    action(ActionId::CancelSelected)->setEnabled(busy && hasSelection);
    action(ActionId::CancelAll)->setEnabled(busy);
    action(ActionId::FinishRunning)->setEnabled(busy && !m_engine->isFinishingRunning());
    m_liveQueue->updateHoldAction(action(ActionId::Hold), m_view->selectedRows());
    action(ActionId::RetryFailed)->setEnabled(!busy && RowsToRun(m_model).anyToRetry());
    action(ActionId::Settings)->setEnabled(!busy);
    action(ActionId::Remove)->setEnabled(hasSelection);
    action(ActionId::Clear)->setEnabled(hasRows);
    action(ActionId::MoveToTop)->setEnabled(hasSelection);
    action(ActionId::ViewLog)->setEnabled(m_view->currentIndex().isValid());
    action(ActionId::ShowDetails)->setEnabled(m_view->currentIndex().isValid());
    action(ActionId::ExportResults)->setEnabled(!busy && !m_engine->items().isEmpty());
    action(ActionId::ExportReport)->setEnabled(!m_exports->reportsToWrite().isEmpty());
    m_runBar->setFieldsEnabled(!busy);
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
    m_autosave->save();
    m_windowSettings->save();
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

} // namespace fp
