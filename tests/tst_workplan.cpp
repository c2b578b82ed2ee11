// The work planner: how items are cut so that workers finish together.

#include "workplan.h"

#include <QTest>

#include <algorithm>
#include <queue>
#include <vector>

using fp::PlanItem;

Q_DECLARE_METATYPE(QList<PlanItem>)
Q_DECLARE_METATYPE(QList<QList<qint64>>)

namespace {

// A video of `frames` frames, one cost unit per frame, with a keyframe every `gop` frames.
PlanItem video(qint64 frames, qint64 gop = 10, qint64 minPiece = 10)
{
    PlanItem item;
    item.cost = double(frames);
    item.units = frames;
    item.minPieceUnits = minPiece;
    for (qint64 k = 0; k < frames; k += gop)
        item.cuts << k;
    return item;
}

PlanItem imageSet(qint64 images)
{
    PlanItem item;
    item.cost = double(images);
    item.units = images;
    item.cutAnywhere = true;
    return item;
}

// Makespan of the pieces when each of `workers` takes the largest piece left whenever it is
// free (what the engine's queue does), with every piece costing exactly its estimate.
double simulatedMakespan(const QList<PlanItem> &items, const QList<QList<qint64>> &starts, int workers)
{
    std::vector<double> pieces;
    for (qsizetype i = 0; i < items.size(); ++i) {
        const double perUnit = items[i].cost / double(items[i].units);
        for (qsizetype j = 0; j < starts[i].size(); ++j) {
            const qint64 end = j + 1 < starts[i].size() ? starts[i][j + 1] : items[i].units;
            pieces.push_back(perUnit * double(end - starts[i][j]));
        }
    }
    std::sort(pieces.rbegin(), pieces.rend());
    std::priority_queue<double, std::vector<double>, std::greater<>> free;
    for (int w = 0; w < workers; ++w)
        free.push(0);
    double makespan = 0;
    for (const double piece : pieces) {
        const double end = free.top() + piece;
        free.pop();
        free.push(end);
        makespan = std::max(makespan, end);
    }
    return makespan;
}

} // namespace

class TestWorkPlan : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void plan_data();
    void plan();
    void everyCutIsAllowed();
};

void TestWorkPlan::plan_data()
{
    QTest::addColumn<QList<PlanItem>>("items");
    QTest::addColumn<int>("workers");
    QTest::addColumn<QList<QList<qint64>>>("expected");
    QTest::addColumn<double>("makespanOverIdeal"); // at most

    QTest::newRow("one worker never cuts") << QList<PlanItem>{video(600), video(150)} << 1
                                           << QList<QList<qint64>>{{0}, {0}} << 1.0;
    QTest::newRow("equal videos stay whole") << QList<PlanItem>{video(100), video(100), video(100), video(100)} << 2
                                             << QList<QList<qint64>>{{0}, {0}, {0}, {0}} << 1.0;
    // The benchmark's skewed set: 600 + 3 x 150 frames on 2 workers, fair share 525. One cut
    // fills the first worker; the rest of the long video joins the short ones.
    QTest::newRow("long video among short ones: one cut")
        << QList<PlanItem>{video(600, 25), video(150, 25), video(150, 25), video(150, 25)} << 2
        << QList<QList<qint64>>{{0, 525}, {0}, {0}, {0}} << 1.0;
    QTest::newRow("one video, two workers: halves") << QList<PlanItem>{video(800, 20)} << 2
                                                    << QList<QList<qint64>>{{0, 400}} << 1.0;
    QTest::newRow("one video, three workers: thirds") << QList<PlanItem>{video(900)} << 3
                                                      << QList<QList<qint64>>{{0, 300, 600}} << 1.0;
    QTest::newRow("cut at the nearest keyframe") << QList<PlanItem>{video(1000, 300)} << 2
                                                 << QList<QList<qint64>>{{0, 600}} << 1.2;
    QTest::newRow("no keyframe to cut at: whole") << QList<PlanItem>{video(1000, 1000)} << 2
                                                  << QList<QList<qint64>>{{0}} << 2.0;
    QTest::newRow("too short to cut") << QList<PlanItem>{video(15), video(2)} << 2
                                      << QList<QList<qint64>>{{0}, {0}} << 15.0 / 8.5;
    QTest::newRow("image set alone: one piece per worker") << QList<PlanItem>{imageSet(300)} << 2
                                                          << QList<QList<qint64>>{{0, 150}} << 1.0;
    QTest::newRow("image set and a video") << QList<PlanItem>{imageSet(300), video(100)} << 2
                                           << QList<QList<qint64>>{{0, 200}, {0}} << 1.0;
    QTest::newRow("small overfill is not worth a cut") << QList<PlanItem>{video(102), video(98)} << 2
                                                       << QList<QList<qint64>>{{0}, {0}} << 1.02;
    QTest::newRow("nothing to do") << QList<PlanItem>{} << 2 << QList<QList<qint64>>{} << 0.0;
}

void TestWorkPlan::plan()
{
    QFETCH(QList<PlanItem>, items);
    QFETCH(int, workers);
    QFETCH(QList<QList<qint64>>, expected);
    QFETCH(double, makespanOverIdeal);

    const QList<QList<qint64>> starts = fp::planPieces(items, workers);
    QCOMPARE(starts, expected);

    double total = 0;
    for (const PlanItem &item : items)
        total += item.cost;
    if (total > 0)
        QVERIFY(simulatedMakespan(items, starts, workers) <= makespanOverIdeal * total / workers + 1e-9);
}

// Across many random runs: pieces start at allowed cuts, respect the minimum size, never need
// more than workers - 1 cuts, and cover every item exactly once.
void TestWorkPlan::everyCutIsAllowed()
{
    std::srand(7);
    for (int run = 0; run < 500; ++run) {
        const int workers = 1 + std::rand() % 6;
        QList<PlanItem> items;
        for (int n = 1 + std::rand() % 8; n > 0; --n)
            items << (std::rand() % 3 ? video(1 + std::rand() % 2000, 1 + std::rand() % 100, 1 + std::rand() % 60)
                                      : imageSet(1 + std::rand() % 500));
        const QList<QList<qint64>> starts = fp::planPieces(items, workers);
        QCOMPARE(starts.size(), items.size());
        qsizetype cuts = 0;
        for (qsizetype i = 0; i < items.size(); ++i) {
            const QList<qint64> &s = starts[i];
            QCOMPARE(s.first(), 0);
            cuts += s.size() - 1;
            for (qsizetype j = 1; j < s.size(); ++j) {
                QVERIFY(items[i].cutAnywhere || items[i].cuts.contains(s[j]));
                QVERIFY(s[j] - s[j - 1] >= items[i].minPieceUnits);
            }
            QVERIFY(items[i].units - s.last() >= (s.size() > 1 ? items[i].minPieceUnits : 1));
        }
        QVERIFY2(cuts <= workers - 1, qPrintable(QStringLiteral("run %1: %2 cuts for %3 workers").arg(run).arg(cuts).arg(workers)));
    }
}

QTEST_GUILESS_MAIN(TestWorkPlan)
#include "tst_workplan.moc"
