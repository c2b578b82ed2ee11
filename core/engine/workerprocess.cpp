#include "workerprocess.h"

#include <QFile>
#include <QTimer>

#include <csignal>
#include <cstring>

#include <unistd.h>

namespace fp {

namespace {
constexpr qsizetype kMaxDiagnosticBytes = 300;
// srun ends a lost step with a few lines ("Node failure on node2" twice, then "Job step
// aborted"): enough of them to find the one that names the node.
constexpr qsizetype kStderrTailLines = 8;
// CPU time is counted in clock ticks (10 ms): a busy process shows some within this time.
constexpr qint64 kCpuSampleMs = 400;
}

qint64 processCpuTicks(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (pid <= 0 || !stat.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray line = stat.readAll();
    // The command name (field 2) is in parentheses and may hold spaces: count after its end.
    const qsizetype close = line.lastIndexOf(')');
    if (close < 0)
        return -1;
    const QList<QByteArray> fields = line.mid(close + 2).split(' ');
    // Fields 14 and 15 of the line (utime, stime) are 11 and 12 after the command name.
    if (fields.size() < 13)
        return -1;
    return fields[11].toLongLong() + fields[12].toLongLong();
}

qint64 defaultMemoryLimitMb(int workers, qint64 floorMb)
{
    const long pages = ::sysconf(_SC_PHYS_PAGES);
    const long pageSize = ::sysconf(_SC_PAGE_SIZE);
    if (pages <= 0 || pageSize <= 0)
        return floorMb;
    const qint64 ramMb = qint64(pages) * pageSize / (1024 * 1024);
    return std::max(floorMb, ramMb / std::max(1, workers));
}

QString describeExit(int exitCode, bool crashed)
{
    if (!crashed)
        return QStringLiteral("exited with code %1").arg(exitCode);
    const char *abbrev = sigabbrev_np(exitCode);
    return abbrev ? QStringLiteral("killed by signal %1 (SIG%2)").arg(exitCode).arg(QLatin1String(abbrev))
                  : QStringLiteral("killed by signal %1").arg(exitCode);
}

WorkerProcess::WorkerProcess(int id, LaunchCommand command, QObject *parent)
    : QObject(parent), m_id(id), m_command(std::move(command))
{
    m_process.setProcessChannelMode(QProcess::SeparateChannels);
    m_process.setProcessEnvironment(m_command.environment);
    connect(&m_process, &QProcess::readyReadStandardOutput, this, &WorkerProcess::readStdout);
    connect(&m_process, &QProcess::readyReadStandardError, this, &WorkerProcess::readStderr);
    connect(&m_process, &QProcess::finished, this, &WorkerProcess::onFinished);
    connect(&m_process, &QProcess::errorOccurred, this, &WorkerProcess::onError);
}

WorkerProcess::~WorkerProcess()
{
    // Never leave a worker running or a zombie behind.
    if (m_process.state() != QProcess::NotRunning) {
        m_process.disconnect(this);
        m_process.kill();
        m_process.waitForFinished(2000);
    }
}

void WorkerProcess::start()
{
    m_lastHeard.start();
    m_process.start(m_command.program, m_command.arguments, QIODevice::ReadWrite | QIODevice::Unbuffered);
    m_pid = m_process.processId();
}

void WorkerProcess::send(const protocol::Message &message)
{
    if (m_process.state() != QProcess::Running)
        return;
    // A worker that sat idle (between runs, or waiting for work) is not silent on its new task.
    if (std::holds_alternative<protocol::Task>(message))
        m_lastHeard.restart();
    m_process.write(protocol::encode(message));
}

void WorkerProcess::stop(int graceMs)
{
    if (m_stopping || m_process.state() == QProcess::NotRunning)
        return;
    m_stopping = true;
    send(protocol::Quit{});
    m_process.closeWriteChannel();
    QTimer::singleShot(graceMs, this, [this, graceMs] {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.terminate();
            QTimer::singleShot(graceMs, this, [this] { m_process.kill(); });
        }
    });
}

void WorkerProcess::terminate(const QString &cause, int graceMs)
{
    if (m_cause.isEmpty())
        m_cause = cause;
    m_stopping = true;
    if (m_process.state() == QProcess::NotRunning)
        return;
    resume(); // a stopped process cannot act on SIGTERM
    m_process.terminate();
    QTimer::singleShot(graceMs, this, [this] { m_process.kill(); });
}

void WorkerProcess::pause()
{
    if (m_pid > 0) {
        ::kill(pid_t(m_pid), SIGSTOP);
        m_paused = true;
    }
}

void WorkerProcess::resume()
{
    // Only a stopped process is sent SIGCONT: srun, which is never paused, would write "got
    // SIGCONT" into the item's log.
    if (!m_paused)
        return;
    m_paused = false;
    if (m_process.state() != QProcess::NotRunning)
        ::kill(pid_t(m_pid), SIGCONT);
    m_lastHeard.restart(); // time spent stopped is not silence
}

bool WorkerProcess::looksHung(qint64 limitMs)
{
    // Sampled on every call (the watchdog's tick), so that the verdict at the limit rests on
    // the CPU time of the last moments, not of the whole silence.
    if (!m_cpuSampledAt.isValid() || m_cpuSampledAt.elapsed() >= kCpuSampleMs) {
        const qint64 ticks = processCpuTicks(m_pid);
        m_usingCpu = m_cpuTicksSampled >= 0 && ticks > m_cpuTicksSampled;
        m_cpuTicksSampled = ticks;
        m_cpuSampledAt.start();
    }
    const qint64 silent = silentMs();
    return silent > limitMs && !(m_usingCpu && silent <= limitMs * kBusyHangFactor);
}

void WorkerProcess::readStdout()
{
    m_lastHeard.restart();
    m_buffer.append(m_process.readAllStandardOutput());
    qsizetype start = 0;
    for (;;) {
        const qsizetype newline = m_buffer.indexOf('\n', start);
        if (newline < 0)
            break;
        const QByteArrayView line(m_buffer.constData() + start, newline - start);
        start = newline + 1;
        if (line.trimmed().isEmpty())
            continue;
        const protocol::Decoded decoded = protocol::decode(line);
        if (!decoded.message) {
            fail(QStringLiteral("worker sent an invalid message: %1").arg(decoded.error));
            return;
        }
        if (const auto *hello = std::get_if<protocol::Hello>(&*decoded.message)) {
            if (m_ready) {
                fail(QStringLiteral("worker sent a second hello"));
                return;
            }
            m_ready = true;
            m_host = hello->host;
            m_job = hello->job;
            m_canNarrow = hello->canNarrow;
            Q_EMIT ready();
            continue;
        }
        if (!m_ready) {
            fail(QStringLiteral("worker sent a message before its hello"));
            return;
        }
        Q_EMIT messageReceived(*decoded.message);
    }
    m_buffer.remove(0, start);
    if (m_buffer.size() > m_maxLineBytes)
        fail(QStringLiteral("worker sent a line longer than %1 bytes").arg(m_maxLineBytes));
}

void WorkerProcess::readStderr()
{
    const QByteArray text = m_process.readAllStandardError();
    // Remember the last lines: when a worker (or srun) fails before its hello, the last one is
    // usually the only explanation, e.g. "srun: error: ... Invalid partition name specified".
    for (const QByteArray &line : text.split('\n')) {
        if (!line.trimmed().isEmpty())
            m_stderrTail << QString::fromLocal8Bit(line.trimmed().left(kMaxDiagnosticBytes));
    }
    if (m_stderrTail.size() > kStderrTailLines)
        m_stderrTail.remove(0, m_stderrTail.size() - kStderrTailLines);
    Q_EMIT diagnostics(text);
}

void WorkerProcess::fail(const QString &cause)
{
    m_buffer.clear();
    Q_EMIT protocolViolation(cause);
    terminate(cause, 1000);
}

void WorkerProcess::onFinished(int exitCode, QProcess::ExitStatus status)
{
    // Whatever it managed to say before exiting still counts (a result followed by exit).
    if (m_cause.isEmpty() && m_process.bytesAvailable() > 0)
        readStdout();
    readStderr(); // its last words may still be in the pipe
    const QString how = describeExit(exitCode, status == QProcess::CrashExit);
    if (!m_cause.isEmpty())
        emitFinished(m_cause, true);
    else if (m_stopping)
        emitFinished(how, true);
    else if (!m_ready && !m_stderrTail.isEmpty())
        emitFinished(QStringLiteral("worker %1 before it started: %2").arg(how, m_stderrTail.last()), false);
    else
        emitFinished(QStringLiteral("worker %1").arg(how), false);
}

void WorkerProcess::onError(QProcess::ProcessError error)
{
    if (error == QProcess::FailedToStart)
        emitFinished(QStringLiteral("cannot start worker %1: %2").arg(m_command.program, m_process.errorString()), false);
}

void WorkerProcess::emitFinished(const QString &cause, bool expected)
{
    if (m_finishedEmitted)
        return;
    m_finishedEmitted = true;
    Q_EMIT finished(cause, expected);
}

} // namespace fp
