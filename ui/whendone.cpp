#include "whendone.h"

#include "donecommand.h"
#include "runnotifier.h"
#include "runsession.h"

#include <QAction>
#include <QActionGroup>
#include <QInputDialog>
#include <QMenu>
#include <QSettings>
#include <QWidget>

#include <algorithm>

namespace fp {

namespace {

namespace key {
const QString action = QStringLiteral("run/whenDone");
const QString command = QStringLiteral("run/whenDoneCommand");
} // namespace key

} // namespace

WhenDone::WhenDone(QWidget *window)
    : QObject(window), m_window(window), m_notifier(new RunNotifier(window)), m_runner(new DoneCommand(this))
{
    QSettings settings;
    const int saved = settings.value(key::action, int(Action::Notify)).toInt();
    m_action = saved >= 0 && saved < int(Action::Count) ? Action(saved) : Action::Notify;
    m_command = settings.value(key::command).toString();
    if (m_action == Action::RunCommand && DoneCommand::split(m_command).isEmpty())
        m_action = Action::Notify;

    auto *group = new QActionGroup(this);
    const std::array<QString, size_t(Action::Count)> texts{
        tr("Do &Nothing"), tr("&Notify Me"), tr("Run a &Command…"), tr("&Quit FramePool")};
    for (size_t i = 0; i < texts.size(); ++i) {
        auto *entry = new QAction(texts.at(i), group);
        entry->setCheckable(true);
        entry->setChecked(Action(i) == m_action);
        m_actions[i] = entry;
    }
    m_actions[size_t(Action::Notify)]->setStatusTip(tr("A tray message, or the taskbar's alert, when you are not looking"));
    m_actions[size_t(Action::RunCommand)]->setStatusTip(
        tr("Start a program of your choice (no shell); FRAMEPOOL_SUMMARY and the counts are in its environment"));
    m_actions[size_t(Action::Quit)]->setStatusTip(tr("Quit once the queue is done, saving it first"));
    connect(group, &QActionGroup::triggered, this, [this](QAction *entry) {
        const auto chosen = Action(std::find(m_actions.begin(), m_actions.end(), entry) - m_actions.begin());
        if (chosen == Action::RunCommand)
            askForCommand();
        else
            setAction(chosen);
    });
    connect(m_runner, &DoneCommand::finished, this, &WhenDone::message);
}

QMenu *WhenDone::createMenu(QWidget *parent)
{
    auto *menu = new QMenu(tr("When &Done"), parent);
    for (QAction *entry : m_actions)
        menu->addAction(entry);
    return menu;
}

void WhenDone::setAction(Action action)
{
    m_action = action;
    m_actions.at(size_t(action))->setChecked(true);
    save();
}

void WhenDone::setCommand(const QString &commandLine)
{
    m_command = commandLine.trimmed();
    save();
}

// The command is asked for each time it is chosen, filled in with the last one; a cancelled
// or empty answer keeps the previous choice.
void WhenDone::askForCommand()
{
    m_actions.at(size_t(m_action))->setChecked(true);
    auto *dialog = new QInputDialog(m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Run a Command When Done"));
    dialog->setLabelText(tr("Program and arguments (no shell; \"double quotes\" group words):"));
    dialog->setTextValue(m_command);
    connect(dialog, &QInputDialog::textValueSelected, this, [this](const QString &text) {
        if (DoneCommand::split(text).isEmpty())
            return;
        setCommand(text);
        setAction(Action::RunCommand);
    });
    dialog->open();
}

void WhenDone::runEnded(const RunOutcome &outcome, qint64 runMs)
{
    if (outcome.cancelledByUser)
        return;
    switch (m_action) {
    case Action::Nothing:
    case Action::Count: return;
    case Action::Notify: m_notifier->runEnded(outcome.summary(), runMs); return;
    case Action::RunCommand: runCommand(outcome); return;
    case Action::Quit: Q_EMIT quitRequested(); return;
    }
}

void WhenDone::runCommand(const RunOutcome &outcome)
{
    const QMap<QString, QString> environment{
        {QStringLiteral("FRAMEPOOL_SUMMARY"), outcome.summary()},
        {QStringLiteral("FRAMEPOOL_DONE"), QString::number(outcome.done)},
        {QStringLiteral("FRAMEPOOL_FAILED"), QString::number(outcome.failed)},
        {QStringLiteral("FRAMEPOOL_CANCELLED"), QString::number(outcome.cancelled)},
        {QStringLiteral("FRAMEPOOL_LEFT_QUEUED"), QString::number(outcome.leftQueued)},
    };
    if (!m_runner->start(DoneCommand::split(m_command), environment))
        Q_EMIT message(tr("No when-done command is set."));
}

void WhenDone::save() const
{
    QSettings settings;
    settings.setValue(key::action, int(m_action));
    settings.setValue(key::command, m_command);
}

} // namespace fp
