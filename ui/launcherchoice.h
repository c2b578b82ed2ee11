#pragma once

#include "launchersettings.h"
#include "runsettings.h"

#include <QObject>

class QMainWindow;

namespace fp {

class Engine;
class RunSession;

// What the Settings dialog chooses, kept in QSettings, taking effect from the next run: where
// the window's runs start their workers (and whether the launcher of the current or last run
// can pause), and how runs behave (RunSettings: the CLI's run options and the schedule).
class LauncherChoice : public QObject
{
    Q_OBJECT

public:
    LauncherChoice(const RunSession *session, QMainWindow *window);

    [[nodiscard]] const LauncherSettings &settings() const { return m_settings; }
    // Takes effect from the next run; saved in QSettings.
    void set(const LauncherSettings &settings);
    [[nodiscard]] const RunSettings &runSettings() const { return m_runSettings; }
    // Takes effect from the next run; saved in QSettings.
    void setRunSettings(const RunSettings &settings);
    // The choices saved in QSettings (not written back).
    void load();
    // Gives the engine a launcher of the chosen kind for the run about to start.
    void applyTo(Engine *engine);
    // Of the launcher the current or last run uses; between runs, of the chosen one.
    [[nodiscard]] bool canPause() const { return m_canPause; }
    // Opens the Settings dialog; an accepted choice is set and said in the status bar.
    void openDialog();

Q_SIGNALS:
    void changed(const fp::LauncherSettings &settings);

private:
    void choose(const LauncherSettings &settings);

    const RunSession *m_session;
    QMainWindow *m_window;
    LauncherSettings m_settings;
    RunSettings m_runSettings;
    bool m_canPause = true;
};

} // namespace fp
