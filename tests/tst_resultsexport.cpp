// The results export (core/engine/resultsexport.h): CSV columns and rows for each shape of result,
// the frames file's long form, failed items, spreadsheet safety, quoting, JSON, and writing.

#include "resultsexport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace fp;

namespace {

ItemRecord doneItem(const QString &path, qint64 frames, const QJsonObject &result,
                    StreamKind kind = StreamKind::Video)
{
    ItemRecord record;
    record.path = path;
    record.kind = kind;
    record.state = ItemState::Done;
    record.framesDone = frames;
    record.framesTotal = frames;
    record.worker = 1;
    record.start = 0.5;
    record.end = 1.25;
    record.result = result;
    return record;
}

ItemRecord failedItem(const QString &path, const QString &error)
{
    ItemRecord record;
    record.path = path;
    record.state = ItemState::Failed;
    record.worker = 2;
    record.error = error;
    return record;
}

QJsonObject parse(const char *json)
{
    return QJsonDocument::fromJson(json).object();
}

QByteArray lines(const QList<QByteArray> &rows)
{
    QByteArray out;
    for (const QByteArray &row : rows)
        out += row + "\r\n";
    return out;
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("(missing)");
}

const QByteArray kItemHeader = "path,kind,status,frames,error";

} // namespace

class TestResultsExport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void csvOfOneResult_data();
    void csvOfOneResult();
    void columnsAreTheUnionInFirstSeenOrder();
    void listOrTupleIsDecidedPerNameOverAllItems();
    void unsafeNamesAreNeutralised_data();
    void unsafeNamesAreNeutralised();
    void awkwardPathIsQuoted();
    void jsonHoldsTheItemObjects();
    void itemObjectIsTheCliLine();
    void writeCsvWithAndWithoutFrames();
    void writeJson();
    void writeRefusesUnknownFormat();
    void writeReportsUnwritablePath();
    void framesPathBesideTheCsv_data();
    void framesPathBesideTheCsv();
};

void TestResultsExport::csvOfOneResult_data()
{
    QTest::addColumn<QJsonObject>("result");
    QTest::addColumn<QByteArray>("expectedItems");
    QTest::addColumn<QByteArray>("expectedFrames");

    // QJsonObject keeps its keys sorted: the columns follow that order.
    QTest::newRow("dominant-color video")
        << parse(R"({"rgb": [255, 0, 0], "hex": "#ff0000", "percent": 100, "pixels": 92160, "count": 92160})")
        << lines({kItemHeader + ",count,hex,percent,pixels,rgb.0,rgb.1,rgb.2",
                  "a.mkv,video,ok,3,,92160,#ff0000,100,92160,255,0,0"})
        << QByteArray();
    QTest::newRow("dominant-color image set")
        << parse(R"({"rgb": [0, 0, 255], "hex": "#0000ff", "percent": 62.5, "pixels": 2304, "count": 1440,
                     "images": [{"path": "/s/img_000.png", "rgb": [0, 0, 255], "hex": "#0000ff", "percent": 100},
                                {"path": "/s/img_001.png", "rgb": [255, 255, 255], "hex": "#ffffff", "percent": 50.25}]})")
        << lines({kItemHeader + ",count,hex,percent,pixels,rgb.0,rgb.1,rgb.2",
                  "a.mkv,video,ok,3,,1440,#0000ff,62.5,2304,0,0,255"})
        << lines({"path,list,frame,hex,images.path,percent,rgb.0,rgb.1,rgb.2",
                  "a.mkv,images,0,#0000ff,/s/img_000.png,100,0,0,255",
                  "a.mkv,images,1,#ffffff,/s/img_001.png,50.25,255,255,255"});
    QTest::newRow("palette")
        << parse(R"({"colors": [{"rgb": [248, 8, 8], "hex": "#f80808", "share": 0.75, "percent": 75},
                                {"rgb": [8, 8, 248], "hex": "#0808f8", "share": 0.25, "percent": 25}],
                     "pixels": 100})")
        << lines({kItemHeader + ",pixels", "a.mkv,video,ok,3,,100"})
        << lines({"path,list,frame,hex,percent,rgb.0,rgb.1,rgb.2,share",
                  "a.mkv,colors,0,#f80808,75,248,8,8,0.75",
                  "a.mkv,colors,1,#0808f8,25,8,8,248,0.25"});
    // Its own "frames" (values in the series) is not the item's frames column; negative numbers
    // stay numbers.
    QTest::newRow("brightness")
        << parse(R"({"mean": 0.5, "min": -3, "max": 2.5, "series": [2.5, -3, 2], "frames": 3})")
        << lines({kItemHeader + ",result.frames,max,mean,min", "a.mkv,video,ok,3,,3,2.5,0.5,-3"})
        << lines({"path,list,frame,value", "a.mkv,series,0,2.5", "a.mkv,series,1,-3", "a.mkv,series,2,2"});
    // Three values are as short as rgb, but "values" is a user analysis's per-frame list.
    QTest::newRow("user values: numbers")
        << parse(R"({"values": [1, 2.5, 3]})")
        << lines({kItemHeader, "a.mkv,video,ok,3,"})
        << lines({"path,list,frame,value", "a.mkv,values,0,1", "a.mkv,values,1,2.5", "a.mkv,values,2,3"});
    QTest::newRow("user values: flat objects")
        << parse(R"({"values": [{"a": 1, "b": 2}, {"a": 3, "b": 4}]})")
        << lines({kItemHeader, "a.mkv,video,ok,3,"})
        << lines({"path,list,frame,a,b", "a.mkv,values,0,1,2", "a.mkv,values,1,3,4"});
    QTest::newRow("user values: arrays")
        << parse(R"({"values": [[1, 2], [3, 4]]})")
        << lines({kItemHeader, "a.mkv,video,ok,3,"})
        << lines({"path,list,frame,value.0,value.1", "a.mkv,values,0,1,2", "a.mkv,values,1,3,4"});
    QTest::newRow("reduce: nested object")
        << parse(R"({"mean_hue": 12.5, "max": {"at": 3}})")
        << lines({kItemHeader + ",max.at,mean_hue", "a.mkv,video,ok,3,,3,12.5"})
        << QByteArray();
    QTest::newRow("reduce: long list of numbers")
        << parse(R"({"hist": [0, 1, 2, 3, 4]})")
        << lines({kItemHeader, "a.mkv,video,ok,3,"})
        << lines({"path,list,frame,value", "a.mkv,hist,0,0", "a.mkv,hist,1,1", "a.mkv,hist,2,2",
                  "a.mkv,hist,3,3", "a.mkv,hist,4,4"});
    QTest::newRow("reduce: bool, null, formula-like string, big and small numbers")
        << parse(R"({"ok": true, "none": null, "note": "=1+1", "big": 1e20, "tiny": 1.5e-7, "count": 9007199254740993})")
        << lines({kItemHeader + ",big,count,none,note,ok,tiny",
                  "a.mkv,video,ok,3,,1e+20,9007199254740993,,'=1+1,true,1.5e-07"})
        << QByteArray();
    QTest::newRow("empty list: no frames file")
        << parse(R"({"values": []})")
        << lines({kItemHeader, "a.mkv,video,ok,3,"})
        << QByteArray();
}

void TestResultsExport::csvOfOneResult()
{
    QFETCH(QJsonObject, result);
    QFETCH(QByteArray, expectedItems);
    QFETCH(QByteArray, expectedFrames);
    QVERIFY(!result.isEmpty());
    const resultsexport::CsvFiles files = resultsexport::toCsv({doneItem(QStringLiteral("a.mkv"), 3, result)});
    QCOMPARE(files.items, expectedItems);
    QCOMPARE(files.frames, expectedFrames);
}

void TestResultsExport::columnsAreTheUnionInFirstSeenOrder()
{
    const QList<ItemRecord> items{
        doneItem(QStringLiteral("a.mkv"), 10, parse(R"({"x": 1, "values": [7]})")),
        failedItem(QStringLiteral("b.mkv"), QStringLiteral("cannot decode b.mkv: moov atom not found, giving up")),
        doneItem(QStringLiteral("c"), 2, parse(R"({"y": 2, "x": 3, "values": [{"a": 1}]})"), StreamKind::Images),
    };
    const resultsexport::CsvFiles files = resultsexport::toCsv(items);
    QCOMPARE(files.items, lines({kItemHeader + ",x,y",
                                 "a.mkv,video,ok,10,,1,",
                                 "b.mkv,video,failed,0,\"cannot decode b.mkv: moov atom not found, giving up\",,",
                                 "c,images,ok,2,,3,2"}));
    QCOMPARE(files.frames, lines({"path,list,frame,value,a", "a.mkv,values,0,7,", "c,values,0,,1"}));
}

void TestResultsExport::listOrTupleIsDecidedPerNameOverAllItems()
{
    // Two numbers alone would be a tuple (pt.0, pt.1); another item's five make "pt" a list for
    // every item, so no item's pt becomes columns.
    const QList<ItemRecord> items{
        doneItem(QStringLiteral("a.mkv"), 1, parse(R"({"pt": [1, 2], "rgb": [1, 2, 3]})")),
        doneItem(QStringLiteral("b.mkv"), 1, parse(R"({"pt": [1, 2, 3, 4, 5], "rgb": [4, 5, 6]})")),
    };
    const resultsexport::CsvFiles files = resultsexport::toCsv(items);
    QCOMPARE(files.items, lines({kItemHeader + ",rgb.0,rgb.1,rgb.2", "a.mkv,video,ok,1,,1,2,3", "b.mkv,video,ok,1,,4,5,6"}));
    QCOMPARE(files.frames.count("a.mkv,pt,"), 2);
    QCOMPARE(files.frames.count("b.mkv,pt,"), 5);
}

void TestResultsExport::unsafeNamesAreNeutralised_data()
{
    QTest::addColumn<QString>("path");
    QTest::newRow("equals") << "=cmd|' /C calc'!A0.avi";
    QTest::newRow("plus") << "+1+1.avi";
    QTest::newRow("minus") << "-2+3.avi";
    QTest::newRow("at") << "@SUM(1).avi";
    QTest::newRow("tab") << "\t=1.avi";
}

void TestResultsExport::unsafeNamesAreNeutralised()
{
    QFETCH(QString, path);
    const QList<ItemRecord> items{doneItem(path, 2, parse(R"({"values": [1, 2]})")),
                                  failedItem(path, QStringLiteral("=HYPERLINK(\"x\")"))};
    const resultsexport::CsvFiles files = resultsexport::toCsv(items);
    const QList<QByteArray> itemRows = files.items.split('\n');
    QCOMPARE(itemRows.size(), 4); // header, two rows, the empty rest after the last CRLF
    const QByteArray shown = (QLatin1Char('\'') + path).toUtf8();
    QVERIFY2(itemRows[1].startsWith(shown + ','), itemRows[1].constData());
    QVERIFY2(itemRows[2].startsWith(shown + ','), itemRows[2].constData());
    QVERIFY2(itemRows[2].contains(",\"'=HYPERLINK(\"\"x\"\")\""), itemRows[2].constData());
    const QList<QByteArray> frameRows = files.frames.split('\n');
    QCOMPARE(frameRows.size(), 4);
    QVERIFY2(frameRows[1].startsWith(shown + ",values,0,1"), frameRows[1].constData());
}

void TestResultsExport::awkwardPathIsQuoted()
{
    const QString path = QStringLiteral("my, \"best\"\nclip.mkv");
    const resultsexport::CsvFiles files = resultsexport::toCsv({doneItem(path, 1, parse(R"({"values": [4]})"))});
    QCOMPARE(files.items, kItemHeader + "\r\n\"my, \"\"best\"\"\nclip.mkv\",video,ok,1,\r\n");
    QCOMPARE(files.frames, QByteArray("path,list,frame,value\r\n\"my, \"\"best\"\"\nclip.mkv\",values,0,4\r\n"));
}

void TestResultsExport::jsonHoldsTheItemObjects()
{
    ItemRecord onCluster = doneItem(QStringLiteral("a.mkv"), 3, parse(R"({"values": [1, 2.5, 3]})"));
    onCluster.host = QStringLiteral("node7");
    const QList<ItemRecord> items{onCluster, failedItem(QStringLiteral("b.mkv"), QStringLiteral("no such file"))};
    const QJsonDocument doc = QJsonDocument::fromJson(resultsexport::toJson(items, QStringLiteral("/x/mean_hue.py")));
    QVERIFY(doc.isArray());
    const QJsonArray array = doc.array();
    QCOMPARE(array.size(), 2);

    const QJsonObject done = array[0].toObject();
    QCOMPARE(done, (QJsonObject{{QStringLiteral("path"), QStringLiteral("a.mkv")},
                                {QStringLiteral("kind"), QStringLiteral("video")},
                                {QStringLiteral("status"), QStringLiteral("ok")},
                                {QStringLiteral("analysis"), QStringLiteral("/x/mean_hue.py")},
                                {QStringLiteral("frames"), 3},
                                {QStringLiteral("worker"), 1},
                                {QStringLiteral("host"), QStringLiteral("node7")},
                                {QStringLiteral("seconds"), 0.75},
                                {QStringLiteral("result"), parse(R"({"values": [1, 2.5, 3]})")}}));
    const QJsonObject failed = array[1].toObject();
    QCOMPARE(failed[QLatin1String("status")].toString(), QStringLiteral("failed"));
    QCOMPARE(failed[QLatin1String("error")].toString(), QStringLiteral("no such file"));
    QVERIFY(!failed.contains(QLatin1String("result")));
    QVERIFY(!failed.contains(QLatin1String("host")));
}

void TestResultsExport::itemObjectIsTheCliLine()
{
    // The CLI prints itemObject() per line (tst_cli checks the file against real lines); the
    // export's array holds the very same objects, in item order.
    const QList<ItemRecord> items{doneItem(QStringLiteral("b.mkv"), 2, parse(R"({"mean": 1})")),
                                  doneItem(QStringLiteral("a.mkv"), 5, parse(R"({"mean": 2})"))};
    const QJsonArray array = QJsonDocument::fromJson(resultsexport::toJson(items, QStringLiteral("brightness"))).array();
    QCOMPARE(array.size(), 2);
    for (int i = 0; i < 2; ++i)
        QCOMPARE(array[i].toObject(), resultsexport::itemObject(items[i], QStringLiteral("brightness")));
}

void TestResultsExport::writeCsvWithAndWithoutFrames()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString withLists = dir.filePath(QStringLiteral("series.csv"));
    const QList<ItemRecord> seriesItems{doneItem(QStringLiteral("a.mkv"), 2, parse(R"({"mean": 1.5, "series": [1, 2]})"))};
    QString error;
    QVERIFY2(resultsexport::write(seriesItems, QStringLiteral("brightness"), withLists, &error), qPrintable(error));
    const resultsexport::CsvFiles expected = resultsexport::toCsv(seriesItems);
    QCOMPARE(readFile(withLists), expected.items);
    QCOMPARE(readFile(dir.filePath(QStringLiteral("series-frames.csv"))), expected.frames);

    const QString withoutLists = dir.filePath(QStringLiteral("scalars.csv"));
    QVERIFY2(resultsexport::write({doneItem(QStringLiteral("a.mkv"), 2, parse(R"({"mean": 1.5})"))},
                                  QStringLiteral("x"), withoutLists, &error), qPrintable(error));
    QCOMPARE(readFile(withoutLists), lines({kItemHeader + ",mean", "a.mkv,video,ok,2,,1.5"}));
    QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("scalars-frames.csv"))));
}

void TestResultsExport::writeJson()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("out.JSON"));
    const QList<ItemRecord> items{doneItem(QStringLiteral("a.mkv"), 2, parse(R"({"values": [1, 2]})"))};
    QString error;
    QVERIFY2(resultsexport::write(items, QStringLiteral("x"), path, &error), qPrintable(error));
    QCOMPARE(QJsonDocument::fromJson(readFile(path)).array(),
             (QJsonArray{resultsexport::itemObject(items[0], QStringLiteral("x"))}));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{QStringLiteral("out.JSON")});
}

void TestResultsExport::writeRefusesUnknownFormat()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QString error;
    const QString path = dir.filePath(QStringLiteral("out.txt"));
    QVERIFY(!resultsexport::isSupportedPath(path));
    QVERIFY(!resultsexport::write({}, QStringLiteral("x"), path, &error));
    QVERIFY2(error.contains(QLatin1String("\".txt\"")) && error.contains(QLatin1String(".json or .csv")), qPrintable(error));
    QVERIFY(!QFile::exists(path));
}

void TestResultsExport::writeReportsUnwritablePath()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("no/such/folder/out.csv"));
    QString error;
    QVERIFY(!resultsexport::write({doneItem(QStringLiteral("a.mkv"), 1, parse(R"({"series": [1]})"))},
                                  QStringLiteral("x"), path, &error));
    QVERIFY2(error.startsWith(QLatin1String("cannot write ")) && error.contains(QLatin1String("out-frames.csv")),
             qPrintable(error));
}

void TestResultsExport::framesPathBesideTheCsv_data()
{
    QTest::addColumn<QString>("csvPath");
    QTest::addColumn<QString>("framesPath");
    QTest::newRow("plain") << "out.csv" << "out-frames.csv";
    QTest::newRow("folder with dots") << "/tmp/run.2/res.csv" << "/tmp/run.2/res-frames.csv";
    QTest::newRow("upper case") << "OUT.CSV" << "OUT-frames.CSV";
    QTest::newRow("two dots") << "a.b.csv" << "a.b-frames.csv";
}

void TestResultsExport::framesPathBesideTheCsv()
{
    QFETCH(QString, csvPath);
    QFETCH(QString, framesPath);
    QCOMPARE(resultsexport::framesPath(csvPath), framesPath);
}

QTEST_GUILESS_MAIN(TestResultsExport)
#include "tst_resultsexport.moc"
