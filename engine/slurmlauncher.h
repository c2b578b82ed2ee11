#pragma once

#include "launcher.h"

#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace fp {

// What a Slurm launcher asks the cluster for, per worker. Shared by the CLI options and the GUI
// settings.
struct SlurmOptions
{
    QString partition;          // srun --partition; empty = the cluster's default partition
    int cpusPerTask = 0;        // srun --cpus-per-task and the worker's threads; 0 = WorkerSettings::threads
    QString time;               // srun --time ("30", "1:00:00", "1-0"); empty = the partition's default
    QStringList extraArguments; // more srun options, each one list element (never through a shell)
    QString srunProgram;        // empty = $FRAMEPOOL_SRUN, else "srun" from PATH
    QString workerProgram;      // empty = LocalLauncher::defaultWorkerProgram(); made absolute
    QString jobName = QStringLiteral("framepool-worker");
};

// Starts each worker as its own Slurm job step:
//   srun --ntasks=1 --cpus-per-task=K [--partition=P] [--time=T] [extra...] framepool-worker ...
// srun forwards the worker's stdin and stdout, so the protocol runs unchanged; srun's own errors
// (allocation refused, invalid partition) arrive on stderr. SIGTERM to srun cancels the step and
// its job, which is how the engine's terminate/cancel reaches the node. The worker program must
// be at the same absolute path on every node, and the inputs on a filesystem the nodes share.
class SlurmLauncher : public WorkerLauncher
{
public:
    explicit SlurmLauncher(SlurmOptions options = {});

    [[nodiscard]] LaunchCommand command(const WorkerSettings &settings) const override;
    [[nodiscard]] QString name() const override { return QStringLiteral("slurm"); }
    // SIGSTOP to srun would stop the forwarding, not the worker on its node.
    [[nodiscard]] bool canPause() const override { return false; }
    // An allocation may wait in the queue: ten minutes before a pending worker is retried.
    [[nodiscard]] int defaultStartTimeoutMs() const override { return 10 * 60 * 1000; }

    [[nodiscard]] const SlurmOptions &options() const { return m_options; }

    // Asks Slurm whether it would start a worker with these options, without submitting a job
    // (srun --test-only). Blocks for up to `timeoutMs`. On false, `error` gets Slurm's reason,
    // e.g. "srun: error: invalid partition specified: nope; allocation failure: Invalid
    // partition name specified". For a fail-fast check before a run, or a GUI "Test" button.
    [[nodiscard]] bool check(QString *error, int timeoutMs = 30000) const;

    // $FRAMEPOOL_SRUN, else "srun".
    [[nodiscard]] static QString defaultSrunProgram();

private:
    [[nodiscard]] QString srunProgram() const;
    [[nodiscard]] QStringList srunArguments(int cpus) const;

    SlurmOptions m_options;
    QString m_workerProgram;
};

enum class LauncherKind { Local, Slurm };

[[nodiscard]] QString launcherKindName(LauncherKind kind);
[[nodiscard]] std::optional<LauncherKind> launcherKindFromName(const QString &name);
[[nodiscard]] QStringList launcherKindNames();

// The launcher a run should use; `slurm` is read only for LauncherKind::Slurm.
[[nodiscard]] std::unique_ptr<WorkerLauncher> makeLauncher(LauncherKind kind, const SlurmOptions &slurm = {});

} // namespace fp
