// The engine with the real framepool-worker on small generated clips and image folders.

#include "comparisonrunner.h"
#include "engine.h"
#include "launcher.h"
#include "testmedia.h"
#include "timeline.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonDocument>
#include <QProcess>
#include <QJsonArray>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <opencv2/core.hpp>
#include <opencv2/videoio.hpp>

using namespace fp;

Q_DECLARE_METATYPE(fp::Schedule)

namespace {

constexpr int kRunTimeoutMs = 120000;

// Records the order items are delivered in, and checks invariants on every signal.
struct RunRecorder
{
    explicit RunRecorder(Engine &engine)
    {
        QObject::connect(&engine, &Engine::itemFinished, &engine, [this](int item) { delivered << item; });
        QObject::connect(&engine, &Engine::itemFailed, &engine, [this](int item, const QString &) { delivered << item; });
        QObject::connect(&engine, &Engine::workerStarted, &engine, [this, &engine](int, qint64) {
            maxAlive = std::max(maxAlive, engine.aliveWorkers());
        });
        QObject::connect(&engine, &Engine::itemProgress, &engine, [this](int, qint64 done, qint64 total) {
            if (done > total)
                progressPastTotal = true;
        });
    }
    QList<int> delivered;
    int maxAlive = 0;
    bool progressPastTotal = false;
};

// The local launcher under another name, as a cluster launcher would have its own.
class RenamedLauncher : public LocalLauncher
{
public:
    [[nodiscard]] QString name() const override { return QStringLiteral("renamed"); }
};

bool runToEnd(Engine &engine, const QStringList &paths, const EngineOptions &options)
{
    QSignalSpy finished(&engine, &Engine::runFinished);
    if (!engine.start(paths, options))
        return false;
    return finished.wait(kRunTimeoutMs);
}

} // namespace

class TestEngine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void deliveryOrder_data();
    void deliveryOrder();
    void neverMoreWorkersThanAsked();
    void serialAndParallelAgree_data();
    void serialAndParallelAgree();
    void chunkedImageSetsMergeExactly_data();
    void chunkedImageSetsMergeExactly();
    void videoSegmentsMergeExactly_data();
    void videoSegmentsMergeExactly();
    void badItemsFailWithReasonsOthersSucceed();
    void frameCountComesFromDecoding();
    void probeAndListingFeedTheCostPrior();
    void firstVideoDecodesBeforeTheOthersAreProbed_data();
    void firstVideoDecodesBeforeTheOthersAreProbed();
    void comparisonReportsBothRuns();
    void cancelAllStopsWorkersKeepsResults();
    void cancelledWorkStaysOnTheTimeline_data();
    void cancelledWorkStaysOnTheTimeline();
    void missingWorkerProgramFailsItems();
    void timingRecordsHowTheRunWasSetUp_data();
    void timingRecordsHowTheRunWasSetUp();
    void scheduleDecidesStartOrder_data();
    void scheduleDecidesStartOrder();
    void moveToFrontStartsThatItemNext();
    void itemsAddedMidRunFinish_data();
    void itemsAddedMidRunFinish();
    void addedItemMovedToFrontRunsNext();
    void heldItemWaitsUntilReleased();
    void heldItemLeftQueuedWhenNothingElseRemains();
    void finishRunningLeavesTheRestQueued();
    void compareWithAddedItemsDoesNotCompare();
    void compareDrainedInItsSerialPhaseStops();
    void keptWorkersServeTheNextRunWithTheSameSettings();
    void keptWorkerThatDiesCostsNothing();
    void noWorkersKeptUnlessAsked();
    void compareStartsBothRunsWarm();

private:
    // A fake worker's item in the test folder; with GATED in its name it ends at openGate().
    [[nodiscard]] QString fakeItem(const QString &name) const { return testmedia::writeFakeItem(m_dir.path(), name); }

    QTemporaryDir m_dir;
    QString m_slowVideo, m_midVideo, m_fastImage, m_imageSet, m_videoA, m_videoB, m_longVideo;
};

// Workers kept after a run start the next run with the same worker settings ready, and give
// the same results; a run whose workers get another thread count starts its own.
void TestEngine::keptWorkersServeTheNextRunWithTheSameSettings()
{
    Engine engine;
    engine.setKeepWorkers(true);
    QHash<int, qint64> pids; // worker number -> pid, of the last run
    connect(&engine, &Engine::workerStarted, this, [&pids](int worker, qint64 pid) { pids[worker] = pid; });
    EngineOptions options;
    options.workers = 2;
    options.threadsPerWorker = 1;
    const QStringList paths{m_videoA, m_imageSet, m_videoB};
    QVERIFY(runToEnd(engine, paths, options));
    QCOMPARE(engine.timing().warmWorkers, 0);
    QCOMPARE(engine.aliveWorkers(), 0);
    QCOMPARE(engine.keptWorkers(), 2);
    QTRY_VERIFY(!engine.isPreparingWorkers()); // a short run may end before its last worker's hello
    const QList<ItemRecord> cold = engine.items();

    pids.clear();
    QVERIFY(runToEnd(engine, paths, options));
    QCOMPARE(engine.timing().warmWorkers, 2);
    QCOMPARE(QSet<int>(pids.keyBegin(), pids.keyEnd()), (QSet<int>{1, 2}));
    const QSet<qint64> keptPids(pids.cbegin(), pids.cend());
    QCOMPARE(keptPids.size(), 2);
    for (int i = 0; i < paths.size(); ++i) {
        QCOMPARE(engine.item(i).state, ItemState::Done);
        QCOMPARE(engine.item(i).result, cold[i].result);
    }

    // A serial worker with two threads is another worker: the kept ones wait, unused.
    pids.clear();
    options.mode = RunMode::Serial;
    options.threadsPerWorker = 2;
    QVERIFY(runToEnd(engine, paths, options));
    QCOMPARE(engine.timing().warmWorkers, 0);
    QCOMPARE(pids.size(), 1);
    QVERIFY(!keptPids.contains(pids.value(1)));
    QCOMPARE(engine.keptWorkers(), 3);

    // And the next parallel run finds its two again: the same processes.
    pids.clear();
    options.mode = RunMode::Completed;
    options.threadsPerWorker = 1;
    QVERIFY(runToEnd(engine, paths, options));
    QCOMPARE(engine.timing().warmWorkers, 2);
    QCOMPARE(QSet<qint64>(pids.cbegin(), pids.cend()), keptPids);

    engine.setKeepWorkers(false);
    QTRY_COMPARE(engine.keptWorkers(), 0);
}

void TestEngine::keptWorkerThatDiesCostsNothing()
{
    Engine engine;
    engine.setKeepWorkers(true);
    qint64 pid = 0;
    connect(&engine, &Engine::workerStarted, this, [&pid](int, qint64 started) { pid = started; });
    QSignalSpy retried(&engine, &Engine::itemRetried);
    EngineOptions options;
    options.mode = RunMode::Serial;
    QVERIFY(runToEnd(engine, {m_videoA}, options));
    QCOMPARE(engine.keptWorkers(), 1);
    QVERIFY(pid > 0);
    QVERIFY(QProcess::execute(QStringLiteral("kill"), {QStringLiteral("-KILL"), QString::number(pid)}) == 0);
    QTRY_COMPARE(engine.keptWorkers(), 0);

    QVERIFY(runToEnd(engine, {m_videoA, m_fastImage}, options));
    QCOMPARE(engine.timing().warmWorkers, 0);
    QCOMPARE(engine.timing().completedCount(), 2);
    QCOMPARE(retried.count(), 0);
    QCOMPARE(engine.item(0).attempts, 0);
}

void TestEngine::noWorkersKeptUnlessAsked()
{
    Engine engine;
    EngineOptions options;
    options.workers = 2;
    QVERIFY(runToEnd(engine, {m_videoA, m_videoB}, options));
    QCOMPARE(engine.keptWorkers(), 0);
    QVERIFY(runToEnd(engine, {m_videoA, m_videoB}, options));
    QCOMPARE(engine.timing().warmWorkers, 0);
}

// With kept workers a Compare loads the workers of both runs before either: each run of each
// round starts with all its workers ready, the serial one with its own thread count.
void TestEngine::compareStartsBothRunsWarm()
{
    Engine engine;
    engine.setKeepWorkers(true);
    ComparisonRunner runner(&engine);
    QSignalSpy finished(&runner, &ComparisonRunner::finished);
    EngineOptions options;
    options.workers = 2;
    QVERIFY(runner.start({m_videoA, m_videoB, m_fastImage}, options, 2));
    QVERIFY(finished.wait(kRunTimeoutMs));
    const auto result = finished.first().first().value<RepeatedComparison>();
    QCOMPARE(result.serialRuns.size(), 2);
    QCOMPARE(result.parallelRuns.size(), 2);
    for (int round = 0; round < 2; ++round) {
        QCOMPARE(result.serialRuns[round].warmWorkers, 1);
        QCOMPARE(result.parallelRuns[round].warmWorkers, 2);
        QCOMPARE(result.parallelRuns[round].completedCount(), 3);
    }
    QVERIFY(!engine.isPreparingWorkers());

    // Cancelled while it prepares: no run starts, and it ends at once.
    engine.setKeepWorkers(false);
    engine.setKeepWorkers(true);
    finished.clear();
    QVERIFY(runner.start({m_videoA}, options, 1));
    QVERIFY(runner.isRunning());
    QVERIFY(!engine.isRunning());
    runner.cancel();
    QCOMPARE(finished.count(), 1);
    QVERIFY(!runner.isRunning());
}

void TestEngine::timingRecordsHowTheRunWasSetUp_data()
{
    QTest::addColumn<RunMode>("mode");
    QTest::addColumn<Schedule>("schedule");
    QTest::addColumn<int>("threads");
    QTest::addColumn<int>("chunkSize");
    QTest::addColumn<int>("segmentFrames");
    QTest::addColumn<QStringList>("parameters");
    QTest::addColumn<bool>("renamedLauncher");
    QTest::addColumn<Schedule>("recordedSchedule");
    QTest::newRow("parallel, fastest finish, defaults")
        << RunMode::Completed << Schedule::FastestFinish << 0 << 0 << 0 << QStringList{} << false << Schedule::FastestFinish;
    QTest::newRow("parallel, queue order, chunks, threshold, another launcher")
        << RunMode::Input << Schedule::QueueOrder << 2 << 3 << -1 << QStringList{QStringLiteral("threshold=40")} << true
        << Schedule::QueueOrder;
    QTest::newRow("serial: always queue order")
        << RunMode::Serial << Schedule::FastestFinish << 1 << 0 << 50 << QStringList{QStringLiteral("threshold=7")} << false
        << Schedule::QueueOrder;
}

void TestEngine::timingRecordsHowTheRunWasSetUp()
{
    QFETCH(RunMode, mode);
    QFETCH(Schedule, schedule);
    QFETCH(int, threads);
    QFETCH(int, chunkSize);
    QFETCH(int, segmentFrames);
    QFETCH(QStringList, parameters);
    QFETCH(bool, renamedLauncher);
    QFETCH(Schedule, recordedSchedule);
    Engine engine;
    if (renamedLauncher)
        engine.setLauncher(std::make_unique<RenamedLauncher>());
    EngineOptions options;
    options.analysis = testmedia::builtInAnalysis(QStringLiteral("motion"));
    QString error;
    const std::optional<QJsonObject> resolved = options.analysis.resolveParameters(parameters, &error);
    QVERIFY2(resolved, qPrintable(error));
    options.parameters = *resolved;
    options.mode = mode;
    options.schedule = schedule;
    options.workers = 2;
    options.threadsPerWorker = threads;
    options.chunkSize = chunkSize;
    options.segmentFrames = segmentFrames;
    QVERIFY(runToEnd(engine, {m_fastImage, m_videoA}, options));
    // A launcher set after the run is the next run's, not this one's.
    engine.setLauncher(std::make_unique<RenamedLauncher>());
    const RunSetup setup = engine.timing().setup;
    QVERIFY(setup.isRecorded());
    QCOMPARE(setup.launcher, renamedLauncher ? QStringLiteral("renamed") : QStringLiteral("local"));
    QCOMPARE(setup.parameters, *resolved);
    QCOMPARE(setup.parameters.value(QLatin1String("threshold")).toInt(),
             parameters.isEmpty() ? options.analysis.parameter(QStringLiteral("threshold"))->defaultValue.toInt()
                                  : parameters.first().section(QLatin1Char('='), 1).toInt());
    // Automatic (0) is recorded as what the workers were given: the cores shared among them.
    const int workers = mode == RunMode::Serial ? 1 : options.workers;
    QCOMPARE(setup.threadsPerWorker, threads > 0 ? threads : std::max(1, usableCores() / workers));
    QCOMPARE(setup.schedule, recordedSchedule);
    QCOMPARE(setup.chunkSize, chunkSize);
    QCOMPARE(setup.segmentFrames, segmentFrames);
    QCOMPARE(engine.timing().completedCount(), 2);
}

void TestEngine::scheduleDecidesStartOrder_data()
{
    QTest::addColumn<Schedule>("schedule");
    QTest::addColumn<int>("workers");
    QTest::addColumn<QList<int>>("expected"); // items in the order they start
    // Items: 0 a single image (smallest), 1 an image set of ten tiny images, 2 the slow video
    // (largest), 3 a clip of 60 frames (clearly more work than the set, whatever the estimate).
    QTest::newRow("queue order, -j 1") << Schedule::QueueOrder << 1 << QList<int>{0, 1, 2, 3};
    QTest::newRow("queue order, 2 workers") << Schedule::QueueOrder << 2 << QList<int>{0, 1, 2, 3};
    QTest::newRow("fastest finish, -j 1: largest first") << Schedule::FastestFinish << 1 << QList<int>{2, 3, 1, 0};
}

void TestEngine::scheduleDecidesStartOrder()
{
    QFETCH(Schedule, schedule);
    QFETCH(int, workers);
    QFETCH(QList<int>, expected);
    Engine engine;
    QList<int> started;
    connect(&engine, &Engine::itemStarted, this, [&started](int item) { started << item; });
    EngineOptions options;
    options.schedule = schedule;
    options.workers = workers;
    QVERIFY(runToEnd(engine, {m_fastImage, m_imageSet, m_slowVideo, m_midVideo}, options));
    QCOMPARE(engine.timing().completedCount(), 4);
    if (workers == 1) {
        QCOMPARE(started, expected);
    } else {
        // Two workers start the first two items in either order, then the rest in order.
        QCOMPARE(started.size(), expected.size());
        QCOMPARE(QSet<int>(started.begin(), started.begin() + 2), QSet<int>(expected.begin(), expected.begin() + 2));
        QCOMPARE(started.mid(2), expected.mid(2));
    }
}

void TestEngine::moveToFrontStartsThatItemNext()
{
    Engine engine;
    QList<int> started;
    connect(&engine, &Engine::itemStarted, this, [&](int item) {
        started << item;
        // While the first item runs, the last one is moved to the front of the queue.
        if (started.size() == 1)
            engine.moveToFront(3);
    });
    EngineOptions options;
    options.schedule = Schedule::QueueOrder;
    options.workers = 1;
    QVERIFY(runToEnd(engine, {m_fastImage, m_imageSet, m_videoA, m_videoB}, options));
    QCOMPARE(started, (QList<int>{0, 3, 1, 2}));
}

void TestEngine::initTestCase()
{
    QVERIFY(m_dir.isValid());
    qputenv("FRAMEPOOL_WORKER", QFile::encodeName(testmedia::binDir() + QStringLiteral("/framepool-worker")));
    m_slowVideo = m_dir.filePath(QStringLiteral("slow.mkv"));
    QVERIFY(testmedia::writeVideo(m_slowVideo, 240, 320, 240, testmedia::noise(1)));
    m_midVideo = m_dir.filePath(QStringLiteral("mid.mkv"));
    QVERIFY(testmedia::writeVideo(m_midVideo, 60, 160, 120, testmedia::noise(2)));
    m_fastImage = m_dir.filePath(QStringLiteral("fast.png"));
    QVERIFY(!testmedia::writeImages(m_dir.filePath(QStringLiteral("single")), 1, 16, 16, testmedia::solid(0, 0, 255)).isEmpty());
    QVERIFY(QFile::copy(m_dir.filePath(QStringLiteral("single/img_000.png")), m_fastImage));
    m_imageSet = m_dir.filePath(QStringLiteral("set"));
    QCOMPARE(testmedia::writeImages(m_imageSet, 10, 40, 30, testmedia::noise(7)).size(), 10);
    m_videoA = m_dir.filePath(QStringLiteral("a.mkv"));
    m_videoB = m_dir.filePath(QStringLiteral("b.mkv"));
    QVERIFY(testmedia::writeVideo(m_videoA, 20, 64, 48, testmedia::noise(3)));
    QVERIFY(testmedia::writeVideo(m_videoB, 25, 64, 48, testmedia::solid(10, 200, 30)));
    m_longVideo = m_dir.filePath(QStringLiteral("long.mkv"));
    QVERIFY(testmedia::writeVideo(m_longVideo, 1500, 320, 240, testmedia::noise(11)));
}

void TestEngine::deliveryOrder_data()
{
    QTest::addColumn<RunMode>("mode");
    QTest::addColumn<QList<int>>("expected");
    // Item 0 is slow, item 1 is fast.
    QTest::newRow("completed: fast first") << RunMode::Completed << QList<int>{1, 0};
    QTest::newRow("input order") << RunMode::Input << QList<int>{0, 1};
    QTest::newRow("batch, input order at the end") << RunMode::Batch << QList<int>{0, 1};
    QTest::newRow("serial") << RunMode::Serial << QList<int>{0, 1};
}

void TestEngine::deliveryOrder()
{
    QFETCH(RunMode, mode);
    QFETCH(QList<int>, expected);
    Engine engine;
    RunRecorder recorder(engine);
    bool allDoneAtFirstDelivery = false;
    connect(&engine, &Engine::itemFinished, this, [&](int) {
        if (recorder.delivered.size() == 1)
            allDoneAtFirstDelivery = engine.item(0).state == ItemState::Done && engine.item(1).state == ItemState::Done;
    });
    EngineOptions options;
    options.mode = mode;
    options.workers = 2;
    QVERIFY(runToEnd(engine, {m_slowVideo, m_fastImage}, options));
    QCOMPARE(recorder.delivered, expected);
    if (mode == RunMode::Batch)
        QVERIFY(allDoneAtFirstDelivery);
    if (mode == RunMode::Completed)
        QVERIFY(!allDoneAtFirstDelivery);
    QCOMPARE(engine.item(0).framesDone, 240);
    QCOMPARE(engine.item(1).framesDone, 1);
}

void TestEngine::neverMoreWorkersThanAsked()
{
    Engine engine;
    RunRecorder recorder(engine);
    EngineOptions options;
    options.workers = 2;
    QVERIFY(runToEnd(engine, {m_videoA, m_videoB, m_imageSet, m_fastImage, m_videoA, m_videoB}, options));
    QVERIFY(recorder.maxAlive >= 1);
    QVERIFY2(recorder.maxAlive <= 2, qPrintable(QString::number(recorder.maxAlive)));
    QCOMPARE(engine.aliveWorkers(), 0);
    QCOMPARE(engine.timing().failedCount(), 0);
    QVERIFY(!recorder.progressPastTotal);
}

void TestEngine::serialAndParallelAgree_data()
{
    QTest::addColumn<QString>("analysis");
    for (const QString &name : testmedia::builtInAnalysisNames())
        QTest::newRow(qPrintable(name)) << name;
}

void TestEngine::serialAndParallelAgree()
{
    QFETCH(QString, analysis);
    const QStringList paths{m_videoA, m_imageSet, m_videoB};
    Engine engine;
    EngineOptions options;
    options.analysis = testmedia::builtInAnalysis(analysis);
    options.mode = RunMode::Serial;
    QVERIFY(runToEnd(engine, paths, options));
    const QList<ItemRecord> serial = engine.items();
    options.mode = RunMode::Completed;
    options.workers = 2;
    options.chunkSize = 3; // the image set is split across workers and merged
    QVERIFY(runToEnd(engine, paths, options));
    const QList<ItemRecord> parallel = engine.items();
    for (int i = 0; i < paths.size(); ++i) {
        QCOMPARE(parallel[i].state, ItemState::Done);
        QCOMPARE(parallel[i].framesDone, serial[i].framesDone);
        QCOMPARE(parallel[i].result, serial[i].result);
    }
}

void TestEngine::chunkedImageSetsMergeExactly_data()
{
    QTest::addColumn<QString>("analysis");
    QTest::addColumn<int>("chunkSize");
    for (const QString &name : testmedia::builtInAnalysisNames())
        for (int chunk : {1, 3, 4})
            QTest::addRow("%s, chunks of %d", qPrintable(name), chunk) << name << chunk;
}

void TestEngine::chunkedImageSetsMergeExactly()
{
    QFETCH(QString, analysis);
    QFETCH(int, chunkSize);
    Engine engine;
    EngineOptions options;
    options.analysis = testmedia::builtInAnalysis(analysis);
    options.workers = 1;
    QVERIFY(runToEnd(engine, {m_imageSet}, options));
    const ItemRecord whole = engine.item(0);
    QCOMPARE(whole.state, ItemState::Done);
    QCOMPARE(engine.timing().tasks.size(), 1);

    options.workers = 2;
    options.chunkSize = chunkSize;
    QVERIFY(runToEnd(engine, {m_imageSet}, options));
    const ItemRecord chunked = engine.item(0);
    QCOMPARE(chunked.state, ItemState::Done);
    QCOMPARE(engine.timing().tasks.size(), (10 + chunkSize - 1) / chunkSize);
    QCOMPARE(chunked.framesDone, 10);
    QCOMPARE(chunked.result, whole.result);
}

void TestEngine::videoSegmentsMergeExactly_data()
{
    QTest::addColumn<QString>("analysis");
    QTest::addColumn<QString>("codec");
    for (const QString &name : testmedia::builtInAnalysisNames()) {
        QTest::addRow("%s, FFV1 (every frame a keyframe)", qPrintable(name)) << name << "ffv1";
        QTest::addRow("%s, H.264 with B-frames", qPrintable(name)) << name << "h264";
        QTest::addRow("%s, H.264 with a variable frame rate", qPrintable(name)) << name << "vfr";
    }
}

// A long video cut into segments at keyframes, seeked to by different workers and merged,
// gives exactly the result of one worker reading it through: no frame counted twice or missed.
void TestEngine::videoSegmentsMergeExactly()
{
    QFETCH(QString, analysis);
    QFETCH(QString, codec);
    const QString video = m_dir.filePath(QStringLiteral("segments-%1.%2").arg(codec, codec == QLatin1String("ffv1") ? QStringLiteral("mkv") : QStringLiteral("mp4")));
    if (!QFile::exists(video)) {
        if (codec == QLatin1String("ffv1")) {
            QVERIFY(testmedia::writeVideo(video, 120, 64, 48, testmedia::noise(9)));
        } else {
            QStringList arguments{QStringLiteral("-loglevel"), QStringLiteral("error"), QStringLiteral("-y"),
                                  QStringLiteral("-f"), QStringLiteral("lavfi"), QStringLiteral("-i"), QStringLiteral("testsrc2=size=160x120:rate=25"),
                                  QStringLiteral("-t"), QStringLiteral("8"), QStringLiteral("-c:v"), QStringLiteral("libx264"),
                                  QStringLiteral("-g"), QStringLiteral("30"), QStringLiteral("-bf"), QStringLiteral("2"),
                                  QStringLiteral("-pix_fmt"), QStringLiteral("yuv420p")};
            if (codec == QLatin1String("vfr")) {
                // The first 50 frames 40 ms apart, the rest 80 ms: seeking by frame number
                // through the average rate would land on the wrong frames; workers seek to
                // the keyframe's own packet.
                arguments << QStringLiteral("-vf") << QStringLiteral("setpts='if(lt(N,50),N,N*2)/25/TB'")
                          << QStringLiteral("-fps_mode") << QStringLiteral("vfr");
            }
            QProcess ffmpeg;
            ffmpeg.start(QStringLiteral("ffmpeg"), arguments << video);
            QVERIFY(ffmpeg.waitForFinished(60000));
            QCOMPARE(ffmpeg.exitCode(), 0);
        }
    }
    Engine engine;
    EngineOptions options;
    options.analysis = testmedia::builtInAnalysis(analysis);
    options.workers = 1;
    options.segmentFrames = -1;
    QVERIFY(runToEnd(engine, {video}, options));
    const ItemRecord whole = engine.item(0);
    QCOMPARE(whole.state, ItemState::Done);

    options.workers = 2;
    options.segmentFrames = 25;
    QVERIFY(runToEnd(engine, {video}, options));
    const ItemRecord split = engine.item(0);
    QVERIFY2(split.state == ItemState::Done, qPrintable(split.error));
    QVERIFY(engine.timing().tasks.size() >= 3);
    QCOMPARE(split.framesDone, whole.framesDone);
    // The engine checks that the pieces meet (their timestamps), and would run it whole if not.
    QVERIFY2(!split.result.contains(QLatin1String("warnings")), qPrintable(QJsonDocument(split.result).toJson()));
    QCOMPARE(split.result, whole.result);
}

void TestEngine::badItemsFailWithReasonsOthersSucceed()
{
    const QString text = m_dir.filePath(QStringLiteral("notes.txt"));
    const QString fakeVideo = m_dir.filePath(QStringLiteral("fake.mp4"));
    const QString emptyFolder = m_dir.filePath(QStringLiteral("empty"));
    for (const QString &path : {text, fakeVideo}) {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("this is not a video\n");
    }
    QVERIFY(QDir().mkpath(emptyFolder));
    const QString missing = m_dir.filePath(QStringLiteral("missing.mp4"));

    Engine engine;
    RunRecorder recorder(engine);
    EngineOptions options;
    options.workers = 2;
    const QStringList paths{m_videoA, missing, text, m_imageSet, emptyFolder, fakeVideo, m_videoB};
    QVERIFY(runToEnd(engine, paths, options));
    QCOMPARE(recorder.delivered.size(), paths.size());
    for (int good : {0, 3, 6})
        QCOMPARE(engine.item(good).state, ItemState::Done);
    const QList<QPair<int, QString>> expectedErrors{
        {1, QStringLiteral("no such file")},
        {2, QStringLiteral("plain text, not a video or image")},
        {4, QStringLiteral("no images")},
        {5, QStringLiteral("plain text, not a video or image")},
    };
    for (const auto &[item, reason] : expectedErrors) {
        QCOMPARE(engine.item(item).state, ItemState::Failed);
        QVERIFY2(engine.item(item).error.contains(reason), qPrintable(engine.item(item).error));
    }
}

// The prior cost estimate weighs a video by its codec tag (from the worker's probe) and an
// image set by its bytes (from the listing).
void TestEngine::probeAndListingFeedTheCostPrior()
{
    Engine engine;
    QHash<int, fp::StreamInfo> probed;
    QHash<int, fp::StreamInfo> queued;
    connect(&engine, &Engine::itemProbed, this, [&probed](int item, const fp::StreamInfo &info) { probed[item] = info; });
    connect(&engine, &Engine::itemQueued, this, [&queued](int item, const fp::StreamInfo &info) { queued[item] = info; });
    QVERIFY(runToEnd(engine, {m_videoA, m_imageSet}, EngineOptions{}));
    QCOMPARE(engine.timing().completedCount(), 2);

    QVERIFY(probed.contains(0));
    QCOMPARE(probed[0].codec, QStringLiteral("FFV1")); // what testmedia::writeVideo encodes with
    QCOMPARE(probed[0].bytes, QFileInfo(m_videoA).size());
    QVERIFY(!probed.contains(1)); // image sets are listed, not probed
    qint64 setBytes = 0;
    for (const QFileInfo &image : QDir(m_imageSet).entryInfoList(QDir::Files))
        setBytes += image.size();
    QCOMPARE(queued[1].bytes, setBytes);
}

void TestEngine::firstVideoDecodesBeforeTheOthersAreProbed_data()
{
    QTest::addColumn<RunMode>("mode");
    QTest::addColumn<int>("first"); // the item that starts before any other video is probed
    // Items: 0 a small clip, 1 the long video (the largest file), 2 and 3 small clips.
    QTest::newRow("fastest finish: the largest file") << RunMode::Completed << 1;
    QTest::newRow("serial: the first in the queue") << RunMode::Serial << 0;
}

// No probing pass holds up the first frames: the video that starts first is probed by its own
// task, and every video is still probed exactly once, its frame total known before it ends.
void TestEngine::firstVideoDecodesBeforeTheOthersAreProbed()
{
    QFETCH(RunMode, mode);
    QFETCH(int, first);
    Engine engine;
    QStringList events;
    QHash<int, int> probes;
    QHash<int, qint64> totalsBeforeTheEnd;
    connect(&engine, &Engine::itemStarted, this, [&](int item) { events << QStringLiteral("start %1").arg(item); });
    connect(&engine, &Engine::itemProbed, this, [&](int item, const StreamInfo &info) {
        events << QStringLiteral("probe %1").arg(item);
        ++probes[item];
        totalsBeforeTheEnd[item] = info.frameEstimate;
    });
    EngineOptions options;
    options.mode = mode;
    options.workers = 2;
    options.analysis = testmedia::builtInAnalysis(QStringLiteral("brightness"));
    QVERIFY(runToEnd(engine, {m_midVideo, m_longVideo, m_videoA, m_videoB}, options));
    QCOMPARE(engine.timing().completedCount(), 4);
    QVERIFY(!events.isEmpty());
    QCOMPARE(events.first(), QStringLiteral("start %1").arg(first));
    for (int item = 0; item < 4; ++item) {
        QCOMPARE(probes.value(item), 1);
        QCOMPARE(totalsBeforeTheEnd.value(item), engine.item(item).framesDone);
    }
}

void TestEngine::frameCountComesFromDecoding()
{
    // A video cut short: the header (if any) and the file disagree; the decoded count wins.
    const QString full = m_dir.filePath(QStringLiteral("full.avi"));
    {
        cv::VideoWriter writer(full.toStdString(), cv::CAP_FFMPEG, cv::VideoWriter::fourcc('M', 'J', 'P', 'G'), 25,
                               cv::Size(64, 48));
        QVERIFY(writer.isOpened());
        cv::Mat frame(48, 64, CV_8UC3);
        for (int i = 0; i < 100; ++i) {
            testmedia::noise(5)(i, frame);
            writer.write(frame);
        }
    }
    QFile file(full);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    const QString truncated = m_dir.filePath(QStringLiteral("truncated.avi"));
    QFile out(truncated);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(bytes.left(bytes.size() / 2));
    out.close();

    Engine engine;
    RunRecorder recorder(engine);
    QVERIFY(runToEnd(engine, {full, truncated}, EngineOptions{}));
    QCOMPARE(engine.item(0).framesDone, 100);
    const ItemRecord cut = engine.item(1);
    QCOMPARE(cut.state, ItemState::Done);
    QVERIFY(cut.framesDone > 10);
    QVERIFY(cut.framesDone < 100);
    QCOMPARE(cut.framesTotal, cut.framesDone); // the bar ends at exactly 100%
    QVERIFY(!recorder.progressPastTotal);

    // OpenCV's own sample whose header claims 444 frames but holds 68.
    const QString tree = QStringLiteral("/usr/share/doc/opencv-doc/examples/data/tree.avi");
    if (QFile::exists(tree)) {
        QVERIFY(runToEnd(engine, {tree}, EngineOptions{}));
        QCOMPARE(engine.item(0).framesDone, 68);
        QCOMPARE(engine.item(0).framesTotal, 68);
    }
}

void TestEngine::comparisonReportsBothRuns()
{
    Engine engine;
    ComparisonRunner runner(&engine);
    QSignalSpy finished(&runner, &ComparisonRunner::finished);
    EngineOptions options;
    options.workers = 2;
    QVERIFY(runner.start({m_videoA, m_videoB, m_imageSet}, options));
    QVERIFY(finished.wait(kRunTimeoutMs));
    const auto repeated = finished.first().first().value<RepeatedComparison>();
    QCOMPARE(repeated.completedRounds(), 1);
    const Comparison comparison = repeated.round(0);
    QCOMPARE(comparison.serial.mode, RunMode::Serial);
    QCOMPARE(comparison.serial.workers, 1);
    QCOMPARE(comparison.parallel.workers, 2);
    QCOMPARE(comparison.serial.items.size(), 3);
    QCOMPARE(comparison.parallel.items.size(), 3);
    QVERIFY(comparison.serial.wallSeconds > 0);
    QVERIFY(comparison.parallel.wallSeconds > 0);
    QCOMPARE(comparison.speedup(), comparison.serial.wallSeconds / comparison.parallel.wallSeconds);
    QCOMPARE(comparison.efficiency(), comparison.speedup() / 2);
    for (const ItemRecord &r : comparison.parallel.items) {
        QVERIFY(r.start >= 0);
        QVERIFY(r.end >= r.start);
        QVERIFY(r.worker >= 1 && r.worker <= 2);
    }
}

void TestEngine::cancelAllStopsWorkersKeepsResults()
{
    Engine engine;
    QSignalSpy finished(&engine, &Engine::runFinished);
    QSignalSpy cancelled(&engine, &Engine::itemCancelled);
    EngineOptions options;
    options.workers = 2;
    options.mode = RunMode::Serial;
    QVERIFY(engine.start({m_fastImage, m_longVideo, m_longVideo}, options));
    QTRY_VERIFY_WITH_TIMEOUT(engine.item(1).framesDone > 0, kRunTimeoutMs);
    QCOMPARE(engine.item(0).state, ItemState::Done);
    engine.cancelAll();
    QVERIFY(finished.wait(5000));
    QCOMPARE(engine.aliveWorkers(), 0);
    QCOMPARE(engine.item(0).state, ItemState::Done);
    QVERIFY(!engine.item(0).result.isEmpty());
    QCOMPARE(engine.item(1).state, ItemState::Cancelled);
    QCOMPARE(engine.item(2).state, ItemState::Cancelled);
    QCOMPARE(cancelled.size(), 2);
}

void TestEngine::cancelledWorkStaysOnTheTimeline_data()
{
    QTest::addColumn<bool>("cancelAll");
    QTest::newRow("cancel the item") << false;
    QTest::newRow("cancel all") << true;
}

// The worker was busy until the cancel: the timelines (GUI, HTML, PDF) draw that work, marked
// cancelled, up to where it stopped, instead of an idle worker.
void TestEngine::cancelledWorkStaysOnTheTimeline()
{
    QFETCH(bool, cancelAll);
    Engine engine;
    QSignalSpy finished(&engine, &Engine::runFinished);
    EngineOptions options;
    options.mode = RunMode::Serial;
    QVERIFY(engine.start({m_fastImage, m_longVideo}, options));
    QTRY_VERIFY_WITH_TIMEOUT(engine.item(1).framesDone > 0, kRunTimeoutMs);
    if (cancelAll)
        engine.cancelAll();
    else
        engine.cancelItem(1);
    QVERIFY(finished.wait(kRunTimeoutMs));

    const RunTiming run = engine.timing();
    const ItemRecord &cut = run.items.at(1);
    QCOMPARE(cut.state, ItemState::Cancelled);
    const Timeline timeline(run);
    QList<Timeline::Bar> bars[2];
    for (const Timeline::Bar &bar : timeline.bars())
        bars[bar.item] << bar;
    QCOMPARE(bars[0].size(), 1);
    QVERIFY(!bars[0].first().cancelled);
    QCOMPARE(bars[1].size(), 1);
    const Timeline::Bar &bar = bars[1].first();
    QVERIFY(bar.cancelled);
    QVERIFY(!bar.running);
    QCOMPARE(bar.worker, cut.worker);
    QCOMPARE(bar.start, cut.start);
    QCOMPARE(bar.end, cut.end); // where it stopped
    QVERIFY(bar.end > bar.start);
    QVERIFY(bar.frames > 0);
    QCOMPARE(bar.frames, cut.framesDone);
    QVERIFY(timeline.describe(bar).contains(QLatin1String("cancelled after")));
    // Its worker counts as busy for that time.
    QCOMPARE(run.busySecondsPerWorker().value(0), bars[0].first().seconds() + bar.seconds());
}

void TestEngine::missingWorkerProgramFailsItems()
{
    Engine engine;
    engine.setLauncher(std::make_unique<LocalLauncher>(m_dir.filePath(QStringLiteral("no-such-worker"))));
    QVERIFY(runToEnd(engine, {m_videoA, m_imageSet}, EngineOptions{}));
    for (int i = 0; i < 2; ++i) {
        QCOMPARE(engine.item(i).state, ItemState::Failed);
        QVERIFY2(engine.item(i).error.contains(QLatin1String("cannot start worker")), qPrintable(engine.item(i).error));
    }
}

void TestEngine::itemsAddedMidRunFinish_data()
{
    QTest::addColumn<RunMode>("mode");
    QTest::addColumn<Schedule>("schedule");
    QTest::addColumn<int>("workers");
    QTest::newRow("serial") << RunMode::Serial << Schedule::QueueOrder << 1;
    QTest::newRow("as completed, fastest finish, 2 workers") << RunMode::Completed << Schedule::FastestFinish << 2;
    QTest::newRow("input order, queue order, 2 workers") << RunMode::Input << Schedule::QueueOrder << 2;
    QTest::newRow("batch, 1 worker") << RunMode::Batch << Schedule::FastestFinish << 1;
}

void TestEngine::itemsAddedMidRunFinish()
{
    QFETCH(RunMode, mode);
    QFETCH(Schedule, schedule);
    QFETCH(int, workers);
    const QString first = fakeItem(QStringLiteral("GATED-first-%1").arg(QTest::currentDataTag()));
    const QStringList later{fakeItem(QStringLiteral("later-a")), fakeItem(QStringLiteral("later-b"))};
    Engine engine;
    engine.setLauncher(testmedia::fakeWorkerLauncher());
    QCOMPARE(engine.addItems(later), -1); // no run to join
    RunRecorder recorder(engine);
    QSignalSpy runs(&engine, &Engine::runStarted);
    QSignalSpy added(&engine, &Engine::itemsAdded);
    int firstAdded = -2;
    // While the first item runs, two more join the run; then the first may end.
    connect(&engine, &Engine::itemStarted, this, [&](int item) {
        if (item != 0)
            return;
        firstAdded = engine.addItems(later);
        testmedia::openGate(first);
    });
    EngineOptions options;
    options.mode = mode;
    options.schedule = schedule;
    options.workers = workers;
    QVERIFY(runToEnd(engine, {first}, options));

    QCOMPARE(firstAdded, 1);
    QCOMPARE(runs.size(), 1);
    QCOMPARE(added.size(), 1);
    QCOMPARE(added.first(), (QVariantList{1, 2}));
    const RunTiming timing = engine.timing();
    QCOMPARE(timing.items.size(), 3);
    QCOMPARE(timing.completedCount(), 3);
    QVERIFY(timing.isComplete());
    QCOMPARE(timing.addedMidRunCount(), 2);
    QVERIFY(!engine.item(0).addedMidRun);
    for (int i = 1; i < 3; ++i) {
        QCOMPARE(engine.item(i).path, later.at(i - 1));
        QCOMPARE(engine.item(i).result.value(QLatin1String("fake")).toString(), later.at(i - 1));
        QVERIFY(engine.item(i).start >= engine.item(0).start);
    }
    // Every item delivered once; input order and batch in item order.
    QCOMPARE(QSet<int>(recorder.delivered.begin(), recorder.delivered.end()), (QSet<int>{0, 1, 2}));
    QCOMPARE(recorder.delivered.size(), 3);
    if (mode == RunMode::Input || mode == RunMode::Batch || mode == RunMode::Serial)
        QCOMPARE(recorder.delivered, (QList<int>{0, 1, 2}));
    QCOMPARE(engine.aliveWorkers(), 0);
}

void TestEngine::addedItemMovedToFrontRunsNext()
{
    const QString first = fakeItem(QStringLiteral("GATED-promote"));
    const QString added = fakeItem(QStringLiteral("promote-added"));
    Engine engine;
    engine.setLauncher(testmedia::fakeWorkerLauncher());
    QList<int> started;
    connect(&engine, &Engine::itemStarted, this, [&](int item) {
        started << item;
        // Added and moved to the front before it is even listed.
        if (item == 0 && engine.addItems({added}) == 2)
            engine.moveToFront(2);
    });
    // The first item ends only once the added one is known, so that the order is the plan's.
    connect(&engine, &Engine::itemQueued, this, [&](int item) {
        if (item == 2)
            testmedia::openGate(first);
    });
    EngineOptions options;
    options.schedule = Schedule::QueueOrder;
    options.workers = 1;
    QVERIFY(runToEnd(engine, {first, fakeItem(QStringLiteral("promote-waiting"))}, options));
    QCOMPARE(started, (QList<int>{0, 2, 1}));
    QCOMPARE(engine.timing().completedCount(), 3);
}

void TestEngine::heldItemWaitsUntilReleased()
{
    const QString first = fakeItem(QStringLiteral("GATED-hold-first"));
    const QString held = fakeItem(QStringLiteral("held"));
    const QString third = fakeItem(QStringLiteral("GATED-hold-third"));
    Engine engine;
    engine.setLauncher(testmedia::fakeWorkerLauncher());
    QList<int> started;
    connect(&engine, &Engine::itemStarted, this, [&started](int item) { started << item; });
    QSignalSpy heldChanged(&engine, &Engine::itemHeldChanged);
    QSignalSpy finished(&engine, &Engine::runFinished);
    EngineOptions options;
    options.schedule = Schedule::QueueOrder;
    options.workers = 1;
    QVERIFY(engine.start({first, held, third}, options));
    QVERIFY(engine.setHeld(1, true));
    QTRY_COMPARE_WITH_TIMEOUT(started, QList<int>{0}, kRunTimeoutMs);
    QVERIFY(!engine.setHeld(0, true)); // it has started
    QVERIFY(testmedia::openGate(first));

    // The free worker passes over the held item to the next one.
    QTRY_COMPARE_WITH_TIMEOUT(started, (QList<int>{0, 2}), kRunTimeoutMs);
    QCOMPARE(engine.item(1).state, ItemState::Queued);
    QVERIFY(engine.item(1).held);
    QCOMPARE(engine.item(1).start, -1.0);

    // Released, it runs after the item under way.
    QVERIFY(engine.setHeld(1, false));
    QVERIFY(testmedia::openGate(third));
    QVERIFY(finished.wait(kRunTimeoutMs));
    QCOMPARE(started, (QList<int>{0, 2, 1}));
    QCOMPARE(engine.timing().completedCount(), 3);
    QVERIFY(!engine.item(1).held);
    QCOMPARE(heldChanged.size(), 2);
    QCOMPARE(heldChanged.at(0), (QVariantList{1, true}));
    QCOMPARE(heldChanged.at(1), (QVariantList{1, false}));
}

void TestEngine::heldItemLeftQueuedWhenNothingElseRemains()
{
    const QStringList paths{fakeItem(QStringLiteral("runs")), fakeItem(QStringLiteral("stays-held")),
                            fakeItem(QStringLiteral("runs-too"))};
    Engine engine;
    engine.setLauncher(testmedia::fakeWorkerLauncher());
    RunRecorder recorder(engine);
    QSignalSpy cancelled(&engine, &Engine::itemCancelled);
    QSignalSpy finished(&engine, &Engine::runFinished);
    EngineOptions options;
    options.mode = RunMode::Input; // the held item must not hold back the delivery of the last
    options.workers = 2;
    QVERIFY(engine.start(paths, options));
    QVERIFY(engine.setHeld(1, true));
    QVERIFY(finished.wait(kRunTimeoutMs));

    QVERIFY(!engine.isRunning());
    QCOMPARE(engine.aliveWorkers(), 0);
    QCOMPARE(engine.item(1).state, ItemState::Queued);
    QVERIFY(engine.item(1).held);
    QCOMPARE(engine.item(1).start, -1.0);
    QCOMPARE(recorder.delivered, (QList<int>{0, 2}));
    QCOMPARE(cancelled.size(), 0);
    const auto timing = finished.first().first().value<RunTiming>();
    QCOMPARE(timing.completedCount(), 2);
    QCOMPARE(timing.countIn(ItemState::Queued), 1);
    QVERIFY(!timing.isComplete());
    QCOMPARE(timing.partialText(), QStringLiteral("partial run: 2 of 3 items completed"));
    QVERIFY(!engine.setHeld(1, false)); // no run any more
}

void TestEngine::finishRunningLeavesTheRestQueued()
{
    const QString gatedA = fakeItem(QStringLiteral("GATED-drain-a"));
    const QString gatedB = fakeItem(QStringLiteral("GATED-drain-b"));
    const QStringList paths{gatedA, gatedB, fakeItem(QStringLiteral("drain-c")), fakeItem(QStringLiteral("drain-d"))};
    Engine engine;
    engine.setLauncher(testmedia::fakeWorkerLauncher());
    RunRecorder recorder(engine);
    QList<int> started;
    connect(&engine, &Engine::itemStarted, this, [&started](int item) { started << item; });
    QSignalSpy cancelled(&engine, &Engine::itemCancelled);
    QSignalSpy finished(&engine, &Engine::runFinished);
    EngineOptions options;
    options.workers = 2;
    options.schedule = Schedule::QueueOrder;
    QVERIFY(engine.start(paths, options));
    QTRY_COMPARE_WITH_TIMEOUT(started.size(), 2, kRunTimeoutMs);
    QCOMPARE(QSet<int>(started.begin(), started.end()), (QSet<int>{0, 1}));

    engine.finishRunning();
    QVERIFY(engine.isFinishingRunning());
    QVERIFY(engine.isRunning());
    QVERIFY(testmedia::openGate(gatedA));
    QVERIFY(testmedia::openGate(gatedB));
    QVERIFY(finished.wait(kRunTimeoutMs));

    QCOMPARE(started.size(), 2);
    QCOMPARE(engine.aliveWorkers(), 0);
    const auto timing = finished.first().first().value<RunTiming>();
    QCOMPARE(timing.completedCount(), 2);
    QCOMPARE(timing.countIn(ItemState::Queued), 2);
    QCOMPARE(timing.failedCount(), 0);
    QCOMPARE(timing.cancelledCount(), 0);
    QVERIFY(!timing.isComplete());
    for (int i = 2; i < 4; ++i)
        QCOMPARE(engine.item(i).start, -1.0);
    QCOMPARE(cancelled.size(), 0);
    QCOMPARE(QSet<int>(recorder.delivered.begin(), recorder.delivered.end()), (QSet<int>{0, 1}));

    // The next run starts no longer draining.
    QVERIFY(runToEnd(engine, paths.mid(2), options));
    QVERIFY(!engine.isFinishingRunning());
    QCOMPARE(engine.timing().completedCount(), 2);
}

void TestEngine::compareWithAddedItemsDoesNotCompare()
{
    const QString first = fakeItem(QStringLiteral("GATED-compare"));
    const QString later = fakeItem(QStringLiteral("compare-later"));
    Engine engine;
    engine.setLauncher(testmedia::fakeWorkerLauncher());
    ComparisonRunner runner(&engine);
    QSignalSpy finished(&runner, &ComparisonRunner::finished);
    int firstAdded = -2;
    connect(&engine, &Engine::itemStarted, this, [&](int item) {
        if (item != 0 || engine.options().mode != RunMode::Serial)
            return;
        firstAdded = runner.addItems({later});
        testmedia::openGate(first);
    });
    EngineOptions options;
    options.workers = 2;
    QVERIFY(runner.start({first}, options));
    QVERIFY(finished.wait(kRunTimeoutMs));
    QCOMPARE(firstAdded, 1);
    const auto compared = finished.first().first().value<RepeatedComparison>();
    QCOMPARE(compared.completedRounds(), 1);
    QVERIFY(!compared.isValid());
    const Comparison comparison = compared.round(0);
    // Both phases ran both items, but the serial run was given one of them late.
    QCOMPARE(comparison.serial.completedCount(), 2);
    QCOMPARE(comparison.parallel.completedCount(), 2);
    QCOMPARE(comparison.parallel.items.at(1).path, later);
    QCOMPARE(comparison.parallel.addedMidRunCount(), 0);
    QVERIFY(comparison.sameItems());
    QVERIFY(!comparison.isValid());
    QCOMPARE(comparison.invalidReason(), QStringLiteral("serial: 1 of its 2 items were added while it ran"));
    QCOMPARE(comparison.speedup(), 0.0);
}

void TestEngine::compareDrainedInItsSerialPhaseStops()
{
    const QString first = fakeItem(QStringLiteral("GATED-compare-drain"));
    Engine engine;
    engine.setLauncher(testmedia::fakeWorkerLauncher());
    ComparisonRunner runner(&engine);
    QSignalSpy compared(&runner, &ComparisonRunner::finished);
    QSignalSpy runs(&engine, &Engine::runFinished);
    connect(&engine, &Engine::itemStarted, this, [&](int) {
        runner.finishRunning();
        testmedia::openGate(first);
    });
    QVERIFY(runner.start({first, fakeItem(QStringLiteral("compare-never"))}, EngineOptions{}));
    QVERIFY(runs.wait(kRunTimeoutMs));
    QVERIFY(!runner.isRunning());
    QVERIFY(!engine.isRunning());
    const auto serial = runs.first().first().value<RunTiming>();
    QCOMPARE(serial.mode, RunMode::Serial);
    QCOMPARE(serial.completedCount(), 1);
    QCOMPARE(serial.countIn(ItemState::Queued), 1);
    // No parallel phase follows (it would have started within runFinished), nothing compares:
    // the runner reports the one serial run it has, and no speed-up.
    QCOMPARE(runs.size(), 1);
    QCOMPARE(compared.size(), 1);
    const auto result = compared.first().first().value<RepeatedComparison>();
    QCOMPARE(result.serialRuns.size(), 1);
    QVERIFY(result.parallelRuns.isEmpty());
    QVERIFY(!result.isValid());
    QCOMPARE(result.speedup(), 0.0);
}

QTEST_GUILESS_MAIN(TestEngine)
#include "tst_engine.moc"
