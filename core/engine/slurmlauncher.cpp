#include "slurmlauncher.h"

#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QProcess>
#include <QRegularExpression>
#include <QTimer>

#include <algorithm>

namespace fp {

namespace {

// A node check that has not answered by then is dropped (Slurm's own timeouts come first).
constexpr int kCheckTimeoutMs = 60000;

// srun's words for a step or a launch lost with its node, e.g. "srun: error: Node failure on
// node2", "srun: error: Task launch for StepId=9.2 failed on node node2: Communication
// connection failure". Returns the first such line, and the node it names in `node`.
QString nodeLossLine(const QStringList &lines, QString *node)
{
    static const QRegularExpression lost(QStringLiteral(R"((?:Node failure on|failed on node) ([^\s:,]+))"));
    for (const QString &line : lines) {
        const QRegularExpressionMatch match = lost.match(line);
        if (match.hasMatch()) {
            *node = match.captured(1);
            return line;
        }
    }
    return {};
}

QString nodeLostReason(const QString &node, const QString &slurmLine)
{
    return QStringLiteral("node %1 lost (%2)").arg(node, slurmLine);
}

// A node state from sinfo (%T) that Slurm gives to a node it cannot reach or will not use; a
// trailing '*' means "not responding".
bool isDownState(const QString &state)
{
    static const QStringList down{QStringLiteral("down"), QStringLiteral("drain"), QStringLiteral("fail"),
                                  QStringLiteral("unknown"), QStringLiteral("not_responding")};
    return state.endsWith(QLatin1Char('*'))
           || std::any_of(down.begin(), down.end(), [&](const QString &d) { return state.startsWith(d); });
}

} // namespace

SlurmLauncher::SlurmLauncher(SlurmOptions options)
    : m_options(std::move(options)), m_nodePoll(std::make_unique<QTimer>())
{
    // Nodes run the worker by path: a relative one would be resolved in the step's directory.
    const QString worker = m_options.workerProgram.isEmpty() ? LocalLauncher::defaultWorkerProgram()
                                                             : m_options.workerProgram;
    m_workerProgram = QFileInfo(worker).absoluteFilePath();
    m_nodePoll->setInterval(kNodePollMs);
    QObject::connect(m_nodePoll.get(), &QTimer::timeout, m_nodePoll.get(), [this] { pollLostNodes(); });
}

SlurmLauncher::~SlurmLauncher()
{
    if (m_sinfo) {
        m_sinfo->disconnect();
        m_sinfo->kill();
        m_sinfo->waitForFinished(1000);
    }
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

QString SlurmLauncher::sinfoProgram() const
{
    const QFileInfo srun(srunProgram());
    return srun.isAbsolute() ? srun.dir().filePath(QStringLiteral("sinfo")) : QStringLiteral("sinfo");
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
    if (!m_lostNodes.isEmpty())
        args << QStringLiteral("--exclude=%1").arg(excludedNodes().join(QLatin1Char(',')));
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

QString SlurmLauncher::machineLost(const WorkerPlace &place, const QStringList &stderrTail)
{
    QString node = place.host;
    const QString line = nodeLossLine(stderrTail, &node);
    if (line.isEmpty())
        return {};
    excludeNode(node);
    return nodeLostReason(node, line);
}

// A trivial step in the worker's own job, on its node: it starts at once beside the worker
// (--overlap) when the node's slurmd answers, and fails with "Task launch ... failed on node X"
// when it does not.
void SlurmLauncher::checkMachine(const WorkerPlace &place, QObject *context, std::function<void(const QString &)> onLost)
{
    if (place.job.isEmpty() || place.host.isEmpty() || !context)
        return;
    auto *check = new QProcess(context);
    check->setProcessChannelMode(QProcess::MergedChannels);
    QObject::connect(check, &QProcess::finished, context, [this, check, place, onLost](int exitCode, QProcess::ExitStatus status) {
        check->deleteLater();
        if (status == QProcess::NormalExit && exitCode == 0)
            return;
        QString node = place.host;
        const QString line = nodeLossLine(QString::fromLocal8Bit(check->readAll()).split(QLatin1Char('\n')), &node);
        // Anything else (the job already ended, Slurm busy) is left to the worker's own exit.
        if (line.isEmpty())
            return;
        excludeNode(node);
        onLost(nodeLostReason(node, line));
    });
    QTimer::singleShot(kCheckTimeoutMs, check, [check] { check->kill(); });
    check->start(srunProgram(), {QStringLiteral("--jobid=%1").arg(place.job), QStringLiteral("--overlap"),
                                 QStringLiteral("--nodes=1"), QStringLiteral("--ntasks=1"),
                                 QStringLiteral("--nodelist=%1").arg(place.host), QStringLiteral("true")});
}

QStringList SlurmLauncher::excludedNodes() const
{
    QStringList names;
    for (const LostNode &node : m_lostNodes)
        names << node.name;
    return names;
}

void SlurmLauncher::excludeNode(const QString &node)
{
    if (excludedNodes().contains(node))
        return;
    m_lostNodes << LostNode{node, false};
    m_nodePoll->start();
}

void SlurmLauncher::pollLostNodes()
{
    if (m_lostNodes.isEmpty()) {
        m_nodePoll->stop();
        return;
    }
    if (m_sinfo && m_sinfo->state() != QProcess::NotRunning)
        return; // the last question is still being answered
    m_sinfo = std::make_unique<QProcess>();
    QProcess *sinfo = m_sinfo.get();
    QObject::connect(sinfo, &QProcess::finished, sinfo, [this, sinfo](int exitCode, QProcess::ExitStatus status) {
        if (status == QProcess::NormalExit && exitCode == 0)
            onNodeStates(sinfo->readAllStandardOutput());
    });
    sinfo->start(sinfoProgram(), {QStringLiteral("--noheader"), QStringLiteral("--Node"),
                                  QStringLiteral("--nodes=%1").arg(excludedNodes().join(QLatin1Char(','))),
                                  QStringLiteral("--format=%N %T")});
}

// One "name state" line per node (a node in several partitions is listed once per partition).
// A node Slurm does not list any more is dropped: srun would refuse to exclude an unknown name.
void SlurmLauncher::onNodeStates(const QByteArray &sinfoLines)
{
    QHash<QString, QString> states;
    for (const QByteArray &line : sinfoLines.split('\n')) {
        const QStringList fields = QString::fromLocal8Bit(line).simplified().split(QLatin1Char(' '));
        if (fields.size() == 2)
            states.insert(fields[0], fields[1]);
    }
    for (qsizetype i = m_lostNodes.size() - 1; i >= 0; --i) {
        LostNode &node = m_lostNodes[i];
        const QString state = states.value(node.name);
        if (isDownState(state))
            node.seenDown = true;
        else if (state.isEmpty() || node.seenDown)
            m_lostNodes.removeAt(i);
    }
    if (m_lostNodes.isEmpty())
        m_nodePoll->stop();
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
