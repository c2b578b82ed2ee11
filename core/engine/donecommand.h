#pragma once

#include <QMap>
#include <QObject>
#include <QString>
#include <QStringList>

namespace fp {

// Runs the program a person chose to run when a run ends ("When Done: Run a Command"). The
// command is an argument list started directly, never through a shell, so nothing in it is
// expanded or executed but the program itself. What the run did reaches the program in its
// environment. Here rather than in the window because the GUI knows no QProcess.
class DoneCommand : public QObject
{
    Q_OBJECT

public:
    explicit DoneCommand(QObject *parent = nullptr);

    // Splits a command line into words: spaces separate, double quotes group ("a b" is one
    // word), and nothing else is special: no variables, globs, pipes or semicolons.
    [[nodiscard]] static QStringList split(const QString &commandLine);

    // Starts `arguments` (the program first), with `environment` added to this process's own.
    // False when there is no program; how it ends, or that it could not start, comes by
    // finished(). Its output goes where this process's goes.
    bool start(const QStringList &arguments, const QMap<QString, QString> &environment);

Q_SIGNALS:
    // One line for the status bar.
    void finished(const QString &outcome);
};

} // namespace fp
