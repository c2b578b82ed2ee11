#pragma once

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <functional>

class QObject;

namespace fp {

// What each worker is told about its share of the machine.
struct WorkerSettings
{
    int threads = 1;           // OpenCV and FFmpeg threads inside the worker
    qint64 memoryLimitMb = 0;  // address-space cap (RLIMIT_AS) beyond the worker's start-up; 0 = none
};

// Where a worker runs, as its hello said.
struct WorkerPlace
{
    QString host; // a cluster's name for the node
    QString job;  // the cluster job, empty outside one
};

struct LaunchCommand
{
    QString program;
    QStringList arguments; // passed as a list: no shell ever sees a path or an option
    QProcessEnvironment environment;

    // Two workers started from equal commands are interchangeable.
    friend bool operator==(const LaunchCommand &a, const LaunchCommand &b)
    {
        return a.program == b.program && a.arguments == b.arguments && a.environment == b.environment;
    }
};

// How worker processes are started. The engine only ever asks a launcher for a command, so a
// cluster launcher (srun ...) can stand in for the local one.
class WorkerLauncher
{
public:
    virtual ~WorkerLauncher() = default;
    [[nodiscard]] virtual LaunchCommand command(const WorkerSettings &settings) const = 0;
    [[nodiscard]] virtual QString name() const = 0;
    // Whether SIGSTOP/SIGCONT to the launched process pause and resume the work.
    [[nodiscard]] virtual bool canPause() const { return true; }
    // How long a worker may take to start (to say hello) before it is given up on, when the
    // run does not say; 0: the run's hang timeout. A cluster queue can keep a worker pending
    // far longer than a hung decoder should be allowed.
    [[nodiscard]] virtual int defaultStartTimeoutMs() const { return 0; }
    // Whether an idle worker may be kept alive between runs (Engine::setKeepWorkers): only where
    // it holds nothing others are waiting for.
    [[nodiscard]] virtual bool canKeepWorkers() const { return true; }

    // Machines other than this one can be lost mid-run; a launcher that starts workers there
    // tells the engine when that happened, and keeps new workers off a lost machine until it is
    // back. Both return or report the reason to show, e.g. "node node2 lost (srun: error: Node
    // failure on node2)"; this machine is never lost.
    //
    // Whether a worker that ended unasked did so because its machine was lost, judged from its
    // last lines on stderr (srun's words); empty if not.
    [[nodiscard]] virtual QString machineLost(const WorkerPlace & /*place*/, const QStringList & /*stderrTail*/)
    {
        return {};
    }
    // Asks, without blocking, whether the machine of a worker that has gone silent is still
    // there; calls `onLost(reason)` only if it is not, and never once `context` is destroyed.
    virtual void checkMachine(const WorkerPlace & /*place*/, QObject * /*context*/,
                              std::function<void(const QString &)> /*onLost*/)
    {
    }
};

// Runs framepool-worker (or another program speaking the protocol) on this machine.
class LocalLauncher : public WorkerLauncher
{
public:
    explicit LocalLauncher(QString program = defaultWorkerProgram(), QStringList extraArguments = {});

    [[nodiscard]] LaunchCommand command(const WorkerSettings &settings) const override;
    [[nodiscard]] QString name() const override { return QStringLiteral("local"); }

    // $FRAMEPOOL_WORKER, else framepool-worker next to the running program, else on PATH.
    [[nodiscard]] static QString defaultWorkerProgram();

private:
    QString m_program;
    QStringList m_extraArguments;
};

// Caps the thread pools of libraries in a worker (OpenCV parallel_for, OpenMP/BLAS) to its
// share of the CPUs through their environment variables, so N workers do not oversubscribe the
// machine. Every launcher applies it to the environment it starts workers with.
void capWorkerThreads(QProcessEnvironment &environment, int threads);

// Cores this process may run on (its CPU affinity), at least 1.
[[nodiscard]] int usableCores();

} // namespace fp
