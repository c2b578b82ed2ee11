// The timing panel, its timelines and the PDF report, fed with hand-made runs.

#include "ganttview.h"
#include "reportpdf.h"
#include "timingpanel.h"
#include "walltimechart.h"

#include <QBarCategoryAxis>
#include <QChartView>
#include <QImage>
#include <QPainter>
#include <QSet>
#include <QLabel>
#include <QFile>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QtTest>

using namespace fp;

namespace {

ItemRecord finishedItem(int index, const QString &path, int worker, double start, double end,
                        qint64 frames)
{
    ItemRecord item;
    item.index = index;
    item.path = path;
    item.state = ItemState::Done;
    item.framesDone = frames;
    item.framesTotal = frames;
    item.worker = worker;
    item.start = start;
    item.end = end;
    return item;
}

TaskTiming taskOf(const ItemRecord &item, const QString &host = {})
{
    return TaskTiming{item.index, item.worker, item.start, item.end, item.framesDone, host, false, QString()};
}

// One worker, three items one after the other: 6 s of wall time.
RunTiming serialRun()
{
    RunTiming run;
    run.mode = RunMode::Serial;
    run.workers = 1;
    run.wallSeconds = 6.0;
    run.items = {finishedItem(0, QStringLiteral("/media/clips/beach.mp4"), 1, 0.0, 3.0, 300),
                 finishedItem(1, QStringLiteral("/media/clips/city.mp4"), 1, 3.0, 5.0, 200),
                 finishedItem(2, QStringLiteral("/media/photos"), 1, 5.0, 6.0, 40)};
    for (const ItemRecord &item : std::as_const(run.items))
        run.tasks.append(taskOf(item));
    return run;
}

// The same items on two workers: 3.5 s of wall time, worker 2 on another host.
RunTiming parallelRun()
{
    RunTiming run;
    run.mode = RunMode::Completed;
    run.workers = 2;
    run.wallSeconds = 3.5;
    run.items = {finishedItem(0, QStringLiteral("/media/clips/beach.mp4"), 1, 0.2, 3.4, 300),
                 finishedItem(1, QStringLiteral("/media/clips/city.mp4"), 2, 0.2, 2.3, 200),
                 finishedItem(2, QStringLiteral("/media/photos"), 2, 2.3, 3.3, 40)};
    run.tasks = {taskOf(run.items[0]), taskOf(run.items[1], QStringLiteral("node2")),
                 taskOf(run.items[2], QStringLiteral("node2"))};
    return run;
}

// A parallel run 2 s in: item 0 finished, item 1 running on worker 2, item 2 queued.
RunTiming liveParallelRun()
{
    RunTiming run;
    run.mode = RunMode::Completed;
    run.workers = 2;
    run.wallSeconds = 2.0;
    run.items = {finishedItem(0, QStringLiteral("/media/clips/city.mp4"), 1, 0.0, 1.5, 200),
                 finishedItem(1, QStringLiteral("/media/clips/beach.mp4"), 2, 0.5, -1, 80),
                 finishedItem(2, QStringLiteral("/media/photos"), -1, -1, -1, 0)};
    run.items[1].state = ItemState::Running;
    run.items[2].state = ItemState::Queued;
    run.tasks = {taskOf(run.items[0])};
    return run;
}

GanttView *timeline(const TimingPanel &panel, const char *name)
{
    return panel.findChild<GanttView *>(QLatin1String(name));
}

} // namespace

class TestTimingPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void finishedRunsMakeTheReport();
    void finishedRunGoesToTheSlotOfItsMode_data();
    void finishedRunGoesToTheSlotOfItsMode();
    void chartShowsMeasuredAndIdealTimes();
    void clearForgetsEverything();
    void liveRunShowsGrowingBar();
    void timelineHasOneBarPerTaskInItsWorkersLane();
    void timelineToolTipNamesTheItem();
    void timelineKeepsALanePerWorkerSlot();
    void pdfReportIsWritten();
    void pdfReportWithoutRunsIsWritten();
    void pdfReportIntoMissingFolderFails();
    void partialRunShowsNoSpeedup_data();
    void partialRunShowsNoSpeedup();
    void idealUsesTheWorkersTheCoresCanRun_data();
    void idealUsesTheWorkersTheCoresCanRun();
    void comparisonStartForgetsThePreviousRuns();
    void chartLabelsShowWholeAtAnySize();
    void cancelledWorkIsAHatchedBar();
    void warmStartIsNamedInTheTimeModel();
};

void TestTimingPanel::finishedRunsMakeTheReport()
{
    TimingPanel panel;
    panel.setCores(4);
    panel.setFinishedRun(serialRun());
    panel.setFinishedRun(parallelRun());

    const TimingReport report = panel.report();
    QVERIFY(report.serial.has_value());
    QVERIFY(report.parallel.has_value());
    QCOMPARE(report.serial->workers, 1);
    QCOMPARE(report.parallel->workers, 2);
    QCOMPARE(report.host, QSysInfo::machineHostName());
    QCOMPARE(report.cores, 4);

    const auto comparison = panel.comparison();
    QVERIFY(comparison.has_value());
    QCOMPARE(comparison->speedup(), 6.0 / 3.5);
    QCOMPARE(comparison->idealParallelSeconds(), 3.0);
}

void TestTimingPanel::finishedRunGoesToTheSlotOfItsMode_data()
{
    QTest::addColumn<RunMode>("mode");
    QTest::addColumn<bool>("serialSlot");
    QTest::newRow("serial") << RunMode::Serial << true;
    QTest::newRow("completed") << RunMode::Completed << false;
    QTest::newRow("input") << RunMode::Input << false;
    QTest::newRow("batch") << RunMode::Batch << false;
}

void TestTimingPanel::finishedRunGoesToTheSlotOfItsMode()
{
    QFETCH(RunMode, mode);
    QFETCH(bool, serialSlot);
    RunTiming run = parallelRun();
    run.mode = mode;
    TimingPanel panel;
    panel.setFinishedRun(run);
    const TimingReport report = panel.report();
    QCOMPARE(report.serial.has_value(), serialSlot);
    QCOMPARE(report.parallel.has_value(), !serialSlot);
    QVERIFY(!panel.comparison().has_value());
}

void TestTimingPanel::chartShowsMeasuredAndIdealTimes()
{
    TimingPanel panel;
    panel.setCores(4);
    panel.setFinishedRun(serialRun());
    panel.setFinishedRun(parallelRun());
    const auto *view = panel.findChild<QChartView *>(QStringLiteral("wallTimeChart"));
    QVERIFY(view);
    const auto *chart = qobject_cast<const WallTimeChart *>(view->chart());
    QVERIFY(chart);
    QCOMPARE(chart->barSeconds(WallTimeChart::Bar::Serial), 6.0);
    QCOMPARE(chart->barSeconds(WallTimeChart::Bar::Parallel), 3.5);
    QCOMPARE(chart->barSeconds(WallTimeChart::Bar::Ideal), 3.0);
}

void TestTimingPanel::clearForgetsEverything()
{
    TimingPanel panel;
    panel.setFinishedRun(serialRun());
    panel.setFinishedRun(parallelRun());
    panel.setLiveRun(liveParallelRun());
    panel.clear();
    const TimingReport report = panel.report();
    QVERIFY(!report.serial.has_value());
    QVERIFY(!report.parallel.has_value());
    QVERIFY(!panel.comparison().has_value());
    QCOMPARE(timeline(panel, "serialTimeline")->barCount(), 0);
    QCOMPARE(timeline(panel, "parallelTimeline")->barCount(), 0);
}

void TestTimingPanel::liveRunShowsGrowingBar()
{
    TimingPanel panel;
    panel.resize(900, 700);
    panel.setFinishedRun(serialRun());
    panel.setLiveRun(liveParallelRun());
    QVERIFY(!panel.grab().isNull());

    // A live run is on screen but not in the report until it has finished.
    QVERIFY(!panel.report().parallel.has_value());
    const GanttView *parallel = timeline(panel, "parallelTimeline");
    QVERIFY(parallel);
    // The finished task, then the running item.
    QCOMPARE(parallel->barCount(), 2);
    const QRectF finished = parallel->barRect(0);
    const QRectF running = parallel->barRect(1);
    QVERIFY(!running.isEmpty());
    // Worker 2's lane is below worker 1's.
    QVERIFY(running.top() > finished.top());
    // Running from 0.5 s to the wall time (2 s) reaches past the task that ended at 1.5 s.
    QVERIFY(running.right() > finished.right());

    // Half a second later the bar has grown.
    RunTiming later = liveParallelRun();
    later.wallSeconds = 2.5;
    panel.setLiveRun(later);
    QVERIFY(parallel->barRect(1).width() > 0);
    QVERIFY(parallel->barToolTip(1).contains(QStringLiteral("running")));
    QVERIFY(!panel.grab().isNull());

    // Paused, the run and its growing bar say so rather than "running".
    later.paused = true;
    panel.setLiveRun(later);
    QVERIFY(parallel->barToolTip(1).contains(QStringLiteral("paused after 2.000 s")));
    const QList<QLabel *> labels = panel.findChildren<QLabel *>();
    const bool titled = std::any_of(labels.begin(), labels.end(), [](const QLabel *label) {
        return label->text().startsWith(QLatin1String("Parallel run")) && label->text().endsWith(QStringLiteral(" \u00b7 paused"));
    });
    QVERIFY(titled);
}

void TestTimingPanel::timelineHasOneBarPerTaskInItsWorkersLane()
{
    GanttView view;
    view.resize(600, 200);
    view.setRun(parallelRun());
    QCOMPARE(view.barCount(), 3);
    const QRectF beach = view.barRect(0); // worker 1, 0.2..3.4 s
    const QRectF city = view.barRect(1);  // worker 2, 0.2..2.3 s
    const QRectF photos = view.barRect(2); // worker 2, 2.3..3.3 s
    QVERIFY(beach.top() < city.top());
    QCOMPARE(city.top(), photos.top());
    QVERIFY(beach.width() > city.width());
    QVERIFY(city.right() <= photos.left() + 1);
    QVERIFY(view.barRect(3).isNull());
    QCOMPARE(view.barAt(photos.center()), 2);
    QCOMPARE(view.barAt(QPointF(1, 1)), -1);

    // Squeezed to nothing, it still paints.
    view.resize(8, 8);
    QVERIFY(!view.grab().isNull());
}

void TestTimingPanel::timelineToolTipNamesTheItem()
{
    GanttView view;
    view.resize(600, 200);
    view.setRun(parallelRun());
    const QString tip = view.barToolTip(view.barAt(view.barRect(1).center()));
    QVERIFY2(tip.contains(QStringLiteral("/media/clips/city.mp4")), qPrintable(tip));
    QVERIFY2(tip.contains(QStringLiteral("2.100 s")), qPrintable(tip));
    QVERIFY2(tip.contains(QStringLiteral("200 frames")), qPrintable(tip));
    QVERIFY2(tip.contains(QStringLiteral("node2")), qPrintable(tip));
}

// The view draws the shared model's lanes: a worker that did nothing keeps its lane, so worker
// 3's bar is as far down with worker 2 idle as with worker 2 busy (the HTML report once drew
// only the workers that did work, and disagreed).
void TestTimingPanel::timelineKeepsALanePerWorkerSlot()
{
    RunTiming busy = serialRun();
    busy.workers = 3;
    for (int i = 0; i < 3; ++i)
        busy.items[i].worker = busy.tasks[i].worker = i + 1;
    RunTiming idle = busy;
    idle.items.removeAt(1);
    idle.tasks.removeAt(1);

    GanttView busyView, idleView;
    for (GanttView *view : {&busyView, &idleView})
        view->resize(600, 300);
    busyView.setRun(busy);
    idleView.setRun(idle);
    QCOMPARE(idleView.barCount(), int(Timeline(idle).bars().size()));
    QCOMPARE(idleView.barRect(1).top(), busyView.barRect(2).top());
    QVERIFY(idleView.barRect(1).top() > busyView.barRect(1).top());
    QCOMPARE(idleView.sizeHint().height(), busyView.sizeHint().height());
}

void TestTimingPanel::pdfReportIsWritten()
{
    TimingPanel panel;
    panel.setFinishedRun(serialRun());
    panel.setFinishedRun(parallelRun());
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("report.pdf"));
    QString error;
    QVERIFY2(writePdfReport(panel.report(), path, &error), qPrintable(error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.read(4), QByteArray("%PDF"));
    // Text, tables and three images: more than a bare page, far less than a photo album.
    QVERIFY2(file.size() > 10'000 && file.size() < 20'000'000,
             qPrintable(QString::number(file.size())));
}

void TestTimingPanel::pdfReportWithoutRunsIsWritten()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("empty.pdf"));
    QString error;
    QVERIFY2(writePdfReport(TimingReport{}, path, &error), qPrintable(error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.read(4), QByteArray("%PDF"));
}

void TestTimingPanel::pdfReportIntoMissingFolderFails()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("missing/report.pdf"));
    QString error;
    QVERIFY(!writePdfReport(TimingReport{}, path, &error));
    QVERIFY2(error.contains(QStringLiteral("missing")), qPrintable(error));
    QVERIFY(!QFile::exists(path));
}

void TestTimingPanel::partialRunShowsNoSpeedup_data()
{
    QTest::addColumn<RunTiming>("serial");
    QTest::addColumn<RunTiming>("parallel");
    QTest::addColumn<QString>("reason");

    RunTiming cancelledOne = parallelRun();
    cancelledOne.items[2].state = ItemState::Cancelled;
    cancelledOne.items[2].end = -1;
    QTest::newRow("one item cancelled") << serialRun() << cancelledOne
                                        << QStringLiteral("partial run: 2 of 3 items completed");

    RunTiming cancelledAll = parallelRun();
    for (ItemRecord &item : cancelledAll.items)
        item.state = ItemState::Cancelled;
    QTest::newRow("cancel all") << serialRun() << cancelledAll
                                << QStringLiteral("partial run: 0 of 3 items completed");

    RunTiming removed = parallelRun();
    removed.items.removeLast();
    removed.tasks.removeLast();
    QTest::newRow("item removed") << serialRun() << removed
                                  << QStringLiteral("did not process the same items");

    RunTiming cancelledSerial = serialRun();
    cancelledSerial.items[0].state = ItemState::Cancelled;
    QTest::newRow("serial cut short") << cancelledSerial << parallelRun()
                                      << QStringLiteral("serial: partial run: 2 of 3");
}

void TestTimingPanel::partialRunShowsNoSpeedup()
{
    QFETCH(RunTiming, serial);
    QFETCH(RunTiming, parallel);
    QFETCH(QString, reason);
    TimingPanel panel;
    panel.setFinishedRun(serial);
    panel.setFinishedRun(parallel);

    const auto value = [&panel](const char *name) {
        const auto *label = panel.findChild<QLabel *>(QLatin1String(name));
        return label ? label->text() : QStringLiteral("(missing)");
    };
    const QString none = QStringLiteral("\u2014");
    QCOMPARE(value("speedupValue"), none);
    QCOMPARE(value("efficiencyValue"), none);
    const QString model = value("timeModel");
    QVERIFY2(model.contains(reason), qPrintable(model));
    QVERIFY(!model.contains(QLatin1String("ideal")));
    // Throughput still compares: frames per second of the parallel run.
    QVERIFY2(value("throughputValue").endsWith(QLatin1String("fps")), qPrintable(value("throughputValue")));

    const auto *view = panel.findChild<QChartView *>(QStringLiteral("wallTimeChart"));
    const auto *chart = qobject_cast<const WallTimeChart *>(view->chart());
    QCOMPARE(chart->barSeconds(WallTimeChart::Bar::Ideal), 0.0);

    // The report the panel exports says the same.
    const QString html = QString::fromUtf8(report::toHtml(panel.report()));
    QVERIFY(html.contains(reason));
    QVERIFY(!html.contains(QLatin1String("Speed-up")));
}

void TestTimingPanel::idealUsesTheWorkersTheCoresCanRun_data()
{
    QTest::addColumn<int>("workers");
    QTest::addColumn<int>("cores");
    QTest::addColumn<double>("ideal");
    // Serial: 3 items in 6 s, M = 2 s.
    QTest::newRow("-j 4 on 2 cores") << 4 << 2 << 3.0;
    QTest::newRow("-j 4 on 1 core") << 4 << 1 << 6.0;
    QTest::newRow("-j 2 on 8 cores") << 2 << 8 << 3.0;
    QTest::newRow("-j 3 on 4 cores") << 3 << 4 << 2.0;
}

void TestTimingPanel::idealUsesTheWorkersTheCoresCanRun()
{
    QFETCH(int, workers);
    QFETCH(int, cores);
    QFETCH(double, ideal);
    TimingPanel panel;
    panel.setCores(cores);
    RunTiming parallel = parallelRun();
    parallel.workers = workers;
    panel.setFinishedRun(serialRun());
    panel.setFinishedRun(parallel);

    const auto *view = panel.findChild<QChartView *>(QStringLiteral("wallTimeChart"));
    const auto *chart = qobject_cast<const WallTimeChart *>(view->chart());
    QCOMPARE(chart->barSeconds(WallTimeChart::Bar::Ideal), ideal);
    const int effective = std::min(workers, cores);
    const QString model = panel.findChild<QLabel *>(QStringLiteral("timeModel"))->text();
    QVERIFY2(model.contains(QStringLiteral("C = min(%1 workers, %2 cores) = %3").arg(workers).arg(cores).arg(effective)),
             qPrintable(model));
    QVERIFY2(model.contains(QStringLiteral("N = 3 items")), qPrintable(model));
    QVERIFY2(model.contains(QStringLiteral("M = 2.000 s")), qPrintable(model));
    QVERIFY2(model.contains(QStringLiteral("= %1 s").arg(ideal, 0, 'f', 3)), qPrintable(model));
    QCOMPARE(panel.findChild<QLabel *>(QStringLiteral("efficiencyValue"))->text(),
             QStringLiteral("%1 %").arg(6.0 / 3.5 / effective * 100, 0, 'f', 1));
}

// Runs that took workers kept from the run before skipped their start: the model line says so,
// and says nothing when both started their own.
void TestTimingPanel::warmStartIsNamedInTheTimeModel()
{
    TimingPanel panel;
    panel.setCores(2);
    panel.setFinishedRun(serialRun());
    panel.setFinishedRun(parallelRun());
    const auto model = [&panel] { return panel.findChild<QLabel *>(QStringLiteral("timeModel"))->text(); };
    QVERIFY2(!model().contains(QStringLiteral("loaded before the run")), qPrintable(model()));

    RunTiming serial = serialRun();
    RunTiming parallel = parallelRun();
    serial.warmWorkers = 1;
    parallel.warmWorkers = 2;
    panel.setFinishedRun(serial);
    panel.setFinishedRun(parallel);
    QVERIFY2(model().contains(QStringLiteral("workers loaded before the run: serial 1 of 1, parallel 2 of 2")),
             qPrintable(model()));
}

void TestTimingPanel::comparisonStartForgetsThePreviousRuns()
{
    TimingPanel panel;
    panel.setFinishedRun(serialRun());
    panel.setFinishedRun(parallelRun());
    panel.beginComparison();
    RunTiming liveSerial = serialRun();
    liveSerial.items[2].state = ItemState::Running;
    liveSerial.items[2].end = -1;
    panel.setLiveRun(liveSerial);

    // No bar and no worker count from the parallel run before this Compare.
    const auto *view = panel.findChild<QChartView *>(QStringLiteral("wallTimeChart"));
    const auto *chart = qobject_cast<const WallTimeChart *>(view->chart());
    QCOMPARE(chart->barSeconds(WallTimeChart::Bar::Parallel), 0.0);
    QCOMPARE(chart->barSeconds(WallTimeChart::Bar::Ideal), 0.0);
    QCOMPARE(panel.findChild<QLabel *>(QStringLiteral("workersValue"))->text(), QStringLiteral("\u2014"));
    QVERIFY(!panel.report().parallel.has_value());
}

// Qt Charts cuts a run label to "..." when the chart is too short for it, however wide: the
// chart never gets that short, at the panel's smallest size, after a resize, or with longer
// labels from a new run.
void TestTimingPanel::chartLabelsShowWholeAtAnySize()
{
    TimingPanel panel;
    panel.setFinishedRun(serialRun());
    panel.setFinishedRun(parallelRun());
    const QBarCategoryAxis *axis = panel.wallTimeChart()->runAxis();
    auto *view = panel.findChild<QChartView *>(QStringLiteral("wallTimeChart"));
    QVERIFY(view);
    panel.resize(panel.minimumSizeHint());
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QTRY_COMPARE(view->height(), view->minimumHeight());
    QTRY_VERIFY(!axis->labelsTruncated());

    panel.resize(1200, 900);
    QTRY_VERIFY(view->height() > view->minimumHeight());
    QTRY_VERIFY(!axis->labelsTruncated());
    panel.resize(panel.minimumSizeHint());
    QTRY_COMPARE(view->height(), view->minimumHeight());
    QTRY_VERIFY(!axis->labelsTruncated());

    // A live run of another kind changes the labels ("Parallel (not run)").
    panel.beginComparison();
    panel.setLiveRun(liveParallelRun());
    panel.resize(panel.minimumSizeHint());
    QTRY_VERIFY(!axis->labelsTruncated());

    // The check can fail: below that size the labels are cut.
    const QSize smallest = view->minimumSize();
    view->setMinimumSize(0, 0);
    view->resize(smallest.width(), smallest.height() / 2);
    QTRY_VERIFY(axis->labelsTruncated());
}

// A cancel stopped item 1 on worker 2 at 1.5 s: its bar is there, hatched, up to that point.
void TestTimingPanel::cancelledWorkIsAHatchedBar()
{
    RunTiming run = parallelRun();
    run.items[1].state = ItemState::Cancelled;
    run.items[1].end = 1.5;
    run.tasks[1].end = 1.5;
    run.tasks[1].cancelled = true;
    GanttView view;
    view.resize(800, 120);
    view.setRun(run);
    QCOMPARE(view.barCount(), 3);
    const QRectF cut = view.barRect(1);
    const QRectF full = view.barRect(0);
    QVERIFY(!cut.isEmpty());
    QVERIFY(view.barToolTip(1).contains(QLatin1String("cancelled after 1.300 s")));

    // Hatched: along the middle line of the bar's right half (its label is on the left),
    // pixels alternate between the stripes and the paler fill; a finished bar is one colour.
    QImage image(view.size(), QImage::Format_RGB32);
    view.render(&image);
    const auto coloursAlong = [&image](const QRectF &bar) {
        QSet<QRgb> colours;
        const int y = qRound(bar.center().y());
        for (int x = qRound(bar.center().x()); x < qRound(bar.right()) - 4; ++x)
            colours.insert(image.pixel(x, y));
        return colours.size();
    };
    QVERIFY2(coloursAlong(cut) > 2, qPrintable(QString::number(coloursAlong(cut))));
    QCOMPARE(coloursAlong(full), 1);
}

QTEST_MAIN(TestTimingPanel)
#include "tst_timingpanel.moc"
