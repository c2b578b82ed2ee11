#include "launchersettings.h"

#include "launcher.h"

#include <QProcess>
#include <QSettings>

namespace fp {

namespace {

constexpr int kMaxClusterWorkers = 256;

namespace key {
const QString launcher = QStringLiteral("launcher/kind");
const QString partition = QStringLiteral("slurm/partition");
const QString cpus = QStringLiteral("slurm/cpusPerTask");
const QString time = QStringLiteral("slurm/time");
const QString extra = QStringLiteral("slurm/extraArguments");
} // namespace key

} // namespace

SlurmOptions LauncherSettings::slurmOptions() const
{
    SlurmOptions options;
    options.partition = partition.trimmed();
    options.cpusPerTask = cpusPerTask;
    options.time = time.trimmed();
    options.extraArguments = QProcess::splitCommand(extraArguments);
    return options;
}

std::unique_ptr<WorkerLauncher> LauncherSettings::makeLauncher() const
{
    return fp::makeLauncher(kind, slurmOptions());
}

LauncherSettings LauncherSettings::load()
{
    QSettings settings;
    LauncherSettings s;
    s.kind = launcherKindFromName(settings.value(key::launcher).toString()).value_or(LauncherKind::Local);
    s.partition = settings.value(key::partition).toString();
    s.cpusPerTask = std::max(0, settings.value(key::cpus, 0).toInt());
    s.time = settings.value(key::time).toString();
    s.extraArguments = settings.value(key::extra).toString();
    return s;
}

void LauncherSettings::save() const
{
    QSettings settings;
    settings.setValue(key::launcher, launcherKindName(kind));
    settings.setValue(key::partition, partition);
    settings.setValue(key::cpus, cpusPerTask);
    settings.setValue(key::time, time);
    settings.setValue(key::extra, extraArguments);
}

int maxWorkers(LauncherKind kind)
{
    return kind == LauncherKind::Slurm ? kMaxClusterWorkers : 2 * usableCores();
}

} // namespace fp
