#include "windowsettings.h"

#include "itemmodel.h"
#include "itemview.h"
#include "launcherchoice.h"
#include "mediaintake.h"
#include "runtoolbar.h"

#include <QDir>
#include <QHeaderView>
#include <QMainWindow>
#include <QSettings>

namespace fp {

namespace {

namespace key {
const QString geometry = QStringLiteral("window/geometry");
const QString state = QStringLiteral("window/state");
const QString header = QStringLiteral("window/queueHeader");
const QString lastFolder = QStringLiteral("paths/lastFolder");
} // namespace key

} // namespace

WindowSettings::WindowSettings(LauncherChoice *launcher, RunToolBar *runBar, ItemView *view, MediaIntake *intake,
                               QMainWindow *window)
    : QObject(window), m_launcher(launcher), m_runBar(runBar), m_view(view), m_intake(intake), m_window(window)
{
}

void WindowSettings::restore()
{
    // The launcher first: it sets how many workers the Run toolbar may ask for.
    m_launcher->load();
    m_runBar->loadSettings();
    QSettings settings;
    m_window->restoreGeometry(settings.value(key::geometry).toByteArray());
    m_window->restoreState(settings.value(key::state).toByteArray());
    m_view->header()->restoreState(settings.value(key::header).toByteArray());
    // The saved header may show the Host column; which machine ran an item matters only when it
    // can be another one.
    m_view->setColumnHidden(ItemModel::Host, m_launcher->settings().kind == LauncherKind::Local);
    m_intake->setLastFolder(settings.value(key::lastFolder, QDir::homePath()).toString());
}

void WindowSettings::save() const
{
    m_runBar->saveSettings();
    QSettings settings;
    settings.setValue(key::geometry, m_window->saveGeometry());
    settings.setValue(key::state, m_window->saveState());
    settings.setValue(key::header, m_view->header()->saveState());
    settings.setValue(key::lastFolder, m_intake->lastFolder());
}

} // namespace fp
