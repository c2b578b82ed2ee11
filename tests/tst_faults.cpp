// Process isolation: a worker that crashes, hangs, exits early or breaks the protocol costs
// its own item (after one retry on a fresh worker), never the run, and leaves no process behind.

#include "engine.h"
#include "launcher.h"
#include "testmedia.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <unistd.h>

using namespace fp;

namespace {

constexpr int kRunTimeoutMs = 120000;

} // namespace

class TestFaults : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void faultyWorkerCostsOneItem_data();
    void faultyWorkerCostsOneItem();
    void crashOnceIsRetriedAndSucceeds();
    void retriesCanBeTurnedOff();
    void workerLogIsCapped();
    void sigkillOfRealWorkerMidRun();
    void noZombiesAfterRunsAndCancels();
    void workersDieWithTheApp();
    void startTimeoutIsNotTheHangTimeout_data();
    void startTimeoutIsNotTheHangTimeout();

private:
    QString makeItem(const QString &name);

    QTemporaryDir m_dir;
    QString m_longVideo;
};

void TestFaults::initTestCase()
{
    QVERIFY(m_dir.isValid());
    qputenv("FRAMEPOOL_WORKER", QFile::encodeName(testmedia::binDir() + QStringLiteral("/framepool-worker")));
    m_longVideo = m_dir.filePath(QStringLiteral("long.mkv"));
    QVERIFY(testmedia::writeVideo(m_longVideo, 600, 320, 240, testmedia::noise(2)));
}

QString TestFaults::makeItem(const QString &name)
{
    return testmedia::writeFakeItem(m_dir.path(), name);
}

void TestFaults::faultyWorkerCostsOneItem_data()
{
    QTest::addColumn<QString>("word");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<int>("attempts");

    QTest::newRow("segfault") << "CRASH" << "worker killed by signal 11 (SIGSEGV) at frame 5 (after 2 attempts)" << 1;
    QTest::newRow("abort") << "ABORT" << "worker killed by signal 6 (SIGABRT) at frame 3 (after 2 attempts)" << 1;
    QTest::newRow("early exit") << "EXIT" << "worker exited with code 3 at frame 2 (after 2 attempts)" << 1;
    QTest::newRow("hang") << "HANG" << "worker hung: no progress for 1.5 s at frame 1 (after 2 attempts)" << 1;
    // A worker that says it cannot do the item is believed: no retry.
    QTest::newRow("reported error") << "REFUSE" << "cannot read this on purpose at frame 3" << 0;
    // Broken protocol is not retried: the same worker would break it again.
    QTest::newRow("garbage") << "GARBAGE" << "worker sent an invalid message: not JSON" << 0;
    QTest::newRow("oversized line") << "OVERSIZE" << "worker sent a line longer than 1048576 bytes" << 0;
    QTest::newRow("wrong task id") << "WRONGID" << "worker sent a result for task" << 0;
}

void TestFaults::faultyWorkerCostsOneItem()
{
    QFETCH(QString, word);
    QFETCH(QString, reason);
    QFETCH(int, attempts);

    QStringList paths;
    for (int i = 0; i < 3; ++i)
        paths << makeItem(QStringLiteral("good-%1-%2").arg(word).arg(i).toLower());
    paths.insert(1, makeItem(QStringLiteral("bad-%1").arg(word)));

    Engine engine;
    engine.setLauncher(testmedia::fakeWorkerLauncher());
    QSignalSpy finished(&engine, &Engine::runFinished);
    QSignalSpy failed(&engine, &Engine::itemFailed);
    int maxAlive = 0;
    connect(&engine, &Engine::workerStarted, this, [&] { maxAlive = std::max(maxAlive, engine.aliveWorkers()); });
    EngineOptions options;
    options.workers = 2;
    options.hangTimeoutMs = 1500;
    options.maxMessageBytes = 1024 * 1024;
    QVERIFY(engine.start(paths, options));
    QVERIFY(finished.wait(kRunTimeoutMs));

    QCOMPARE(failed.size(), 1);
    QCOMPARE(failed.first().at(0).toInt(), 1);
    const ItemRecord bad = engine.item(1);
    QCOMPARE(bad.state, ItemState::Failed);
    QVERIFY2(bad.error.contains(reason), qPrintable(bad.error));
    QCOMPARE(bad.attempts, attempts);
    // Every attempt stays in the run's timing with why it ended, so the timelines show it.
    const RunTiming timing = engine.timing();
    QList<TaskTiming> badTasks;
    for (const TaskTiming &task : timing.tasks) {
        if (task.item == 1)
            badTasks << task;
        else
            QVERIFY2(task.failure.isEmpty(), qPrintable(task.failure));
    }
    QCOMPARE(badTasks.size(), attempts + 1);
    for (const TaskTiming &task : std::as_const(badTasks)) {
        QVERIFY2(!task.failure.isEmpty() && (reason.startsWith(task.failure) || task.failure.startsWith(reason)),
                 qPrintable(task.failure));
        QVERIFY(task.end >= task.start);
    }
    for (int good : {0, 2, 3}) {
        QCOMPARE(engine.item(good).state, ItemState::Done);
        QCOMPARE(engine.item(good).result.value(QLatin1String("fake")).toString(), paths.at(good));
    }
    QVERIFY(maxAlive <= 2); // replacements never exceed the limit
    QCOMPARE(engine.aliveWorkers(), 0);
    QTRY_VERIFY(testmedia::childProcesses(::getpid()).pids.isEmpty());
}

void TestFaults::crashOnceIsRetriedAndSucceeds()
{
    Engine engine;
    engine.setLauncher(testmedia::fakeWorkerLauncher());
    QSignalSpy finished(&engine, &Engine::runFinished);
    QSignalSpy retried(&engine, &Engine::itemRetried);
    const QStringList paths{makeItem(QStringLiteral("CRASHONCE")), makeItem(QStringLiteral("fine"))};
    QVERIFY(engine.start(paths, EngineOptions{}));
    QVERIFY(finished.wait(kRunTimeoutMs));
    QCOMPARE(retried.size(), 1);
    QVERIFY(retried.first().at(1).toString().contains(QLatin1String("SIGSEGV")));
    QCOMPARE(engine.item(0).state, ItemState::Done);
    QCOMPARE(engine.item(0).attempts, 1);
    QVERIFY(engine.itemLog(0).contains(QLatin1String("retrying on a fresh worker")));
    QCOMPARE(engine.item(1).state, ItemState::Done);
}

void TestFaults::retriesCanBeTurnedOff()
{
    Engine engine;
    engine.setLauncher(testmedia::fakeWorkerLauncher());
    QSignalSpy finished(&engine, &Engine::runFinished);
    EngineOptions options;
    options.maxRetries = 0;
    QVERIFY(engine.start({makeItem(QStringLiteral("CRASH-no-retry"))}, options));
    QVERIFY(finished.wait(kRunTimeoutMs));
    QCOMPARE(engine.item(0).state, ItemState::Failed);
    QCOMPARE(engine.item(0).error, QStringLiteral("worker killed by signal 11 (SIGSEGV) at frame 5"));
}

void TestFaults::workerLogIsCapped()
{
    Engine engine;
    engine.setLauncher(testmedia::fakeWorkerLauncher());
    QSignalSpy finished(&engine, &Engine::runFinished);
    QVERIFY(engine.start({makeItem(QStringLiteral("CHATTY"))}, EngineOptions{}));
    QVERIFY(finished.wait(kRunTimeoutMs));
    QCOMPARE(engine.item(0).state, ItemState::Done);
    QVERIFY(engine.itemLog(0).size() > 100000);
    QVERIFY(engine.itemLog(0).size() <= 1024 * 1024);
}

void TestFaults::sigkillOfRealWorkerMidRun()
{
    Engine engine;
    QSignalSpy finished(&engine, &Engine::runFinished);
    QHash<int, qint64> pids;
    connect(&engine, &Engine::workerStarted, this, [&](int worker, qint64 pid) { pids[worker] = pid; });
    bool killed = false;
    connect(&engine, &Engine::itemProgress, this, [&](int item, qint64 done) {
        if (item == 0 && done > 0 && !killed) {
            killed = true;
            ::kill(pid_t(pids.value(engine.item(0).worker)), SIGKILL);
        }
    });
    const QString small = m_dir.filePath(QStringLiteral("small.mkv"));
    QVERIFY(testmedia::writeVideo(small, 10, 32, 32, testmedia::solid(1, 2, 3)));
    EngineOptions options;
    options.workers = 2;
    QVERIFY(engine.start({m_longVideo, small}, options));
    QVERIFY(finished.wait(kRunTimeoutMs));
    QVERIFY(killed);
    QCOMPARE(engine.item(0).state, ItemState::Done); // retried on a fresh worker
    QCOMPARE(engine.item(0).attempts, 1);
    QCOMPARE(engine.item(0).framesDone, 600);
    QVERIFY(engine.itemLog(0).contains(QLatin1String("SIGKILL")));
    QCOMPARE(engine.item(1).state, ItemState::Done);
}

void TestFaults::noZombiesAfterRunsAndCancels()
{
    Engine engine;
    QSignalSpy finished(&engine, &Engine::runFinished);
    EngineOptions options;
    options.workers = 2;
    QVERIFY(engine.start({m_longVideo, m_longVideo, m_longVideo}, options));
    QTRY_VERIFY_WITH_TIMEOUT(engine.item(0).framesDone > 0, kRunTimeoutMs);
    QElapsedTimer cancelClock;
    cancelClock.start();
    engine.cancelAll();
    QVERIFY(finished.wait(5000));
    QVERIFY2(cancelClock.elapsed() < 5000, "cancel must not wait for the work to end");
    QCOMPARE(engine.aliveWorkers(), 0);
    QTRY_VERIFY(testmedia::childProcesses(::getpid()).zombies.isEmpty());
    QTRY_VERIFY(testmedia::childProcesses(::getpid()).pids.isEmpty());
}

void TestFaults::workersDieWithTheApp()
{
    QProcess cli;
    cli.setProgram(testmedia::binDir() + QStringLiteral("/framepool-cli"));
    cli.setArguments({QStringLiteral("-j"), QStringLiteral("2"), QStringLiteral("--"), m_longVideo, m_longVideo});
    cli.start();
    QVERIFY(cli.waitForStarted());
    QList<qint64> workers;
    QTRY_VERIFY_WITH_TIMEOUT((workers = testmedia::childProcesses(cli.processId()).pids).size() >= 1, 30000);
    ::kill(pid_t(cli.processId()), SIGKILL);
    QVERIFY(cli.waitForFinished(5000));
    for (qint64 worker : workers)
        QTRY_VERIFY_WITH_TIMEOUT(testmedia::processEnded(worker), 5000);
}

// A worker slow to start (a pending cluster allocation) is judged by the start timeout, not by
// the hang timeout meant for a decoder that stops mid-item.
void TestFaults::startTimeoutIsNotTheHangTimeout_data()
{
    QTest::addColumn<int>("hangTimeoutMs");
    QTest::addColumn<int>("startTimeoutMs");
    QTest::addColumn<QString>("error"); // empty: every item succeeds

    QTest::newRow("slow start within the start timeout, hang timeout shorter")
        << 500 << 10000 << QString();
    QTest::newRow("start timeout reached") << 60000 << 500 << "worker did not start within 0.5 s";
}

void TestFaults::startTimeoutIsNotTheHangTimeout()
{
    QFETCH(int, hangTimeoutMs);
    QFETCH(int, startTimeoutMs);
    QFETCH(QString, error);

    const QStringList paths{makeItem(QStringLiteral("slow-start-a")), makeItem(QStringLiteral("slow-start-b"))};
    Engine engine;
    engine.setLauncher(std::make_unique<LocalLauncher>(testmedia::binDir() + QStringLiteral("/fakeworker"),
                                                       QStringList{QStringLiteral("--hello-delay-ms"), QStringLiteral("1500")}));
    QSignalSpy finished(&engine, &Engine::runFinished);
    EngineOptions options;
    options.workers = 2;
    options.hangTimeoutMs = hangTimeoutMs;
    options.startTimeoutMs = startTimeoutMs;
    QVERIFY(engine.start(paths, options));
    QVERIFY(finished.wait(kRunTimeoutMs));
    for (int i = 0; i < paths.size(); ++i) {
        const ItemRecord item = engine.item(i);
        if (error.isEmpty()) {
            QVERIFY2(item.state == ItemState::Done, qPrintable(item.error));
        } else {
            QCOMPARE(item.state, ItemState::Failed);
            QVERIFY2(item.error.contains(error), qPrintable(item.error));
        }
    }
    QTRY_VERIFY(testmedia::childProcesses(::getpid()).pids.isEmpty());
}

QTEST_GUILESS_MAIN(TestFaults)
#include "tst_faults.moc"
