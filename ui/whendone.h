#pragma once

#include <QObject>
#include <QString>

#include <array>

class QAction;
class QMenu;
class QWidget;

namespace fp {

class DoneCommand;
class RunNotifier;
struct RunOutcome;

// What happens when a run, or a whole Compare, ends by itself or after "Finish Running Items":
// nothing, a notification, a command of the person's choosing, or quitting. Nothing happens
// after Cancel All: whoever cancelled is at the window. The choice is remembered in QSettings.
class WhenDone : public QObject
{
    Q_OBJECT

public:
    enum class Action { Nothing, Notify, RunCommand, Quit, Count };

    explicit WhenDone(QWidget *window);

    // The Run menu's "When Done" submenu: one checkable entry per action.
    [[nodiscard]] QMenu *createMenu(QWidget *parent);
    [[nodiscard]] Action action() const { return m_action; }
    void setAction(Action action);
    // Words as DoneCommand::split reads them; the program first.
    [[nodiscard]] QString command() const { return m_command; }
    void setCommand(const QString &commandLine);
    // The menu entry that chooses `action` (for tests).
    [[nodiscard]] QAction *menuAction(Action action) const { return m_actions.at(size_t(action)); }

    void runEnded(const RunOutcome &outcome, qint64 runMs);

Q_SIGNALS:
    void quitRequested();
    // How the command ended, for the status bar.
    void message(const QString &text);

private:
    void askForCommand();
    void runCommand(const RunOutcome &outcome);
    void save() const;

    QWidget *m_window;
    RunNotifier *m_notifier;
    DoneCommand *m_runner;
    Action m_action = Action::Notify;
    QString m_command;
    std::array<QAction *, size_t(Action::Count)> m_actions{};
};

} // namespace fp
