// The Slurm launcher against a real Slurm: a single-node cluster on this machine, started by
// scripts/slurm-cluster.sh (scripts/slurm-test.sh starts it, runs this test and stops it).
// Built and registered only with -DFRAMEPOOL_SLURM_TESTS=ON.

#include "engine.h"
#include "slurmlauncher.h"
#include "testmedia.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace fp;

namespace {

constexpr int kRunTimeoutMs = 180000;

struct Ran
{
    int exitCode = -1; // -1: did not start, crashed or timed out
    QByteArray out;
    QByteArray err;
};

Ran runProgram(const QString &program, const QStringList &arguments, int timeoutMs = kRunTimeoutMs)
{
    QProcess process;
    process.start(program, arguments);
    Ran ran;
    if (!process.waitForStarted(10000))
        return ran;
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished(5000);
    } else if (process.exitStatus() == QProcess::NormalExit) {
        ran.exitCode = process.exitCode();
    }
    ran.out = process.readAllStandardOutput();
    ran.err = process.readAllStandardError();
    return ran;
}

// Jobs Slurm still knows as pending or running, one "id name state" per line.
QString liveJobs()
{
    const Ran r = runProgram(QStringLiteral("squeue"), {QStringLiteral("-h"), QStringLiteral("-o"), QStringLiteral("%i %j %T")}, 20000);
    if (r.exitCode != 0)
        return QStringLiteral("squeue failed: ") + QString::fromLocal8Bit(r.err);
    return QString::fromLocal8Bit(r.out).trimmed();
}

// Processes running this build's framepool-worker, as "pid" strings.
QStringList workerProcesses()
{
    const QString worker = QFileInfo(testmedia::binDir() + QStringLiteral("/framepool-worker")).canonicalFilePath();
    QStringList pids;
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &entry : entries) {
        bool isPid = false;
        entry.toLongLong(&isPid);
        if (!isPid)
            continue;
        const QString exe = QFileInfo(QStringLiteral("/proc/%1/exe").arg(entry)).symLinkTarget();
        if (!exe.isEmpty() && exe.startsWith(worker))
            pids << entry;
    }
    return pids;
}

QJsonObject parseObject(const QByteArray &line)
{
    const QJsonDocument doc = QJsonDocument::fromJson(line);
    return doc.isObject() ? doc.object() : QJsonObject{{QStringLiteral("unparsed"), QString::fromUtf8(line)}};
}

// Item lines of a --json run, by path.
QMap<QString, QJsonObject> itemsByPath(const QByteArray &out)
{
    QMap<QString, QJsonObject> items;
    for (const QByteArray &line : out.split('\n')) {
        if (line.trimmed().isEmpty())
            continue;
        const QJsonObject o = parseObject(line);
        if (o.contains(QLatin1String("path")))
            items.insert(o[QLatin1String("path")].toString(), o);
    }
    return items;
}

SlurmOptions slurmOptions()
{
    SlurmOptions options;
    options.workerProgram = testmedia::binDir() + QStringLiteral("/framepool-worker");
    options.cpusPerTask = 1;
    return options;
}

} // namespace

class TestSlurm : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void commandIsSrunWithAnArgumentList();
    void slurmResultsEqualLocalResults();
    void missingPathFailsOthersRun();
    void pathTheNodeCannotReadFailsItems();
    void badPartitionIsRefusedWithSlurmsReason();
    void badPartitionFailsEngineItems();
    void cancelLeavesNothingRunning();
    void cleanup();

private:
    Ran cli(const QStringList &arguments);

    QTemporaryDir m_dir; // under /tmp: the single node shares this machine's filesystem
    QString m_nodeHost;
    QString m_videoA, m_videoB, m_images, m_longVideo;
};

void TestSlurm::initTestCase()
{
    // Not a skip: this test exists to run against a cluster, so a missing one is a failure.
    const Ran sinfo = runProgram(QStringLiteral("sinfo"), {QStringLiteral("-h"), QStringLiteral("-o"), QStringLiteral("%T")}, 20000);
    if (sinfo.exitCode != 0 || sinfo.out.trimmed().isEmpty()) {
        QFAIL(qPrintable(QStringLiteral("Slurm does not answer (sinfo exit %1: %2). Start a cluster with "
                                        "`scripts/slurm-cluster.sh start`, or run scripts/slurm-test.sh.")
                             .arg(sinfo.exitCode).arg(QString::fromLocal8Bit(sinfo.err + sinfo.out).trimmed())));
    }
    QVERIFY2(liveJobs().isEmpty(), qPrintable(QStringLiteral("jobs already in the queue: ") + liveJobs()));

    // The name the node's processes see, which is what a worker reports in its hello.
    const Ran host = runProgram(QStringLiteral("srun"), {QStringLiteral("--ntasks=1"), QStringLiteral("hostname")}, 60000);
    QVERIFY2(host.exitCode == 0, host.err.constData());
    m_nodeHost = QString::fromLocal8Bit(host.out).trimmed();
    QVERIFY(!m_nodeHost.isEmpty());

    QVERIFY(m_dir.isValid());
    m_videoA = m_dir.filePath(QStringLiteral("a.mkv"));
    m_videoB = m_dir.filePath(QStringLiteral("b.mkv"));
    m_images = m_dir.filePath(QStringLiteral("images"));
    m_longVideo = m_dir.filePath(QStringLiteral("long.mkv"));
    QVERIFY(testmedia::writeVideo(m_videoA, 30, 64, 48, testmedia::solid(0, 0, 255)));
    QVERIFY(testmedia::writeVideo(m_videoB, 40, 64, 48, testmedia::noise(4)));
    QCOMPARE(testmedia::writeImages(m_images, 6, 32, 24, testmedia::noise(7)).size(), 6);
    QVERIFY(testmedia::writeVideo(m_longVideo, 1500, 320, 240, testmedia::noise(11)));
}

void TestSlurm::cleanup()
{
    // Whatever a test did, the next one starts from an empty queue.
    QTRY_VERIFY_WITH_TIMEOUT(liveJobs().isEmpty(), 30000);
}

Ran TestSlurm::cli(const QStringList &arguments)
{
    return runProgram(testmedia::binDir() + QStringLiteral("/framepool-cli"), arguments);
}

void TestSlurm::commandIsSrunWithAnArgumentList()
{
    SlurmOptions options = slurmOptions();
    options.cpusPerTask = 2;
    options.partition = QStringLiteral("debug");
    options.time = QStringLiteral("5:00");
    options.extraArguments = {QStringLiteral("--comment=a b")};
    const SlurmLauncher launcher(options);
    WorkerSettings settings;
    settings.threads = 7; // ignored: the worker's threads are its Slurm CPUs
    settings.memoryLimitMb = 512;
    const LaunchCommand cmd = launcher.command(settings);
    QCOMPARE(cmd.program, QStringLiteral("srun"));
    const QString worker = QFileInfo(options.workerProgram).absoluteFilePath();
    const qsizetype w = cmd.arguments.indexOf(worker);
    QVERIFY2(w > 0, qPrintable(cmd.arguments.join(QLatin1Char(' '))));
    const QStringList srunArgs = cmd.arguments.mid(0, w);
    for (const QString &expected : {QStringLiteral("--ntasks=1"), QStringLiteral("--cpus-per-task=2"),
                                    QStringLiteral("--partition=debug"), QStringLiteral("--time=5:00"),
                                    QStringLiteral("--export=ALL"), QStringLiteral("--comment=a b")})
        QVERIFY2(srunArgs.contains(expected), qPrintable(expected));
    QCOMPARE(cmd.arguments.mid(w + 1), (QStringList{QStringLiteral("--threads"), QStringLiteral("2"),
                                                    QStringLiteral("--memory-limit-mb"), QStringLiteral("512")}));
    QCOMPARE(cmd.environment.value(QStringLiteral("OMP_NUM_THREADS")), QStringLiteral("2"));
    QCOMPARE(cmd.environment.value(QStringLiteral("OPENCV_FOR_THREADS_NUM")), QStringLiteral("2"));
    QVERIFY(!launcher.canPause());
    QCOMPARE(launcher.name(), QStringLiteral("slurm"));
    QCOMPARE(launcher.defaultStartTimeoutMs(), 600000); // a pending allocation is not a hang
}

void TestSlurm::slurmResultsEqualLocalResults()
{
    const QStringList paths{m_videoA, m_videoB, m_images};
    const QString slurmReport = m_dir.filePath(QStringLiteral("slurm.json"));
    const Ran slurm = cli(QStringList{QStringLiteral("--json"), QStringLiteral("--launcher"), QStringLiteral("slurm"),
                                      QStringLiteral("-j"), QStringLiteral("2"), QStringLiteral("-o"), slurmReport}
                          + paths);
    QVERIFY2(slurm.exitCode == 0, slurm.err.constData());
    const Ran local = cli(QStringList{QStringLiteral("--json"), QStringLiteral("--launcher"), QStringLiteral("local"),
                                      QStringLiteral("-j"), QStringLiteral("2")}
                          + paths);
    QVERIFY2(local.exitCode == 0, local.err.constData());

    const auto slurmItems = itemsByPath(slurm.out);
    const auto localItems = itemsByPath(local.out);
    QCOMPARE(slurmItems.size(), paths.size());
    QCOMPARE(localItems.size(), paths.size());
    for (const QString &path : paths) {
        const QJsonObject s = slurmItems.value(path);
        const QJsonObject l = localItems.value(path);
        QCOMPARE(s[QLatin1String("status")].toString(), QStringLiteral("ok"));
        QCOMPARE(l[QLatin1String("status")].toString(), QStringLiteral("ok"));
        QCOMPARE(s[QLatin1String("frames")].toInteger(), l[QLatin1String("frames")].toInteger());
        QVERIFY(!s[QLatin1String("result")].toObject().isEmpty());
        QCOMPARE(s[QLatin1String("result")].toObject(), l[QLatin1String("result")].toObject());
    }

    // Every task ran on the Slurm node and says so in the report.
    QFile file(slurmReport);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonObject report = QJsonDocument::fromJson(file.readAll()).object();
    const QJsonArray tasks = report[QLatin1String("parallel")].toObject()[QLatin1String("tasks")].toArray();
    QVERIFY(!tasks.isEmpty());
    for (const QJsonValue &task : tasks)
        QCOMPARE(task.toObject()[QLatin1String("host")].toString(), m_nodeHost);
}

void TestSlurm::missingPathFailsOthersRun()
{
    const QString missing = m_dir.filePath(QStringLiteral("not-on-the-shared-filesystem.mkv"));
    const Ran r = cli({QStringLiteral("--json"), QStringLiteral("--launcher"), QStringLiteral("slurm"),
                       QStringLiteral("-j"), QStringLiteral("2"), m_videoA, missing});
    QCOMPARE(r.exitCode, 1);
    const auto items = itemsByPath(r.out);
    QCOMPARE(items.value(m_videoA)[QLatin1String("status")].toString(), QStringLiteral("ok"));
    QCOMPARE(items.value(missing)[QLatin1String("status")].toString(), QStringLiteral("failed"));
    const QString error = items.value(missing)[QLatin1String("error")].toString();
    QVERIFY2(error.contains(QLatin1String("no such file")), qPrintable(error));
}

void TestSlurm::pathTheNodeCannotReadFailsItems()
{
    // Readable here, not on the node: the step runs as another user (srun --uid, root only),
    // who cannot enter the 0700 temporary folder. Items fail with the worker's reason.
    QTemporaryDir privateDir;
    QVERIFY(privateDir.isValid());
    const QString video = privateDir.filePath(QStringLiteral("private.mkv"));
    const QString images = privateDir.filePath(QStringLiteral("private-images"));
    QVERIFY(testmedia::writeVideo(video, 10, 32, 24, testmedia::solid(0, 255, 0)));
    QCOMPARE(testmedia::writeImages(images, 3, 16, 12, testmedia::solid(0, 255, 0)).size(), 3);
    const Ran r = cli({QStringLiteral("--json"), QStringLiteral("--launcher"), QStringLiteral("slurm"),
                       QStringLiteral("--slurm-extra"), QStringLiteral("--uid=nobody"), QStringLiteral("-j"),
                       QStringLiteral("2"), QStringLiteral("--retries"), QStringLiteral("0"), video, images});
    QCOMPARE(r.exitCode, 1);
    const auto items = itemsByPath(r.out);
    for (const QString &path : {video, images}) {
        QCOMPARE(items.value(path)[QLatin1String("status")].toString(), QStringLiteral("failed"));
        const QString error = items.value(path)[QLatin1String("error")].toString();
        QVERIFY2(!error.isEmpty(), qPrintable(path));
        qInfo("%s: %s", qPrintable(QFileInfo(path).fileName()), qPrintable(error));
    }
}

void TestSlurm::badPartitionIsRefusedWithSlurmsReason()
{
    const Ran r = cli({QStringLiteral("--json"), QStringLiteral("--launcher"), QStringLiteral("slurm"),
                       QStringLiteral("--slurm-partition"), QStringLiteral("no-such-partition"), m_videoA});
    QCOMPARE(r.exitCode, 1);
    const QString err = QString::fromLocal8Bit(r.err);
    QVERIFY2(err.contains(QLatin1String("srun")) && err.contains(QLatin1String("partition"), Qt::CaseInsensitive),
             qPrintable(err));
    QVERIFY2(err.contains(QLatin1String("no-such-partition")), qPrintable(err));
}

void TestSlurm::badPartitionFailsEngineItems()
{
    // Past the CLI's up-front check (as when a partition goes away mid-run), every srun is
    // refused: the items fail instead of retrying forever, and nothing is left queued.
    SlurmOptions options = slurmOptions();
    options.partition = QStringLiteral("no-such-partition");
    Engine engine;
    engine.setLauncher(std::make_unique<SlurmLauncher>(options));
    QSignalSpy finished(&engine, &Engine::runFinished);
    EngineOptions engineOptions;
    engineOptions.workers = 2;
    QVERIFY(engine.start({m_videoA, m_images}, engineOptions));
    QVERIFY(finished.wait(kRunTimeoutMs));
    for (int i = 0; i < 2; ++i) {
        QCOMPARE(engine.item(i).state, ItemState::Failed);
        const QString error = engine.item(i).error;
        // "worker exited with code 1" today; with srun's last stderr line once the engine keeps it.
        QVERIFY2(error.contains(QLatin1String("exited with code 1")) || error.contains(QLatin1String("partition")),
                 qPrintable(error));
        qInfo("item %d failed: %s", i, qPrintable(error));
    }
    QCOMPARE(engine.aliveWorkers(), 0);
    QCOMPARE(liveJobs(), QString());
}

void TestSlurm::cancelLeavesNothingRunning()
{
    Engine engine;
    engine.setLauncher(std::make_unique<SlurmLauncher>(slurmOptions()));
    QSignalSpy finished(&engine, &Engine::runFinished);
    EngineOptions options;
    options.workers = 2;
    options.segmentFrames = -1; // one long task per video, so the cancel hits a working step
    options.analysis = testmedia::builtInAnalysis(QStringLiteral("sharpness"));
    QVERIFY(engine.start({m_longVideo, m_longVideo}, options));
    QTRY_VERIFY_WITH_TIMEOUT(engine.item(0).framesDone > 0 || engine.item(1).framesDone > 0, kRunTimeoutMs);
    QVERIFY2(!liveJobs().isEmpty(), "the working worker should be a Slurm job");
    QVERIFY(!workerProcesses().isEmpty());

    engine.cancelAll();
    QVERIFY(finished.wait(30000));
    QCOMPARE(engine.aliveWorkers(), 0);
    for (int i = 0; i < 2; ++i)
        QCOMPARE(engine.item(i).state, ItemState::Cancelled);
    // srun cancels its step on SIGTERM: the job leaves the queue and the worker on the node dies.
    QTRY_COMPARE_WITH_TIMEOUT(liveJobs(), QString(), 30000);
    QTRY_COMPARE_WITH_TIMEOUT(workerProcesses(), QStringList(), 30000);
}

QTEST_GUILESS_MAIN(TestSlurm)
#include "tst_slurm.moc"
