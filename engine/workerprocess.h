#pragma once

#include "launcher.h"
#include "protocol.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QObject>
#include <QProcess>

namespace fp {

// One worker process: starts it from a launch command, splits its stdout into protocol
// messages and reports, once, how it ended. Anything the worker sends that is not a valid
// message (garbage, an over-long line) ends the worker: it can no longer be trusted.
class WorkerProcess : public QObject
{
    Q_OBJECT

public:
    WorkerProcess(int id, LaunchCommand command, QObject *parent = nullptr);
    ~WorkerProcess() override;

    void setMaxLineBytes(qsizetype bytes) { m_maxLineBytes = bytes; }
    void start();
    void send(const protocol::Message &message);
    // Asks it to finish: quit message and EOF on stdin; terminate, then kill, if it lingers.
    void stop(int graceMs);
    // Ends it now (SIGTERM, then SIGKILL after `graceMs`), with `cause` as the reason.
    void terminate(const QString &cause, int graceMs);
    void pause();
    void resume();

    [[nodiscard]] int id() const { return m_id; }
    [[nodiscard]] qint64 pid() const { return m_pid; }
    [[nodiscard]] QString host() const { return m_host; }
    [[nodiscard]] bool isReady() const { return m_ready; }
    // Milliseconds since the worker last said anything (for hang detection).
    [[nodiscard]] qint64 silentMs() const { return m_lastHeard.elapsed(); }

Q_SIGNALS:
    void ready();
    void messageReceived(const fp::protocol::Message &message);
    void diagnostics(const QByteArray &text); // stderr
    // It broke the protocol (garbage, an over-long line, out-of-order messages); it is being
    // terminated and finished() follows.
    void protocolViolation(const QString &reason);
    // Emitted once. `expected` = it ended because it was asked to (stop) or after terminate().
    void finished(const QString &cause, bool expected);

private:
    void readStdout();
    void readStderr();
    void onFinished(int exitCode, QProcess::ExitStatus status);
    void onError(QProcess::ProcessError error);
    void fail(const QString &cause);
    void emitFinished(const QString &cause, bool expected);

    int m_id;
    LaunchCommand m_command;
    QProcess m_process;
    QByteArray m_buffer;
    qint64 m_pid = 0;
    QString m_host;
    bool m_ready = false;
    bool m_stopping = false;
    bool m_finishedEmitted = false;
    QString m_cause; // why we ended it, when we did
    QString m_lastDiagnostic; // last line on stderr
    QElapsedTimer m_lastHeard;
    qsizetype m_maxLineBytes = protocol::MaxLineBytes;
};

// "exited with code 3", "killed by signal 9 (SIGKILL)".
[[nodiscard]] QString describeExit(int exitCode, bool crashed);

} // namespace fp
