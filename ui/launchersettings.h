#pragma once

#include "slurmlauncher.h"

#include <QString>

namespace fp {

// Where the GUI's workers run: this machine, or Slurm job steps. Kept in QSettings; the extra
// srun arguments are kept as typed and split (QProcess::splitCommand, no shell) when used.
struct LauncherSettings
{
    LauncherKind kind = LauncherKind::Local;
    QString partition;
    int cpusPerTask = 0; // 0 = the engine's threads per worker
    QString time;
    QString extraArguments;

    [[nodiscard]] SlurmOptions slurmOptions() const;
    [[nodiscard]] std::unique_ptr<WorkerLauncher> makeLauncher() const;

    [[nodiscard]] static LauncherSettings load();
    void save() const;

    [[nodiscard]] bool operator==(const LauncherSettings &other) const
    {
        return kind == other.kind && partition == other.partition && cpusPerTask == other.cpusPerTask
               && time == other.time && extraArguments == other.extraArguments;
    }
};

// Parallel runs may ask for this many workers: a cluster is not bounded by local cores.
[[nodiscard]] int maxWorkers(LauncherKind kind);

} // namespace fp
