#include "mainwindow.h"

#include "analysischooser.h"
#include "comparisonrunner.h"
#include "engine.h"
#include "formatting.h"
#include "itemmodel.h"
#include "itemview.h"
#include "launcher.h"
#include "mediaprobe.h"
#include "pathcheck.h"
#include "previewpane.h"
#include "progressdelegate.h"
#include "queuestore.h"
#include "report.h"
#include "reportpdf.h"
#include "samplemedia.h"
#include "settingsdialog.h"
#include "timingpanel.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStatusBar>
#include <QStyle>
#include <QSystemTrayIcon>
#include <QToolBar>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>

#include <algorithm>

namespace fp {

namespace {

// Small JPEGs at a modest rate: enough to see what a worker is on, cheap to send and decode.
constexpr int kThumbnailIntervalMs = 500;
constexpr int kLiveTickMs = 500;
// Runs shorter than this end while the person is still looking: no tray message then.
constexpr qint64 kNotifyAfterMs = 10000;
// The log dialog shows the end of a long log; the engine keeps at most 1 MiB per item anyway.
constexpr qsizetype kLogDisplayChars = 256 * 1024;
constexpr int kRefusedShown = 5;
// Queue saves: changes within this interval share one write, so a run of a thousand items does
// not rewrite the file a thousand times; a finished item waits at most this long to be saved.
constexpr int kQueueSaveIntervalMs = 500;

namespace key {
const QString analysis = QStringLiteral("run/analysis");
const QString workers = QStringLiteral("run/workers");
const QString order = QStringLiteral("run/order");
const QString geometry = QStringLiteral("window/geometry");
const QString state = QStringLiteral("window/state");
const QString header = QStringLiteral("window/queueHeader");
const QString lastFolder = QStringLiteral("paths/lastFolder");
const QString demoOffered = QStringLiteral("firstStart/demoOffered");
} // namespace key

QIcon themedIcon(const char *name, QStyle::StandardPixmap fallback)
{
    return QIcon::fromTheme(QString::fromLatin1(name), QApplication::style()->standardIcon(fallback));
}

QList<QUrl> localFileUrls(const QMimeData *mime)
{
    QList<QUrl> urls;
    if (!mime || !mime->hasUrls())
        return urls;
    for (const QUrl &url : mime->urls())
        if (url.isLocalFile())
            urls << url;
    return urls;
}

bool isTerminal(ItemState state)
{
    return state == ItemState::Done || state == ItemState::Failed || state == ItemState::Cancelled;
}

bool canRunAgain(ItemModel::RowStatus status)
{
    return status == ItemModel::RowStatus::Failed || status == ItemModel::RowStatus::Cancelled
           || status == ItemModel::RowStatus::Interrupted;
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent),
      m_engine(new Engine(this)),
      // Created before this window connects to the engine: its runFinished slot must run first,
      // so that onRunFinished sees whether a Compare has moved on to its parallel phase.
      m_comparison(new ComparisonRunner(m_engine, this)),
      m_model(new ItemModel(m_engine, this)),
      m_queueFile(QueueStore::defaultPath())
{
    m_confirmStop = [this] {
        return QMessageBox::question(this, tr("Stop the Run?"), tr("A run is in progress. Stop its workers and quit?"),
                                     QMessageBox::Yes | QMessageBox::No, QMessageBox::No)
               == QMessageBox::Yes;
    };
    setWindowTitle(tr("FramePool"));
    setAcceptDrops(true);
    createActions();
    createWidgets();
    createMenus();
    connectEngine();
    loadSettings();
    updateOverallProgress();
    updateActions();
    updatePreview();
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    struct Spec
    {
        ActionId id;
        QString text;
        QIcon icon;
        QKeySequence shortcut;
        QString tip;
        void (MainWindow::*slot)();
    };
    const QList<Spec> specs{
        {ActionId::AddFiles, tr("Add &Files…"), themedIcon("document-open", QStyle::SP_DialogOpenButton),
         QKeySequence::Open, tr("Add videos or images to the queue"), &MainWindow::addFiles},
        {ActionId::AddFolder, tr("Add F&older…"), themedIcon("folder-open", QStyle::SP_DirOpenIcon),
         QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O), tr("Add a folder of images as one image set"),
         &MainWindow::addFolder},
        {ActionId::RunParallel, tr("Run &Parallel"), themedIcon("media-playback-start", QStyle::SP_MediaPlay),
         QKeySequence(Qt::CTRL | Qt::Key_R), tr("Analyse the queue with the chosen number of workers"),
         &MainWindow::runParallel},
        {ActionId::RunSerial, tr("Run &Serial"), themedIcon("go-next", QStyle::SP_ArrowForward),
         QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R), tr("Analyse the queue on one worker, one item after another"),
         &MainWindow::runSerial},
        {ActionId::Compare, tr("&Compare"), themedIcon("view-statistics", QStyle::SP_FileDialogContentsView),
         QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C),
         tr("Run the queue serially, then in parallel, and show the speed-up"), &MainWindow::compare},
        {ActionId::PauseResume, tr("Pa&use"), themedIcon("media-playback-pause", QStyle::SP_MediaPause),
         QKeySequence(Qt::CTRL | Qt::Key_P), tr("Pause or resume the run; paused time is left out of timings"),
         &MainWindow::togglePause},
        {ActionId::CancelSelected, tr("Cancel Se&lected"), themedIcon("process-stop", QStyle::SP_DialogCancelButton),
         QKeySequence(Qt::SHIFT | Qt::Key_Escape), tr("Stop the selected items"), &MainWindow::cancelSelected},
        {ActionId::CancelAll, tr("Cancel &All"), themedIcon("media-playback-stop", QStyle::SP_MediaStop),
         QKeySequence(Qt::Key_Escape), tr("Stop the run; finished results stay"), &MainWindow::cancelAll},
        {ActionId::RetryFailed, tr("Re&try Failed"), themedIcon("view-refresh", QStyle::SP_BrowserReload),
         QKeySequence(Qt::CTRL | Qt::Key_T), tr("Run the selected failed items again, or all failed and cancelled ones"),
         &MainWindow::retryFailed},
        {ActionId::Remove, tr("&Remove"), themedIcon("list-remove", QStyle::SP_TrashIcon), QKeySequence::Delete,
         tr("Remove the selected items from the queue"), &MainWindow::removeSelected},
        {ActionId::Clear, tr("C&lear Queue"), themedIcon("edit-clear", QStyle::SP_DialogResetButton),
         QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Delete), tr("Remove every item from the queue"),
         &MainWindow::clearQueue},
        {ActionId::MoveToTop, tr("Move to &Top"), themedIcon("go-top", QStyle::SP_ArrowUp),
         QKeySequence(Qt::CTRL | Qt::Key_Home), tr("Move the selected items to the top of the queue"),
         &MainWindow::moveSelectedToTop},
        {ActionId::ViewLog, tr("View &Log…"), themedIcon("text-x-generic", QStyle::SP_FileDialogInfoView),
         QKeySequence(Qt::CTRL | Qt::Key_L), tr("Show what the worker wrote while analysing the current item"),
         &MainWindow::viewLog},
        {ActionId::ExportReport, tr("&Export Report…"), themedIcon("document-save-as", QStyle::SP_DialogSaveButton),
         QKeySequence(Qt::CTRL | Qt::Key_E), tr("Save the timing report as HTML, PDF, CSV or JSON"),
         &MainWindow::exportReportInteractively},
        {ActionId::Settings, tr("&Settings…"), themedIcon("preferences-system", QStyle::SP_FileDialogDetailedView),
         QKeySequence::Preferences, tr("Choose where workers run: this machine or a Slurm cluster"),
         &MainWindow::openSettings},
        {ActionId::Quit, tr("&Quit"), themedIcon("application-exit", QStyle::SP_DialogCloseButton),
         QKeySequence::Quit, tr("Quit FramePool"), nullptr},
    };
    for (const Spec &spec : specs) {
        auto *action = new QAction(spec.icon, spec.text, this);
        action->setShortcut(spec.shortcut);
        const QString keys = spec.shortcut.toString(QKeySequence::NativeText);
        action->setToolTip(keys.isEmpty() ? spec.tip : tr("%1 (%2)").arg(spec.tip, keys));
        action->setStatusTip(spec.tip);
        if (spec.slot)
            connect(action, &QAction::triggered, this, spec.slot);
        m_actions[size_t(spec.id)] = action;
    }
    connect(action(ActionId::Quit), &QAction::triggered, this, &QWidget::close);
}

void MainWindow::createWidgets()
{
    // The run settings and buttons: what a person changes before every run.
    auto *runBar = addToolBar(tr("Run"));
    runBar->setObjectName(QStringLiteral("runToolBar"));
    runBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    runBar->setMovable(false);

    const auto addLabelled = [runBar](const QString &text, QWidget *field) {
        auto *label = new QLabel(text, runBar);
        label->setBuddy(field);
        label->setContentsMargins(6, 0, 2, 0);
        runBar->addWidget(label);
        runBar->addWidget(field);
    };
    m_analysisCombo = new AnalysisChooser(runBar);
    m_analysisCombo->load(LocalLauncher::defaultWorkerProgram());
    m_analysisCombo->setToolTip(tr("What to compute for every frame or image"));
    m_analysisCombo->setAccessibleName(tr("Analysis"));
    addLabelled(tr("&Analysis:"), m_analysisCombo);

    const int cores = usableCores();
    m_workerSpin = new QSpinBox(runBar);
    m_workerSpin->setRange(1, 2 * cores);
    m_workerSpin->setValue(cores);
    m_workerSpin->setToolTip(tr("Worker processes for parallel runs (%n usable core(s) here)", nullptr, cores));
    m_workerSpin->setAccessibleName(tr("Workers"));
    addLabelled(tr("&Workers:"), m_workerSpin);

    m_orderCombo = new QComboBox(runBar);
    const QList<QPair<RunMode, QString>> orders{
        {RunMode::Completed, tr("Each result as soon as its item is done")},
        {RunMode::Input, tr("Results in queue order")},
        {RunMode::Batch, tr("All results together at the end")},
    };
    for (const auto &[mode, tip] : orders) {
        m_orderCombo->addItem(runModeName(mode), runModeName(mode));
        m_orderCombo->setItemData(m_orderCombo->count() - 1, tip, Qt::ToolTipRole);
    }
    m_orderCombo->setToolTip(tr("When parallel results are delivered"));
    m_orderCombo->setAccessibleName(tr("Result order"));
    addLabelled(tr("&Order:"), m_orderCombo);
    runBar->addSeparator();

    const auto addButton = [runBar](QAction *action) {
        auto *button = new QToolButton(runBar);
        button->setDefaultAction(action);
        button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        button->setAccessibleName(action->text().remove(QLatin1Char('&')));
        runBar->addWidget(button);
        return button;
    };
    auto *primary = addButton(action(ActionId::RunParallel));
    primary->setAutoRaise(false); // framed and bold: the primary action
    QFont bold = primary->font();
    bold.setBold(true);
    primary->setFont(bold);
    m_runParallelButton = primary;
    addButton(action(ActionId::RunSerial));
    addButton(action(ActionId::Compare));
    runBar->addSeparator();
    runBar->addAction(action(ActionId::PauseResume));
    runBar->addAction(action(ActionId::CancelSelected));
    runBar->addAction(action(ActionId::CancelAll));
    runBar->addAction(action(ActionId::RetryFailed));

    auto *queueBar = new QToolBar(tr("Queue"), this);
    queueBar->setObjectName(QStringLiteral("queueToolBar"));
    queueBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    addToolBarBreak();
    addToolBar(queueBar);
    queueBar->addAction(action(ActionId::AddFiles));
    queueBar->addAction(action(ActionId::AddFolder));
    queueBar->addSeparator();
    queueBar->addAction(action(ActionId::MoveToTop));
    queueBar->addAction(action(ActionId::Remove));
    queueBar->addAction(action(ActionId::Clear));
    queueBar->addSeparator();
    queueBar->addAction(action(ActionId::ViewLog));
    queueBar->addAction(action(ActionId::ExportReport));

    // Central: refused-items notice, the queue, the overall progress.
    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(4, 4, 4, 4);

    auto *notice = new QFrame(central);
    notice->setFrameShape(QFrame::StyledPanel);
    auto *noticeLayout = new QHBoxLayout(notice);
    auto *noticeIcon = new QLabel(notice);
    const int iconSize = style()->pixelMetric(QStyle::PM_SmallIconSize);
    noticeIcon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(iconSize, iconSize));
    m_refusedLabel = new QLabel(notice);
    m_refusedLabel->setWordWrap(true);
    m_refusedLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_refusedLabel->setAccessibleName(tr("Refused items"));
    auto *dismiss = new QPushButton(tr("Dismiss"), notice);
    connect(dismiss, &QPushButton::clicked, notice, &QWidget::hide);
    noticeLayout->addWidget(noticeIcon, 0, Qt::AlignTop);
    noticeLayout->addWidget(m_refusedLabel, 1);
    noticeLayout->addWidget(dismiss, 0, Qt::AlignTop);
    notice->hide();
    m_refusedNotice = notice;
    layout->addWidget(notice);

    m_view = new ItemView(central);
    m_view->setModel(m_model);
    m_view->setItemDelegate(new ProgressDelegate(m_view));
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_view->addActions({action(ActionId::CancelSelected), action(ActionId::RetryFailed),
                        action(ActionId::MoveToTop), action(ActionId::Remove), action(ActionId::ViewLog)});
    const int ch = fontMetrics().averageCharWidth();
    const QList<QPair<int, int>> widths{
        {ItemModel::Name, 26}, {ItemModel::Kind, 12}, {ItemModel::Status, 17}, {ItemModel::Progress, 26},
        {ItemModel::Worker, 8}, {ItemModel::Fps, 9}, {ItemModel::Elapsed, 9}, {ItemModel::Eta, 8},
        {ItemModel::Host, 12},
    };
    for (const auto &[column, chars] : widths)
        m_view->setColumnWidth(column, chars * ch);
    layout->addWidget(m_view, 1);

    auto *overall = new QHBoxLayout;
    m_overallBar = new QProgressBar(central);
    m_overallBar->setRange(0, 1000);
    m_overallBar->setAccessibleName(tr("Overall progress"));
    m_overallEta = new QLabel(central);
    m_overallEta->setMinimumWidth(ch * 24);
    m_overallEta->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_overallEta->setAccessibleName(tr("Time remaining"));
    overall->addWidget(m_overallBar, 1);
    overall->addWidget(m_overallEta);
    layout->addLayout(overall);
    setCentralWidget(central);

    m_preview = new PreviewPane(this);
    auto *previewDock = new QDockWidget(tr("Preview"), this);
    previewDock->setObjectName(QStringLiteral("previewDock"));
    previewDock->setWidget(m_preview);
    addDockWidget(Qt::RightDockWidgetArea, previewDock);

    m_timingPanel = new TimingPanel(this);
    m_timingPanel->setAccessibleName(tr("Timing"));
    auto *timingDock = new QDockWidget(tr("Timing"), this);
    timingDock->setObjectName(QStringLiteral("timingDock"));
    timingDock->setWidget(m_timingPanel);
    addDockWidget(Qt::BottomDockWidgetArea, timingDock);

    statusBar()->showMessage(tr("Drop videos and image folders onto the window to begin."));
    resize(1280, 860);

    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &MainWindow::updateActions);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &MainWindow::updatePreview);
    connect(m_view, &QAbstractItemView::doubleClicked, this, &MainWindow::viewLog);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &MainWindow::updateActions);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &MainWindow::updateActions);
    connect(m_model, &QAbstractItemModel::modelReset, this, &MainWindow::updateActions);
    connect(m_model, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
                const int current = m_view->currentIndex().row();
                if (current >= topLeft.row() && current <= bottomRight.row())
                    updatePreview();
            });
    connect(m_analysisCombo, &QComboBox::currentIndexChanged, this, &MainWindow::saveRunSettings);
    connect(m_orderCombo, &QComboBox::currentIndexChanged, this, &MainWindow::saveRunSettings);
    connect(m_workerSpin, &QSpinBox::valueChanged, this, &MainWindow::saveRunSettings);
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(action(ActionId::AddFiles));
    file->addAction(action(ActionId::AddFolder));
    file->addSeparator();
    file->addAction(action(ActionId::ExportReport));
    file->addSeparator();
    file->addAction(action(ActionId::Quit));

    QMenu *queue = menuBar()->addMenu(tr("&Queue"));
    queue->addAction(action(ActionId::MoveToTop));
    queue->addAction(action(ActionId::Remove));
    queue->addAction(action(ActionId::Clear));
    queue->addSeparator();
    queue->addAction(action(ActionId::ViewLog));

    QMenu *run = menuBar()->addMenu(tr("&Run"));
    for (ActionId id : {ActionId::RunParallel, ActionId::RunSerial, ActionId::Compare})
        run->addAction(action(id));
    run->addSeparator();
    for (ActionId id : {ActionId::PauseResume, ActionId::CancelSelected, ActionId::CancelAll, ActionId::RetryFailed})
        run->addAction(action(id));

    QMenu *tools = menuBar()->addMenu(tr("&Tools"));
    tools->addAction(action(ActionId::Settings));

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
    connect(m_engine, &Engine::runFinished, this, &MainWindow::onRunFinished);
    connect(m_engine, &Engine::pausedChanged, this, [this](bool paused) {
        statusBar()->showMessage(paused ? tr("Paused. Paused time is left out of timings and the ETA.")
                                        : tr("Resumed."));
        updateActions();
        updateOverallProgress();
    });
    connect(m_engine, &Engine::itemFailed, this, [this](int item, const QString &reason) {
        statusBar()->showMessage(tr("%1 failed: %2").arg(QFileInfo(m_engine->item(item).path).fileName(), reason), 8000);
    });
    // The queue file follows the queue: structure changes and item state changes are saved
    // shortly after; a finished item at once unless a save has just been written.
    m_queueSaveTimer.setSingleShot(true);
    m_queueSaveTimer.setInterval(kQueueSaveIntervalMs);
    connect(&m_queueSaveTimer, &QTimer::timeout, this, &MainWindow::saveQueue);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &MainWindow::scheduleQueueSave);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &MainWindow::scheduleQueueSave);
    connect(m_model, &QAbstractItemModel::rowsMoved, this, &MainWindow::scheduleQueueSave);
    connect(m_model, &QAbstractItemModel::modelReset, this, &MainWindow::scheduleQueueSave);
    connect(m_engine, &Engine::runStarted, this, &MainWindow::scheduleQueueSave);
    connect(m_engine, &Engine::itemStarted, this, &MainWindow::scheduleQueueSave);
    connect(m_engine, &Engine::itemFinished, this, &MainWindow::saveQueueSoon);
    connect(m_engine, &Engine::itemFailed, this, &MainWindow::saveQueueSoon);
    connect(m_engine, &Engine::itemCancelled, this, &MainWindow::saveQueueSoon);
    connect(m_engine, &Engine::runFinished, this, &MainWindow::saveQueue);

    connect(m_comparison, &ComparisonRunner::phaseStarted, this, [this](RunMode mode) {
        statusBar()->showMessage(mode == RunMode::Serial ? tr("Compare: serial run (1 worker)…")
                                                         : tr("Compare: parallel run…"));
    });
}

void MainWindow::loadSettings()
{
    m_loadingSettings = true;
    QSettings settings;
    setLauncherSettings(LauncherSettings::load());
    if (const QString analysis = settings.value(key::analysis).toString(); !analysis.isEmpty())
        m_analysisCombo->selectAnalysis(analysis);
    m_workerSpin->setValue(settings.value(key::workers, usableCores()).toInt());
    const int order = m_orderCombo->findData(settings.value(key::order).toString());
    if (order >= 0)
        m_orderCombo->setCurrentIndex(order);
    restoreGeometry(settings.value(key::geometry).toByteArray());
    restoreState(settings.value(key::state).toByteArray());
    m_view->header()->restoreState(settings.value(key::header).toByteArray());
    // Which machine ran an item matters when it can be another one.
    m_view->setColumnHidden(ItemModel::Host, m_launcher.kind == LauncherKind::Local);
    m_lastFolder = settings.value(key::lastFolder, QDir::homePath()).toString();
    m_loadingSettings = false;
}

void MainWindow::saveRunSettings() const
{
    if (m_loadingSettings)
        return;
    QSettings settings;
    settings.setValue(key::analysis, m_analysisCombo->currentData());
    settings.setValue(key::workers, m_workerSpin->value());
    settings.setValue(key::order, m_orderCombo->currentData());
}

void MainWindow::saveSettings() const
{
    saveRunSettings();
    QSettings settings;
    settings.setValue(key::geometry, saveGeometry());
    settings.setValue(key::state, saveState());
    settings.setValue(key::header, m_view->header()->saveState());
    settings.setValue(key::lastFolder, m_lastFolder);
}

// --- Adding media ---------------------------------------------------------------------------

int MainWindow::addPaths(const QStringList &paths)
{
    QList<QPair<QString, StreamKind>> accepted;
    QList<RefusedPath> refused;
    for (const QString &path : paths) {
        const PathCheck check = checkPath(path);
        if (!check.accepted())
            refused << RefusedPath{check.path, check.refusal};
        else if (m_model->containsPath(check.path))
            refused << RefusedPath{check.path, tr("already in the queue")};
        else
            accepted << qMakePair(check.path, check.kind);
    }
    const int added = m_model->addItems(accepted);
    showRefused(refused);
    if (refused.isEmpty())
        statusBar()->showMessage(tr("Added %n item(s).", nullptr, added), 5000);
    else
        statusBar()->showMessage(tr("Added %n item(s); ", nullptr, added)
                                 + tr("refused %1: %2").arg(QFileInfo(refused.first().path).fileName(),
                                                            refused.first().reason));
    return added;
}

void MainWindow::showRefused(const QList<RefusedPath> &refused)
{
    m_refused = refused;
    if (refused.isEmpty()) {
        m_refusedNotice->hide();
        return;
    }
    QStringList lines;
    for (const RefusedPath &r : refused.mid(0, kRefusedShown))
        lines << tr("<b>%1</b>: %2").arg(QFileInfo(r.path).fileName().toHtmlEscaped(), r.reason.toHtmlEscaped());
    if (refused.size() > kRefusedShown)
        lines << tr("… and %n more", nullptr, int(refused.size() - kRefusedShown));
    m_refusedLabel->setText(tr("Not added:") + QStringLiteral("<br>") + lines.join(QStringLiteral("<br>")));
    m_refusedNotice->show();
}

void MainWindow::addFiles()
{
    const QString videos = videoSuffixes().join(QStringLiteral(" *.")).prepend(QStringLiteral("*."));
    const QString images = imageSuffixes().join(QStringLiteral(" *.")).prepend(QStringLiteral("*."));
    const QStringList files = QFileDialog::getOpenFileNames(
        this, tr("Add Videos or Images"), m_lastFolder,
        tr("Media (%1 %2);;Videos (%1);;Images (%2);;All files (*)").arg(videos, images));
    if (files.isEmpty())
        return;
    m_lastFolder = QFileInfo(files.first()).absolutePath();
    addPaths(files);
}

void MainWindow::addFolder()
{
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Add a Folder of Images"), m_lastFolder);
    if (folder.isEmpty())
        return;
    m_lastFolder = folder;
    addPaths({folder});
}

bool MainWindow::loadDemoSet()
{
    const QStringList paths = sampleMediaPaths();
    if (paths.isEmpty()) {
        statusBar()->showMessage(tr("No sample media found. Set FRAMEPOOL_SAMPLES to a folder of samples."));
        return false;
    }
    addPaths(paths);
    return true;
}

void MainWindow::offerDemoSetOnFirstStart()
{
    QSettings settings;
    if (settings.value(key::demoOffered, false).toBool() || m_model->rowCount() > 0)
        return;
    settings.setValue(key::demoOffered, true);
    if (sampleMediaDir().isEmpty())
        return;
    const auto answer = QMessageBox::question(
        this, tr("Welcome to FramePool"),
        tr("Load the demo set of sample videos and images?\n\nThen press Compare to see how much faster "
           "a parallel run is than a serial one on this machine."),
        QMessageBox::Yes | QMessageBox::No, QMessageBox::Yes);
    if (answer == QMessageBox::Yes)
        loadDemoSet();
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (!localFileUrls(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void MainWindow::dragMoveEvent(QDragMoveEvent *event)
{
    if (!localFileUrls(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    const QList<QUrl> urls = localFileUrls(event->mimeData());
    if (urls.isEmpty())
        return;
    QStringList paths;
    for (const QUrl &url : urls)
        paths << url.toLocalFile();
    addPaths(paths);
    event->acceptProposedAction();
}

// --- Running ----------------------------------------------------------------------------------

bool MainWindow::isBusy() const
{
    return m_engine->isRunning() || m_comparison->isRunning();
}

QList<int> MainWindow::allRows() const
{
    QList<int> rows;
    for (int r = 0; r < m_model->rowCount(); ++r)
        rows << r;
    return rows;
}

EngineOptions MainWindow::engineOptions(RunMode mode) const
{
    EngineOptions options;
    options.analysis = m_analysisCombo->currentAnalysis();
    QString parameterError;
    options.parameters = options.analysis.resolveParameters({}, &parameterError).value_or(QJsonObject());
    options.mode = mode;
    options.workers = m_workerSpin->value();
    options.thumbnailIntervalMs = kThumbnailIntervalMs;
    return options;
}

RunMode MainWindow::chosenOrder() const
{
    return runModeFromName(m_orderCombo->currentData().toString()).value_or(RunMode::Completed);
}

// What every run start shares: the rows (all when none are given), their paths, the launcher,
// the model bound to the run. Empty when there is nothing to run.
QStringList MainWindow::prepareRun(const QList<int> &rowsToRun)
{
    if (isBusy())
        return {};
    const QList<int> rows = rowsToRun.isEmpty() ? allRows() : rowsToRun;
    if (rows.isEmpty()) {
        statusBar()->showMessage(tr("Add videos or image folders first."));
        return {};
    }
    QStringList paths;
    for (int row : rows)
        paths << m_model->path(row);
    applyLauncherToEngine();
    m_model->bindRun(rows);
    m_runClock.start();
    return paths;
}

bool MainWindow::startRun(const QList<int> &rowsToRun, RunMode mode)
{
    const QStringList paths = prepareRun(rowsToRun);
    if (paths.isEmpty())
        return false;
    if (!m_engine->start(paths, engineOptions(mode))) {
        m_model->bindRun({});
        return false;
    }
    return true;
}

void MainWindow::runParallel()
{
    startRun({}, chosenOrder());
}

bool MainWindow::runUnfinished()
{
    QList<int> rows;
    for (int row : allRows())
        if (m_model->status(row) != ItemModel::RowStatus::Done)
            rows << row;
    return !rows.isEmpty() && startRun(rows, chosenOrder());
}

void MainWindow::runSerial()
{
    startRun({}, RunMode::Serial);
}

void MainWindow::compare()
{
    const QStringList paths = prepareRun({});
    if (paths.isEmpty())
        return;
    m_comparing = true;
    if (!m_comparison->start(paths, engineOptions(chosenOrder()))) {
        m_comparing = false;
        m_model->bindRun({});
    }
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

void MainWindow::cancelAll()
{
    if (m_comparison->isRunning())
        m_comparison->cancel();
    else
        m_engine->cancelAll();
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
    startRun(rows, chosenOrder());
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
        cancelAll();
    m_model->clear();
    showRefused({});
}

void MainWindow::moveSelectedToTop()
{
    const QList<int> rows = m_view->selectedRows();
    if (!rows.isEmpty()) {
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
    const QString name = current.siblingAtColumn(ItemModel::Name).data().toString();
    QString text = item >= 0 ? m_engine->itemLog(item) : QString();
    if (text.size() > kLogDisplayChars)
        text = tr("[… only the last %1 characters are shown]\n").arg(kLogDisplayChars) + text.right(kLogDisplayChars);
    const QString error = current.data(ItemModel::ErrorRole).toString();
    if (!error.isEmpty())
        text.prepend(tr("Status: %1\n\n").arg(error));
    if (text.isEmpty())
        text = item >= 0 ? tr("The worker wrote nothing for this item.")
                         : tr("No log: this item was not part of the latest run.");

    auto *dialog = new QDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Log: %1").arg(name));
    auto *layout = new QVBoxLayout(dialog);
    auto *edit = new QPlainTextEdit(dialog);
    edit->setReadOnly(true);
    edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    edit->setPlainText(text);
    edit->setAccessibleName(tr("Log of %1").arg(name));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::close);
    layout->addWidget(edit);
    layout->addWidget(buttons);
    dialog->resize(720, 420);
    dialog->show();
}

void MainWindow::onRunStarted(RunMode mode, int workers, int items)
{
    if (!m_comparison->isRunning()) {
        statusBar()->showMessage(mode == RunMode::Serial
                                     ? tr("Running %n item(s) serially on 1 worker…", nullptr, items)
                                     : tr("Running %n item(s) in parallel on %1 workers…", nullptr, items).arg(workers));
    }
    m_liveTimer.start();
    onLiveTick();
    updateActions();
}

void MainWindow::onLiveTick()
{
    m_timingPanel->setLiveRun(m_engine->timing());
    updateOverallProgress();
}

void MainWindow::onRunFinished(const RunTiming &timing)
{
    m_timingPanel->setFinishedRun(timing);
    updateOverallProgress();
    if (m_comparison->isRunning()) {
        m_compareSerial = timing; // Compare goes on with its parallel phase
        return;
    }
    m_liveTimer.stop();
    updateActions();

    int ok = 0;
    int failed = 0;
    int cancelled = 0;
    for (const ItemRecord &item : timing.items) {
        ok += item.state == ItemState::Done;
        failed += item.state == ItemState::Failed;
        cancelled += item.state == ItemState::Cancelled;
    }
    QString message;
    if (m_comparing && cancelled == 0 && timing.mode != RunMode::Serial) {
        const Comparison comparison{m_compareSerial, timing};
        message = tr("Compare finished: serial %1 s, parallel %2 s on %3 workers, speed-up %4×.")
                      .arg(comparison.serial.wallSeconds, 0, 'f', 1)
                      .arg(comparison.parallel.wallSeconds, 0, 'f', 1)
                      .arg(comparison.parallel.workers)
                      .arg(comparison.speedup(), 0, 'f', 2);
    } else {
        message = tr("Run finished in %1 s: %2 ok, %3 failed, %4 cancelled.")
                      .arg(timing.wallSeconds, 0, 'f', 1).arg(ok).arg(failed).arg(cancelled);
    }
    m_comparing = false;
    statusBar()->showMessage(message);
    notifyRunEnded(message);
}

void MainWindow::notifyRunEnded(const QString &message)
{
    if (isActiveWindow() && m_runClock.elapsed() < kNotifyAfterMs)
        return;
    if (!QSystemTrayIcon::isSystemTrayAvailable()) {
        QApplication::alert(this);
        return;
    }
    if (!m_tray) {
        m_tray = new QSystemTrayIcon(windowIcon(), this);
        m_tray->setToolTip(tr("FramePool"));
        connect(m_tray, &QSystemTrayIcon::messageClicked, this, [this] {
            showNormal();
            raise();
            activateWindow();
        });
        m_tray->show();
    }
    m_tray->showMessage(tr("FramePool"), message, QSystemTrayIcon::Information);
}

QString MainWindow::overallProgressText() const
{
    return m_overallBar->text();
}

void MainWindow::updateOverallProgress()
{
    const QList<ItemRecord> &items = m_engine->items();
    if (items.isEmpty()) {
        m_overallBar->setValue(0);
        m_overallBar->setFormat(tr("No run yet"));
        m_overallEta->clear();
        return;
    }
    int finished = 0;
    double fraction = 0;
    for (const ItemRecord &item : items) {
        if (isTerminal(item.state)) {
            ++finished;
            fraction += 1;
        } else if (item.framesTotal > 0) {
            fraction += std::min(1.0, double(item.framesDone) / double(item.framesTotal));
        }
    }
    fraction /= double(items.size());
    const bool serial = m_engine->options().mode == RunMode::Serial;
    m_overallBar->setValue(int(fraction * 1000));
    m_overallBar->setFormat((serial ? tr("Serial run: %1 of %2 items (%p%)") : tr("Parallel run: %1 of %2 items (%p%)"))
                                .arg(finished).arg(items.size()));
    const double elapsed = m_engine->activeSeconds();
    if (!m_engine->isRunning()) {
        m_overallEta->setText(tr("took %1").arg(formatDuration(m_engine->timing().wallSeconds)));
    } else if (m_engine->isPaused()) {
        m_overallEta->setText(tr("paused"));
    } else if (fraction > 0.01) {
        // Paused time is already out of activeSeconds, so it does not inflate the estimate.
        m_overallEta->setText(tr("ETA %1 (elapsed %2)")
                                  .arg(formatDuration(elapsed * (1 - fraction) / fraction), formatDuration(elapsed)));
    } else {
        m_overallEta->setText(tr("elapsed %1").arg(formatDuration(elapsed)));
    }
}

void MainWindow::updatePreview()
{
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid()) {
        m_preview->showThumbnail({}, {});
        return;
    }
    const QString name = current.siblingAtColumn(ItemModel::Name).data().toString();
    const QString status = current.siblingAtColumn(ItemModel::Status).data().toString();
    const QString worker = current.siblingAtColumn(ItemModel::Worker).data().toString();
    const QByteArray jpeg = current.data(ItemModel::ThumbnailRole).toByteArray();
    QString caption = worker.isEmpty() ? tr("%1 (%2)").arg(name, status) : tr("%1 (%2 on worker %3)").arg(name, status, worker);
    if (jpeg.isEmpty())
        caption += QLatin1Char('\n') + tr("Frames appear here while a worker analyses this item.");
    m_preview->showThumbnail(jpeg, caption);
}

void MainWindow::updateActions()
{
    const bool busy = isBusy();
    const bool hasRows = m_model->rowCount() > 0;
    const bool hasSelection = !m_view->selectedRows().isEmpty();
    for (ActionId id : {ActionId::RunParallel, ActionId::RunSerial, ActionId::Compare})
        action(id)->setEnabled(!busy && hasRows);
    QAction *pause = action(ActionId::PauseResume);
    pause->setEnabled(m_engine->isRunning() && m_launcherCanPause);
    pause->setStatusTip(m_launcherCanPause ? tr("Pause or resume the run; paused time is left out of timings")
                                           : tr("Slurm job steps cannot be paused from here; cancel instead"));
    const bool paused = m_engine->isPaused();
    pause->setText(paused ? tr("Res&ume") : tr("Pa&use"));
    pause->setIcon(paused ? themedIcon("media-playback-start", QStyle::SP_MediaPlay)
                          : themedIcon("media-playback-pause", QStyle::SP_MediaPause));
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
    m_analysisCombo->setEnabled(!busy);
    m_workerSpin->setEnabled(!busy);
    m_orderCombo->setEnabled(!busy);
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
    if (report::formatForPath(path) == report::Format::Pdf)
        return writePdfReport(report, path, error);
    return report::write(report, path, error);
}

void MainWindow::exportReportInteractively()
{
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
    QString path = QFileDialog::getSaveFileName(this, tr("Export Timing Report"),
                                                QDir(m_lastFolder).filePath(QStringLiteral("framepool-report.html")),
                                                filters.join(QStringLiteral(";;")), &chosenFilter);
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty()) {
        for (const auto &format : formats)
            if (format.first == chosenFilter)
                path += QLatin1Char('.') + format.second;
    }
    m_lastFolder = QFileInfo(path).absolutePath();
    QString error;
    // A report of thousands of items takes a moment to lay out (PDF charts need this thread).
    QGuiApplication::setOverrideCursor(Qt::WaitCursor);
    const bool written = exportReport(path, &error);
    QGuiApplication::restoreOverrideCursor();
    if (written)
        statusBar()->showMessage(tr("Report written to %1").arg(QDir::toNativeSeparators(path)), 8000);
    else
        QMessageBox::warning(this, tr("Export Report"), tr("The report could not be written:\n%1").arg(error));
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
        cancelAll();
    }
    saveQueue();
    saveSettings();
    event->accept();
}

void MainWindow::setStopConfirmation(std::function<bool()> confirm)
{
    m_confirmStop = std::move(confirm);
}

// --- Queue file -------------------------------------------------------------------------------

void MainWindow::setQueueFile(const QString &path)
{
    m_queueFile = path;
}

int MainWindow::restoreQueue()
{
    QString error;
    const QList<QueueEntry> entries = QueueStore(m_queueFile).load(&error);
    if (!error.isEmpty()) {
        statusBar()->showMessage(error);
        return 0;
    }
    const int restored = m_model->restoreEntries(entries);
    const int interrupted = int(m_model->rowsWithStatus(ItemModel::RowStatus::Interrupted).size());
    if (restored > 0) {
        statusBar()->showMessage(
            interrupted > 0 ? tr("Restored %n item(s) from the last session; ", nullptr, restored)
                                  + tr("%n interrupted (Retry Failed runs them again).", nullptr, interrupted)
                            : tr("Restored %n item(s) from the last session.", nullptr, restored));
    }
    // Restoring is not a change worth writing back.
    m_queueSaveTimer.stop();
    return restored;
}

bool MainWindow::saveQueue()
{
    m_queueSaveTimer.stop();
    m_lastQueueSave.start();
    QString error, notice;
    const bool saved = QueueStore(m_queueFile).save(m_model->queueEntries(), &error, &notice);
    if (!notice.isEmpty())
        statusBar()->showMessage(notice);
    // Said once, not on every change of a long run.
    if (!saved && !m_queueSaveFailed)
        statusBar()->showMessage(error);
    m_queueSaveFailed = !saved;
    return saved;
}

void MainWindow::scheduleQueueSave()
{
    // Not restarted on every change: a stream of changes still gets saved twice a second.
    if (!m_queueSaveTimer.isActive())
        m_queueSaveTimer.start();
}

void MainWindow::saveQueueSoon()
{
    if (!m_lastQueueSave.isValid() || m_lastQueueSave.elapsed() >= kQueueSaveIntervalMs)
        saveQueue();
    else
        scheduleQueueSave();
}

// --- Launcher ---------------------------------------------------------------------------------

void MainWindow::setLauncherSettings(const LauncherSettings &settings)
{
    m_launcher = settings;
    if (!m_loadingSettings)
        m_launcher.save();
    const int value = m_workerSpin->value();
    m_workerSpin->setMaximum(maxWorkers(settings.kind));
    m_workerSpin->setValue(value);
    m_workerSpin->setToolTip(settings.kind == LauncherKind::Slurm
                                 ? tr("Worker processes for parallel runs: Slurm job steps, up to %1").arg(m_workerSpin->maximum())
                                 : tr("Worker processes for parallel runs (%n usable core(s) here)", nullptr, usableCores()));
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
