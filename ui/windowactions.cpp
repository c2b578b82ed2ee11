#include "windowactions.h"

#include <QAction>
#include <QApplication>
#include <QIcon>
#include <QKeySequence>
#include <QMessageBox>
#include <QStyle>

namespace fp {

namespace {

QIcon themedIcon(const char *name, QStyle::StandardPixmap fallback)
{
    return QIcon::fromTheme(QString::fromLatin1(name), QApplication::style()->standardIcon(fallback));
}

} // namespace

WindowActions::WindowActions(QObject *parent)
    : QObject(parent)
{
    struct Spec
    {
        Id id;
        QString text;
        QIcon icon;
        QKeySequence shortcut;
        QString tip;
    };
    const QList<Spec> specs{
        {Id::AddFiles, tr("Add &Files…"), themedIcon("document-open", QStyle::SP_DialogOpenButton),
         QKeySequence::Open, tr("Add videos or images to the queue")},
        {Id::AddFolder, tr("Add F&older…"), themedIcon("folder-open", QStyle::SP_DirOpenIcon),
         QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O), tr("Add a folder of images as one image set")},
        {Id::RunParallel, tr("Run &Parallel"), themedIcon("media-playback-start", QStyle::SP_MediaPlay),
         QKeySequence(Qt::CTRL | Qt::Key_R), tr("Analyse the queue with the chosen number of workers")},
        {Id::RunSerial, tr("Run &Serial"), themedIcon("go-next", QStyle::SP_ArrowForward),
         QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R), tr("Analyse the queue on one worker, one item after another")},
        {Id::Compare, tr("&Compare"), themedIcon("view-statistics", QStyle::SP_FileDialogContentsView),
         QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C),
         tr("Run the queue serially, then in parallel, and show the speed-up")},
        {Id::PauseResume, tr("Pa&use"), themedIcon("media-playback-pause", QStyle::SP_MediaPause),
         QKeySequence(Qt::CTRL | Qt::Key_P), tr("Pause or resume the run; paused time is left out of timings")},
        {Id::CancelSelected, tr("Cancel Se&lected"), themedIcon("process-stop", QStyle::SP_DialogCancelButton),
         QKeySequence(Qt::SHIFT | Qt::Key_Escape), tr("Stop the selected items")},
        {Id::CancelAll, tr("Cancel &All"), themedIcon("media-playback-stop", QStyle::SP_MediaStop),
         QKeySequence(Qt::Key_Escape), tr("Stop the run; finished results stay")},
        {Id::RetryFailed, tr("Re&try Failed"), themedIcon("view-refresh", QStyle::SP_BrowserReload),
         QKeySequence(Qt::CTRL | Qt::Key_T), tr("Run the selected failed items again, or all failed and cancelled ones")},
        {Id::Remove, tr("&Remove"), themedIcon("list-remove", QStyle::SP_TrashIcon), QKeySequence::Delete,
         tr("Remove the selected items from the queue")},
        {Id::Clear, tr("C&lear Queue"), themedIcon("edit-clear", QStyle::SP_DialogResetButton),
         QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Delete), tr("Remove every item from the queue")},
        {Id::MoveToTop, tr("Move to &Top"), themedIcon("go-top", QStyle::SP_ArrowUp),
         QKeySequence(Qt::CTRL | Qt::Key_Home), tr("Move the selected items to the top of the queue")},
        {Id::ViewLog, tr("View &Log…"), themedIcon("text-x-generic", QStyle::SP_FileDialogInfoView),
         QKeySequence(Qt::CTRL | Qt::Key_L), tr("Show what the worker wrote while analysing the current item")},
        {Id::ShowDetails, tr("&Details…"), themedIcon("document-properties", QStyle::SP_FileDialogContentsView),
         QKeySequence(Qt::CTRL | Qt::Key_I), tr("Show the whole result of the current item")},
        {Id::ExportReport, tr("&Export Report…"), themedIcon("document-save-as", QStyle::SP_DialogSaveButton),
         QKeySequence(Qt::CTRL | Qt::Key_E), tr("Save the timing report as HTML, PDF, CSV or JSON")},
        {Id::ExportResults, tr("Export &Results…"), themedIcon("document-export", QStyle::SP_DialogSaveButton),
         QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E), tr("Save what the last run computed as CSV or JSON")},
        {Id::Settings, tr("&Settings…"), themedIcon("preferences-system", QStyle::SP_FileDialogDetailedView),
         QKeySequence::Preferences, tr("How runs behave (schedule, retries, timeouts, memory, threads) and where workers run")},
        {Id::About, tr("&About FramePool"), {}, {}, {}},
        {Id::Quit, tr("&Quit"), themedIcon("application-exit", QStyle::SP_DialogCloseButton),
         QKeySequence::Quit, tr("Quit FramePool")},
    };
    for (const Spec &spec : specs) {
        auto *action = new QAction(spec.icon, spec.text, this);
        action->setShortcut(spec.shortcut);
        const QString keys = spec.shortcut.toString(QKeySequence::NativeText);
        action->setToolTip(keys.isEmpty() ? spec.tip : tr("%1 (%2)").arg(spec.tip, keys));
        action->setStatusTip(spec.tip);
        m_actions[size_t(spec.id)] = action;
    }
}

void WindowActions::showPaused(bool paused, bool canPause)
{
    QAction *pause = get(Id::PauseResume);
    pause->setStatusTip(canPause ? tr("Pause or resume the run; paused time is left out of timings")
                                 : tr("Slurm job steps cannot be paused from here; cancel instead"));
    pause->setText(paused ? tr("Res&ume") : tr("Pa&use"));
    pause->setIcon(paused ? themedIcon("media-playback-start", QStyle::SP_MediaPlay)
                          : themedIcon("media-playback-pause", QStyle::SP_MediaPause));
}

void WindowActions::showAbout(QWidget *parent)
{
    QMessageBox::about(parent, tr("About FramePool"),
                       tr("<h3>FramePool %1</h3><p>Analyses videos and image sets in parallel worker "
                          "processes, with live progress and a serial-versus-parallel timing report.</p>")
                           .arg(QCoreApplication::applicationVersion()));
}

} // namespace fp
