// The timeline model that the GUI's Gantt chart, the HTML report and the PDF report draw from:
// lanes, bars, the end of a run, the time axis and item colours, from hand-made runs.

#include "report.h"
#include "timeline.h"

#include <QRegularExpression>
#include <QTest>

#include <cmath>


using namespace fp;

namespace {

ItemRecord item(int index, int worker, double start, double end,
                ItemState state = ItemState::Done)
{
    ItemRecord r;
    r.index = index;
    r.path = QStringLiteral("/media/item%1.mp4").arg(index);
    r.state = state;
    r.worker = worker;
    r.start = start;
    r.end = end;
    r.framesDone = 10;
    return r;
}

TaskTiming task(int itemIndex, int worker, double start, double end, const QString &host = {})
{
    return TaskTiming{itemIndex, worker, start, end, 10, host, false, QString()};
}

// `workers` slots; each item finished as one task on the worker given.
RunTiming finishedRun(int workers, double wall, const QList<ItemRecord> &items)
{
    RunTiming run;
    run.workers = workers;
    run.wallSeconds = wall;
    run.items = items;
    for (const ItemRecord &i : items)
        run.tasks.append(task(i.index, i.worker, i.start, i.end));
    return run;
}

QList<int> barLanes(const Timeline &timeline)
{
    QList<int> lanes;
    for (const Timeline::Bar &bar : timeline.bars())
        lanes.append(bar.lane);
    return lanes;
}

QStringList laneLabels(const Timeline &timeline)
{
    QStringList labels;
    for (const Timeline::Lane &lane : timeline.lanes())
        labels.append(lane.label());
    return labels;
}

// A run with a running item: worker 2 finished a piece of item 1 (0..1 s) and runs its next
// piece since; worker 1 runs item 0 since 0.5 s. Wall time 3 s.
RunTiming liveRun()
{
    RunTiming run;
    run.workers = 2;
    run.wallSeconds = 3;
    run.items = {item(0, 1, 0.5, -1, ItemState::Running), item(1, 2, 0.0, -1, ItemState::Running),
                 item(2, -1, -1, -1, ItemState::Queued)};
    run.tasks = {task(1, 2, 0.0, 1.0)};
    return run;
}

// Every `<rect class="task" ...>` of the HTML report's timeline of one run, with the lane and
// item it says it draws.
struct SvgBar
{
    int lane;
    int item;
};

QList<SvgBar> svgBars(const QString &html)
{
    static const QRegularExpression taskRect(
        QStringLiteral("<rect class=\"task\" data-state=\"[a-z]+\" data-lane=\"(\\d+)\" "
                       "data-item=\"(-?\\d+)\""));
    QList<SvgBar> bars;
    for (const QRegularExpressionMatch &m : taskRect.globalMatch(html))
        bars.append({m.captured(1).toInt(), m.captured(2).toInt()});
    return bars;
}

} // namespace

class TestTimeline : public QObject
{
    Q_OBJECT

private slots:
    void lanesAndBars_data();
    void lanesAndBars();
    void laneNamesItsHost();
    void runningItemsGrowToTheWallTime();
    void endAndAxis_data();
    void endAndAxis();
    void tickStep_data();
    void tickStep();
    void ticksIncludeBothEnds();
    void coloursAreStablePerItem();
    void describeNamesItemTimeWorkerAndFailure();
    void cancelledWorkIsABarUpToWhereItStopped();
    void failedAttemptIsABarBesideItsRetry();
    void htmlTimelineAgreesWithTheModel_data();
    void htmlTimelineAgreesWithTheModel();
};

void TestTimeline::lanesAndBars_data()
{
    QTest::addColumn<RunTiming>("run");
    QTest::addColumn<QStringList>("lanes");
    QTest::addColumn<QList<int>>("barLanes");

    QTest::newRow("serial: one lane")
        << finishedRun(1, 3, {item(0, 1, 0, 1), item(1, 1, 1, 3)})
        << QStringList{"worker 1"} << QList<int>{0, 0};
    QTest::newRow("idle worker keeps its lane")
        << finishedRun(3, 2, {item(0, 1, 0, 1), item(1, 3, 0, 2)})
        << QStringList{"worker 1", "worker 2", "worker 3"} << QList<int>{0, 2};
    QTest::newRow("worker beyond the count gets a lane")
        << finishedRun(1, 2, {item(0, 1, 0, 1), item(1, 3, 0, 2)})
        << QStringList{"worker 1", "worker 2", "worker 3"} << QList<int>{0, 2};
    QTest::newRow("work without a worker goes last")
        << finishedRun(2, 2, {item(0, 0, 0, 1), item(1, 2, 0, 2)})
        << QStringList{"worker 1", "worker 2", "unknown worker"} << QList<int>{2, 1};
    QTest::newRow("no work: the slots still show")
        << finishedRun(2, 0, {}) << QStringList{"worker 1", "worker 2"} << QList<int>{};
    QTest::newRow("running items after finished tasks")
        << liveRun() << QStringList{"worker 1", "worker 2"} << QList<int>{1, 0, 1};
}

void TestTimeline::lanesAndBars()
{
    QFETCH(RunTiming, run);
    QFETCH(QStringList, lanes);
    QFETCH(QList<int>, barLanes);
    const Timeline timeline(run);
    QCOMPARE(laneLabels(timeline), lanes);
    QCOMPARE(::barLanes(timeline), barLanes);
}

void TestTimeline::laneNamesItsHost()
{
    RunTiming run = finishedRun(2, 2, {item(0, 1, 0, 1), item(1, 2, 0, 1), item(2, 2, 1, 2)});
    run.tasks[1].host = QStringLiteral("node7");
    run.tasks[2].host = QStringLiteral("node8"); // the first host named wins
    const Timeline timeline(run);
    QCOMPARE(laneLabels(timeline), QStringList({"worker 1", "worker 2 \u00b7 node7"}));
    QCOMPARE(timeline.lanes().at(1).name(), QStringLiteral("worker 2"));
}

void TestTimeline::runningItemsGrowToTheWallTime()
{
    const Timeline timeline(liveRun());
    QVERIFY(timeline.isRunning());
    QCOMPARE(timeline.nowSeconds(), 3.0);
    const QList<Timeline::Bar> &bars = timeline.bars();
    QCOMPARE(bars.size(), 3);
    QVERIFY(!bars.at(0).running);
    QCOMPARE(bars.at(0).state, ItemState::Running); // the item still runs its next piece
    // Item 0 on worker 1: 0.5 s to now.
    QVERIFY(bars.at(1).running);
    QCOMPARE(bars.at(1).item, 0);
    QCOMPARE(bars.at(1).start, 0.5);
    QCOMPARE(bars.at(1).end, 3.0);
    // Item 1's running piece starts where its finished piece on the same worker ended.
    QCOMPARE(bars.at(2).item, 1);
    QCOMPARE(bars.at(2).start, 1.0);
    QCOMPARE(bars.at(2).end, 3.0);
    QVERIFY(!Timeline(finishedRun(1, 1, {item(0, 1, 0, 1)})).isRunning());
}

void TestTimeline::endAndAxis_data()
{
    QTest::addColumn<RunTiming>("run");
    QTest::addColumn<double>("wantedAxis");
    QTest::addColumn<double>("end");
    QTest::addColumn<double>("axis");

    QTest::newRow("wall time") << finishedRun(1, 4, {item(0, 1, 0, 3)}) << 0.0 << 4.0 << 4.0;
    // A task's end reported after the wall clock stopped still fits on the axis.
    QTest::newRow("task ends late") << finishedRun(1, 4, {item(0, 1, 0, 4.5)}) << 0.0 << 4.5
                                    << 4.5;
    QTest::newRow("shared longer axis") << finishedRun(1, 4, {item(0, 1, 0, 3)}) << 10.0 << 4.0
                                        << 10.0;
    QTest::newRow("nothing yet: 1 s") << finishedRun(2, 0, {}) << 0.0 << 0.0 << 1.0;
}

void TestTimeline::endAndAxis()
{
    QFETCH(RunTiming, run);
    QFETCH(double, wantedAxis);
    QFETCH(double, end);
    QFETCH(double, axis);
    const Timeline timeline(run, wantedAxis);
    QCOMPARE(timeline.endSeconds(), end);
    QCOMPARE(timeline.axisSeconds(), axis);
}

void TestTimeline::tickStep_data()
{
    QTest::addColumn<double>("span");
    QTest::addColumn<double>("targetTicks");
    QTest::addColumn<double>("step");

    QTest::newRow("10 s, 8 ticks") << 10.0 << 8.0 << 2.0;
    QTest::newRow("1 s, 8 ticks") << 1.0 << 8.0 << 0.2;
    QTest::newRow("3.5 s, 8 ticks") << 3.5 << 8.0 << 0.5;
    QTest::newRow("60 s, 8 ticks") << 60.0 << 8.0 << 10.0;
    QTest::newRow("50 ms, 8 ticks") << 0.05 << 8.0 << 0.01;
    QTest::newRow("1000 s, 5 ticks") << 1000.0 << 5.0 << 200.0;
    QTest::newRow("exactly 1 per tick") << 8.0 << 8.0 << 1.0;
    QTest::newRow("no room for ticks: one step") << 7.0 << 0.0 << 10.0;
}

void TestTimeline::tickStep()
{
    QFETCH(double, span);
    QFETCH(double, targetTicks);
    QFETCH(double, step);
    const double got = Timeline::tickStep(span, targetTicks);
    QVERIFY2(std::abs(got - step) < step * 1e-9,
             qPrintable(QStringLiteral("%1 != %2").arg(got).arg(step)));
}

void TestTimeline::ticksIncludeBothEnds()
{
    const QList<double> ticks = Timeline::ticks(1.0, 0.2);
    QCOMPARE(ticks.size(), 6);
    QCOMPARE(ticks.first(), 0.0);
    QVERIFY(std::abs(ticks.last() - 1.0) < 1e-9);
    QCOMPARE(Timeline::tickLabel(ticks.at(3)), QStringLiteral("0.6"));
    QVERIFY(Timeline::ticks(1.0, 0).isEmpty());

    // The model's own ticks cover its axis.
    const Timeline timeline(finishedRun(1, 3.5, {item(0, 1, 0, 3.5)}));
    QCOMPARE(timeline.ticks(8.0), Timeline::ticks(3.5, 0.5));
}

void TestTimeline::coloursAreStablePerItem()
{
    // The same item gets the same colour every time, in every run and in the CSS of the report.
    QCOMPARE(Timeline::itemColour(5).css(), Timeline::itemColour(5).css());
    QCOMPARE(report::itemColour(5), Timeline::itemColour(5).css());
    QCOMPARE(Timeline::itemColour(1).css(), QStringLiteral("hsl(137,62%,52%)"));
    QCOMPARE(Timeline::itemColour(-1).css(), Timeline::itemColour(1).css());
    // Lighter on a dark background, same hue.
    QCOMPARE(Timeline::itemColour(3, true).hue, Timeline::itemColour(3).hue);
    QVERIFY(Timeline::itemColour(3, true).lightness > Timeline::itemColour(3).lightness);
    // Neighbours are far apart on the colour wheel.
    for (int i = 0; i < 20; ++i) {
        const double a = Timeline::itemColour(i).hue;
        const double b = Timeline::itemColour(i + 1).hue;
        const double apart = std::min(std::abs(a - b), 360 - std::abs(a - b));
        QVERIFY2(apart > 90, qPrintable(QStringLiteral("items %1, %2").arg(i).arg(i + 1)));
    }
}

void TestTimeline::describeNamesItemTimeWorkerAndFailure()
{
    RunTiming run = finishedRun(2, 2, {item(0, 2, 0.5, 2.0, ItemState::Failed)});
    run.items[0].error = QStringLiteral("decode failed");
    run.tasks[0].host = QStringLiteral("node2");
    const Timeline timeline(run);
    QCOMPARE(timeline.describe(timeline.bars().at(0)),
             QStringLiteral("/media/item0.mp4\n1.500 s, 10 frames, worker 2 on node2\n"
                            "failed: decode failed"));

    const Timeline live(liveRun());
    QCOMPARE(live.describe(live.bars().at(1)),
             QStringLiteral("/media/item0.mp4\nrunning for 2.500 s, 10 frames so far, worker 1"));

    RunTiming paused = liveRun();
    paused.paused = true;
    const Timeline stopped(paused);
    QVERIFY(stopped.isPaused());
    QCOMPARE(stopped.describe(stopped.bars().at(1)),
             QStringLiteral("/media/item0.mp4\npaused after 2.500 s, 10 frames so far, worker 1"));
}

// A cancel stops work mid-task: the task stays, flagged, up to where it stopped; a finished
// piece of the same item is not flagged.
void TestTimeline::cancelledWorkIsABarUpToWhereItStopped()
{
    RunTiming run = finishedRun(2, 4, {item(0, 1, 0, 3), item(1, 2, 0, 2.5, ItemState::Cancelled)});
    run.tasks[1].end = 1.0;                      // a finished piece of item 1 ...
    run.tasks << task(1, 2, 1.0, 2.5);           // ... and the one the cancel stopped
    run.tasks.last().cancelled = true;
    const Timeline timeline(run);
    QCOMPARE(timeline.bars().size(), 3);
    QVERIFY(!timeline.isRunning());
    const Timeline::Bar &finished = timeline.bars().at(1);
    const Timeline::Bar &cut = timeline.bars().at(2);
    QVERIFY(!finished.cancelled);
    QVERIFY(cut.cancelled);
    QCOMPARE(cut.item, 1);
    QCOMPARE(cut.lane, 1);
    QCOMPARE(cut.start, 1.0);
    QCOMPARE(cut.end, 2.5);
    QCOMPARE(cut.state, ItemState::Cancelled);
    QCOMPARE(timeline.describe(cut),
             QStringLiteral("/media/item1.mp4\ncancelled after 1.500 s, 10 frames, worker 2"));
}

// A worker crashed under item 0 and a fresh one retried it: the lost attempt keeps its place on
// the first worker's lane, drawn as failed with why, and the retry that succeeded is not.
void TestTimeline::failedAttemptIsABarBesideItsRetry()
{
    RunTiming run = finishedRun(2, 3, {item(0, 2, 1.0, 3.0), item(1, 2, 0, 1.0)});
    run.tasks.prepend(task(0, 1, 0, 0.8));
    run.tasks.first().failure = QStringLiteral("worker killed by signal 11 (SIGSEGV) at frame 5");
    const Timeline timeline(run);
    QCOMPARE(timeline.bars().size(), 3);
    const Timeline::Bar &lost = timeline.bars().at(0);
    const Timeline::Bar &retry = timeline.bars().at(1);
    QCOMPARE(lost.item, 0);
    QCOMPARE(lost.lane, 0);
    QVERIFY(lost.failed());
    QCOMPARE(lost.state, ItemState::Done); // the item itself ended well
    QVERIFY(!retry.failed());
    QCOMPARE(timeline.describe(lost),
             QStringLiteral("/media/item0.mp4\n0.800 s, 10 frames, worker 1\n"
                            "failed: worker killed by signal 11 (SIGSEGV) at frame 5"));
    QCOMPARE(timeline.describe(retry), QStringLiteral("/media/item0.mp4\n2.000 s, 10 frames, worker 2"));

    const QString html = QString::fromUtf8(report::toHtml(TimingReport{std::nullopt, run, {}, {}, {}, 2}));
    QCOMPARE(html.count(QStringLiteral("<rect class=\"task\" data-state=\"failed\"")), 1);
}

void TestTimeline::htmlTimelineAgreesWithTheModel_data()
{
    QTest::addColumn<RunTiming>("run");
    QTest::newRow("idle worker")
        << finishedRun(3, 2, {item(0, 1, 0, 1), item(1, 3, 0, 2), item(2, 1, 1, 2)});
    QTest::newRow("unknown worker") << finishedRun(2, 2, {item(0, 0, 0, 1), item(1, 2, 0, 2)});
    QTest::newRow("running items") << liveRun();
    RunTiming cancelled = finishedRun(2, 2, {item(0, 1, 0, 1), item(1, 2, 0, 1.5, ItemState::Cancelled)});
    cancelled.tasks[1].cancelled = true;
    QTest::newRow("cancelled work") << cancelled;
}

void TestTimeline::htmlTimelineAgreesWithTheModel()
{
    QFETCH(RunTiming, run);
    TimingReport report;
    report.parallel = run;
    const QString html = QString::fromUtf8(report::toHtml(report));
    const Timeline timeline(run);

    QCOMPARE(html.count(QStringLiteral("<rect class=\"lane\"")), timeline.lanes().size());
    for (const Timeline::Lane &lane : timeline.lanes())
        QVERIFY2(html.contains(QStringLiteral(">%1</text>").arg(lane.label())),
                 qPrintable(lane.label()));
    const QList<SvgBar> bars = svgBars(html);
    QCOMPARE(bars.size(), timeline.bars().size());
    for (int i = 0; i < bars.size(); ++i) {
        QCOMPARE(bars.at(i).lane, timeline.bars().at(i).lane);
        QCOMPARE(bars.at(i).item, timeline.bars().at(i).item);
    }
}

QTEST_GUILESS_MAIN(TestTimeline)
#include "tst_timeline.moc"
