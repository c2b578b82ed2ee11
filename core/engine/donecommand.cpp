#include "donecommand.h"

#include <QProcess>
#include <QProcessEnvironment>

namespace fp {

DoneCommand::DoneCommand(QObject *parent)
    : QObject(parent)
{
}

QStringList DoneCommand::split(const QString &commandLine)
{
    return QProcess::splitCommand(commandLine);
}

bool DoneCommand::start(const QStringList &arguments, const QMap<QString, QString> &environment)
{
    if (arguments.isEmpty() || arguments.first().isEmpty())
        return false;
    auto *process = new QProcess(this);
    process->setProgram(arguments.first());
    process->setArguments(arguments.mid(1));
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (auto it = environment.cbegin(); it != environment.cend(); ++it)
        env.insert(it.key(), it.value());
    process->setProcessEnvironment(env);
    process->setStandardInputFile(QProcess::nullDevice());
    // Unread pipes would fill and stall the program: its output goes to this process's.
    process->setProcessChannelMode(QProcess::ForwardedChannels);
    const QString program = arguments.first();
    connect(process, &QProcess::errorOccurred, this, [this, process, program](QProcess::ProcessError error) {
        if (error != QProcess::FailedToStart)
            return; // a crash also ends in finished()
        Q_EMIT finished(tr("The when-done command %1 could not start: %2").arg(program, process->errorString()));
        process->deleteLater();
    });
    connect(process, &QProcess::finished, this, [this, process, program](int exitCode, QProcess::ExitStatus status) {
        Q_EMIT finished(status == QProcess::CrashExit ? tr("The when-done command %1 crashed.").arg(program)
                                                      : tr("The when-done command %1 exited with %2.").arg(program).arg(exitCode));
        process->deleteLater();
    });
    process->start();
    return true;
}

} // namespace fp
