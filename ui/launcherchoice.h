#pragma once

#include "launchersettings.h"

#include <QObject>

class QMainWindow;

namespace fp {

class Engine;
class RunSession;

// Where the window's runs start their workers: the person's choice (the Settings dialog, kept in
// QSettings), which takes effect from the next run, and whether the launcher of the current or
// last run can pause.
class LauncherChoice : public QObject
{
    Q_OBJECT

public:
    LauncherChoice(const RunSession *session, QMainWindow *window);

    [[nodiscard]] const LauncherSettings &settings() const { return m_settings; }
    // Takes effect from the next run; saved in QSettings.
    void set(const LauncherSettings &settings);
    // The choice saved in QSettings (not written back).
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
    bool m_canPause = true;
};

} // namespace fp
