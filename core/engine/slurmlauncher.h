#pragma once

#include "launcher.h"

#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

class QProcess;
class QTimer;

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
//
// A node can be lost mid-run. srun says so ("Node failure on node2") only once Slurm has declared
// the node down, which takes its SlurmdTimeout (minutes on many clusters); a worker that has gone
// silent is checked sooner by launching a trivial step next to it (srun --overlap), which fails
// within Slurm's MessageTimeout when the node's slurmd is gone. Either way the node is kept out
// of new workers (srun --exclude) until Slurm reports it back: seen down, then up again.
class SlurmLauncher : public WorkerLauncher
{
public:
    explicit SlurmLauncher(SlurmOptions options = {});
    ~SlurmLauncher() override;

    [[nodiscard]] LaunchCommand command(const WorkerSettings &settings) const override;
    [[nodiscard]] QString name() const override { return QStringLiteral("slurm"); }
    // SIGSTOP to srun would stop the forwarding, not the worker on its node.
    [[nodiscard]] bool canPause() const override { return false; }
    // An allocation may wait in the queue: ten minutes before a pending worker is retried.
    [[nodiscard]] int defaultStartTimeoutMs() const override { return 10 * 60 * 1000; }
    // An idle job step would hold its share of the allocation between runs.
    [[nodiscard]] bool canKeepWorkers() const override { return false; }

    [[nodiscard]] const SlurmOptions &options() const { return m_options; }

    // Asks Slurm whether it would start a worker with these options, without submitting a job
    // (srun --test-only). Blocks for up to `timeoutMs`. On false, `error` gets Slurm's reason,
    // e.g. "srun: error: invalid partition specified: nope; allocation failure: Invalid
    // partition name specified". For a fail-fast check before a run, or a GUI "Test" button.
    [[nodiscard]] bool check(QString *error, int timeoutMs = 30000) const;

    [[nodiscard]] QString machineLost(const WorkerPlace &place, const QStringList &stderrTail) override;
    void checkMachine(const WorkerPlace &place, QObject *context, std::function<void(const QString &)> onLost) override;
    // Nodes new workers are kept off, in the order they were lost.
    [[nodiscard]] QStringList excludedNodes() const;
    // How often Slurm is asked (sinfo) whether an excluded node is back.
    static constexpr int kNodePollMs = 2000;

    // $FRAMEPOOL_SRUN, else "srun".
    [[nodiscard]] static QString defaultSrunProgram();

private:
    struct LostNode
    {
        QString name;
        bool seenDown = false; // Slurm has noticed: what it reports next is a node that came back
    };

    [[nodiscard]] QString srunProgram() const;
    // sinfo beside the srun in use, so that a cluster's own installation is asked.
    [[nodiscard]] QString sinfoProgram() const;
    [[nodiscard]] QStringList srunArguments(int cpus) const;
    void excludeNode(const QString &node);
    void pollLostNodes();
    void onNodeStates(const QByteArray &sinfoLines);

    SlurmOptions m_options;
    QString m_workerProgram;
    QList<LostNode> m_lostNodes;
    std::unique_ptr<QTimer> m_nodePoll;
    std::unique_ptr<QProcess> m_sinfo;
};

enum class LauncherKind { Local, Slurm };

[[nodiscard]] QString launcherKindName(LauncherKind kind);
[[nodiscard]] std::optional<LauncherKind> launcherKindFromName(const QString &name);
[[nodiscard]] QStringList launcherKindNames();

// The launcher a run should use; `slurm` is read only for LauncherKind::Slurm.
[[nodiscard]] std::unique_ptr<WorkerLauncher> makeLauncher(LauncherKind kind, const SlurmOptions &slurm = {});

} // namespace fp
