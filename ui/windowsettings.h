#pragma once

#include <QObject>

class QMainWindow;

namespace fp {

class ItemView;
class LauncherChoice;
class MediaIntake;
class RunToolBar;

// What the window keeps across sessions in QSettings: where workers run and how runs behave
// (LauncherChoice), the Run toolbar's fields, the window's geometry, docks and toolbars, the
// queue's columns, and the folder the file dialogs open in.
class WindowSettings : public QObject
{
    Q_OBJECT

public:
    WindowSettings(LauncherChoice *launcher, RunToolBar *runBar, ItemView *view, MediaIntake *intake,
                   QMainWindow *window);

    void restore();
    void save() const;

private:
    LauncherChoice *m_launcher;
    RunToolBar *m_runBar;
    ItemView *m_view;
    MediaIntake *m_intake;
    QMainWindow *m_window;
};

} // namespace fp
