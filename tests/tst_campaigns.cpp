// Adversarial campaigns, bounded and seeded so that every run tries the same cases:
// - mutation fuzz: damaged copies of generated media (byte flips at several rates, truncations,
//   zeroed headers, swapped and concatenated pieces, wrong or no extension); each gives one
//   delivered item with a readable error or warnings, no hang, no worker left behind, and the
//   same answer serially, in parallel, and serially again;
// - worker kills: a random worker SIGKILLed at a random moment; every item still ok, with the
//   results of an undisturbed run;
// - full disk (root only, on a small tmpfs): the previous report and queue file stay intact, the
//   error says why, and the CLI exits with its documented status.
// The figures (files tried, held, failed; kills; runs) are printed with qInfo.

#include "engine.h"
#include "queuestore.h"
#include "testmedia.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QSet>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/videoio.hpp>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <memory>
#include <sys/mount.h>
#include <unistd.h>

using namespace fp;

namespace {

constexpr int kRunTimeoutMs = 120000;
constexpr quint32 kFuzzSeed = 20261202;
constexpr quint32 kKillSeed = 13;
constexpr int kKillRuns = 20;

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

// What a run says about one item, in a form two runs can be compared by.
struct Outcome
{
    ItemState state = ItemState::Queued;
    qint64 frames = 0;
    QJsonObject result;
    QString error;

    [[nodiscard]] QString describe() const
    {
        return QStringLiteral("%1, %2 frames, %3").arg(itemStateName(state)).arg(frames)
            .arg(state == ItemState::Done ? QString::fromUtf8(QJsonDocument(result).toJson(QJsonDocument::Compact)) : error);
    }
    // The same answer: state, decoded frames and result. Error words may name the worker.
    bool operator==(const Outcome &o) const { return state == o.state && frames == o.frames && result == o.result; }
};

struct RunOutcome
{
    bool finished = false;
    QList<Outcome> items;
    QList<int> deliveries;        // item indices, in the order delivered
    QList<qint64> leftoverWorkers; // children of this process still running after the run
};

RunOutcome runEngine(const QStringList &paths, EngineOptions options, const std::function<void(Engine &)> &hook = {})
{
    RunOutcome out;
    Engine engine;
    QObject::connect(&engine, &Engine::itemFinished, &engine, [&out](int item) { out.deliveries << item; });
    QObject::connect(&engine, &Engine::itemFailed, &engine, [&out](int item, const QString &) { out.deliveries << item; });
    if (hook)
        hook(engine);
    QSignalSpy finished(&engine, &Engine::runFinished);
    options.hangTimeoutMs = 20000;
    if (!engine.start(paths, options))
        return out;
    out.finished = finished.wait(kRunTimeoutMs);
    for (int i = 0; i < engine.itemCount(); ++i) {
        const ItemRecord &r = engine.item(i);
        out.items << Outcome{r.state, r.framesDone, r.result, r.error};
    }
    // Workers are reaped when the run ends; give a stopping one its grace time.
    // Not asserted here: the caller checks leftoverWorkers and says which ones.
    (void)QTest::qWaitFor([] { return testmedia::childProcesses(::getpid()).pids.isEmpty(); }, 5000);
    out.leftoverWorkers = testmedia::childProcesses(::getpid()).pids;
    return out;
}

// Readable: one line of printable text, not empty.
bool readable(const QString &text)
{
    if (text.trimmed().isEmpty())
        return false;
    return std::none_of(text.begin(), text.end(), [](QChar c) { return c.category() == QChar::Other_Control; });
}

} // namespace

class TestCampaigns : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void mutationFuzz();
    void workerKills();
    void fullDiskKeepsPreviousFiles();

private:
    QString makeBase(const QString &name, const std::function<bool(const QString &)> &make);
    [[nodiscard]] QStringList mutants(QRandomGenerator &random);

    QTemporaryDir m_dir;
    QList<QPair<QString, QByteArray>> m_bases; // file name, bytes
};

QString TestCampaigns::makeBase(const QString &name, const std::function<bool(const QString &)> &make)
{
    const QString path = m_dir.filePath(QStringLiteral("base/") + name);
    if (!make(path))
        return {};
    m_bases << qMakePair(name, readFile(path));
    return path;
}

void TestCampaigns::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("base"))));
    QVERIFY(!makeBase(QStringLiteral("clip.avi"), [](const QString &p) {
        cv::VideoWriter writer(p.toStdString(), cv::CAP_FFMPEG, cv::VideoWriter::fourcc('M', 'J', 'P', 'G'), 25, cv::Size(64, 48));
        cv::Mat frame(48, 64, CV_8UC3);
        for (int i = 0; writer.isOpened() && i < 40; ++i) {
            testmedia::noise(3)(i, frame);
            writer.write(frame);
        }
        return writer.isOpened();
    }).isEmpty());
    QVERIFY(!makeBase(QStringLiteral("clip.mkv"), [](const QString &p) {
        return testmedia::writeVideo(p, 40, 64, 48, testmedia::noise(4));
    }).isEmpty());
    QVERIFY(!makeBase(QStringLiteral("still.png"), [](const QString &p) {
        cv::Mat image(48, 64, CV_8UC3);
        testmedia::noise(5)(0, image);
        return cv::imwrite(p.toStdString(), image);
    }).isEmpty());
    QVERIFY(!makeBase(QStringLiteral("still.jpg"), [](const QString &p) {
        cv::Mat image(48, 64, CV_8UC3);
        testmedia::noise(6)(0, image);
        return cv::imwrite(p.toStdString(), image);
    }).isEmpty());
    // Inter-frame codecs, where damage spreads and decoding threads could change the answer.
    const QString ffmpeg = QStandardPaths::findExecutable(QStringLiteral("ffmpeg"));
    if (ffmpeg.isEmpty()) {
        qWarning("ffmpeg not found: the H.264 and Theora bases are left out");
        return;
    }
    const auto encode = [&ffmpeg](const QStringList &codec) {
        return [ffmpeg, codec](const QString &p) {
            QProcess encoder;
            encoder.start(ffmpeg, QStringList{QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-y"),
                                              QStringLiteral("-f"), QStringLiteral("lavfi"), QStringLiteral("-i"),
                                              QStringLiteral("testsrc2=size=96x64:rate=25"), QStringLiteral("-frames:v"),
                                              QStringLiteral("50")} + codec + QStringList{p});
            return encoder.waitForFinished(kRunTimeoutMs) && encoder.exitCode() == 0;
        };
    };
    QVERIFY(!makeBase(QStringLiteral("clip.mp4"), encode({QStringLiteral("-c:v"), QStringLiteral("libx264"),
                                                         QStringLiteral("-g"), QStringLiteral("10"),
                                                         QStringLiteral("-pix_fmt"), QStringLiteral("yuv420p")})).isEmpty());
    QVERIFY(!makeBase(QStringLiteral("clip.ogv"), encode({QStringLiteral("-c:v"), QStringLiteral("libtheora"),
                                                         QStringLiteral("-g"), QStringLiteral("10")})).isEmpty());
}

QStringList TestCampaigns::mutants(QRandomGenerator &random)
{
    const QString dir = m_dir.filePath(QStringLiteral("fuzz"));
    QDir().mkpath(dir);
    QStringList paths;
    const auto add = [&](const QString &name, const QByteArray &bytes) {
        const QString path = dir + QLatin1Char('/') + name;
        if (writeFile(path, bytes))
            paths << path;
    };
    for (const auto &[name, bytes] : std::as_const(m_bases)) {
        const QString stem = name.section(QLatin1Char('.'), 0, 0) + QLatin1Char('-') + name.section(QLatin1Char('.'), 1);
        const QString ext = QLatin1Char('.') + name.section(QLatin1Char('.'), 1);
        // Flips spare the first 32 bytes at the lowest rate, so that some mutants keep their
        // signature and reach the decoder with damaged data.
        for (const double rate : {0.0005, 0.005, 0.05}) {
            QByteArray flipped = bytes;
            const qsizetype from = rate < 0.001 ? 32 : 0;
            const qsizetype flips = std::max<qsizetype>(1, qsizetype(bytes.size() * rate));
            for (qsizetype i = 0; i < flips; ++i)
                flipped[from + qsizetype(random.bounded(quint64(bytes.size() - from)))] ^= char(1 << random.bounded(8));
            add(QStringLiteral("%1 flips %2%3").arg(stem).arg(rate).arg(ext), flipped);
        }
        add(stem + QStringLiteral(" cut 30%") + ext, bytes.left(bytes.size() * 3 / 10));
        add(stem + QStringLiteral(" cut 80%") + ext, bytes.left(bytes.size() * 8 / 10));
        QByteArray zeroed = bytes;
        zeroed.replace(0, 64, QByteArray(64, '\0'));
        add(stem + QStringLiteral(" zeroed header") + ext, zeroed);
        add(stem + QStringLiteral(" twice") + ext, bytes + bytes);
        const qsizetype half = bytes.size() / 2;
        add(stem + QStringLiteral(" halves swapped") + ext, bytes.mid(half) + bytes.left(half));
        add(stem + QStringLiteral(" no extension"), bytes);
        add(stem + QStringLiteral(" wrong extension") + (ext == QLatin1String(".png") ? QStringLiteral(".mkv") : QStringLiteral(".png")), bytes);
    }
    return paths;
}

void TestCampaigns::mutationFuzz()
{
    QRandomGenerator random(kFuzzSeed);
    const QStringList paths = mutants(random);
    QVERIFY2(paths.size() >= 40, qPrintable(QString::number(paths.size())));

    EngineOptions serial;
    serial.mode = RunMode::Serial;
    EngineOptions parallel;
    parallel.workers = 2;
    const RunOutcome first = runEngine(paths, serial);
    const RunOutcome split = runEngine(paths, parallel);
    const RunOutcome again = runEngine(paths, serial);

    int held = 0, failedReadably = 0;
    QStringList mismatches;
    for (const RunOutcome *run : {&first, &split, &again}) {
        QVERIFY(run->finished); // no hang
        QVERIFY2(run->leftoverWorkers.isEmpty(), "a worker outlived its run");
        // One delivery per item, each item once.
        QCOMPARE(run->deliveries.size(), paths.size());
        QCOMPARE(QSet<int>(run->deliveries.begin(), run->deliveries.end()).size(), paths.size());
    }
    for (int i = 0; i < paths.size(); ++i) {
        const Outcome &o = first.items.at(i);
        const QString name = QFileInfo(paths.at(i)).fileName();
        if (o.state == ItemState::Done) {
            ++held;
            for (const QJsonValue &w : o.result.value(QLatin1String("warnings")).toArray())
                QVERIFY2(readable(w.toString()), qPrintable(name));
        } else {
            QCOMPARE(o.state, ItemState::Failed);
            QVERIFY2(readable(o.error), qPrintable(name + QStringLiteral(": ") + o.error));
            ++failedReadably;
        }
        if (!(o == split.items.at(i)) || !(o == again.items.at(i))) {
            mismatches << QStringLiteral("%1:\n  serial   %2\n  parallel %3\n  serial   %4").arg(name, o.describe(),
                              split.items.at(i).describe(), again.items.at(i).describe());
        }
    }
    qInfo("mutation fuzz (seed %u): %lld files tried, %d held (decoded, maybe with warnings), %d failed with an error, "
          "%lld differ between serial, parallel and serial again; 3 runs",
          kFuzzSeed, qlonglong(paths.size()), held, failedReadably, qlonglong(mismatches.size()));
    for (const QString &mismatch : std::as_const(mismatches))
        qInfo("%s", qPrintable(mismatch));
    QVERIFY2(mismatches.isEmpty(), "results differ between runs (listed above)");
}

void TestCampaigns::workerKills()
{
    const QString images = m_dir.filePath(QStringLiteral("kill images"));
    QVERIFY(testmedia::writeImages(images, 24, 64, 48, testmedia::noise(9)).size() == 24);
    const QString video = m_dir.filePath(QStringLiteral("kill.mkv"));
    QVERIFY(testmedia::writeVideo(video, 150, 64, 48, testmedia::noise(10)));
    const QStringList paths{video, images, m_dir.filePath(QStringLiteral("base/clip.avi")),
                            m_dir.filePath(QStringLiteral("base/still.png"))};
    EngineOptions options;
    options.workers = 2;
    options.maxRetries = 2; // a kill may hit a retried piece again
    int progressMessages = 0;
    const RunOutcome undisturbed = runEngine(paths, options, [&progressMessages](Engine &engine) {
        QObject::connect(&engine, &Engine::itemProgress, &engine, [&progressMessages] { ++progressMessages; });
    });
    QVERIFY(progressMessages > 2);
    QVERIFY(undisturbed.finished);
    for (const Outcome &o : undisturbed.items)
        QVERIFY2(o.state == ItemState::Done, qPrintable(o.describe()));

    QRandomGenerator random(kKillSeed);
    int kills = 0;
    for (int run = 0; run < kKillRuns; ++run) {
        // Killed at the n-th progress message, n drawn per run: early, mid-item or late. Progress
        // is sent by time, so a run's count varies with the machine's load (and with how its
        // pieces were cut and stolen): n is drawn from the first half of the undisturbed count,
        // which every run reaches.
        const int killAt = int(random.bounded(1, std::max(2, progressMessages / 2)));
        const quint32 which = random.generate();
        bool killed = false;
        const RunOutcome disturbed = runEngine(paths, options, [&](Engine &engine) {
            auto pids = std::make_shared<QHash<int, qint64>>();
            auto progress = std::make_shared<int>(0);
            QObject::connect(&engine, &Engine::workerStarted, &engine, [pids](int worker, qint64 pid) { (*pids)[worker] = pid; });
            QObject::connect(&engine, &Engine::itemProgress, &engine, [&, pids, progress] {
                if (killed || ++*progress < killAt)
                    return;
                QList<qint64> alive;
                for (qint64 pid : std::as_const(*pids))
                    if (!testmedia::processEnded(pid))
                        alive << pid;
                if (alive.isEmpty())
                    return;
                killed = ::kill(pid_t(alive.at(int(which % alive.size()))), SIGKILL) == 0;
            });
        });
        kills += killed;
        QVERIFY2(disturbed.finished, qPrintable(QStringLiteral("run %1").arg(run)));
        QVERIFY(disturbed.leftoverWorkers.isEmpty());
        for (int i = 0; i < paths.size(); ++i) {
            QVERIFY2(disturbed.items.at(i).state == ItemState::Done,
                     qPrintable(QStringLiteral("run %1, kill at progress %2: %3").arg(run).arg(killAt).arg(disturbed.items.at(i).describe())));
            QVERIFY2(disturbed.items.at(i) == undisturbed.items.at(i),
                     qPrintable(QStringLiteral("run %1: %2 vs %3").arg(run).arg(disturbed.items.at(i).describe(),
                                                                              undisturbed.items.at(i).describe())));
        }
    }
    qInfo("worker kills (seed %u): %d runs, %d workers SIGKILLed, every item ok with the undisturbed results",
          kKillSeed, kKillRuns, kills);
    QVERIFY(kills >= kKillRuns * 3 / 4);
}

void TestCampaigns::fullDiskKeepsPreviousFiles()
{
    if (::geteuid() != 0)
        QSKIP("needs root to mount a small tmpfs (run as root to test a full disk)");
    const QString disk = m_dir.filePath(QStringLiteral("small disk"));
    QVERIFY(QDir().mkpath(disk));
    if (::mount("tmpfs", QFile::encodeName(disk).constData(), "tmpfs", 0, "size=64k") != 0)
        QSKIP(qPrintable(QStringLiteral("cannot mount a tmpfs here: %1").arg(QString::fromLocal8Bit(std::strerror(errno)))));
    const auto unmount = qScopeGuard([&disk] { ::umount(QFile::encodeName(disk).constData()); });

    // The CLI report, in every format it writes.
    const QString cli = testmedia::binDir() + QStringLiteral("/framepool-cli");
    const QString image = m_dir.filePath(QStringLiteral("base/still.png"));
    const auto runCli = [&](const QString &report, QByteArray *stderrText) {
        QProcess process;
        process.start(cli, {QStringLiteral("-o"), report, image});
        process.waitForFinished(kRunTimeoutMs);
        *stderrText = process.readAllStandardError();
        return process.exitCode();
    };
    QByteArray messages;
    for (const QString &ext : {QStringLiteral("json"), QStringLiteral("csv"), QStringLiteral("html")}) {
        const QString report = disk + QStringLiteral("/report.") + ext;
        QCOMPARE(runCli(report, &messages), 0);
        const QByteArray before = readFile(report);
        QVERIFY(!before.isEmpty());
        // Fill what is left.
        const QString filler = disk + QStringLiteral("/filler");
        {
            QFile fill(filler);
            QVERIFY(fill.open(QIODevice::WriteOnly | QIODevice::Unbuffered));
            const QByteArray block(1024, 'x');
            while (fill.write(block) == block.size()) {}
        }
        QCOMPARE(runCli(report, &messages), 3); // documented: the report could not be written
        QVERIFY2(messages.contains("No space left on device"), messages.constData());
        QCOMPARE(readFile(report), before);
        QCOMPARE(QDir(disk).entryList(QDir::Files).size(), 2); // no temporary file left behind
        QVERIFY(QFile::remove(filler));
        QVERIFY(QFile::remove(report));
    }

    // The queue store.
    const QString queueFile = disk + QStringLiteral("/queue.json");
    QueueEntry entry;
    entry.path = image;
    entry.state = ItemState::Done;
    entry.result = QJsonObject{{QStringLiteral("hex"), QStringLiteral("#102030")}};
    QString error;
    QVERIFY2(QueueStore(queueFile).save({entry}, &error), qPrintable(error));
    const QByteArray before = readFile(queueFile);
    {
        QFile fill(disk + QStringLiteral("/filler"));
        QVERIFY(fill.open(QIODevice::WriteOnly | QIODevice::Unbuffered));
        const QByteArray block(1024, 'x');
        while (fill.write(block) == block.size()) {}
    }
    QList<QueueEntry> many(200, entry);
    QVERIFY(!QueueStore(queueFile).save(many, &error));
    QVERIFY2(error.contains(QLatin1String("No space left on device")), qPrintable(error));
    QCOMPARE(readFile(queueFile), before);
    QCOMPARE(QueueStore(queueFile).load().size(), 1);
    qInfo("full disk: CLI report (json, csv, html) and queue store kept their previous files, exit status 3");
}

QTEST_GUILESS_MAIN(TestCampaigns)
#include "tst_campaigns.moc"
