// Repeated Compares (medians and ranges, partial rounds) and the run history (kept in the queue
// store, shown, compared side by side, exported), with hand-made runs whose times are known and
// with the fake worker for the runner itself.

#include "comparisonrunner.h"
#include "engine.h"
#include "historycomparisonview.h"
#include "historymodel.h"
#include "historyview.h"
#include "launcher.h"
#include "mainwindow.h"
#include "mediaintake.h"
#include "queueautosave.h"
#include "queuestore.h"
#include "report.h"
#include "reportexport.h"
#include "reportpdf.h"
#include "runtoolbar.h"
#include "systemload.h"
#include "testmedia.h"
#include "timingdock.h"
#include "timingpanel.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QSet>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTreeView>
#include <QtTest>

using namespace fp;

namespace {

constexpr int kRunTimeoutMs = 120000;

const QStringList kPaths{QStringLiteral("/media/first/beach.mp4"), QStringLiteral("/media/first/city.mp4"),
                         QStringLiteral("/media/first/photos")};

// A run of kPaths that took `wallSeconds`, its items one after another on `workers` workers.
RunTiming knownRun(RunMode mode, int workers, double wallSeconds, double load = 0.25)
{
    RunTiming run;
    run.mode = mode;
    run.workers = workers;
    run.wallSeconds = wallSeconds;
    run.loadAverage = load;
    run.started = QDateTime(QDate(2026, 12, 2), QTime(10, 0));
    const double share = wallSeconds / kPaths.size();
    for (int i = 0; i < kPaths.size(); ++i) {
        ItemRecord item;
        item.index = i;
        item.path = kPaths.at(i);
        item.state = ItemState::Done;
        item.framesDone = item.framesTotal = 100;
        item.worker = 1;
        item.start = i * share;
        item.end = (i + 1) * share;
        run.items.append(item);
        run.tasks.append(TaskTiming{i, 1, item.start, item.end, item.framesDone, QStringLiteral("here"), false, QString()});
    }
    return run;
}

// Cut short: the last item cancelled before it started.
RunTiming partial(RunTiming run)
{
    ItemRecord &last = run.items.last();
    last.state = ItemState::Cancelled;
    last.start = last.end = -1;
    last.framesDone = 0;
    run.tasks.removeLast();
    return run;
}

RepeatedComparison repeatedOf(const QList<double> &serialSeconds, const QList<double> &parallelSeconds)
{
    RepeatedComparison repeated;
    repeated.rounds = int(serialSeconds.size());
    repeated.cores = 2;
    for (double seconds : serialSeconds)
        repeated.serialRuns.append(knownRun(RunMode::Serial, 1, seconds));
    for (double seconds : parallelSeconds)
        repeated.parallelRuns.append(knownRun(RunMode::Completed, 2, seconds));
    return repeated;
}

TimingReport reportOf(const RepeatedComparison &repeated)
{
    TimingReport report;
    report.serial = repeated.serialRuns.last();
    if (!repeated.parallelRuns.isEmpty())
        report.parallel = repeated.parallelRuns.last();
    report.repeated = repeated;
    report.host = QStringLiteral("bench-host");
    report.cores = repeated.cores;
    report.created = QDateTime(QDate(2026, 12, 2), QTime(10, 1));
    return report;
}

TimingReport singleRunReport(const RunTiming &run)
{
    TimingReport report;
    (run.mode == RunMode::Serial ? report.serial : report.parallel) = run;
    report.host = QStringLiteral("bench-host");
    report.cores = 2;
    return report;
}

QString speedupLabel(const TimingPanel &panel)
{
    const auto *label = panel.findChild<QLabel *>(QStringLiteral("speedupValue"));
    return label ? label->text() : QStringLiteral("(no label)");
}

} // namespace

class TestHistory : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();

    void spreadHasMedianAndRange_data();
    void spreadHasMedianAndRange();
    void loadAverageIsParsed();
    void repeatReportsMedianAndRange();
    void repeatInEveryReportFormat();
    void partialRoundYieldsNoSpeedup_data();
    void partialRoundYieldsNoSpeedup();
    void busyOneShotIsLabelled();

    void runnerAlternatesRounds();
    void runnerStopsAtACutShortRound_data();
    void runnerStopsAtACutShortRound();

    void historyPersistsInTheQueueStore();
    void damagedHistoryIsKeptAside();
    void historyModelKeepsTheNewest();
    void selectingOneShowsItTwoCompareThem();
    void sideBySideOfTwoCompares();
    void exportReportFromAHistoryRun_data();
    void exportReportFromAHistoryRun();
    void exportReportOfSeveralHistoryRuns_data();
    void exportReportOfSeveralHistoryRuns();
    void historyShowsHowRunsWereSetUp();
    void windowRecordsRunsAndRestoresThem();

private:
    QString makeFakeItem(const QString &name);

    QTemporaryDir m_dir;
};

void TestHistory::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("FramePoolTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_history"));
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.filePath(QStringLiteral("settings")));
    qputenv("FRAMEPOOL_SAMPLES", m_dir.filePath(QStringLiteral("no-samples")).toLocal8Bit());
    qputenv("FRAMEPOOL_WORKER", QFile::encodeName(testmedia::binDir() + QStringLiteral("/framepool-worker")));
}

void TestHistory::init()
{
    QSettings().clear();
}

QString TestHistory::makeFakeItem(const QString &name)
{
    return testmedia::writeFakeItem(m_dir.path(), name);
}

// --- Repeats -------------------------------------------------------------------------------------

void TestHistory::spreadHasMedianAndRange_data()
{
    QTest::addColumn<QList<double>>("values");
    QTest::addColumn<double>("median");
    QTest::addColumn<double>("min");
    QTest::addColumn<double>("max");
    QTest::newRow("one") << QList<double>{4.0} << 4.0 << 4.0 << 4.0;
    QTest::newRow("odd, unsorted") << QList<double>{6.6, 5.7, 6.0} << 6.0 << 5.7 << 6.6;
    QTest::newRow("even: mean of the middle two") << QList<double>{4.0, 1.0, 3.0, 2.0} << 2.5 << 1.0 << 4.0;
    QTest::newRow("an outlier moves no median") << QList<double>{3.0, 3.1, 30.0} << 3.1 << 3.0 << 30.0;
}

void TestHistory::spreadHasMedianAndRange()
{
    QFETCH(QList<double>, values);
    QFETCH(double, median);
    QFETCH(double, min);
    QFETCH(double, max);
    const Spread spread = Spread::of(values);
    QCOMPARE(spread.count, values.size());
    QCOMPARE(spread.median, median);
    QCOMPARE(spread.min, min);
    QCOMPARE(spread.max, max);
}

void TestHistory::loadAverageIsParsed()
{
    QCOMPARE(parseLoadAverage("1.93 0.80 0.55 3/412 12345\n"), 1.93);
    QCOMPARE(parseLoadAverage("not a number"), -1.0);
    QCOMPARE(parseLoadAverage(""), -1.0);
    QCOMPARE(currentLoadAverage(m_dir.filePath(QStringLiteral("missing"))), -1.0);
    QVERIFY(isBusyLoad(1.0, 2));
    QVERIFY(!isBusyLoad(0.9, 2));
    QVERIFY(!isBusyLoad(-1, 2));
}

void TestHistory::repeatReportsMedianAndRange()
{
    // Round speed-ups 2.0, 6.6 / 3.6 = 1.833 and 5.7 / 3.1 = 1.839; medians 6.0 and 3.1.
    const RepeatedComparison repeated = repeatedOf({6.0, 6.6, 5.7}, {3.0, 3.6, 3.1});
    QVERIFY2(repeated.isValid(), qPrintable(repeated.invalidReason()));
    QCOMPARE(repeated.completedRounds(), 3);
    QCOMPARE(repeated.serialSeconds().median, 6.0);
    QCOMPARE(repeated.serialSeconds().min, 5.7);
    QCOMPARE(repeated.serialSeconds().max, 6.6);
    QCOMPARE(repeated.parallelSeconds().median, 3.1);
    QCOMPARE(repeated.speedup(), 6.0 / 3.1);
    QCOMPARE(repeated.roundSpeedups().min, 6.6 / 3.6);
    QCOMPARE(repeated.roundSpeedups().max, 2.0);
    QCOMPARE(repeated.efficiency(), 6.0 / 3.1 / 2);
    QCOMPARE(repeated.idealParallelSeconds(), 3.0);
    QCOMPARE(repeated.loadAverageAtStart(), 0.25);

    TimingPanel panel;
    panel.setCores(2);
    panel.showReport(reportOf(repeated));
    QCOMPARE(speedupLabel(panel), QStringLiteral("1.94\u00d7"));
    const QString summary = panel.repeatText();
    for (const char *expected : {"3 rounds", "6.000 s (5.700\u20136.600 s)", "3.100 s (3.000\u20133.600 s)",
                                 "1.94\u00d7 (1.83\u20132.00)", "0.25"})
        QVERIFY2(summary.contains(QString::fromUtf8(expected)), qPrintable(summary));
    // The time model is that of the medians: M = 6.0 s / 3 items, measured 3.1 s.
    QVERIFY2(panel.modelText().contains(QLatin1String("measured 3.100 s")), qPrintable(panel.modelText()));
    QVERIFY(panel.report().repeated);
}

void TestHistory::repeatInEveryReportFormat()
{
    const TimingReport report = reportOf(repeatedOf({6.0, 6.6, 5.7}, {3.0, 3.6, 3.1}));

    const QJsonObject root = QJsonDocument::fromJson(report::toJson(report)).object();
    const QJsonObject repeat = root[QLatin1String("repeat")].toObject();
    QCOMPARE(repeat[QLatin1String("rounds")].toInt(), 3);
    QCOMPARE(repeat[QLatin1String("serial_seconds")][QLatin1String("median")].toDouble(), 6.0);
    QCOMPARE(repeat[QLatin1String("parallel_seconds")][QLatin1String("max")].toDouble(), 3.6);
    QCOMPARE(repeat[QLatin1String("speedup")].toDouble(), 6.0 / 3.1);
    QCOMPARE(repeat[QLatin1String("speedup_min")].toDouble(), 6.6 / 3.6);
    QCOMPARE(repeat[QLatin1String("speedup_max")].toDouble(), 2.0);
    QCOMPARE(repeat[QLatin1String("load_average_at_start")].toDouble(), 0.25);
    QCOMPARE(repeat[QLatin1String("runs")].toArray().size(), 3);

    const QString html = QString::fromUtf8(report::toHtml(report));
    for (const char *expected : {"3 rounds, alternated", "6.000 s", "5.700 s", "6.600 s", "1.94\u00d7",
                                 "1.83\u00d7", "2.00\u00d7", "2.00, 1.83, 1.84", "Serial, median (1 worker)"})
        QVERIFY2(html.contains(QString::fromUtf8(expected)), expected);

    // One table, each round's items numbered: 3 rounds x 2 runs x 3 items.
    const QList<QByteArray> rows = report::toCsv(report).trimmed().split('\n');
    QCOMPARE(rows.size(), 1 + 18);
    QVERIFY(rows.at(1).startsWith("serial,") && rows.at(1).trimmed().endsWith(",1"));
    QVERIFY(rows.at(4).startsWith("parallel,") && rows.at(4).trimmed().endsWith(",1"));
    QVERIFY(rows.last().startsWith("parallel,") && rows.last().trimmed().endsWith(",3"));

    const QString pdf = m_dir.filePath(QStringLiteral("repeat.pdf"));
    QString error;
    QVERIFY2(writePdfReport(report, pdf, &error), qPrintable(error));
    QFile file(pdf);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.read(5) == "%PDF-");

    // Read back, the report is the same repeated Compare.
    const auto back = report::fromJson(root);
    QVERIFY(back && back->repeated);
    QCOMPARE(back->repeated->speedup(), 6.0 / 3.1);
    QCOMPARE(back->repeated->roundSpeedups().min, 6.6 / 3.6);
}

void TestHistory::partialRoundYieldsNoSpeedup_data()
{
    QTest::addColumn<RepeatedComparison>("repeated");
    QTest::addColumn<QString>("reason");

    RepeatedComparison serialCut = repeatedOf({6.0, 6.6}, {3.0});
    serialCut.rounds = 3;
    serialCut.serialRuns[1] = partial(serialCut.serialRuns[1]);
    QTest::newRow("second serial run cut short")
        << serialCut << "round 2 of 3: serial: partial run: 2 of 3 items completed";

    RepeatedComparison parallelCut = repeatedOf({6.0, 6.6, 5.7}, {3.0, 3.6, 3.1});
    parallelCut.parallelRuns[2] = partial(parallelCut.parallelRuns[2]);
    QTest::newRow("last parallel run cut short")
        << parallelCut << "round 3 of 3: parallel: partial run: 2 of 3 items completed";

    RepeatedComparison fewer = repeatedOf({6.0}, {3.0});
    fewer.rounds = 3;
    QTest::newRow("fewer rounds than asked for") << fewer << "only 1 of 3 rounds ran";
}

void TestHistory::partialRoundYieldsNoSpeedup()
{
    QFETCH(RepeatedComparison, repeated);
    QFETCH(QString, reason);
    QVERIFY(!repeated.isValid());
    QCOMPARE(repeated.invalidReason(), reason);
    QCOMPARE(repeated.speedup(), 0.0);
    QCOMPARE(repeated.efficiency(), 0.0);
    QCOMPARE(repeated.serialSeconds().count, 0);
    QCOMPARE(repeated.roundSpeedups().count, 0);

    const TimingReport report = reportOf(repeated);
    const QJsonObject repeat = QJsonDocument::fromJson(report::toJson(report)).object()[QLatin1String("repeat")].toObject();
    QCOMPARE(repeat[QLatin1String("valid")].toBool(), false);
    QCOMPARE(repeat[QLatin1String("reason")].toString(), reason);
    QVERIFY(!repeat.contains(QLatin1String("speedup")));
    const QString html = QString::fromUtf8(report::toHtml(report));
    QVERIFY(html.contains(QStringLiteral("No speed-up: ") + reason));
    QVERIFY(!html.contains(QLatin1String("than the ideal")));

    TimingPanel panel;
    panel.showReport(report);
    QCOMPARE(speedupLabel(panel), QStringLiteral("\u2014"));
    QVERIFY2(panel.modelText().contains(reason), qPrintable(panel.modelText()));
    QCOMPARE(HistoryModel::speedupText(report), QStringLiteral("no speed-up"));
}

void TestHistory::busyOneShotIsLabelled()
{
    TimingReport busy;
    busy.serial = knownRun(RunMode::Serial, 1, 6.0, 1.93);
    busy.parallel = knownRun(RunMode::Completed, 2, 3.5, 1.93);
    busy.cores = 2;
    const QString html = QString::fromUtf8(report::toHtml(busy));
    QVERIFY(html.contains(QLatin1String("<p class=\"busy\">One run on a busy machine: the load average was 1.93")));
    const QJsonObject comparison =
        QJsonDocument::fromJson(report::toJson(busy)).object()[QLatin1String("comparison")].toObject();
    QCOMPARE(comparison[QLatin1String("load_average_at_start")].toDouble(), 1.93);
    QVERIFY(comparison[QLatin1String("warning")].toString().contains(QLatin1String("busy machine")));

    TimingPanel panel;
    panel.setCores(2);
    panel.showReport(busy);
    QVERIFY2(panel.repeatText().contains(QLatin1String("busy machine")), qPrintable(panel.repeatText()));

    // A quiet machine gets no such label.
    TimingReport quiet = busy;
    quiet.serial->loadAverage = 0.2;
    QVERIFY(!QString::fromUtf8(report::toHtml(quiet)).contains(QLatin1String("busy machine")));
    panel.showReport(quiet);
    QCOMPARE(panel.repeatText(), QString());
}

// --- The runner, with the fake worker ----------------------------------------------------------------

void TestHistory::runnerAlternatesRounds()
{
    Engine engine;
    engine.setLauncher(std::make_unique<LocalLauncher>(testmedia::binDir() + QStringLiteral("/fakeworker")));
    ComparisonRunner runner(&engine);
    QStringList phases;
    connect(&runner, &ComparisonRunner::phaseStarted, this, [&](RunMode mode, int round, int rounds) {
        phases << QStringLiteral("%1 %2/%3").arg(mode == RunMode::Serial ? QStringLiteral("S") : QStringLiteral("P")).arg(round).arg(rounds);
    });
    QSignalSpy finished(&runner, &ComparisonRunner::finished);
    EngineOptions options;
    options.workers = 2;
    const QStringList paths{makeFakeItem(QStringLiteral("a")), makeFakeItem(QStringLiteral("b")),
                            makeFakeItem(QStringLiteral("c"))};
    QVERIFY(runner.start(paths, options, 3));
    QVERIFY(finished.wait(kRunTimeoutMs));
    QCOMPARE(phases, QStringList({"S 1/3", "P 1/3", "S 2/3", "P 2/3", "S 3/3", "P 3/3"}));
    const auto repeated = finished.first().first().value<RepeatedComparison>();
    QCOMPARE(repeated.serialRuns.size(), 3);
    QCOMPARE(repeated.parallelRuns.size(), 3);
    QVERIFY2(repeated.isValid(), qPrintable(repeated.invalidReason()));
    for (const RunTiming &run : repeated.serialRuns) {
        QCOMPARE(run.workers, 1);
        QVERIFY(run.started.isValid());
    }
    QCOMPARE(repeated.speedup(), repeated.serialSeconds().median / repeated.parallelSeconds().median);
    QVERIFY(!runner.isRunning());
}

void TestHistory::runnerStopsAtACutShortRound_data()
{
    QTest::addColumn<int>("cancelAtStart");
    QTest::addColumn<int>("serialRuns");
    QTest::addColumn<int>("parallelRuns");
    QTest::addColumn<QString>("reason");
    // The hanging item starts once per run: start 1 is round 1's serial run, 4 round 2's parallel.
    QTest::newRow("round 1, serial") << 1 << 1 << 0 << "round 1 of 3: serial: partial run";
    QTest::newRow("round 2, parallel") << 4 << 2 << 2 << "round 2 of 3: parallel: partial run";
}

void TestHistory::runnerStopsAtACutShortRound()
{
    QFETCH(int, cancelAtStart);
    QFETCH(int, serialRuns);
    QFETCH(int, parallelRuns);
    QFETCH(QString, reason);

    Engine engine;
    engine.setLauncher(std::make_unique<LocalLauncher>(testmedia::binDir() + QStringLiteral("/fakeworker")));
    ComparisonRunner runner(&engine);
    QSignalSpy finished(&runner, &ComparisonRunner::finished);
    const QString hanging = makeFakeItem(QStringLiteral("HANG-%1").arg(cancelAtStart));
    const QStringList paths{makeFakeItem(QStringLiteral("quick-1")), hanging, makeFakeItem(QStringLiteral("quick-2"))};
    // Until it is cancelled, the hanging item fails on the hang timeout: a complete run.
    int starts = 0;
    connect(&engine, &Engine::itemStarted, this, [&](int item) {
        if (paths.at(item) == hanging && ++starts == cancelAtStart)
            engine.cancelItem(item);
    });
    EngineOptions options;
    options.workers = 2;
    options.hangTimeoutMs = 500;
    options.maxRetries = 0;
    QVERIFY(runner.start(paths, options, 3));
    QVERIFY(finished.wait(kRunTimeoutMs));

    const auto repeated = finished.first().first().value<RepeatedComparison>();
    QCOMPARE(repeated.serialRuns.size(), serialRuns);
    QCOMPARE(repeated.parallelRuns.size(), parallelRuns);
    QVERIFY(!repeated.isValid());
    QVERIFY2(repeated.invalidReason().startsWith(reason), qPrintable(repeated.invalidReason()));
    QCOMPARE(repeated.speedup(), 0.0);
    QVERIFY(!engine.isRunning());
}

// --- History -------------------------------------------------------------------------------------

void TestHistory::historyPersistsInTheQueueStore()
{
    const QString queueFile = m_dir.filePath(QStringLiteral("persist/queue.json"));
    const QueueStore store(queueFile);
    QCOMPARE(store.historyPath(), m_dir.filePath(QStringLiteral("persist/queue-history.json")));

    TimingReport single = singleRunReport(knownRun(RunMode::Completed, 2, 3.5));
    single.parallel->setup = RunSetup{QJsonObject{{QStringLiteral("threshold"), 40}}, 3, Schedule::QueueOrder, 5, -1,
                                      QStringLiteral("slurm")};
    single.parallel->items[1].state = ItemState::Failed;
    single.parallel->items[1].error = QStringLiteral("decoder said \"no\", twice");
    single.parallel->items[1].attempts = 1;
    const TimingReport repeated = reportOf(repeatedOf({6.0, 6.6, 5.7}, {3.0, 3.6, 3.1}));
    QString error;
    QVERIFY2(store.saveHistory({HistoryEntry{4, single}, HistoryEntry{7, repeated}}, &error), qPrintable(error));
    // The queue itself is a separate file, untouched by the history.
    QVERIFY(!QFile::exists(queueFile));

    const QList<HistoryEntry> loaded = QueueStore(queueFile).loadHistory(&error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(loaded.size(), 2);
    QCOMPARE(loaded.at(0).id, 4);
    QCOMPARE(loaded.at(1).id, 7);

    const RunTiming &run = *loaded.at(0).report.parallel;
    QVERIFY(!loaded.at(0).report.serial);
    QCOMPARE(run.wallSeconds, 3.5);
    QCOMPARE(run.workers, 2);
    QCOMPARE(run.loadAverage, 0.25);
    QCOMPARE(run.setup.parameters, single.parallel->setup.parameters);
    QCOMPARE(run.setup.threadsPerWorker, 3);
    QCOMPARE(run.setup.schedule, Schedule::QueueOrder);
    QCOMPARE(run.setup.chunkSize, 5);
    QCOMPARE(run.setup.segmentFrames, -1);
    QCOMPARE(run.setup.launcher, QStringLiteral("slurm"));
    QCOMPARE(run.started, single.parallel->started);
    QCOMPARE(run.items.size(), 3);
    QCOMPARE(run.items.at(1).state, ItemState::Failed);
    QCOMPARE(run.items.at(1).error, single.parallel->items[1].error);
    QCOMPARE(run.items.at(1).attempts, 1);
    QCOMPARE(run.items.at(2).path, kPaths.at(2));
    QCOMPARE(run.tasks.size(), 3);
    QCOMPARE(run.tasks.at(2).host, QStringLiteral("here"));
    QCOMPARE(loaded.at(0).report.host, QStringLiteral("bench-host"));

    const TimingReport &back = loaded.at(1).report;
    QVERIFY(back.repeated);
    QCOMPARE(back.repeated->rounds, 3);
    QCOMPARE(back.repeated->serialSeconds().max, 6.6);
    QCOMPARE(back.repeated->speedup(), 6.0 / 3.1);
    QCOMPARE(back.created, repeated.created);
    // Times that need no rounding to microseconds come back exactly: written again, the report
    // is the same file.
    const TimingReport exact = reportOf(repeatedOf({6.0, 6.75, 5.25}, {3.0, 3.75, 3.375}));
    QVERIFY(store.saveHistory({HistoryEntry{1, exact}}, &error));
    QCOMPARE(report::toJson(QueueStore(queueFile).loadHistory(&error).first().report), report::toJson(exact));
}

void TestHistory::damagedHistoryIsKeptAside()
{
    const QString queueFile = m_dir.filePath(QStringLiteral("damaged/queue.json"));
    const QueueStore store(queueFile);
    QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("damaged"))));
    QFile file(store.historyPath());
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{\"history\": [ not json");
    file.close();

    QString error;
    QVERIFY(store.loadHistory(&error).isEmpty());
    QVERIFY2(error.contains(QLatin1String("kept as ") + store.historyPath() + QLatin1String(".bak")), qPrintable(error));
    QVERIFY(QFile::exists(store.historyPath() + QStringLiteral(".bak")));
    QVERIFY(store.saveHistory({HistoryEntry{1, singleRunReport(knownRun(RunMode::Serial, 1, 2.0))}}, &error));
    QCOMPARE(store.loadHistory(&error).size(), 1);
}

void TestHistory::historyModelKeepsTheNewest()
{
    HistoryModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    for (int i = 0; i < HistoryModel::kMaxEntries + 3; ++i)
        model.add(singleRunReport(knownRun(RunMode::Completed, 2, 1.0 + i)));
    QCOMPARE(model.rowCount(), HistoryModel::kMaxEntries);
    // The three oldest went; ids keep counting.
    QCOMPARE(model.entry(0).report.parallel->wallSeconds, 4.0);
    QCOMPARE(model.index(model.rowCount() - 1, 0).data(HistoryModel::IdRole).toInt(), HistoryModel::kMaxEntries + 3);
    model.removeRowList({0, 2, 2});
    QCOMPARE(model.rowCount(), HistoryModel::kMaxEntries - 2);
    QCOMPARE(model.entry(0).report.parallel->wallSeconds, 5.0);
    QCOMPARE(model.entry(1).report.parallel->wallSeconds, 7.0);
    QCOMPARE(model.index(0, HistoryModel::Kind).data().toString(), QStringLiteral("Parallel run"));
}

void TestHistory::selectingOneShowsItTwoCompareThem()
{
    TimingDock dock;
    dock.history()->setQueueFile(m_dir.filePath(QStringLiteral("select/queue.json")));
    dock.history()->record(singleRunReport(knownRun(RunMode::Serial, 1, 6.0)));
    dock.history()->record(singleRunReport(knownRun(RunMode::Completed, 2, 3.5)));
    QCOMPARE(dock.history()->model()->rowCount(), 2);
    // Recording selects the new entry and the panel shows it.
    QCOMPARE(dock.history()->selectedRows(), QList<int>{1});
    QVERIFY(!dock.isShowingSideBySide());
    QCOMPARE(dock.panel()->report().parallel->wallSeconds, 3.5);
    QVERIFY(!dock.panel()->report().serial);

    dock.history()->selectRows({0});
    QCOMPARE(dock.panel()->report().serial->wallSeconds, 6.0);
    QVERIFY(!dock.panel()->report().parallel);

    // A serial and a parallel run of the same items: a comparison of their own.
    dock.history()->selectRows({0, 1});
    QVERIFY(dock.isShowingSideBySide());
    const HistoryComparisonView *view = dock.sideBySide();
    QVERIFY2(view->headline().contains(QString::fromUtf8("speed-up 1.71\u00d7")), qPrintable(view->headline()));
    QCOMPARE(view->cellText(HistoryComparisonView::SerialTime, HistoryComparisonView::ColumnA), QStringLiteral("6.000 s"));
    QCOMPARE(view->cellText(HistoryComparisonView::ParallelTime, HistoryComparisonView::ColumnB), QStringLiteral("3.500 s"));
    QCOMPARE(view->cellText(HistoryComparisonView::Kind, HistoryComparisonView::ColumnA), QStringLiteral("Serial run"));
    // Throughput compares whatever the runs: 300 frames in 6 s against 300 in 3.5 s.
    QCOMPARE(view->cellText(HistoryComparisonView::Throughput, HistoryComparisonView::Ratio),
             QString::fromUtf8("1.71\u00d7"));

    // Back to one: the panel again.
    dock.history()->selectRows({1});
    QVERIFY(!dock.isShowingSideBySide());

    // The history survived in its file.
    HistoryView again;
    again.setQueueFile(m_dir.filePath(QStringLiteral("select/queue.json")));
    QCOMPARE(again.model()->rowCount(), 2);
}

void TestHistory::sideBySideOfTwoCompares()
{
    HistoryComparisonView view;
    const HistoryEntry slower{1, reportOf(repeatedOf({6.0, 6.6, 5.7}, {3.0, 3.6, 3.1}))};
    const HistoryEntry faster{2, reportOf(repeatedOf({6.0, 6.0, 6.0}, {2.48, 2.48, 2.48}))};
    view.setEntries(slower, faster);
    QVERIFY2(view.headline().contains(QLatin1String("same items")), qPrintable(view.headline()));
    // Medians: 3.1 s against 2.48 s.
    QCOMPARE(view.cellText(HistoryComparisonView::ParallelTime, HistoryComparisonView::Ratio), QString::fromUtf8("0.80\u00d7"));
    QCOMPARE(view.cellText(HistoryComparisonView::SerialTime, HistoryComparisonView::Ratio), QString::fromUtf8("1.00\u00d7"));
    QCOMPARE(view.cellText(HistoryComparisonView::Speedup, HistoryComparisonView::ColumnB),
             QString::fromUtf8("2.42\u00d7 (2.42\u20132.42)"));

    // Against a partial run, times do not compare; throughput still does.
    HistoryEntry cut = faster;
    cut.report.parallel = partial(*cut.report.parallel);
    cut.report.repeated.reset();
    view.setEntries(slower, cut);
    QVERIFY2(view.headline().contains(QLatin1String("only their throughput compares")), qPrintable(view.headline()));
    QCOMPARE(view.cellText(HistoryComparisonView::ParallelTime, HistoryComparisonView::Ratio), QStringLiteral("\u2014"));
    QVERIFY(view.cellText(HistoryComparisonView::Throughput, HistoryComparisonView::Ratio).endsWith(QChar(0x00d7)));
    QCOMPARE(view.cellText(HistoryComparisonView::Speedup, HistoryComparisonView::ColumnB), QStringLiteral("no speed-up"));
}

void TestHistory::exportReportFromAHistoryRun_data()
{
    QTest::addColumn<QString>("fileName");
    QTest::newRow("json") << QStringLiteral("older.json");
    QTest::newRow("csv") << QStringLiteral("older.csv");
    QTest::newRow("html") << QStringLiteral("older.html");
    QTest::newRow("pdf") << QStringLiteral("older.pdf");
}

void TestHistory::exportReportFromAHistoryRun()
{
    QFETCH(QString, fileName);
    MainWindow window;
    window.queueAutosave()->setFile(m_dir.filePath(QStringLiteral("export-%1/queue.json").arg(fileName)));
    RunTiming older = knownRun(RunMode::Completed, 2, 4.25);
    older.items[0].path = QStringLiteral("/media/older/only-in-the-older-run.mp4");
    HistoryView *history = window.timingDock()->history();
    history->record(singleRunReport(older));
    history->record(reportOf(repeatedOf({6.0, 6.6, 5.7}, {3.0, 3.6, 3.1})));

    history->selectRows({0});
    QVERIFY(window.action(MainWindow::ActionId::ExportReport)->isEnabled());
    const QString path = m_dir.filePath(fileName);
    QString error;
    QVERIFY2(window.reportExport()->writeReport(path, &error), qPrintable(error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray content = file.readAll();
    if (fileName.endsWith(QLatin1String(".pdf"))) {
        QVERIFY(content.startsWith("%PDF-")); // its text is compressed: the other formats check it
        return;
    }
    QVERIFY(content.contains("only-in-the-older-run.mp4"));
    QVERIFY(!content.contains("/media/first/beach.mp4")); // the newer entry's first item
    if (fileName.endsWith(QLatin1String(".json")))
        QCOMPARE(QJsonDocument::fromJson(content).object()[QLatin1String("parallel")][QLatin1String("wall_seconds")].toDouble(), 4.25);
}

void TestHistory::exportReportOfSeveralHistoryRuns_data()
{
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<QList<int>>("selected");
    QTest::newRow("json, three") << QStringLiteral("several.json") << QList<int>{0, 1, 2};
    QTest::newRow("html, two of three") << QStringLiteral("several.html") << QList<int>{0, 2};
    QTest::newRow("csv, three") << QStringLiteral("several.csv") << QList<int>{0, 1, 2};
    QTest::newRow("pdf, two") << QStringLiteral("several.pdf") << QList<int>{1, 2};
}

void TestHistory::exportReportOfSeveralHistoryRuns()
{
    QFETCH(QString, fileName);
    QFETCH(QList<int>, selected);
    const QString folder = m_dir.filePath(QStringLiteral("several-") + fileName);
    MainWindow window;
    window.queueAutosave()->setFile(folder + QStringLiteral("/queue.json"));
    // Three runs of other items; the first and the third started at the same second.
    const QList<double> walls{4.25, 3.5, 6.0};
    HistoryView *history = window.timingDock()->history();
    for (int i = 0; i < walls.size(); ++i) {
        RunTiming run = knownRun(RunMode::Completed, 2, walls.at(i));
        run.items[0].path = QStringLiteral("/media/run%1/only-in-run-%1.mp4").arg(i);
        run.started = QDateTime(QDate(2026, 12, 2), QTime(i == 1 ? 11 : 10, 0));
        history->record(singleRunReport(run));
    }
    history->selectRows(selected);
    QVERIFY(window.action(MainWindow::ActionId::ExportReport)->isEnabled());
    QCOMPARE(window.reportExport()->reportsToWrite().size(), selected.size());

    // A file already there with the first report's name is not overwritten.
    const QFileInfo chosen(QDir(folder).filePath(fileName));
    const QString taken = QDir(folder).filePath(chosen.completeBaseName() + QStringLiteral("-2026-12-02_10-00-00.")
                                                + chosen.suffix());
    QFile takenFile(taken);
    QVERIFY(takenFile.open(QIODevice::WriteOnly));
    takenFile.write("mine");
    takenFile.close();

    QString error;
    QStringList written;
    QVERIFY2(window.reportExport()->writeReport(chosen.filePath(), &error, &written), qPrintable(error));
    QCOMPARE(written.size(), selected.size());
    QCOMPARE(QSet<QString>(written.begin(), written.end()).size(), selected.size());
    QVERIFY(!QFile::exists(chosen.filePath())); // the name chosen is only the start of theirs
    QVERIFY(!written.contains(taken));
    QVERIFY(takenFile.open(QIODevice::ReadOnly));
    QCOMPARE(takenFile.readAll(), QByteArray("mine"));
    for (int k = 0; k < selected.size(); ++k) {
        const int run = selected.at(k);
        const QFileInfo file(written.at(k));
        QCOMPARE(file.absolutePath(), chosen.absolutePath());
        QCOMPARE(file.suffix(), chosen.suffix());
        const QString started = run == 1 ? QStringLiteral("11-00-00") : QStringLiteral("10-00-00");
        QVERIFY2(file.completeBaseName().startsWith(chosen.completeBaseName() + QStringLiteral("-2026-12-02_") + started),
                 qPrintable(file.fileName()));
        QFile out(file.filePath());
        QVERIFY(out.open(QIODevice::ReadOnly));
        const QByteArray content = out.readAll();
        if (chosen.suffix() == QLatin1String("pdf")) {
            QVERIFY(content.startsWith("%PDF-"));
            continue;
        }
        // Each file holds its own entry, and only that one.
        for (int other = 0; other < walls.size(); ++other)
            QCOMPARE(content.contains(QStringLiteral("only-in-run-%1.mp4").arg(other).toUtf8()), other == run);
        if (chosen.suffix() == QLatin1String("json"))
            QCOMPARE(QJsonDocument::fromJson(content).object()[QLatin1String("parallel")][QLatin1String("wall_seconds")].toDouble(),
                     walls.at(run));
    }

    // One selected again: one file, at the name chosen.
    history->selectRows({1});
    written.clear();
    QVERIFY2(window.reportExport()->writeReport(chosen.filePath(), &error, &written), qPrintable(error));
    QCOMPARE(written, QStringList{chosen.filePath()});
}

void TestHistory::historyShowsHowRunsWereSetUp()
{
    RunTiming recorded = knownRun(RunMode::Completed, 2, 3.5);
    recorded.analysis = QStringLiteral("motion");
    recorded.setup = RunSetup{QJsonObject{{QStringLiteral("threshold"), 40}}, 2, Schedule::QueueOrder, 0, -1,
                              QStringLiteral("slurm")};
    const RunTiming older = knownRun(RunMode::Completed, 2, 4.0); // from before settings were recorded
    HistoryModel model;
    model.add(singleRunReport(recorded));
    model.add(singleRunReport(older));

    const QString tip = model.index(0, HistoryModel::Kind).data(Qt::ToolTipRole).toString();
    for (const QString &part : {QStringLiteral("motion"), QStringLiteral("2 thread"), QStringLiteral("per worker"), QStringLiteral("queue order"),
                                QStringLiteral("chunk size automatic"), QStringLiteral("segment size never split"),
                                QStringLiteral("slurm launcher"), QStringLiteral("threshold=40")})
        QVERIFY2(tip.contains(part), qPrintable(part + QStringLiteral(" in ") + tip));
    QVERIFY2(model.index(1, HistoryModel::When).data(Qt::ToolTipRole).toString().contains(QLatin1String("not recorded")),
             qPrintable(model.index(1, HistoryModel::When).data(Qt::ToolTipRole).toString()));

    HistoryComparisonView view;
    view.setEntries(model.entry(0), model.entry(1));
    QCOMPARE(view.cellText(HistoryComparisonView::Parameters, HistoryComparisonView::ColumnA), QStringLiteral("threshold=40"));
    QCOMPARE(view.cellText(HistoryComparisonView::Parameters, HistoryComparisonView::ColumnB), QStringLiteral("not recorded"));
    QCOMPARE(view.cellText(HistoryComparisonView::Setup, HistoryComparisonView::ColumnA),
             HistoryModel::setupText(recorded));
    QVERIFY(view.cellText(HistoryComparisonView::Setup, HistoryComparisonView::ColumnA).contains(QLatin1String("slurm")));
    QCOMPARE(view.cellText(HistoryComparisonView::Setup, HistoryComparisonView::ColumnB), QStringLiteral("not recorded"));
    // The rows below keep their meaning.
    QCOMPARE(view.cellText(HistoryComparisonView::ParallelTime, HistoryComparisonView::ColumnA), QStringLiteral("3.500 s"));
}

void TestHistory::windowRecordsRunsAndRestoresThem()
{
    const QString images = m_dir.filePath(QStringLiteral("window-images"));
    QCOMPARE(testmedia::writeImages(images, 3, 24, 16, testmedia::solid(0, 0, 255)).size(), 3);
    const QString queueFile = m_dir.filePath(QStringLiteral("window/queue.json"));
    {
        MainWindow window;
        window.queueAutosave()->setFile(queueFile);
        window.show();
        QCOMPARE(window.mediaIntake()->addPaths({images}), 1);
        window.runToolBar()->workerSpinBox()->setValue(2);
        // A run asked for earlier waits for them, and isBusy() stays false until it starts.
        QTRY_VERIFY(!window.runToolBar()->analysisCombo()->isLoading());
        window.action(MainWindow::ActionId::RunSerial)->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(!window.isBusy(), kRunTimeoutMs);
        window.runToolBar()->repeatSpinBox()->setValue(2);
        window.action(MainWindow::ActionId::Compare)->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(!window.isBusy(), kRunTimeoutMs);

        const HistoryModel *model = window.timingDock()->history()->model();
        QCOMPARE(model->rowCount(), 2);
        QCOMPARE(model->index(0, HistoryModel::Kind).data().toString(), QStringLiteral("Serial run"));
        QCOMPARE(model->index(1, HistoryModel::Kind).data().toString(), QStringLiteral("Compare, 2 rounds"));
        const TimingReport shown = window.timingPanel()->report();
        QVERIFY(shown.repeated);
        QCOMPARE(shown.repeated->completedRounds(), 2);
        QVERIFY2(shown.repeated->isValid(), qPrintable(shown.repeated->invalidReason()));
        QVERIFY(window.timingPanel()->repeatText().contains(QLatin1String("2 rounds")));
        window.setStopConfirmation([] { return true; });
        window.close();
    }
    MainWindow restarted;
    restarted.queueAutosave()->setFile(queueFile);
    const HistoryModel *model = restarted.timingDock()->history()->model();
    QCOMPARE(model->rowCount(), 2);
    QCOMPARE(model->entry(1).report.repeated->completedRounds(), 2);
    QCOMPARE(model->entry(0).report.serial->items.size(), 1);
    QVERIFY(model->entry(0).report.serial->items.first().path.endsWith(QLatin1String("window-images")));
}

QTEST_MAIN(TestHistory)
#include "tst_history.moc"
