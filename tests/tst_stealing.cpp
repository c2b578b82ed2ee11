// Work stealing at the tail: a worker asked to narrow its running task stops exactly where it was
// asked and ships its mergeable state; the engine gives the rest to an idle worker, or queues it
// before the worker that will take it is idle; the merged pieces give exactly the result of one
// worker reading the item through.

#include "analysis.h"
#include "engine.h"
#include "testmedia.h"
#include "workersession.h"

#include <QDir>
#include <QJsonDocument>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace fp;

Q_DECLARE_METATYPE(fp::Schedule)

namespace {

constexpr int kRunTimeoutMs = 120000;

bool runToEnd(Engine &engine, const QStringList &paths, const EngineOptions &options)
{
    QSignalSpy finished(&engine, &Engine::runFinished);
    return engine.start(paths, options) && finished.wait(kRunTimeoutMs);
}

// An H.264 clip with a keyframe every `gop` frames and B-frames, as cameras and phones write them.
bool writeH264(const QString &path, int seconds, const QString &size, int gop)
{
    QProcess ffmpeg;
    ffmpeg.start(QStringLiteral("ffmpeg"),
                 {QStringLiteral("-loglevel"), QStringLiteral("error"), QStringLiteral("-y"), QStringLiteral("-f"),
                  QStringLiteral("lavfi"), QStringLiteral("-i"), QStringLiteral("testsrc2=size=%1:rate=25").arg(size),
                  QStringLiteral("-t"), QString::number(seconds), QStringLiteral("-c:v"), QStringLiteral("libx264"),
                  QStringLiteral("-g"), QString::number(gop), QStringLiteral("-bf"), QStringLiteral("2"),
                  QStringLiteral("-pix_fmt"), QStringLiteral("yuv420p"), path});
    return ffmpeg.waitForFinished(120000) && ffmpeg.exitStatus() == QProcess::NormalExit && ffmpeg.exitCode() == 0;
}

// A worker session run in this process, one task at a time, keeping what it answers.
struct Session
{
    QList<protocol::Message> messages;
    WorkerSession session{WorkerSession::Settings{}, [this](const protocol::Message &m) { messages << m; }};

    // Runs `task`; returns its final message.
    protocol::Message run(const protocol::Task &task)
    {
        messages.clear();
        session.runTask(task);
        return messages.isEmpty() ? protocol::Message{protocol::Quit{}} : messages.last();
    }
    [[nodiscard]] QList<protocol::Narrowed> narrowed() const
    {
        QList<protocol::Narrowed> answers;
        for (const protocol::Message &m : messages)
            if (const auto *n = std::get_if<protocol::Narrowed>(&m))
                answers << *n;
        return answers;
    }
};

} // namespace

class TestStealing : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void narrowedTaskStopsWhereAsked_data();
    void narrowedTaskStopsWhereAsked();
    void narrowTooLateIsRefused_data();
    void narrowTooLateIsRefused();
    void narrowForAnotherTaskIsIgnored();
    void idleWorkerTakesOverTheRest_data();
    void idleWorkerTakesOverTheRest();
    void fixedPieceSizesAreKept();
    void restIsCutBeforeTheThiefIsIdle_data();
    void restIsCutBeforeTheThiefIsIdle();

private:
    [[nodiscard]] protocol::Task wholeTask(const QString &analysis, const QString &kind) const;

    QTemporaryDir m_dir;
    QString m_clip;        // H.264, 100 frames, a keyframe every 10
    QStringList m_images;  // 30 images
    QString m_longClip;    // H.264 640x360, 750 frames, a keyframe every 25
    QString m_longerClip;  // H.264 640x360, 1,500 frames, a keyframe every 25
    QStringList m_midClips; // two H.264 640x360 clips of 150 frames
    QStringList m_pacedSets; // for the fake worker: 136 images at 20 ms each, two sets of 60 at 4 ms
    QStringList m_slowStartSets; // 12 images at 200 ms, 10 at 2 ms, 30 at 20 ms
    QString m_largeSet;    // a folder of 120 images of 480x360
    QString m_tinyImage;
};

void TestStealing::initTestCase()
{
    QVERIFY(m_dir.isValid());
    qputenv("FRAMEPOOL_WORKER", QFile::encodeName(testmedia::binDir() + QStringLiteral("/framepool-worker")));
    m_clip = m_dir.filePath(QStringLiteral("clip.mp4"));
    QVERIFY(writeH264(m_clip, 4, QStringLiteral("160x120"), 10));
    m_images = testmedia::writeImages(m_dir.filePath(QStringLiteral("set")), 30, 48, 36, testmedia::noise(5));
    QCOMPARE(m_images.size(), 30);
    m_longClip = m_dir.filePath(QStringLiteral("long.mp4"));
    QVERIFY(writeH264(m_longClip, 30, QStringLiteral("640x360"), 25));
    m_longerClip = m_dir.filePath(QStringLiteral("longer.mp4"));
    QVERIFY(writeH264(m_longerClip, 60, QStringLiteral("640x360"), 25));
    for (const QString &name : {QStringLiteral("mid1.mp4"), QStringLiteral("mid2.mp4")}) {
        m_midClips << m_dir.filePath(name);
        QVERIFY(writeH264(m_midClips.last(), 6, QStringLiteral("640x360"), 25));
    }
    // Folders of fake images for the fake worker: PACED<ms> in a name sets its pace.
    const auto pacedSets = [this](const QList<std::pair<QString, int>> &sets) {
        QStringList folders;
        for (const auto &[name, count] : sets) {
            folders << m_dir.filePath(name);
            if (!QDir().mkpath(folders.last()))
                return QStringList();
            for (int i = 0; i < count; ++i)
                testmedia::writeFakeItem(folders.last(), QStringLiteral("img_%1").arg(i, 3, 10, QLatin1Char('0')));
        }
        return folders;
    };
    m_pacedSets = pacedSets({{QStringLiteral("PACED20_slow"), 136}, {QStringLiteral("PACED4_a"), 60}, {QStringLiteral("PACED4_b"), 60}});
    QCOMPARE(m_pacedSets.size(), 3);
    m_slowStartSets = pacedSets({{QStringLiteral("PACED200_long"), 12}, {QStringLiteral("PACED2_quick"), 10},
                                 {QStringLiteral("PACED20_last"), 30}});
    QCOMPARE(m_slowStartSets.size(), 3);
    m_largeSet = m_dir.filePath(QStringLiteral("large"));
    QCOMPARE(testmedia::writeImages(m_largeSet, 120, 480, 360, testmedia::noise(8)).size(), 120);
    const QStringList tiny = testmedia::writeImages(m_dir.filePath(QStringLiteral("tiny")), 1, 8, 8, testmedia::solid(1, 2, 3));
    QCOMPARE(tiny.size(), 1);
    m_tinyImage = tiny.first();
}

protocol::Task TestStealing::wholeTask(const QString &analysis, const QString &kind) const
{
    protocol::Task task;
    task.id = 7;
    task.analysis = analysis;
    if (kind == QLatin1String("video")) {
        task.kind = StreamKind::Video;
        task.path = m_clip;
        task.frameEstimate = 100;
    } else {
        task.kind = StreamKind::Images;
        task.path = m_dir.filePath(QStringLiteral("set"));
        task.images = m_images;
        task.frameEstimate = m_images.size();
    }
    return task;
}

void TestStealing::narrowedTaskStopsWhereAsked_data()
{
    QTest::addColumn<QString>("analysis");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<qint64>("end");
    for (const QString &name : testmedia::builtInAnalysisNames()) {
        QTest::addRow("%s, video at a keyframe", qPrintable(name)) << name << "video" << qint64(40);
        QTest::addRow("%s, images", qPrintable(name)) << name << "images" << qint64(12);
    }
}

// The narrowed task answers `narrowed` with the end asked for, decodes exactly the frames before
// it and sends its state; the rest, run as its own piece, merges with it into the whole result.
void TestStealing::narrowedTaskStopsWhereAsked()
{
    QFETCH(QString, analysis);
    QFETCH(QString, kind);
    QFETCH(qint64, end);
    const Analysis *built = findBuiltInAnalysis(analysis);
    QVERIFY(built);
    Session worker;
    const protocol::Task whole = wholeTask(analysis, kind);
    const protocol::Message wholeAnswerMessage = worker.run(whole);
    const auto *wholeAnswer = std::get_if<protocol::Result>(&wholeAnswerMessage);
    QVERIFY(wholeAnswer);
    QVERIFY(worker.narrowed().isEmpty());

    // Asked before it reaches its first frame, as an engine whose request overtakes the decoder.
    protocol::Task narrowed = whole;
    narrowed.id = 8;
    worker.session.requestNarrow(protocol::Narrow{narrowed.id, end});
    const protocol::Message first = worker.run(narrowed);
    QCOMPARE(worker.narrowed().size(), 1);
    QCOMPARE(worker.narrowed().first().task, narrowed.id);
    QCOMPARE(worker.narrowed().first().end, end);
    const auto *firstPiece = std::get_if<protocol::Result>(&first);
    QVERIFY(firstPiece);
    QCOMPARE(firstPiece->frames, end);
    QVERIFY2(!firstPiece->state.isEmpty(), "a narrowed task sends its state, as a piece of a split item");
    QCOMPARE(firstPiece->segment.has_value(), kind == QLatin1String("video"));

    protocol::Task rest = whole;
    rest.id = 9;
    rest.firstFrame = end;
    rest.wantState = true;
    if (kind == QLatin1String("video")) {
        rest.frameEstimate = 100 - end;
    } else {
        rest.images = m_images.mid(end);
        rest.primingImage = m_images.at(end - 1);
        rest.frameEstimate = rest.images.size();
    }
    const protocol::Message restPieceMessage = worker.run(rest);
    const auto *restPiece = std::get_if<protocol::Result>(&restPieceMessage);
    QVERIFY(restPiece);
    QCOMPARE(firstPiece->frames + restPiece->frames, wholeAnswer->frames);
    if (firstPiece->segment)
        QCOMPARE(firstPiece->segment->nextMs, restPiece->segment->firstMs); // the pieces meet
    QCOMPARE(built->merge({firstPiece->state, restPiece->state}, {}), wholeAnswer->result);
}

void TestStealing::narrowTooLateIsRefused_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<qint64>("end");
    QTest::newRow("video, at its first frame") << "video" << qint64(0);
    QTest::newRow("images, at the first image") << "images" << qint64(0);
    QTest::newRow("images, at the set's end") << "images" << qint64(30);
    QTest::newRow("images, past the set's end") << "images" << qint64(31);
}

// A request the task cannot honour is answered with -1, and the task runs on to its full result.
void TestStealing::narrowTooLateIsRefused()
{
    QFETCH(QString, kind);
    QFETCH(qint64, end);
    Session worker;
    const protocol::Task task = wholeTask(QStringLiteral("brightness"), kind);
    worker.session.requestNarrow(protocol::Narrow{task.id, end});
    const protocol::Message answerMessage = worker.run(task);
    const auto *answer = std::get_if<protocol::Result>(&answerMessage);
    QVERIFY(answer);
    QCOMPARE(worker.narrowed().size(), 1);
    QCOMPARE(worker.narrowed().first().end, qint64(-1));
    QCOMPARE(answer->frames, task.frameEstimate);
    QVERIFY(answer->state.isEmpty());
    QVERIFY(!answer->result.isEmpty());
}

// A request that names another task (one already over) does not touch the one running.
void TestStealing::narrowForAnotherTaskIsIgnored()
{
    Session worker;
    const protocol::Task task = wholeTask(QStringLiteral("brightness"), QStringLiteral("video"));
    worker.session.requestNarrow(protocol::Narrow{task.id - 1, 40});
    const protocol::Message answerMessage = worker.run(task);
    const auto *answer = std::get_if<protocol::Result>(&answerMessage);
    QVERIFY(answer);
    QVERIFY(worker.narrowed().isEmpty());
    QCOMPARE(answer->frames, qint64(100));
}

void TestStealing::idleWorkerTakesOverTheRest_data()
{
    QTest::addColumn<QString>("analysis");
    QTest::addColumn<QString>("kind");
    // Every analysis on a video; on image sets the pair analysis and the one with the largest
    // state (chunkedImageSetsMergeExactly in tst_engine covers the rest of the image merges).
    for (const QString &name : testmedia::builtInAnalysisNames())
        QTest::addRow("%s, H.264 video", qPrintable(name)) << name << "video";
    QTest::newRow("motion, image set") << "motion" << "images";
    QTest::newRow("dominant-color, image set") << "dominant-color" << "images";
}

// In queue order items start whole; the second worker finishes the tiny image at once and, with
// nothing left to start, takes over half of what the first has left, again and again. The
// result is exactly the serial one.
void TestStealing::idleWorkerTakesOverTheRest()
{
    QFETCH(QString, analysis);
    QFETCH(QString, kind);
    const QString item = kind == QLatin1String("video") ? m_longClip : m_largeSet;
    Engine engine;
    EngineOptions options;
    options.analysis = testmedia::builtInAnalysis(analysis);
    options.mode = RunMode::Serial;
    QVERIFY(runToEnd(engine, {item}, options));
    const ItemRecord serial = engine.item(0);
    QCOMPARE(serial.state, ItemState::Done);
    QCOMPARE(engine.timing().tasks.size(), 1);

    options.mode = RunMode::Completed;
    options.schedule = Schedule::QueueOrder;
    options.workers = 2;
    QVERIFY(runToEnd(engine, {item, m_tinyImage}, options));
    const ItemRecord stolen = engine.item(0);
    QVERIFY2(stolen.state == ItemState::Done, qPrintable(stolen.error));
    int pieces = 0;
    QSet<int> workers;
    for (const TaskTiming &task : engine.timing().tasks) {
        if (task.item == 0) {
            ++pieces;
            workers << task.worker;
        }
    }
    QVERIFY2(pieces >= 2, "the idle worker took over part of the item");
    QCOMPARE(workers.size(), 2);
    QCOMPARE(stolen.framesDone, serial.framesDone);
    QCOMPARE(stolen.result, serial.result);
}

// Pieces of a size the user fixed are not cut further.
void TestStealing::fixedPieceSizesAreKept()
{
    Engine engine;
    EngineOptions options;
    options.analysis = testmedia::builtInAnalysis(QStringLiteral("brightness"));
    options.schedule = Schedule::QueueOrder;
    options.workers = 2;
    options.segmentFrames = -1; // never split videos
    QVERIFY(runToEnd(engine, {m_longClip, m_tinyImage}, options));
    QCOMPARE(engine.item(0).state, ItemState::Done);
    QCOMPARE(engine.timing().tasks.size(), 2);
}

void TestStealing::restIsCutBeforeTheThiefIsIdle_data()
{
    QTest::addColumn<QString>("analysis"); // empty: the fake worker's PACED sets
    QTest::addColumn<Schedule>("schedule");
    QTest::addColumn<bool>("joinsPlannedPiece"); // the rest joins the piece the plan cut off
    QTest::addColumn<bool>("slowStart"); // the fake worker's sets whose long one reports late
    // Every analysis with framepool-worker: a long clip runs on one worker, the two shorter ones
    // one after the other on the other; when that one takes the second, the paces measured say
    // the first will still have far more to do. In queue order the clips run whole; fastest
    // finish starts the long one (the largest file) before the plan and leaves its cut to the
    // paces measured (the longer clip: the cut must gain more than the default cost of taking
    // a piece over even for the fastest analysis, which cannot measure a take-over before it).
    for (const QString &name : testmedia::builtInAnalysisNames()) {
        QTest::addRow("%s, H.264 videos in queue order", qPrintable(name)) << name << Schedule::QueueOrder << false << false;
        QTest::addRow("%s, H.264 videos, fastest finish", qPrintable(name)) << name << Schedule::FastestFinish << false << false;
    }
    // A set of 136 images five times slower per image than two sets of 60, which the sizes (all
    // the planner sees) do not tell. Fastest finish cuts the 136 at 128 and gives its last 8 to
    // the worker of the two others, after them (8 slow images are still less work than 60 fast
    // ones). Once the first of those is done, the learned paces say that worker will end far
    // sooner, so the running piece stops earlier and the planned 8 start earlier: two pieces still.
    QTest::newRow("paced image sets, fastest finish") << QString() << Schedule::FastestFinish << true << false;
    QTest::newRow("paced image sets, queue order") << QString() << Schedule::QueueOrder << false << false;
    // The other worker takes its last set (30 images at 20 ms) 20 ms into the run, before the
    // long set (200 ms an image) has shown a pace: the cut waits for it, not for an idle worker.
    QTest::newRow("paced image sets, the last taken before the long one's pace is known")
        << QString() << Schedule::QueueOrder << false << true;
}

// The worker that will be free first is the thief before it is idle: as it takes its last item,
// the busy worker with far more left is asked to stop, and its rest waits in the queue, narrowed
// before the thief's last item ends. The merged result is exactly the serial one.
void TestStealing::restIsCutBeforeTheThiefIsIdle()
{
    QFETCH(QString, analysis);
    QFETCH(Schedule, schedule);
    QFETCH(bool, joinsPlannedPiece);
    QFETCH(bool, slowStart);
    const bool fake = analysis.isEmpty();
    const QString longClip = schedule == Schedule::FastestFinish ? m_longerClip : m_longClip;
    const QStringList paths = slowStart ? m_slowStartSets : fake ? m_pacedSets : QStringList{longClip} + m_midClips;
    Engine engine;
    if (fake)
        engine.setLauncher(std::make_unique<LocalLauncher>(testmedia::binDir() + QStringLiteral("/fakeworker"),
                                                           QStringList{QStringLiteral("--narrow")}));
    EngineOptions options;
    if (!fake)
        options.analysis = testmedia::builtInAnalysis(analysis);
    options.mode = RunMode::Serial;
    QVERIFY(runToEnd(engine, paths, options));
    const QList<ItemRecord> serial = engine.items();

    QStringList events;
    connect(&engine, qOverload<int, const QString &>(&Engine::itemLog), this, [&events](int item, const QString &text) {
        if (item == 0 && text.contains(QLatin1String("work stealing")))
            events << QStringLiteral("rest of item 0 queued");
    });
    connect(&engine, &Engine::itemFinished, this, [&events](int item) { events << QStringLiteral("item %1 done").arg(item); });
    options.mode = RunMode::Completed;
    options.schedule = schedule;
    options.workers = 2;
    QVERIFY(runToEnd(engine, paths, options));
    const qsizetype cut = events.indexOf(QStringLiteral("rest of item 0 queued"));
    QVERIFY2(cut >= 0 && cut < events.indexOf(QStringLiteral("item 2 done")), qPrintable(events.join(QStringLiteral(", "))));
    if (joinsPlannedPiece) {
        const QList<TaskTiming> tasks = engine.timing().tasks;
        QCOMPARE(std::count_if(tasks.begin(), tasks.end(), [](const TaskTiming &task) { return task.item == 0; }), 2);
    }
    for (int i = 0; i < paths.size(); ++i) {
        const ItemRecord &item = engine.item(i);
        QVERIFY2(item.state == ItemState::Done, qPrintable(item.error));
        QCOMPARE(item.framesDone, serial[i].framesDone);
        QCOMPARE(item.result, serial[i].result);
    }
}

QTEST_GUILESS_MAIN(TestStealing)
#include "tst_stealing.moc"
