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
    // For libraries the worker does not configure itself. (FFmpeg's decoder threads, which
    // OpenCV 4.6 takes from the processor count, are capped inside the worker: cpubudget.h.)
    environment.insert(QStringLiteral("OPENCV_FOR_THREADS_NUM"), count);
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
