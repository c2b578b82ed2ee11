// framepool-cli end to end: JSON lines, --compare, report formats, --results, exit codes.

#include "testmedia.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

class TestCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void jsonLinesPerItemThenSummary();
    void compareReportsBothRunsAndSpeedup();
    void compareRepeatReportsMediansAndRanges();
    void reportFormats_data();
    void reportFormats();
    void failedItemGivesExitOne();
    void usageErrors_data();
    void usageErrors();
    void orderInputKeepsInputOrder();
    void badReportDestinationFailsBeforeAnyWork_data();
    void badReportDestinationFailsBeforeAnyWork();
    void lostStandardOutputIsAFailure();
    void helpDocumentsEveryExitStatus();
    void resultsCsvHasRowsAndFrames();
    void resultsJsonEqualsJsonLines();
    void analysesAreAskedOncePerWorkerProgram();

private:
    using Run = testmedia::CliRun;

    QTemporaryDir m_dir;
    QString m_videoA, m_videoB, m_images;
};

void TestCli::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_videoA = m_dir.filePath(QStringLiteral("a.mkv"));
    m_videoB = m_dir.filePath(QStringLiteral("b.mkv"));
    m_images = m_dir.filePath(QStringLiteral("images"));
    QVERIFY(testmedia::writeVideo(m_videoA, 30, 64, 48, testmedia::solid(0, 0, 255)));
    QVERIFY(testmedia::writeVideo(m_videoB, 20, 64, 48, testmedia::noise(4)));
    QCOMPARE(testmedia::writeImages(m_images, 5, 32, 24, testmedia::solid(255, 0, 0)).size(), 5);
}

void TestCli::jsonLinesPerItemThenSummary()
{
    const Run r = testmedia::runCli({QStringLiteral("--json"), QStringLiteral("-j"), QStringLiteral("2"), m_videoA, m_images});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.lines.size(), 3);
    QSet<QString> paths;
    for (int i = 0; i < 2; ++i) {
        const QJsonObject item = r.lines[i];
        paths << item[QLatin1String("path")].toString();
        QCOMPARE(item[QLatin1String("status")].toString(), QStringLiteral("ok"));
        QCOMPARE(item[QLatin1String("analysis")].toString(), QStringLiteral("dominant-color"));
        QVERIFY(item[QLatin1String("worker")].toInt() >= 1);
        QVERIFY(item.contains(QLatin1String("seconds")));
        const QJsonObject result = item[QLatin1String("result")].toObject();
        QCOMPARE(result[QLatin1String("percent")].toDouble(), 100.0);
        if (item[QLatin1String("kind")].toString() == QLatin1String("video")) {
            QCOMPARE(item[QLatin1String("frames")].toInt(), 30);
            QCOMPARE(result[QLatin1String("hex")].toString(), QStringLiteral("#ff0000"));
            QCOMPARE(result[QLatin1String("rgb")].toArray(), (QJsonArray{255, 0, 0}));
        } else {
            QCOMPARE(item[QLatin1String("kind")].toString(), QStringLiteral("images"));
            QCOMPARE(item[QLatin1String("frames")].toInt(), 5);
            QCOMPARE(result[QLatin1String("hex")].toString(), QStringLiteral("#0000ff"));
        }
    }
    QCOMPARE(paths, (QSet<QString>{m_videoA, m_images}));
    const QJsonObject summary = r.lines[2][QLatin1String("summary")].toObject();
    QCOMPARE(summary[QLatin1String("mode")].toString(), QStringLiteral("completed"));
    QCOMPARE(summary[QLatin1String("workers")].toInt(), 2);
    QCOMPARE(summary[QLatin1String("items")].toInt(), 2);
    QCOMPARE(summary[QLatin1String("failed")].toInt(), 0);
    QVERIFY(summary[QLatin1String("wall_seconds")].toDouble() > 0);
}

void TestCli::compareReportsBothRunsAndSpeedup()
{
    const QString report = m_dir.filePath(QStringLiteral("compare.json"));
    const Run r = testmedia::runCli({QStringLiteral("--compare"), QStringLiteral("-j"), QStringLiteral("2"), QStringLiteral("--json"),
                       QStringLiteral("-a"), QStringLiteral("brightness"), QStringLiteral("-o"), report,
                       m_videoA, m_videoB, m_images});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.lines.size(), 4); // the parallel run's three items, then the comparison
    for (int i = 0; i < 3; ++i) {
        const QJsonObject result = r.lines[i][QLatin1String("result")].toObject();
        QVERIFY(result.contains(QLatin1String("series")));
        QCOMPARE(result[QLatin1String("series")].toArray().size(), r.lines[i][QLatin1String("frames")].toInt());
    }
    const QJsonObject comparison = r.lines[3][QLatin1String("comparison")].toObject();
    QCOMPARE(comparison[QLatin1String("workers")].toInt(), 2);
    const double serial = comparison[QLatin1String("serial_seconds")].toDouble();
    const double parallel = comparison[QLatin1String("parallel_seconds")].toDouble();
    QVERIFY(serial > 0 && parallel > 0);
    QCOMPARE(comparison[QLatin1String("speedup")].toDouble(), serial / parallel);
    QCOMPARE(comparison[QLatin1String("efficiency")].toDouble(), serial / parallel / 2);

    QFile file(report);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
    QCOMPARE(root[QLatin1String("serial")].toObject()[QLatin1String("items")].toArray().size(), 3);
    QCOMPARE(root[QLatin1String("parallel")].toObject()[QLatin1String("items")].toArray().size(), 3);
    QCOMPARE(root[QLatin1String("serial")].toObject()[QLatin1String("workers")].toInt(), 1);
    QVERIFY(root[QLatin1String("comparison")].isObject());
}

void TestCli::compareRepeatReportsMediansAndRanges()
{
    const QString json = m_dir.filePath(QStringLiteral("repeat.json"));
    const QString csv = m_dir.filePath(QStringLiteral("repeat.csv"));
    const Run r = testmedia::runCli({QStringLiteral("--compare"), QStringLiteral("--repeat"), QStringLiteral("3"),
                                     QStringLiteral("-j"), QStringLiteral("2"), QStringLiteral("--json"),
                                     QStringLiteral("-o"), json, m_videoA, m_images});
    QCOMPARE(r.exitCode, 0);
    // The last parallel run's two items, once, then the comparison.
    QCOMPARE(r.lines.size(), 3);
    const QJsonObject comparison = r.lines[2][QLatin1String("comparison")].toObject();
    QCOMPARE(comparison[QLatin1String("rounds")].toInt(), 3);
    QCOMPARE(comparison[QLatin1String("completed_rounds")].toInt(), 3);
    QVERIFY(comparison[QLatin1String("valid")].toBool());
    const QJsonObject serial = comparison[QLatin1String("serial_seconds")].toObject();
    const QJsonObject parallel = comparison[QLatin1String("parallel_seconds")].toObject();
    for (const QJsonObject &spread : {serial, parallel}) {
        QList<double> values;
        for (const QJsonValue &v : spread[QLatin1String("values")].toArray())
            values << v.toDouble();
        QCOMPARE(values.size(), 3);
        std::sort(values.begin(), values.end());
        QCOMPARE(spread[QLatin1String("median")].toDouble(), values.at(1));
        QCOMPARE(spread[QLatin1String("min")].toDouble(), values.at(0));
        QCOMPARE(spread[QLatin1String("max")].toDouble(), values.at(2));
    }
    QCOMPARE(comparison[QLatin1String("speedup")].toDouble(),
             serial[QLatin1String("median")].toDouble() / parallel[QLatin1String("median")].toDouble());
    QVERIFY(comparison[QLatin1String("speedup_min")].toDouble() <= comparison[QLatin1String("speedup_max")].toDouble());
    QVERIFY(comparison.contains(QLatin1String("load_average_at_start")));
    QVERIFY(r.stderrText.contains("round 3 of 3: completed run"));

    QFile file(json);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonObject repeat = QJsonDocument::fromJson(file.readAll()).object()[QLatin1String("repeat")].toObject();
    QCOMPARE(repeat[QLatin1String("runs")].toArray().size(), 3);
    QCOMPARE(repeat[QLatin1String("speedup")].toDouble(), comparison[QLatin1String("speedup")].toDouble());
    // The workers of both runs are loaded before the first: every run starts with them ready.
    const QJsonArray rounds = repeat[QLatin1String("runs")].toArray();
    const auto warm = [&rounds](int round, const char *run) {
        return rounds[round][QLatin1String(run)][QLatin1String("warm_workers")].toInt(-1);
    };
    for (int round = 0; round < 3; ++round) {
        QCOMPARE(warm(round, "serial"), 1);
        QCOMPARE(warm(round, "parallel"), 2);
    }

    // The CSV report: every round's items, numbered.
    QCOMPARE(testmedia::runCli({QStringLiteral("--compare"), QStringLiteral("--repeat"), QStringLiteral("2"),
                                QStringLiteral("-o"), csv, m_images}).exitCode, 0);
    QFile table(csv);
    QVERIFY(table.open(QIODevice::ReadOnly));
    const QList<QByteArray> rows = table.readAll().trimmed().split('\n');
    QCOMPARE(rows.size(), 1 + 4); // the header, then serial 1, parallel 1, serial 2, parallel 2
    QVERIFY(rows.at(0).trimmed().endsWith(",round"));
    QVERIFY(rows.at(1).startsWith("serial,") && rows.at(1).trimmed().endsWith(",1"));
    QVERIFY(rows.at(4).startsWith("parallel,") && rows.at(4).trimmed().endsWith(",2"));
}

void TestCli::reportFormats_data()
{
    QTest::addColumn<QString>("extension");
    QTest::addColumn<QByteArray>("mustContain");
    QTest::newRow("json") << "json" << QByteArray("\"parallel\"");
    QTest::newRow("csv") << "csv" << QByteArray("a.mkv");
    QTest::newRow("html") << "html" << QByteArray("<svg");
}

void TestCli::reportFormats()
{
    QFETCH(QString, extension);
    QFETCH(QByteArray, mustContain);
    const QString report = m_dir.filePath(QStringLiteral("report.") + extension);
    const Run r = testmedia::runCli({QStringLiteral("-o"), report, m_videoA});
    QCOMPARE(r.exitCode, 0);
    QFile file(report);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray content = file.readAll();
    QVERIFY2(content.contains(mustContain), content.left(300).constData());
    if (extension == QLatin1String("json"))
        QVERIFY(QJsonDocument::fromJson(content).isObject());
    if (extension == QLatin1String("csv")) {
        // One table: the header and one row per item, no blank line, no summary rows.
        QList<QByteArray> lines = content.split('\n');
        QCOMPARE(lines.takeLast(), QByteArray());
        QCOMPARE(lines.size(), 2);
        QVERIFY2(lines.at(0).startsWith("run,mode,path,"), lines.at(0).constData());
        QVERIFY2(lines.at(1).startsWith("parallel,"), lines.at(1).constData());
    }
}

void TestCli::failedItemGivesExitOne()
{
    const QString missing = m_dir.filePath(QStringLiteral("missing.mp4"));
    const Run r = testmedia::runCli({QStringLiteral("--json"), m_videoA, missing});
    QCOMPARE(r.exitCode, 1);
    QCOMPARE(r.lines.size(), 3);
    bool sawFailure = false;
    for (int i = 0; i < 2; ++i) {
        if (r.lines[i][QLatin1String("path")].toString() == missing) {
            sawFailure = true;
            QCOMPARE(r.lines[i][QLatin1String("status")].toString(), QStringLiteral("failed"));
            QVERIFY(r.lines[i][QLatin1String("error")].toString().contains(QLatin1String("no such file")));
        } else {
            QCOMPARE(r.lines[i][QLatin1String("status")].toString(), QStringLiteral("ok"));
        }
    }
    QVERIFY(sawFailure);
    QCOMPARE(r.lines[2][QLatin1String("summary")].toObject()[QLatin1String("failed")].toInt(), 1);
}

void TestCli::usageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    QTest::newRow("no paths") << QStringList{} << "no PATH";
    QTest::newRow("unknown analysis") << QStringList{"-a", "nope", "x"} << "unknown analysis";
    QTest::newRow("bad workers") << QStringList{"-j", "zero", "x"} << "--workers";
    QTest::newRow("zero workers") << QStringList{"-j", "0", "x"} << "--workers";
    QTest::newRow("bad order") << QStringList{"--order", "random", "x"} << "--order";
    QTest::newRow("serial and compare") << QStringList{"--serial", "--compare", "x"} << "exclude";
    QTest::newRow("report format") << QStringList{"-o", "r.txt", "x"} << ".json, .csv or .html";
    QTest::newRow("results format") << QStringList{"--results", "r.html", "x"} << "--results needs a .json or .csv";
    QTest::newRow("unknown option") << QStringList{"--frobnicate", "x"} << "frobnicate";
    QTest::newRow("repeat without compare") << QStringList{"--repeat", "3", "x"} << "--repeat needs --compare";
    QTest::newRow("zero repeats") << QStringList{"--compare", "--repeat", "0", "x"} << "--repeat";
}

void TestCli::usageErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    const Run r = testmedia::runCli(arguments);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(QString::fromUtf8(r.stderrText).contains(message), r.stderrText.constData());
}

void TestCli::orderInputKeepsInputOrder()
{
    const Run r = testmedia::runCli({QStringLiteral("--json"), QStringLiteral("--order"), QStringLiteral("input"), QStringLiteral("-j"),
                       QStringLiteral("2"), m_videoA, m_images, m_videoB});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.lines.size(), 4);
    QCOMPARE(r.lines[0][QLatin1String("path")].toString(), m_videoA);
    QCOMPARE(r.lines[1][QLatin1String("path")].toString(), m_images);
    QCOMPARE(r.lines[2][QLatin1String("path")].toString(), m_videoB);
}

void TestCli::badReportDestinationFailsBeforeAnyWork_data()
{
    QTest::addColumn<QString>("report");
    QTest::addColumn<QString>("message");
    QTest::newRow("no such folder") << "/nonexistent/r.html" << "folder /nonexistent does not exist";
    QTest::newRow("a folder") << "." << ".json, .csv or .html"; // no report extension: usage
    QTest::newRow("folder named like a report") << "dir.json" << "it is a folder";
}

void TestCli::badReportDestinationFailsBeforeAnyWork()
{
    QFETCH(QString, report);
    QFETCH(QString, message);
    QDir().mkpath(m_dir.filePath(QStringLiteral("dir.json")));
    const QString path = report.startsWith(QLatin1Char('/')) || report == QLatin1String(".") ? report : m_dir.filePath(report);
    const Run r = testmedia::runCli({QStringLiteral("--json"), QStringLiteral("-o"), path, m_videoA});
    QCOMPARE(r.exitCode, report == QLatin1String(".") ? 2 : 3);
    QVERIFY2(QString::fromUtf8(r.stderrText).contains(message), r.stderrText.constData());
    // Nothing ran: no worker started, no item line.
    QVERIFY2(!r.stderrText.contains("run:"), r.stderrText.constData());
    QVERIFY(r.lines.isEmpty());
}

void TestCli::lostStandardOutputIsAFailure()
{
    // /dev/full fails every write the way a closed pipe does (Qt ignores SIGPIPE).
    QProcess process;
    process.setStandardOutputFile(QStringLiteral("/dev/full"));
    process.start(testmedia::binDir() + QStringLiteral("/framepool-cli"), {m_videoA, m_images});
    QVERIFY(process.waitForFinished(120000));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 4);
    const QByteArray messages = process.readAllStandardError();
    QVERIFY2(messages.contains("cannot write results to standard output"), messages.constData());
    QCOMPARE(messages.count("cannot write results"), 1); // said once
}

void TestCli::helpDocumentsEveryExitStatus()
{
    QProcess process;
    process.start(testmedia::binDir() + QStringLiteral("/framepool-cli"), {QStringLiteral("--help")});
    QVERIFY(process.waitForFinished(120000));
    const QString help = QString::fromUtf8(process.readAllStandardOutput());
    for (const char *line : {"0  every item ok", "1  some item failed", "2  usage error", "3  the --report or --results file",
                             "4  standard output"})
        QVERIFY2(help.contains(QLatin1String(line)), line);
    QVERIFY(help.contains(QLatin1String("RAM / workers")));
}

void TestCli::resultsCsvHasRowsAndFrames()
{
    const QString results = m_dir.filePath(QStringLiteral("results.csv"));
    const Run r = testmedia::runCli({QStringLiteral("-a"), QStringLiteral("brightness"), QStringLiteral("--order"), QStringLiteral("input"),
                       QStringLiteral("--results"), results, m_videoA, m_images});
    QCOMPARE(r.exitCode, 0);
    QFile file(results);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> rows = file.readAll().split('\n');
    QCOMPARE(rows.size(), 4); // header, two items, the empty rest after the last CRLF
    QCOMPARE(rows[0], QByteArray("path,kind,status,frames,error,result.frames,max,mean,min\r"));
    // A solid red video: gray 76 (0.299 * 255) in every frame.
    QCOMPARE(rows[1], m_videoA.toUtf8() + ",video,ok,30,,30,76,76,76\r");
    QVERIFY2(rows[2].startsWith(m_images.toUtf8() + ",images,ok,5,,5,"), rows[2].constData());

    QFile frames(m_dir.filePath(QStringLiteral("results-frames.csv")));
    QVERIFY(frames.open(QIODevice::ReadOnly));
    const QList<QByteArray> frameRows = frames.readAll().split('\n');
    QCOMPARE(frameRows.size(), 1 + 30 + 5 + 1);
    QCOMPARE(frameRows[0], QByteArray("path,list,frame,value\r"));
    QCOMPARE(frameRows[1], m_videoA.toUtf8() + ",series,0,76\r");
    QCOMPARE(frameRows[30], m_videoA.toUtf8() + ",series,29,76\r");
    QVERIFY2(frameRows[35].startsWith(m_images.toUtf8() + ",series,4,"), frameRows[35].constData());
}

void TestCli::resultsJsonEqualsJsonLines()
{
    // With --compare the file holds the parallel run's items: the ones printed on stdout.
    const QString results = m_dir.filePath(QStringLiteral("results.json"));
    const Run r = testmedia::runCli({QStringLiteral("--json"), QStringLiteral("--compare"), QStringLiteral("-j"), QStringLiteral("2"),
                       QStringLiteral("--results"), results, m_videoA, m_videoB, m_images});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.lines.size(), 4);
    QFile file(results);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonArray items = QJsonDocument::fromJson(file.readAll()).array();
    QCOMPARE(items.size(), 3);
    for (const QJsonValue &item : items) {
        const QString path = item[QLatin1String("path")].toString();
        const auto line = std::find_if(r.lines.begin(), r.lines.begin() + 3, [&path](const QJsonObject &o) {
            return o[QLatin1String("path")].toString() == path;
        });
        QVERIFY2(line != r.lines.begin() + 3, qPrintable(path));
        QCOMPARE(item.toObject(), *line);
    }
}

// The CLI keeps the worker's catalogue of analyses in the cache folder, per worker program file:
// a second run reads it instead of starting a worker, and another worker file is asked afresh.
void TestCli::analysesAreAskedOncePerWorkerProgram()
{
    const QString cacheHome = m_dir.filePath(QStringLiteral("cache"));
    qputenv("XDG_CACHE_HOME", QFile::encodeName(cacheHome));
    const auto restore = qScopeGuard([] { qunsetenv("XDG_CACHE_HOME"); });
    QVERIFY(testmedia::runCli({QStringLiteral("--list-analyses")}).exitCode == 0);
    const QFileInfoList kept = QDir(cacheHome + QStringLiteral("/framepool")).entryInfoList({QStringLiteral("analyses-*.json")});
    QCOMPARE(kept.size(), 1);

    // What the cache says is what the next run offers: it did not ask the worker.
    QFile file(kept.first().filePath());
    QVERIFY(file.open(QIODevice::ReadOnly));
    QByteArray catalogue = file.readAll();
    file.close();
    QVERIFY(catalogue.contains("Brightness"));
    catalogue.replace("mean gray level", "MEAN GRAY LEVEL FROM THE CACHE");
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(catalogue);
    file.close();
    const testmedia::CliRun cached = testmedia::runCli({QStringLiteral("--list-analyses")});
    QCOMPARE(cached.exitCode, 0);
    QByteArray listed;
    for (const QJsonObject &line : cached.lines)
        listed += line.value(QLatin1String("unparsed")).toString().toUtf8() + '\n';
    QVERIFY2(listed.contains("MEAN GRAY LEVEL FROM THE CACHE"), listed.constData());

    // A worker program that is another file (a copy elsewhere) is asked itself.
    const QString copy = m_dir.filePath(QStringLiteral("other-worker"));
    QVERIFY(QFile::copy(testmedia::binDir() + QStringLiteral("/framepool-worker"), copy));
    qputenv("FRAMEPOOL_WORKER", QFile::encodeName(copy));
    const testmedia::CliRun other = testmedia::runCli({QStringLiteral("--list-analyses")});
    qunsetenv("FRAMEPOOL_WORKER");
    QCOMPARE(other.exitCode, 0);
    QByteArray otherListed;
    for (const QJsonObject &line : other.lines)
        otherListed += line.value(QLatin1String("unparsed")).toString().toUtf8() + '\n';
    QVERIFY(otherListed.contains("mean gray level"));
    QCOMPARE(QDir(cacheHome + QStringLiteral("/framepool")).entryList({QStringLiteral("analyses-*.json")}).size(), 2);
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
