// The pieces MainWindow wires together, each on its own: the smoothed ETA (with a made-up
// clock), the queue autosave, the log text, the run session that keeps Compare's books, the
// choice of rows that Retry Failed and Run Unfinished take, what the status bar says, and what
// happens when a run is done.

#include "engine.h"
#include "etaestimator.h"
#include "itemmodel.h"
#include "logdialog.h"
#include "queueautosave.h"
#include "queuestore.h"
#include "rowstorun.h"
#include "runsession.h"
#include "runstatusline.h"
#include "testmedia.h"
#include "whendone.h"
#include "donecommand.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QActionGroup>
#include <QCoreApplication>
#include <QMenu>
#include <QSettings>
#include <QStandardPaths>
#include <QFile>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace fp;

namespace {

constexpr int kRunTimeoutMs = 60000;

// The estimates of one run sampled every `step` seconds while `fractionAt` says how much is done.
struct Samples
{
    QList<double> raw;      // elapsed × (1 − done) / done, what the window showed before
    QList<double> smoothed; // EtaEstimator
};

Samples sample(double step, double until, const std::function<double(double)> &fractionAt)
{
    Samples samples;
    EtaEstimator eta;
    for (double t = step; t < until; t += step) {
        const double f = fractionAt(t);
        eta.update(t, f);
        samples.raw << t * (1 - f) / f;
        samples.smoothed << eta.remainingSeconds();
    }
    return samples;
}

double largestRise(const QList<double> &series)
{
    double rise = 0;
    for (qsizetype i = 1; i < series.size(); ++i)
        rise = std::max(rise, series.at(i) - series.at(i - 1));
    return rise;
}

} // namespace

class TestWindowParts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void etaIsExactAtASteadyRate_data();
    void etaIsExactAtASteadyRate();
    void etaCountsDownThroughUnevenProgress_data();
    void etaCountsDownThroughUnevenProgress();
    void etaStandsStillWhilePausedAndStartsOver();

    void autosaveWritesABurstOfChangesOnce();
    void autosaveSaysOnceThatItCannotWrite();
    void autosaveRestoreIsNotWrittenBack();

    void logTextShowsErrorAndTail_data();
    void logTextShowsErrorAndTail();

    void sessionReportsComparisonOnlyForCompleteCompare_data();
    void sessionReportsComparisonOnlyForCompleteCompare();

    void doneCommandSplitsWordsWithoutAShell_data();
    void doneCommandSplitsWordsWithoutAShell();
    void whenDoneRunsTheCommandWithTheOutcome();
    void whenDoneQuitsUnlessCancelled();
    void whenDoneIsRemembered();

    void rowsToRunRetriesSelectionElseQueue_data();
    void rowsToRunRetriesSelectionElseQueue();
    void rowsToRunLeavesHeldRowsOut();
    void heldRowsSurviveARestart();

    void statusLineSaysWhatHappened_data();
    void statusLineSaysWhatHappened();

private:
    QTemporaryDir m_dir;
    QStringList m_media;
};

void TestWindowParts::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // WhenDone keeps its choice in QSettings: never in the person's own configuration.
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("FramePoolTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_windowparts"));
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.filePath(QStringLiteral("settings")));
    QSettings().clear();
    for (int i = 0; i < 3; ++i) {
        const QString folder = m_dir.filePath(QStringLiteral("set%1").arg(i));
        QCOMPARE(testmedia::writeImages(folder, 4, 32, 24, testmedia::solid(0, 0, 255)).size(), 4);
        m_media << folder;
    }
}

void TestWindowParts::etaIsExactAtASteadyRate_data()
{
    QTest::addColumn<double>("runSeconds");
    QTest::addColumn<double>("step");
    QTest::newRow("short run, frequent ticks") << 10.0 << 0.5;
    QTest::newRow("long run, sparse ticks") << 3600.0 << 7.0;
    QTest::newRow("uneven tick") << 42.0 << 0.37;
}

void TestWindowParts::etaIsExactAtASteadyRate()
{
    QFETCH(double, runSeconds);
    QFETCH(double, step);
    EtaEstimator eta;
    for (double t = step; t < runSeconds; t += step) {
        eta.update(t, t / runSeconds);
        if (t / runSeconds < 0.01)
            QCOMPARE(eta.remainingSeconds(), -1.0);
        else
            QVERIFY2(std::abs(eta.remainingSeconds() - (runSeconds - t)) < 1e-6 * runSeconds,
                     qPrintable(QStringLiteral("at %1 s: %2").arg(t).arg(eta.remainingSeconds())));
    }
    eta.update(runSeconds, 1.0);
    QCOMPARE(eta.remainingSeconds(), 0.0);
}

void TestWindowParts::etaCountsDownThroughUnevenProgress_data()
{
    QTest::addColumn<double>("wobble"); // share of the work that comes early or late, alternately
    QTest::addColumn<double>("period"); // seconds between the lumps
    // Items that end in lumps: the overall rate swings each time one ends.
    QTest::newRow("small lumps") << 0.02 << 1.0;
    QTest::newRow("big lumps") << 0.05 << 2.0;
    QTest::newRow("slow swings") << 0.04 << 4.0;
}

void TestWindowParts::etaCountsDownThroughUnevenProgress()
{
    QFETCH(double, wobble);
    QFETCH(double, period);
    const double runSeconds = 30;
    const auto fractionAt = [&](double t) {
        const double lump = std::fmod(std::floor(t / period), 2.0) == 0 ? wobble : -wobble;
        return std::clamp(t / runSeconds + lump, 0.02, 0.99);
    };
    const Samples samples = sample(0.5, 24, fractionAt);
    // The raw estimate jumps up by seconds when a lump ends; the smoothed one by far less.
    QVERIFY2(largestRise(samples.raw) > 1.0, qPrintable(QString::number(largestRise(samples.raw))));
    QVERIFY2(largestRise(samples.smoothed) < largestRise(samples.raw) / 3,
             qPrintable(QStringLiteral("%1 vs %2").arg(largestRise(samples.smoothed)).arg(largestRise(samples.raw))));
    // ... and still ends near the truth.
    QVERIFY2(std::abs(samples.smoothed.last() - (runSeconds - 23.5)) < 3.0, qPrintable(QString::number(samples.smoothed.last())));
}

void TestWindowParts::etaStandsStillWhilePausedAndStartsOver()
{
    EtaEstimator eta;
    eta.update(4, 0.4);
    eta.update(5, 0.5);
    const double before = eta.remainingSeconds();
    QVERIFY(before > 0);
    // Paused: the active clock does not move, and neither does the estimate.
    eta.update(5, 0.5);
    eta.update(5, 0.5);
    QCOMPARE(eta.remainingSeconds(), before);

    eta.reset();
    QCOMPARE(eta.remainingSeconds(), -1.0);
    // A new run with another rate is not dragged towards the old one.
    eta.update(1, 0.5);
    QCOMPARE(eta.remainingSeconds(), 1.0);
}

void TestWindowParts::autosaveWritesABurstOfChangesOnce()
{
    Engine engine;
    ItemModel model(&engine);
    QAbstractItemModelTester tester(&model);
    const QString file = m_dir.filePath(QStringLiteral("burst.json"));
    QueueAutosave autosave(&model, &engine, file);
    QSignalSpy saved(&autosave, &QueueAutosave::saved);

    for (const QString &path : m_media)
        QCOMPARE(model.addItems({{path, StreamKind::Images}}), 1);
    QVERIFY(autosave.isSavePending());
    QVERIFY(!QFile::exists(file));
    QVERIFY(saved.wait());
    QCOMPARE(saved.count(), 1);
    QCOMPARE(QueueStore(file).load().size(), m_media.size());

    model.moveRowsTo({2}, 0);
    QVERIFY(saved.wait());
    QCOMPARE(QueueStore(file).load().first().path, m_media.at(2));
}

void TestWindowParts::autosaveSaysOnceThatItCannotWrite()
{
    Engine engine;
    ItemModel model(&engine);
    // A folder cannot be created below a plain file.
    const QString blocker = m_dir.filePath(QStringLiteral("blocker"));
    QFile file(blocker);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    QueueAutosave autosave(&model, &engine, blocker + QStringLiteral("/queue.json"));
    QSignalSpy failed(&autosave, &QueueAutosave::saveFailed);
    QSignalSpy saved(&autosave, &QueueAutosave::saved);

    QVERIFY(!autosave.save());
    QVERIFY(!autosave.save());
    QCOMPARE(failed.count(), 1);
    QVERIFY(!failed.first().first().toString().isEmpty());

    autosave.setFile(m_dir.filePath(QStringLiteral("writable.json")));
    QVERIFY(autosave.save());
    QCOMPARE(saved.count(), 1);
    autosave.setFile(blocker + QStringLiteral("/queue.json"));
    QVERIFY(!autosave.save());
    QCOMPARE(failed.count(), 2); // a new streak is said again
}

void TestWindowParts::autosaveRestoreIsNotWrittenBack()
{
    const QString file = m_dir.filePath(QStringLiteral("restore.json"));
    QList<QueueEntry> entries;
    for (const QString &path : m_media)
        entries << QueueEntry{path, StreamKind::Images, ItemState::Done, {}, {}, 4, 0.5, {}};
    QVERIFY(QueueStore(file).save(entries));

    Engine engine;
    ItemModel model(&engine);
    QAbstractItemModelTester tester(&model);
    QueueAutosave autosave(&model, &engine, file);
    QString error;
    QCOMPARE(autosave.restore(&error), m_media.size());
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(!autosave.isSavePending());
    QCOMPARE(model.rowsWithStatus(ItemModel::RowStatus::Done).size(), m_media.size());

    QFile broken(m_dir.filePath(QStringLiteral("broken.json")));
    QVERIFY(broken.open(QIODevice::WriteOnly));
    broken.write("{ not json");
    broken.close();
    autosave.setFile(broken.fileName());
    QCOMPARE(autosave.restore(&error), 0);
    QVERIFY(!error.isEmpty());
}

void TestWindowParts::logTextShowsErrorAndTail_data()
{
    QTest::addColumn<QString>("log");
    QTest::addColumn<QString>("error");
    QTest::addColumn<bool>("inRun");
    QTest::addColumn<QString>("startsWith");
    QTest::addColumn<QString>("endsWith");

    const QString longLog = QString(LogDialog::kDisplayChars, QLatin1Char('a')) + QStringLiteral("THE END");
    QTest::newRow("silent worker") << QString() << QString() << true << QStringLiteral("The worker wrote nothing")
                                   << QStringLiteral("item.");
    QTest::newRow("not in the run") << QString() << QString() << false << QStringLiteral("No log")
                                    << QStringLiteral("latest run.");
    QTest::newRow("error first") << QStringLiteral("decoding\n") << QStringLiteral("cannot open")
                                 << true << QStringLiteral("Status: cannot open\n\n") << QStringLiteral("decoding\n");
    QTest::newRow("long log keeps its end") << longLog << QString() << true << QStringLiteral("[… only the last")
                                            << QStringLiteral("aTHE END");
}

void TestWindowParts::logTextShowsErrorAndTail()
{
    QFETCH(QString, log);
    QFETCH(QString, error);
    QFETCH(bool, inRun);
    QFETCH(QString, startsWith);
    QFETCH(QString, endsWith);
    const QString text = LogDialog::compose(log, error, inRun);
    QVERIFY2(text.startsWith(startsWith), qPrintable(text.left(80)));
    QVERIFY2(text.endsWith(endsWith), qPrintable(text.right(80)));
    QVERIFY(text.size() <= LogDialog::kDisplayChars + 200);
}

void TestWindowParts::sessionReportsComparisonOnlyForCompleteCompare_data()
{
    QTest::addColumn<bool>("compare");
    QTest::addColumn<bool>("cancelInSerialPhase");
    QTest::addColumn<int>("engineRuns");
    QTest::addColumn<bool>("hasComparison");
    QTest::newRow("plain run") << false << false << 1 << false;
    QTest::newRow("compare") << true << false << 2 << true;
    QTest::newRow("compare cancelled") << true << true << 1 << false;
}

void TestWindowParts::sessionReportsComparisonOnlyForCompleteCompare()
{
    QFETCH(bool, compare);
    QFETCH(bool, cancelInSerialPhase);
    QFETCH(int, engineRuns);
    QFETCH(bool, hasComparison);

    Engine engine;
    RunSession session(&engine);
    QSignalSpy runs(&session, &RunSession::runFinished);
    QSignalSpy ended(&session, &RunSession::ended);
    QSignalSpy phases(&session, &RunSession::comparePhaseStarted);
    if (cancelInSerialPhase)
        connect(&engine, &Engine::itemStarted, &session, &RunSession::cancel, Qt::SingleShotConnection);
    EngineOptions options;
    options.workers = 2;
    options.mode = RunMode::Completed;
    QVERIFY(compare ? session.startCompare(m_media, options) : session.start(m_media, options));
    QVERIFY(session.isBusy());
    QCOMPARE(session.isComparing(), compare);
    QVERIFY(!session.start(m_media, options)); // one action at a time

    QVERIFY(ended.wait(kRunTimeoutMs));
    QVERIFY(!session.isBusy());
    QCOMPARE(ended.count(), 1);
    QCOMPARE(runs.count(), engineRuns);
    QCOMPARE(phases.count(), compare ? engineRuns : 0);
    const auto outcome = ended.first().first().value<RunOutcome>();
    QCOMPARE(outcome.comparison.has_value(), hasComparison);
    if (hasComparison) {
        QCOMPARE(outcome.comparison->serial.mode, RunMode::Serial);
        QCOMPARE(outcome.comparison->parallel.mode, RunMode::Completed);
        QCOMPARE(outcome.done, int(m_media.size()));
        QVERIFY2(outcome.summary().contains(QLatin1String("speed-up")), qPrintable(outcome.summary()));
    } else {
        QVERIFY2(outcome.summary().startsWith(QLatin1String("Run finished")), qPrintable(outcome.summary()));
    }
    if (cancelInSerialPhase)
        QVERIFY(outcome.cancelled > 0);
}

void TestWindowParts::doneCommandSplitsWordsWithoutAShell_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<QStringList>("words");
    QTest::newRow("words") << QStringLiteral("notify-send  FramePool done") << QStringList{"notify-send", "FramePool", "done"};
    QTest::newRow("double quotes group")
        << QStringLiteral("/usr/bin/touch \"/tmp/a b\"") << QStringList{"/usr/bin/touch", "/tmp/a b"};
    QTest::newRow("nothing expanded or chained")
        << QStringLiteral("echo $HOME;rm *|cat") << QStringList{"echo", "$HOME;rm", "*|cat"};
    QTest::newRow("empty") << QStringLiteral("   ") << QStringList{};
}

void TestWindowParts::doneCommandSplitsWordsWithoutAShell()
{
    QFETCH(QString, line);
    QFETCH(QStringList, words);
    QCOMPARE(DoneCommand::split(line), words);
}

namespace {

RunOutcome finishedOutcome(bool cancelledByUser)
{
    RunOutcome outcome;
    outcome.done = 3;
    outcome.failed = 1;
    outcome.cancelledByUser = cancelledByUser;
    return outcome;
}

} // namespace

void TestWindowParts::whenDoneRunsTheCommandWithTheOutcome()
{
    QWidget window;
    WhenDone whenDone(&window);
    QSignalSpy messages(&whenDone, &WhenDone::message);
    const QString out = m_dir.filePath(QStringLiteral("when done.txt"));
    // sh is the program the person chose here; FramePool itself starts it with no shell.
    whenDone.setCommand(QStringLiteral("/bin/sh -c \"echo $FRAMEPOOL_DONE $FRAMEPOOL_FAILED > '%1'\"").arg(out));
    whenDone.setAction(WhenDone::Action::RunCommand);
    QVERIFY(whenDone.menuAction(WhenDone::Action::RunCommand)->isChecked());

    whenDone.runEnded(finishedOutcome(true), 0); // cancelled: nothing runs
    whenDone.runEnded(finishedOutcome(false), 0);
    QVERIFY(messages.wait(kRunTimeoutMs));
    QCOMPARE(messages.size(), 1);
    QVERIFY2(messages.first().first().toString().contains(QLatin1String("exited with 0")),
             qPrintable(messages.first().first().toString()));
    QFile file(out);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll().trimmed(), QByteArray("3 1"));

    // A program that does not exist is said so, and nothing else happens.
    whenDone.setCommand(m_dir.filePath(QStringLiteral("no-such-program")));
    whenDone.runEnded(finishedOutcome(false), 0);
    QVERIFY(messages.wait(kRunTimeoutMs));
    QVERIFY2(messages.last().first().toString().contains(QLatin1String("could not start")),
             qPrintable(messages.last().first().toString()));
}

void TestWindowParts::whenDoneQuitsUnlessCancelled()
{
    QWidget window;
    WhenDone whenDone(&window);
    QSignalSpy quit(&whenDone, &WhenDone::quitRequested);
    std::unique_ptr<QMenu> menu(whenDone.createMenu(nullptr));
    QCOMPARE(menu->actions().size(), 4);
    menu->actions().at(int(WhenDone::Action::Quit))->trigger();
    QCOMPARE(whenDone.action(), WhenDone::Action::Quit);
    // One choice at a time.
    int checked = 0;
    for (QAction *entry : menu->actions())
        checked += entry->isChecked();
    QCOMPARE(checked, 1);

    whenDone.runEnded(finishedOutcome(true), 0);
    QCOMPARE(quit.size(), 0);
    whenDone.runEnded(finishedOutcome(false), 0);
    QCOMPARE(quit.size(), 1);
    whenDone.setAction(WhenDone::Action::Nothing);
    whenDone.runEnded(finishedOutcome(false), 0);
    QCOMPARE(quit.size(), 1);
}

void TestWindowParts::whenDoneIsRemembered()
{
    QWidget window;
    {
        WhenDone whenDone(&window);
        whenDone.setCommand(QStringLiteral("/usr/bin/true"));
        whenDone.setAction(WhenDone::Action::RunCommand);
    }
    WhenDone again(&window);
    QCOMPARE(again.action(), WhenDone::Action::RunCommand);
    QCOMPARE(again.command(), QStringLiteral("/usr/bin/true"));
    QVERIFY(again.menuAction(WhenDone::Action::RunCommand)->isChecked());
}

void TestWindowParts::rowsToRunRetriesSelectionElseQueue_data()
{
    QTest::addColumn<QList<ItemState>>("saved"); // the rows, as a saved queue has them
    QTest::addColumn<QList<int>>("selected");
    QTest::addColumn<QList<int>>("retry");
    QTest::addColumn<QList<int>>("unfinished");

    using S = ItemState;
    const QList<ItemState> mixed{S::Done, S::Failed, S::Queued, S::Cancelled, S::Interrupted};
    QTest::newRow("empty queue") << QList<ItemState>{} << QList<int>{} << QList<int>{} << QList<int>{};
    QTest::newRow("everything done") << QList<ItemState>{S::Done, S::Done} << QList<int>{1} << QList<int>{}
                                     << QList<int>{};
    QTest::newRow("nothing selected: the whole queue")
        << mixed << QList<int>{} << QList<int>{1, 3, 4} << QList<int>{1, 2, 3, 4};
    QTest::newRow("a selected row to retry: only the selection")
        << mixed << QList<int>{4, 0, 1} << QList<int>{4, 1} << QList<int>{1, 2, 3, 4};
    QTest::newRow("selection with nothing to retry: the whole queue")
        << mixed << QList<int>{0, 2} << QList<int>{1, 3, 4} << QList<int>{1, 2, 3, 4};
    QTest::newRow("running when saved comes back interrupted")
        << QList<ItemState>{S::Running, S::Done} << QList<int>{} << QList<int>{0} << QList<int>{0};
    QTest::newRow("never run: unfinished, not retried")
        << QList<ItemState>{S::Queued, S::Queued} << QList<int>{0} << QList<int>{} << QList<int>{0, 1};
}

void TestWindowParts::rowsToRunRetriesSelectionElseQueue()
{
    QFETCH(QList<ItemState>, saved);
    QFETCH(QList<int>, selected);
    QFETCH(QList<int>, retry);
    QFETCH(QList<int>, unfinished);
    QList<QueueEntry> entries;
    for (qsizetype i = 0; i < saved.size(); ++i)
        entries << QueueEntry{m_dir.filePath(QStringLiteral("item%1").arg(i)), StreamKind::Images, saved.at(i), {}, {}, 4, 0.5, {}};
    Engine engine;
    ItemModel model(&engine);
    QCOMPARE(model.restoreEntries(entries), saved.size());

    const RowsToRun rows(&model);
    QCOMPARE(rows.all().size(), saved.size());
    QCOMPARE(rows.toRetry(selected), retry);
    QCOMPARE(rows.anyToRetry(), !retry.isEmpty());
    QCOMPARE(rows.unfinished(), unfinished);
}

void TestWindowParts::rowsToRunLeavesHeldRowsOut()
{
    using S = ItemState;
    const QList<ItemState> saved{S::Failed, S::Queued, S::Cancelled, S::Done};
    QList<QueueEntry> entries;
    for (qsizetype i = 0; i < saved.size(); ++i)
        entries << QueueEntry{m_dir.filePath(QStringLiteral("held%1").arg(i)), StreamKind::Images, saved.at(i), {}, {}, 4, 0.5, {}};
    Engine engine;
    ItemModel model(&engine);
    QAbstractItemModelTester tester(&model);
    QCOMPARE(model.restoreEntries(entries), saved.size());
    model.setHeld({0, 1}, true);
    QCOMPARE(model.status(0), ItemModel::RowStatus::OnHold);
    QCOMPARE(model.index(1, ItemModel::Status).data().toString(), QStringLiteral("held"));
    QCOMPARE(model.index(0, 0).data(ItemModel::StatusRole).toInt(), int(ItemModel::RowStatus::OnHold));

    const RowsToRun rows(&model);
    QCOMPARE(rows.all(), (QList<int>{2, 3}));
    QCOMPARE(rows.toRetry({0, 1}), QList<int>{2}); // the held selection has nothing to retry
    QCOMPARE(rows.unfinished(), QList<int>{2});

    // Released, a row is what it was before.
    model.setHeld({0}, false);
    QCOMPARE(model.status(0), ItemModel::RowStatus::Failed);
    QCOMPARE(rows.toRetry({}), (QList<int>{0, 2}));
}

void TestWindowParts::heldRowsSurviveARestart()
{
    const QString file = m_dir.filePath(QStringLiteral("held-restart.json"));
    {
        Engine engine;
        ItemModel model(&engine);
        QueueAutosave autosave(&model, &engine, file);
        QSignalSpy saved(&autosave, &QueueAutosave::saved);
        for (const QString &path : m_media)
            QCOMPARE(model.addItems({{path, StreamKind::Images}}), 1);
        QVERIFY(saved.wait());
        // Holding a row is a change of the queue: it is saved like one.
        model.setHeld({1}, true);
        QVERIFY(autosave.isSavePending());
        QVERIFY(saved.wait());
        const QList<QueueEntry> entries = QueueStore(file).load();
        QCOMPARE(entries.size(), m_media.size());
        for (int row = 0; row < entries.size(); ++row)
            QCOMPARE(entries.at(row).held, row == 1);
    }
    Engine engine;
    ItemModel model(&engine);
    QueueAutosave autosave(&model, &engine, file);
    QString error;
    QCOMPARE(autosave.restore(&error), m_media.size());
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(model.status(1), ItemModel::RowStatus::OnHold);
    QVERIFY(model.isHeld(1));
    QVERIFY(!model.isHeld(0));
    QVERIFY(!RowsToRun(&model).all().contains(1));
    // Released after the restart, it is saved released.
    QSignalSpy saved(&autosave, &QueueAutosave::saved);
    model.setHeld({1}, false);
    QVERIFY(saved.wait());
    QVERIFY(!QueueStore(file).load().at(1).held);
}

// What happens, for statusLineSaysWhatHappened.
enum class Happening { SerialRunStarted, ParallelRunStarted, Paused, Resumed, ComparePhase, QueueFileFailed, QueueNotice, RunEnded };

void TestWindowParts::statusLineSaysWhatHappened_data()
{
    QTest::addColumn<Happening>("happening");
    QTest::addColumn<QString>("message");
    QTest::newRow("serial run") << Happening::SerialRunStarted << QStringLiteral("Running 3 item(s) serially on 1 worker…");
    QTest::newRow("parallel run") << Happening::ParallelRunStarted
                                  << QStringLiteral("Running 3 item(s) in parallel on 4 workers…");
    QTest::newRow("paused") << Happening::Paused
                            << QStringLiteral("Paused. Paused time is left out of timings and the ETA.");
    QTest::newRow("resumed") << Happening::Resumed << QStringLiteral("Resumed.");
    QTest::newRow("compare phase") << Happening::ComparePhase << QStringLiteral("Compare: parallel run…");
    QTest::newRow("queue file failed") << Happening::QueueFileFailed << QStringLiteral("disk full");
    QTest::newRow("queue notice") << Happening::QueueNotice << QStringLiteral("kept as .bak");
    QTest::newRow("run ended") << Happening::RunEnded
                               << QStringLiteral("Run finished in 2.5 s: 2 ok, 1 failed, 0 cancelled.");
}

void TestWindowParts::statusLineSaysWhatHappened()
{
    QFETCH(Happening, happening);
    QFETCH(QString, message);
    Engine engine;
    ItemModel model(&engine);
    RunSession session(&engine);
    QueueAutosave autosave(&model, &engine, m_dir.filePath(QStringLiteral("status.json")));
    QStatusBar statusBar;
    new RunStatusLine(&engine, &session, &autosave, &statusBar);

    switch (happening) {
    case Happening::SerialRunStarted: Q_EMIT engine.runStarted(RunMode::Serial, 1, 3); break;
    case Happening::ParallelRunStarted: Q_EMIT engine.runStarted(RunMode::Completed, 4, 3); break;
    case Happening::Paused: Q_EMIT engine.pausedChanged(true); break;
    case Happening::Resumed: Q_EMIT engine.pausedChanged(false); break;
    case Happening::ComparePhase: Q_EMIT session.comparePhaseStarted(RunMode::Completed, 1, 1); break;
    case Happening::QueueFileFailed: Q_EMIT autosave.saveFailed(QStringLiteral("disk full")); break;
    case Happening::QueueNotice: Q_EMIT autosave.noticed(QStringLiteral("kept as .bak")); break;
    case Happening::RunEnded: {
        RunOutcome outcome;
        outcome.timing.wallSeconds = 2.5;
        outcome.done = 2;
        outcome.failed = 1;
        Q_EMIT session.ended(outcome);
        break;
    }
    }
    QCOMPARE(statusBar.currentMessage(), message);
}

QTEST_MAIN(TestWindowParts)
#include "tst_windowparts.moc"
