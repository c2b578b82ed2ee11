#include "launcher.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QStandardPaths>
#include <QThread>

#include <sched.h>

namespace fp {

LocalLauncher::LocalLauncher(QString program, QStringList extraArguments)
    : m_program(std::move(program)), m_extraArguments(std::move(extraArguments))
{
}

LaunchCommand LocalLauncher::command(const WorkerSettings &settings) const
{
    LaunchCommand cmd;
    cmd.program = m_program;
    cmd.arguments = m_extraArguments;
    cmd.arguments << QStringLiteral("--threads") << QString::number(settings.threads);
    if (settings.memoryLimitMb > 0)
        cmd.arguments << QStringLiteral("--memory-limit-mb") << QString::number(settings.memoryLimitMb);
    cmd.environment = QProcessEnvironment::systemEnvironment();
    capWorkerThreads(cmd.environment, settings.threads);
    return cmd;
}

void capWorkerThreads(QProcessEnvironment &environment, int threads)
{
    const QString count = QString::number(threads);
    environment.insert(QStringLiteral("OPENCV_FOR_THREADS_NUM"), count);
    // Debian 12's OpenCV 4.6 does not read this one: its FFmpeg backend sizes the decoder's
    // threads from the CPU count (measured: a --threads 1 worker still decodes H.264 on
    // several threads). Set for OpenCV builds that do read it.
    environment.insert(QStringLiteral("OPENCV_FFMPEG_THREADS"), count);
    environment.insert(QStringLiteral("OMP_NUM_THREADS"), count);
}

QString LocalLauncher::defaultWorkerProgram()
{
    const QString fromEnv = qEnvironmentVariable("FRAMEPOOL_WORKER");
    if (!fromEnv.isEmpty())
        return fromEnv;
    const QString besideUs = QCoreApplication::applicationDirPath() + QStringLiteral("/framepool-worker");
    if (QFileInfo(besideUs).isExecutable())
        return besideUs;
    const QString onPath = QStandardPaths::findExecutable(QStringLiteral("framepool-worker"));
    return onPath.isEmpty() ? besideUs : onPath;
}

int usableCores()
{
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity(0, sizeof(set), &set) == 0) {
        const int count = CPU_COUNT(&set);
        if (count > 0)
            return count;
    }
    return qMax(1, QThread::idealThreadCount());
}

} // namespace fp
