#include "slurmlauncher.h"

#include <QFileInfo>
#include <QProcess>

namespace fp {

SlurmLauncher::SlurmLauncher(SlurmOptions options)
    : m_options(std::move(options))
{
    // Nodes run the worker by path: a relative one would be resolved in the step's directory.
    const QString worker = m_options.workerProgram.isEmpty() ? LocalLauncher::defaultWorkerProgram()
                                                             : m_options.workerProgram;
    m_workerProgram = QFileInfo(worker).absoluteFilePath();
}

QString SlurmLauncher::defaultSrunProgram()
{
    const QString fromEnv = qEnvironmentVariable("FRAMEPOOL_SRUN");
    return fromEnv.isEmpty() ? QStringLiteral("srun") : fromEnv;
}

QString SlurmLauncher::srunProgram() const
{
    return m_options.srunProgram.isEmpty() ? defaultSrunProgram() : m_options.srunProgram;
}

QStringList SlurmLauncher::srunArguments(int cpus) const
{
    QStringList args{QStringLiteral("--ntasks=1"), QStringLiteral("--nodes=1"),
                     QStringLiteral("--cpus-per-task=%1").arg(cpus)};
    if (!m_options.partition.isEmpty())
        args << QStringLiteral("--partition=%1").arg(m_options.partition);
    if (!m_options.time.isEmpty())
        args << QStringLiteral("--time=%1").arg(m_options.time);
    if (!m_options.jobName.isEmpty())
        args << QStringLiteral("--job-name=%1").arg(m_options.jobName);
    // The task gets srun's environment, which carries the thread caps set in command().
    args << QStringLiteral("--export=ALL");
    // Later options win in srun, so the user's extras can override any of the above.
    args << m_options.extraArguments;
    return args;
}

LaunchCommand SlurmLauncher::command(const WorkerSettings &settings) const
{
    const int cpus = m_options.cpusPerTask > 0 ? m_options.cpusPerTask : std::max(1, settings.threads);
    LaunchCommand cmd;
    cmd.program = srunProgram();
    cmd.arguments = srunArguments(cpus);
    cmd.arguments << m_workerProgram << QStringLiteral("--threads") << QString::number(cpus);
    if (settings.memoryLimitMb > 0)
        cmd.arguments << QStringLiteral("--memory-limit-mb") << QString::number(settings.memoryLimitMb);
    cmd.environment = QProcessEnvironment::systemEnvironment();
    // The worker's thread pools match the CPUs Slurm gave it.
    capWorkerThreads(cmd.environment, cpus);
    return cmd;
}

bool SlurmLauncher::check(QString *error, int timeoutMs) const
{
    const int cpus = m_options.cpusPerTask > 0 ? m_options.cpusPerTask : 1;
    QProcess srun;
    srun.setProcessChannelMode(QProcess::MergedChannels);
    srun.start(srunProgram(), srunArguments(cpus) << QStringLiteral("--test-only") << m_workerProgram);
    QString reason;
    if (!srun.waitForStarted(timeoutMs)) {
        reason = QStringLiteral("cannot run %1: %2").arg(srunProgram(), srun.errorString());
    } else if (!srun.waitForFinished(timeoutMs)) {
        srun.kill();
        srun.waitForFinished(2000);
        reason = QStringLiteral("%1 --test-only did not answer within %2 s").arg(srunProgram()).arg(timeoutMs / 1000);
    } else if (srun.exitStatus() != QProcess::NormalExit || srun.exitCode() != 0) {
        QStringList lines;
        for (const QString &line : QString::fromLocal8Bit(srun.readAll()).split(QLatin1Char('\n'))) {
            if (!line.trimmed().isEmpty())
                lines << line.trimmed();
        }
        reason = lines.isEmpty() ? QStringLiteral("%1 --test-only exited with code %2").arg(srunProgram()).arg(srun.exitCode())
                                 : lines.join(QStringLiteral("; "));
    }
    if (error)
        *error = reason;
    return reason.isEmpty();
}

QString launcherKindName(LauncherKind kind)
{
    return kind == LauncherKind::Slurm ? QStringLiteral("slurm") : QStringLiteral("local");
}

std::optional<LauncherKind> launcherKindFromName(const QString &name)
{
    if (name == QLatin1String("local"))
        return LauncherKind::Local;
    if (name == QLatin1String("slurm"))
        return LauncherKind::Slurm;
    return std::nullopt;
}

QStringList launcherKindNames()
{
    return {QStringLiteral("local"), QStringLiteral("slurm")};
}

std::unique_ptr<WorkerLauncher> makeLauncher(LauncherKind kind, const SlurmOptions &slurm)
{
    if (kind == LauncherKind::Slurm)
        return std::make_unique<SlurmLauncher>(slurm);
    return std::make_unique<LocalLauncher>();
}

} // namespace fp
