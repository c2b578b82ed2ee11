#include "workerprocess.h"

#include <QTimer>

#include <csignal>
#include <cstring>

namespace fp {

namespace {
constexpr qsizetype kMaxDiagnosticBytes = 300;
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
    if (m_process.state() == QProcess::Running)
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
    if (m_pid > 0)
        ::kill(pid_t(m_pid), SIGSTOP);
}

void WorkerProcess::resume()
{
    if (m_pid > 0 && m_process.state() != QProcess::NotRunning)
        ::kill(pid_t(m_pid), SIGCONT);
    m_lastHeard.restart(); // time spent stopped is not silence
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
    // Remember the last line: when a worker (or srun) fails before its hello, that line is
    // usually the only explanation, e.g. "srun: error: ... Invalid partition name specified".
    const QList<QByteArray> lines = text.split('\n');
    for (auto it = lines.rbegin(); it != lines.rend(); ++it) {
        const QByteArray line = it->trimmed();
        if (!line.isEmpty()) {
            m_lastDiagnostic = QString::fromLocal8Bit(line.left(kMaxDiagnosticBytes));
            break;
        }
    }
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
    else if (!m_ready && !m_lastDiagnostic.isEmpty())
        emitFinished(QStringLiteral("worker %1 before it started: %2").arg(how, m_lastDiagnostic), false);
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
