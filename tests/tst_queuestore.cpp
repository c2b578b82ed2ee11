// The queue survives the app: saved atomically, restored with running items marked interrupted.

#include "queuestore.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace fp;

namespace {

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

} // namespace

class TestQueueStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTripMarksRunningInterrupted();
    void missingFileIsAnEmptyQueue();
    void corruptFileIsReportedNotCrashed();
    void unwritableLocationFails();
    void foreignFileIsKeptAsideBeforeSaving();
    void heldRowsStayHeld_data();
    void heldRowsStayHeld();
    void fileWithoutHoldsLoadsReleased();
};

void TestQueueStore::roundTripMarksRunningInterrupted()
{
    QTemporaryDir dir;
    QueueStore store(dir.filePath(QStringLiteral("sub/queue.json")));
    QList<QueueEntry> entries(4);
    entries[0] = {QStringLiteral("/v/a b \"c\".mp4"), StreamKind::Video, ItemState::Done,
                  QJsonObject{{QStringLiteral("hex"), QStringLiteral("#ff0000")}}, {}, 250, 1.5, {}};
    entries[1] = {QStringLiteral("/v/run.mp4"), StreamKind::Video, ItemState::Running,
                  QJsonObject{{QStringLiteral("hex"), QStringLiteral("#00ff00")}}, {}, 100, 0, {}};
    entries[2] = {QStringLiteral("/imgs"), StreamKind::Images, ItemState::Failed, {}, QStringLiteral("folder has no images"), 0, 0, {}};
    entries[3] = {QStringLiteral("/v/later.mp4"), StreamKind::Video, ItemState::Queued, {}, {}, 0, 0, {}};
    QString error;
    QVERIFY2(store.save(entries, &error), qPrintable(error));

    const QList<QueueEntry> restored = store.load(&error);
    QVERIFY(error.isEmpty());
    QCOMPARE(restored.size(), 4);
    QCOMPARE(restored[0].path, entries[0].path);
    QCOMPARE(restored[0].state, ItemState::Done);
    QCOMPARE(restored[0].result, entries[0].result);
    QCOMPARE(restored[0].frames, 250);
    QCOMPARE(restored[1].state, ItemState::Interrupted);
    QVERIFY(restored[1].result.isEmpty());
    QVERIFY(restored[1].error.contains(QLatin1String("interrupted")));
    QCOMPARE(restored[2].kind, StreamKind::Images);
    QCOMPARE(restored[2].error, entries[2].error);
    QCOMPARE(restored[3].state, ItemState::Queued);
}

void TestQueueStore::missingFileIsAnEmptyQueue()
{
    QTemporaryDir dir;
    QString error;
    QVERIFY(QueueStore(dir.filePath(QStringLiteral("none.json"))).load(&error).isEmpty());
    QVERIFY(error.isEmpty());
}

void TestQueueStore::corruptFileIsReportedNotCrashed()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("queue.json"));
    QVERIFY(writeFile(path, "{\"version\":1,\"items\":[{\"path\":\"/a\",\"sta"));
    QString error;
    QVERIFY(QueueStore(path).load(&error).isEmpty());
    QVERIFY(error.contains(QLatin1String("cannot restore")));
    // Kept aside, not left for the next save to overwrite.
    QVERIFY2(error.contains(QLatin1String("kept as ") + path + QLatin1String(".bak")), qPrintable(error));
    QVERIFY(!QFile::exists(path));
    QFile backup(path + QStringLiteral(".bak"));
    QVERIFY(backup.open(QIODevice::ReadOnly));
    QCOMPARE(backup.readAll(), QByteArray("{\"version\":1,\"items\":[{\"path\":\"/a\",\"sta"));
}

void TestQueueStore::foreignFileIsKeptAsideBeforeSaving()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("queue.json"));
    QVERIFY(writeFile(path, "my notes, not a queue\n"));
    QueueEntry entry;
    entry.path = QStringLiteral("/a.mkv");
    QString error, notice;
    QVERIFY(QueueStore(path).save({entry}, &error, &notice));
    QVERIFY2(notice.contains(QLatin1String("kept as ") + path + QLatin1String(".bak")), qPrintable(notice));
    QFile backup(path + QStringLiteral(".bak"));
    QVERIFY(backup.open(QIODevice::ReadOnly));
    QCOMPARE(backup.readAll(), QByteArray("my notes, not a queue\n"));
    QCOMPARE(QueueStore(path).load().size(), 1);
    // Our own file is simply replaced: no notice, the backup untouched.
    notice.clear();
    QVERIFY(QueueStore(path).save({entry, entry}, &error, &notice));
    QVERIFY2(notice.isEmpty(), qPrintable(notice));
    QCOMPARE(QueueStore(path).load().size(), 2);
}

void TestQueueStore::unwritableLocationFails()
{
    QTemporaryDir dir;
    const QString blocker = dir.filePath(QStringLiteral("file"));
    QFile file(blocker);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    QString error;
    QVERIFY(!QueueStore(blocker + QStringLiteral("/queue.json")).save({}, &error));
    QVERIFY(error.contains(QLatin1String("cannot save")));
}

void TestQueueStore::heldRowsStayHeld_data()
{
    QTest::addColumn<ItemState>("state");
    QTest::addColumn<bool>("held");
    QTest::newRow("queued, held") << ItemState::Queued << true;
    QTest::newRow("queued, released") << ItemState::Queued << false;
    QTest::newRow("failed, held") << ItemState::Failed << true;
    QTest::newRow("running, held: comes back interrupted and held") << ItemState::Running << true;
}

void TestQueueStore::heldRowsStayHeld()
{
    QFETCH(ItemState, state);
    QFETCH(bool, held);
    QTemporaryDir dir;
    const QueueStore store(dir.filePath(QStringLiteral("queue.json")));
    QueueEntry entry;
    entry.path = QStringLiteral("/v/held.mp4");
    entry.state = state;
    entry.held = held;
    QueueEntry neighbour;
    neighbour.path = QStringLiteral("/v/neighbour.mp4");
    QString error;
    QVERIFY2(store.save({entry, neighbour}, &error), qPrintable(error));

    const QList<QueueEntry> restored = store.load(&error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(restored.size(), 2);
    QCOMPARE(restored.at(0).held, held);
    QVERIFY(!restored.at(1).held);
}

void TestQueueStore::fileWithoutHoldsLoadsReleased()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("queue.json"));
    // As FramePool wrote it before holds were saved.
    QVERIFY(writeFile(path, "{\"items\":[{\"frames\":0,\"kind\":\"video\",\"path\":\"/v/a.mp4\",\"seconds\":0,"
                            "\"status\":\"queued\"},{\"frames\":4,\"kind\":\"images\",\"path\":\"/imgs\","
                            "\"seconds\":0.5,\"status\":\"failed\",\"error\":\"no images\"}],\"version\":1}"));
    QString error;
    const QList<QueueEntry> restored = QueueStore(path).load(&error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(restored.size(), 2);
    QCOMPARE(restored.at(1).state, ItemState::Failed);
    QCOMPARE(restored.at(1).kind, StreamKind::Images);
    for (const QueueEntry &entry : restored)
        QVERIFY(!entry.held);
}

QTEST_GUILESS_MAIN(TestQueueStore)
#include "tst_queuestore.moc"
