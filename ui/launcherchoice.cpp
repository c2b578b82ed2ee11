#include "launcherchoice.h"

#include "engine.h"
#include "launcher.h"
#include "runsession.h"
#include "settingsdialog.h"

#include <QMainWindow>
#include <QStatusBar>

namespace fp {

LauncherChoice::LauncherChoice(const RunSession *session, QMainWindow *window)
    : QObject(window), m_session(session), m_window(window)
{
}

void LauncherChoice::set(const LauncherSettings &settings)
{
    settings.save();
    choose(settings);
}

void LauncherChoice::setRunSettings(const RunSettings &settings)
{
    settings.save();
    m_runSettings = settings;
}

void LauncherChoice::load()
{
    m_runSettings = RunSettings::load();
    choose(LauncherSettings::load());
}

void LauncherChoice::choose(const LauncherSettings &settings)
{
    m_settings = settings;
    // A running run keeps the launcher it started with.
    if (!m_session->isBusy())
        m_canPause = settings.makeLauncher()->canPause();
    Q_EMIT changed(m_settings);
}

void LauncherChoice::applyTo(Engine *engine)
{
    auto launcher = m_settings.makeLauncher();
    m_canPause = launcher->canPause();
    engine->setLauncher(std::move(launcher));
}

void LauncherChoice::openDialog()
{
    auto *dialog = new SettingsDialog(m_settings, m_window);
    dialog->setRunSettings(m_runSettings);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        setRunSettings(dialog->runSettings());
        set(dialog->settings());
        m_window->statusBar()->showMessage(m_settings.kind == LauncherKind::Slurm
                                               ? tr("Runs start their workers through Slurm.")
                                               : tr("Runs start their workers on this machine."),
                                           5000);
    });
    dialog->open();
}

} // namespace fp
