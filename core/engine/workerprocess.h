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
    // A worker kept from an earlier run takes the number of the place it fills in the next.
    void setId(int id) { m_id = id; }
    [[nodiscard]] const LaunchCommand &command() const { return m_command; }
    [[nodiscard]] qint64 pid() const { return m_pid; }
    [[nodiscard]] QString host() const { return m_host; }
    // The cluster job it runs in, from its hello; empty outside a cluster.
    [[nodiscard]] QString job() const { return m_job; }
    // Whether its hello said it answers `narrow` (work stealing).
    [[nodiscard]] bool canNarrow() const { return m_canNarrow; }
    // Its last non-empty lines on stderr, oldest first: srun's explanation when a step ends.
    [[nodiscard]] QStringList stderrTail() const { return m_stderrTail; }
    [[nodiscard]] bool isReady() const { return m_ready; }
    // Milliseconds since the worker last said anything or was given a task (for hang detection).
    [[nodiscard]] qint64 silentMs() const { return m_lastHeard.elapsed(); }
    // Whether it counts as hung: silent for over `limitMs` and not busy. A worker that keeps
    // using CPU (one huge image takes a while) is busy, not hung, up to kBusyHangFactor times
    // the limit, so that a decoder spinning forever on damaged data is still ended. Called on
    // each tick of the engine's watchdog, which samples CPU time from /proc.
    [[nodiscard]] bool looksHung(qint64 limitMs);
    static constexpr int kBusyHangFactor = 10;

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
    QString m_job;
    bool m_canNarrow = false;
    bool m_ready = false;
    bool m_stopping = false;
    bool m_paused = false; // sent SIGSTOP, not yet SIGCONT
    bool m_finishedEmitted = false;
    QString m_cause; // why we ended it, when we did
    QStringList m_stderrTail; // last lines on stderr
    QElapsedTimer m_lastHeard;
    qint64 m_cpuTicksSampled = -1; // utime + stime at the last sample, -1 before the first
    QElapsedTimer m_cpuSampledAt;
    bool m_usingCpu = false;       // CPU time advanced between the last two samples
    qsizetype m_maxLineBytes = protocol::MaxLineBytes;
};

// CPU time (user + system, in clock ticks) process `pid` has used, from /proc/<pid>/stat;
// -1 when it cannot be read (no such process, not Linux).
[[nodiscard]] qint64 processCpuTicks(qint64 pid);

// The memory limit per worker when none is given: the machine's RAM shared by `workers`, and
// never below `floorMb`, in MiB.
[[nodiscard]] qint64 defaultMemoryLimitMb(int workers, qint64 floorMb = 1024);

// "exited with code 3", "killed by signal 9 (SIGKILL)".
[[nodiscard]] QString describeExit(int exitCode, bool crashed);

} // namespace fp
