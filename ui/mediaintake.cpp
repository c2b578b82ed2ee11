#include "mediaintake.h"

#include "itemmodel.h"
#include "mediaprobe.h"
#include "pathcheck.h"
#include "refusednotice.h"
#include "samplemedia.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QMainWindow>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>
#include <QStatusBar>
#include <QUrl>

namespace fp {

namespace {

const QString demoOfferedKey = QStringLiteral("firstStart/demoOffered");

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

} // namespace

MediaIntake::MediaIntake(ItemModel *model, RefusedNotice *refusedNotice, QMainWindow *window)
    : QObject(window), m_model(model), m_refusedNotice(refusedNotice), m_window(window)
{
}

int MediaIntake::addPaths(const QStringList &paths)
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
    m_refusedNotice->setRefused(refused);
    if (refused.isEmpty())
        m_window->statusBar()->showMessage(tr("Added %n item(s).", nullptr, added), 5000);
    else
        m_window->statusBar()->showMessage(tr("Added %n item(s); ", nullptr, added)
                                           + tr("refused %1: %2").arg(QFileInfo(refused.first().path).fileName(),
                                                                      refused.first().reason));
    return added;
}

void MediaIntake::addFiles()
{
    const QString videos = videoSuffixes().join(QStringLiteral(" *.")).prepend(QStringLiteral("*."));
    const QString images = imageSuffixes().join(QStringLiteral(" *.")).prepend(QStringLiteral("*."));
    const QStringList files = QFileDialog::getOpenFileNames(
        m_window, tr("Add Videos or Images"), m_lastFolder,
        tr("Media (%1 %2);;Videos (%1);;Images (%2);;All files (*)").arg(videos, images));
    if (files.isEmpty())
        return;
    m_lastFolder = QFileInfo(files.first()).absolutePath();
    addPaths(files);
}

void MediaIntake::addFolder()
{
    const QString folder = QFileDialog::getExistingDirectory(m_window, tr("Add a Folder of Images"), m_lastFolder);
    if (folder.isEmpty())
        return;
    m_lastFolder = folder;
    addPaths({folder});
}

bool MediaIntake::loadDemoSet()
{
    const QStringList paths = sampleMediaPaths();
    if (paths.isEmpty()) {
        m_window->statusBar()->showMessage(tr("No sample media found. Set FRAMEPOOL_SAMPLES to a folder of samples."));
        return false;
    }
    addPaths(paths);
    return true;
}

void MediaIntake::offerDemoSetOnFirstStart()
{
    QSettings settings;
    if (settings.value(demoOfferedKey, false).toBool() || m_model->rowCount() > 0)
        return;
    settings.setValue(demoOfferedKey, true);
    if (sampleMediaDir().isEmpty())
        return;
    const auto answer = QMessageBox::question(
        m_window, tr("Welcome to FramePool"),
        tr("Load the demo set of sample videos and images?\n\nThen press Compare to see how much faster "
           "a parallel run is than a serial one on this machine."),
        QMessageBox::Yes | QMessageBox::No, QMessageBox::Yes);
    if (answer == QMessageBox::Yes)
        loadDemoSet();
}

bool MediaIntake::carriesFiles(const QMimeData *mime)
{
    return !localFileUrls(mime).isEmpty();
}

bool MediaIntake::addDropped(const QMimeData *mime)
{
    const QList<QUrl> urls = localFileUrls(mime);
    if (urls.isEmpty())
        return false;
    QStringList paths;
    for (const QUrl &url : urls)
        paths << url.toLocalFile();
    addPaths(paths);
    return true;
}

} // namespace fp
