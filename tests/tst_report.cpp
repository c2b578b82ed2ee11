#include "report.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

Q_DECLARE_METATYPE(fp::TimingReport)
Q_DECLARE_METATYPE(fp::report::Format)
Q_DECLARE_METATYPE(fp::Schedule)

using namespace fp;

namespace {

// Paths that try to break out of HTML, CSV quoting and spreadsheets.
const QString kPlainPath = QStringLiteral("/media/clip one.mkv");
const QString kHostilePath =
    QStringLiteral("/media/<script>alert(\"x\")&'y'</script>, part\nTwo.mkv");
const QString kFormulaPath = QStringLiteral("=cmd|' /C calc'!A0");
const QString kFailedError = QStringLiteral("=HYPERLINK(\"http://x\") <b>decode</b> failed");

ItemRecord item(int index, const QString &path, ItemState state, int worker, double start,
                double end, qint64 frames, const QString &error = {})
{
    ItemRecord r;
    r.index = index;
    r.path = path;
    r.kind = StreamKind::Video;
    r.state = state;
    r.worker = worker;
    r.start = start;
    r.end = end;
    r.framesDone = frames;
    r.framesTotal = frames;
    r.error = error;
    return r;
}

TaskTiming task(int itemIndex, int worker, double start, double end, qint64 frames)
{
    return TaskTiming{itemIndex, worker, start, end, frames, QStringLiteral("node<1>"), false, QString()};
}

// 1 worker (workers are numbered from 1), the parallel run's 6 items, the last one failed
// after running.
RunTiming serialRun()
{
    RunTiming run;
    run.mode = RunMode::Serial;
    run.workers = 1;
    run.wallSeconds = 6.0;
    run.items = {
        item(0, kPlainPath, ItemState::Done, 1, 0.0, 1.0, 100),
        item(1, kHostilePath, ItemState::Done, 1, 1.0, 2.0, 50),
        item(2, QStringLiteral("+1.mkv"), ItemState::Done, 1, 2.0, 3.0, 30),
        item(3, QStringLiteral("-2.mkv"), ItemState::Done, 1, 3.0, 4.0, 40),
        item(4, QStringLiteral("@x.mkv"), ItemState::Done, 1, 4.0, 4.5, 60),
        item(5, kFormulaPath, ItemState::Failed, 1, 4.5, 6.0, 0, kFailedError),
    };
    for (const ItemRecord &r : std::as_const(run.items))
        run.tasks << task(r.index, 1, r.start, r.end, r.framesDone);
    return run;
}

// 2 workers; the formula-path item failed before any worker started it (no task, no worker).
RunTiming parallelRun()
{
    RunTiming run;
    run.mode = RunMode::Completed;
    run.workers = 2;
    run.wallSeconds = 4.0;
    run.items = {
        item(0, kPlainPath, ItemState::Done, 1, 0.0, 1.5, 100),
        item(1, kHostilePath, ItemState::Done, 2, 0.0, 1.2, 50),
        item(2, QStringLiteral("+1.mkv"), ItemState::Done, 2, 1.2, 2.0, 30),
        item(3, QStringLiteral("-2.mkv"), ItemState::Done, 1, 1.5, 3.0, 40),
        item(4, QStringLiteral("@x.mkv"), ItemState::Done, 2, 2.0, 4.0, 60),
        item(5, kFormulaPath, ItemState::Failed, -1, -1, -1, 0, kFailedError),
    };
    run.tasks = {task(0, 1, 0.0, 1.5, 100), task(1, 2, 0.0, 1.2, 50), task(2, 2, 1.2, 2.0, 30),
                 task(3, 1, 1.5, 3.0, 40), task(4, 2, 2.0, 4.0, 60)};
    return run;
}

TimingReport fullReport()
{
    TimingReport report;
    report.serial = serialRun();
    report.parallel = parallelRun();
    report.created = QDateTime(QDate(2024, 5, 6), QTime(7, 8, 9));
    report.host = QStringLiteral("box<'&'>");
    report.cores = 4;
    return report;
}

TimingReport parallelOnlyReport()
{
    TimingReport report = fullReport();
    report.serial.reset();
    return report;
}

// A minimal RFC 4180 reader: records end at CRLF (or LF) outside quotes; "" inside quotes is
// one quote. A final line end does not start another record.
QList<QStringList> parseCsv(const QString &text)
{
    QList<QStringList> records;
    QStringList record;
    QString field;
    bool quoted = false;
    for (int i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == QLatin1Char('"') && text.mid(i + 1, 1) == QLatin1String("\"")) {
                field += c;
                ++i;
            } else if (c == QLatin1Char('"')) {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == QLatin1Char('"')) {
            quoted = true;
        } else if (c == QLatin1Char(',')) {
            record << field;
            field.clear();
        } else if (c == QLatin1Char('\r') || c == QLatin1Char('\n')) {
            if (c == QLatin1Char('\r') && text.mid(i + 1, 1) == QLatin1String("\n"))
                ++i;
            record << field;
            records << record;
            record.clear();
            field.clear();
        } else {
            field += c;
        }
    }
    if (!field.isEmpty() || !record.isEmpty()) {
        record << field;
        records << record;
    }
    return records;
}

constexpr int kPathColumn = 2;
constexpr int kWorkerColumn = 5;
constexpr int kErrorColumn = 11;

QList<QStringList> itemRows(const QList<QStringList> &records)
{
    QList<QStringList> rows;
    for (int i = 1; i < records.size() && records.at(i) != QStringList{QString()}; ++i)
        rows << records.at(i);
    return rows;
}

QJsonObject parseJsonObject(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        qWarning() << "JSON parse error:" << error.errorString();
    return doc.object();
}

QByteArray contentFor(report::Format format, const TimingReport &report)
{
    switch (format) {
    case report::Format::Json: return report::toJson(report);
    case report::Format::Csv: return report::toCsv(report);
    case report::Format::Html: return report::toHtml(report);
    default: return {};
    }
}

} // namespace

class TestReport : public QObject
{
    Q_OBJECT

private slots:
    void comparisonNeedsBothRuns();
    void jsonHasRunsItemsAndComparison();
    void jsonWithoutSerialHasNullComparison();
    void csvRowsAndQuoting();
    void csvNeutralisesFormulas_data();
    void csvNeutralisesFormulas();
    void htmlEscapesAndDraws();
    void htmlHandlesDegenerateReports_data();
    void htmlHandlesDegenerateReports();
    void formatForPath_data();
    void formatForPath();
    void writeMatchesContent_data();
    void writeMatchesContent();
    void writeRejects_data();
    void writeRejects();
    void writeIntoMissingDirectoryFails();
    void partialRunHasNoSpeedupInAnyFormat_data();
    void partialRunHasNoSpeedupInAnyFormat();
    void idealUsesTheWorkersTheCoresCanRun_data();
    void idealUsesTheWorkersTheCoresCanRun();
    void jsonCountsCancelledApartAndTries();
    void warningsInEveryFormat();
    void cancelledWorkIsDrawnHatchedAndListed();
    void cutShortTasksSurviveTheJsonRoundTrip();
    void runSettingsSurviveTheJsonRoundTrip_data();
    void runSettingsSurviveTheJsonRoundTrip();
    void reportWithoutSettingsStillLoads();
};

void TestReport::comparisonNeedsBothRuns()
{
    const auto comparison = fullReport().comparison();
    QVERIFY(comparison.has_value());
    QCOMPARE(comparison->speedup(), 1.5);
    QVERIFY(!parallelOnlyReport().comparison().has_value());

    TimingReport serialOnly = fullReport();
    serialOnly.parallel.reset();
    QVERIFY(!serialOnly.comparison().has_value());
}

void TestReport::jsonHasRunsItemsAndComparison()
{
    const TimingReport report = fullReport();
    const QJsonObject root = parseJsonObject(report::toJson(report));
    QVERIFY(!root.isEmpty());
    QCOMPARE(root.value("host").toString(), report.host);
    QCOMPARE(root.value("cores").toInt(), 4);
    QVERIFY(QDateTime::fromString(root.value("generated").toString(), Qt::ISODate).isValid());

    const std::pair<const char *, const RunTiming &> runs[] = {{"serial", *report.serial},
                                                               {"parallel", *report.parallel}};
    for (const auto &[key, run] : runs) {
        const QJsonObject json = root.value(QLatin1String(key)).toObject();
        QCOMPARE(json.value("mode").toString(), runModeName(run.mode));
        QCOMPARE(json.value("workers").toInt(), run.workers);
        QCOMPARE(json.value("items_count").toInt(), run.items.size());
        QCOMPARE(json.value("failed").toInt(), 1);
        const QJsonArray items = json.value("items").toArray();
        QCOMPARE(items.size(), run.items.size());
        for (int i = 0; i < items.size(); ++i) {
            const QJsonObject o = items.at(i).toObject();
            QCOMPARE(o.value("path").toString(), run.items.at(i).path);
            QCOMPARE(o.value("status").toString(), itemStateName(run.items.at(i).state));
            // "error" only where there is one.
            QCOMPARE(o.contains("error"), !run.items.at(i).error.isEmpty());
        }
        QCOMPARE(json.value("tasks").toArray().size(), run.tasks.size());
    }

    // The never-started item has no worker and no times.
    const QJsonObject unstarted = root.value("parallel")["items"][5].toObject();
    QVERIFY(unstarted.value("worker").isNull());
    QVERIFY(unstarted.value("start").isNull());
    QCOMPARE(unstarted.value("error").toString(), kFailedError);

    const QJsonObject comparison = root.value("comparison").toObject();
    const double serialWall = root.value("serial")["wall_seconds"].toDouble();
    const double parallelWall = root.value("parallel")["wall_seconds"].toDouble();
    QCOMPARE(comparison.value("speedup").toDouble(), serialWall / parallelWall);
    QCOMPARE(comparison.value("workers").toInt(), 2);
    QCOMPARE(comparison.value("efficiency").toDouble(), 0.75);
    QCOMPARE(comparison.value("ideal_parallel_seconds").toDouble(), 3.0);
}

void TestReport::jsonWithoutSerialHasNullComparison()
{
    const QJsonObject root = parseJsonObject(report::toJson(parallelOnlyReport()));
    QVERIFY(root.contains("comparison"));
    QVERIFY(root.value("comparison").isNull());
    QVERIFY(root.value("serial").isNull());
    QVERIFY(root.value("parallel").isObject());
}

void TestReport::csvRowsAndQuoting()
{
    const TimingReport report = fullReport();
    const QList<QStringList> records = parseCsv(QString::fromUtf8(report::toCsv(report)));
    const int itemCount = int(report.serial->items.size() + report.parallel->items.size());
    // One table: the header and a row per item, nothing after it (the summary and the
    // comparison are in the JSON report).
    QCOMPARE(records.size(), 1 + itemCount);
    QCOMPARE(records.first(), QStringList({"run", "mode", "path", "kind", "status", "worker",
                                           "start", "end", "seconds", "frames", "fps", "error",
                                           "warnings", "round"}));
    for (const QStringList &record : records)
        QCOMPARE(record.size(), 14);

    const QList<QStringList> rows = itemRows(records);
    QCOMPARE(rows.size(), itemCount);

    // The comma, quotes and newline in the path survive quoting.
    QCOMPARE(rows.at(1).at(kPathColumn), kHostilePath);
    QCOMPARE(rows.at(0).at(0), QStringLiteral("serial"));
    QCOMPARE(rows.at(6).at(0), QStringLiteral("parallel"));
    // Never started: no worker, no times.
    const QStringList unstarted = rows.last();
    QCOMPARE(unstarted.at(kWorkerColumn), QString());
    QCOMPARE(unstarted.at(6), QString());
    QCOMPARE(unstarted.at(kErrorColumn), QLatin1Char('\'') + kFailedError);

    // No cell anywhere can start a formula.
    for (const QStringList &record : records)
        for (const QString &cell : record)
            QVERIFY2(cell.isEmpty() || !QStringLiteral("=+-@\t\r").contains(cell.front()),
                     qPrintable(cell));
}

void TestReport::csvNeutralisesFormulas_data()
{
    QTest::addColumn<QString>("path");
    QTest::newRow("equals") << kFormulaPath;
    QTest::newRow("plus") << QStringLiteral("+1.mkv");
    QTest::newRow("minus") << QStringLiteral("-2.mkv");
    QTest::newRow("at") << QStringLiteral("@x.mkv");
}

void TestReport::csvNeutralisesFormulas()
{
    QFETCH(QString, path);
    const QString csv = QString::fromUtf8(report::toCsv(fullReport()));
    const QList<QStringList> rows = itemRows(parseCsv(csv));
    const QString expected = QLatin1Char('\'') + path;
    const bool found = std::any_of(rows.begin(), rows.end(), [&](const QStringList &row) {
        return row.at(kPathColumn) == expected;
    });
    QVERIFY2(found, qPrintable(expected));
}

void TestReport::htmlEscapesAndDraws()
{
    const TimingReport report = fullReport();
    const QString html = QString::fromUtf8(report::toHtml(report));

    QVERIFY(html.contains(QLatin1String("<meta charset=\"utf-8\">")));
    QVERIFY(html.contains(QLatin1String("<title>FramePool timing report</title>")));
    // The page has no scripts of its own, so any <script is from data.
    QVERIFY(!html.contains(QLatin1String("<script"), Qt::CaseInsensitive));
    QVERIFY(html.contains(QLatin1String("&lt;script&gt;alert(&quot;x&quot;)&amp;&#39;y&#39;")));
    QVERIFY(html.contains(QLatin1String("box&lt;&#39;&amp;&#39;&gt;")));
    QVERIFY(!html.contains(QLatin1String("<b>decode")));
    QVERIFY(!html.contains(QLatin1String("node<1>")));
    // No external resources.
    QVERIFY(!html.contains(QLatin1String("src=")));
    QVERIFY(!html.contains(QLatin1String("href=")));

    QVERIFY(html.contains(QLatin1String("<svg")));
    const qsizetype taskCount = report.serial->tasks.size() + report.parallel->tasks.size();
    QCOMPARE(html.count(QLatin1String("class=\"task\"")), taskCount);
    // Only the serial run's failed item ran; the parallel one never started.
    QCOMPARE(html.count(QLatin1String("class=\"task\" data-state=\"failed\"")), 1);
    QVERIFY(html.contains(QLatin1String("class=\"ideal\"")));
    QVERIFY(html.contains(QString::number(report.comparison()->speedup(), 'f', 2)));
    QVERIFY(html.contains(QLatin1String("75.0 %")));

    // Items tables: the path comes last, its file name above its folder and the error below,
    // so that narrow layouts (the PDF) give it the width left and wrap it at the folder.
    QVERIFY(html.contains(QLatin1String("<th class=\"num\">fps</th><th>Path</th></tr>")));
    QVERIFY(html.contains(QLatin1String(
        "<br><span class=\"error\">=HYPERLINK(&quot;http://x&quot;) &lt;b&gt;decode&lt;/b&gt; "
        "failed</span></td>")));
    QVERIFY(html.contains(QLatin1String(
        "<span class=\"path\">clip one.mkv</span><br><span class=\"folder\">/media</span>")));
    QVERIFY(html.contains(QLatin1String("<span class=\"path\">+1.mkv</span></td>")));
}

void TestReport::htmlHandlesDegenerateReports_data()
{
    QTest::addColumn<TimingReport>("report");
    QTest::addColumn<int>("taskRects");

    QTest::newRow("no runs") << TimingReport{} << 0;
    QTest::newRow("parallel only") << parallelOnlyReport() << int(parallelRun().tasks.size());

    TimingReport emptyRuns;
    emptyRuns.serial = RunTiming{};
    emptyRuns.parallel = RunTiming{};
    emptyRuns.parallel->workers = 4;
    QTest::newRow("zero items, zero wall time") << emptyRuns << 0;

    TimingReport instant = fullReport();
    instant.serial->wallSeconds = 0;
    instant.parallel->wallSeconds = 0;
    for (TaskTiming &t : instant.parallel->tasks)
        t.start = t.end = 0;
    QTest::newRow("zero wall time with tasks")
        << instant << int(instant.serial->tasks.size() + instant.parallel->tasks.size());

    TimingReport failedOnly = fullReport();
    failedOnly.parallel->tasks.clear();
    QTest::newRow("no tasks in parallel run") << failedOnly << int(failedOnly.serial->tasks.size());
}

void TestReport::htmlHandlesDegenerateReports()
{
    QFETCH(TimingReport, report);
    QFETCH(int, taskRects);
    const QString html = QString::fromUtf8(report::toHtml(report));
    QVERIFY(html.startsWith(QLatin1String("<!DOCTYPE html>")));
    QVERIFY(html.trimmed().endsWith(QLatin1String("</html>")));
    QCOMPARE(html.count(QLatin1String("class=\"task\"")), taskRects);
    // Divisions by zero would show up as nan/inf in numbers or coordinates.
    static const QRegularExpression notANumber(QStringLiteral("[\"> ]-?(nan|inf)\\b"),
                                               QRegularExpression::CaseInsensitiveOption);
    QVERIFY2(!html.contains(notANumber), qPrintable(notANumber.match(html).captured()));
    QCOMPARE(html.count(QLatin1String("<svg")), html.count(QLatin1String("</svg>")));
}

void TestReport::formatForPath_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<report::Format>("format");
    QTest::newRow("json") << "/tmp/r.json" << report::Format::Json;
    QTest::newRow("csv upper") << "R.CSV" << report::Format::Csv;
    QTest::newRow("html") << "a.b/r.html" << report::Format::Html;
    QTest::newRow("htm") << "r.Htm" << report::Format::Html;
    QTest::newRow("pdf") << "r.pdf" << report::Format::Pdf;
    QTest::newRow("txt") << "r.txt" << report::Format::Unknown;
    QTest::newRow("none") << "report" << report::Format::Unknown;
}

void TestReport::formatForPath()
{
    QFETCH(QString, path);
    QFETCH(report::Format, format);
    QCOMPARE(report::formatForPath(path), format);
}

void TestReport::writeMatchesContent_data()
{
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<report::Format>("format");
    QTest::newRow("json") << "report.json" << report::Format::Json;
    QTest::newRow("csv") << "report.csv" << report::Format::Csv;
    QTest::newRow("html") << "report.html" << report::Format::Html;
    QTest::newRow("HTM") << "report.HTM" << report::Format::Html;
}

void TestReport::writeMatchesContent()
{
    QFETCH(QString, fileName);
    QFETCH(report::Format, format);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const TimingReport report = fullReport();
    const QString path = dir.filePath(fileName);

    QString error;
    QVERIFY2(report::write(report, path, &error), qPrintable(error));
    QVERIFY(error.isEmpty());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), contentFor(format, report));
}

void TestReport::writeRejects_data()
{
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<QString>("expectedError");
    QTest::newRow("txt") << "report.txt"
                         << "unsupported report format \".txt\" (use .json, .csv or .html)";
    QTest::newRow("no extension")
        << "report" << "unsupported report format (no extension) (use .json, .csv or .html)";
    QTest::newRow("pdf") << "report.pdf" << "PDF reports are written by the desktop app";
}

void TestReport::writeRejects()
{
    QFETCH(QString, fileName);
    QFETCH(QString, expectedError);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(fileName);

    QString error;
    QVERIFY(!report::write(fullReport(), path, &error));
    QCOMPARE(error, expectedError);
    QVERIFY(!QFile::exists(path));
}

void TestReport::writeIntoMissingDirectoryFails()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("missing/report.json"));
    QString error;
    QVERIFY(!report::write(fullReport(), path, &error));
    QVERIFY2(error.startsWith(QStringLiteral("cannot write ") + path + QStringLiteral(": ")),
             qPrintable(error));
    QVERIFY(error.size() > QStringLiteral("cannot write ").size() + path.size() + 2);
    // A null error pointer is allowed.
    QVERIFY(!report::write(fullReport(), path, nullptr));
}

void TestReport::partialRunHasNoSpeedupInAnyFormat_data()
{
    QTest::addColumn<TimingReport>("report");
    QTest::addColumn<QString>("reason");

    TimingReport cancelledParallel = fullReport();
    cancelledParallel.parallel->items[4].state = ItemState::Cancelled;
    QTest::newRow("parallel item cancelled")
        << cancelledParallel << QStringLiteral("parallel: partial run: 4 of 6 items completed");

    TimingReport allCancelled = fullReport();
    for (ItemRecord &r : allCancelled.parallel->items)
        r.state = ItemState::Cancelled;
    allCancelled.parallel->wallSeconds = 0.5;
    QTest::newRow("cancel all") << allCancelled
                                << QStringLiteral("parallel: partial run: 0 of 6 items completed");

    TimingReport cancelledSerial = fullReport();
    cancelledSerial.serial->items[0].state = ItemState::Cancelled;
    QTest::newRow("serial item cancelled")
        << cancelledSerial << QStringLiteral("serial: partial run: 4 of 6 items completed");

    // A row removed from the queue before the parallel run: the runs did different work.
    TimingReport removed = fullReport();
    removed.parallel->items.removeLast();
    QTest::newRow("item removed") << removed
                                  << QStringLiteral("the runs did not process the same items "
                                                    "(serial 6, parallel 5)");
}

void TestReport::partialRunHasNoSpeedupInAnyFormat()
{
    QFETCH(TimingReport, report);
    QFETCH(QString, reason);
    const auto comparison = report.comparison();
    QVERIFY(comparison.has_value());
    QVERIFY(!comparison->isValid());
    QCOMPARE(comparison->invalidReason(), reason);
    QCOMPARE(comparison->speedup(), 0.0);
    QCOMPARE(comparison->idealParallelSeconds(), 0.0);

    const QJsonObject json = parseJsonObject(report::toJson(report)).value("comparison").toObject();
    QCOMPARE(json.value("valid").toBool(true), false);
    QCOMPARE(json.value("reason").toString(), reason);
    for (const char *key : {"speedup", "efficiency", "ideal_parallel_seconds"})
        QVERIFY2(!json.contains(QLatin1String(key)), key);

    const QString html = QString::fromUtf8(report::toHtml(report));
    QVERIFY(html.contains(report::escapeHtml(reason)));
    for (const char *claim : {"Speed-up", "Efficiency", "than the ideal", "class=\"ideal\"", "\u00d7"})
        QVERIFY2(!html.contains(QString::fromUtf8(claim)), claim);
    // The PDF prints this same table.
    const QString table = report::comparisonTableHtml(report);
    QVERIFY(table.contains(report::escapeHtml(reason)));
    QVERIFY(!table.contains(QLatin1String("Speed-up")));
    // Throughput still compares.
    QVERIFY(html.contains(QLatin1String("Throughput (fps)")));

    const QString csv = QString::fromUtf8(report::toCsv(report));
    QVERIFY(!csv.contains(QLatin1String("speed"), Qt::CaseInsensitive));
    QVERIFY(!csv.contains(QLatin1String("ideal"), Qt::CaseInsensitive));
}

void TestReport::idealUsesTheWorkersTheCoresCanRun_data()
{
    QTest::addColumn<int>("workers");
    QTest::addColumn<int>("cores");
    QTest::addColumn<int>("effective");
    // The serial run takes 6 s for 6 items: M = 1 s.
    QTest::newRow("-j 4 on 2 cores") << 4 << 2 << 2;
    QTest::newRow("-j 2 on 4 cores") << 2 << 4 << 2;
    QTest::newRow("-j 3 on 3 cores") << 3 << 3 << 3;
    QTest::newRow("cores unknown") << 4 << 0 << 4;
}

void TestReport::idealUsesTheWorkersTheCoresCanRun()
{
    QFETCH(int, workers);
    QFETCH(int, cores);
    QFETCH(int, effective);
    TimingReport report = fullReport();
    report.parallel->workers = workers;
    report.cores = cores;
    const auto comparison = report.comparison();
    QVERIFY(comparison && comparison->isValid());
    QCOMPARE(comparison->itemCount(), 6);
    QCOMPARE(comparison->secondsPerItem(), 1.0);
    QCOMPARE(comparison->effectiveWorkers(), effective);
    QCOMPARE(comparison->idealParallelSeconds(), 6.0 / effective);
    QCOMPARE(comparison->efficiency(), 1.5 / effective);

    const QJsonObject json = parseJsonObject(report::toJson(report)).value("comparison").toObject();
    QCOMPARE(json.value("effective_workers").toInt(), effective);
    QCOMPARE(json.value("ideal_parallel_seconds").toDouble(), 6.0 / effective);
    QCOMPARE(json.value("seconds_per_item").toDouble(), 1.0);
    const QString table = report::comparisonTableHtml(report);
    QVERIFY2(table.contains(report::secondsText(6.0 / effective) + QStringLiteral(" s")), qPrintable(table));
}

void TestReport::jsonCountsCancelledApartAndTries()
{
    TimingReport report = fullReport();
    ItemRecord &cancelled = report.parallel->items[4];
    cancelled.state = ItemState::Cancelled;
    report.parallel->items[1].attempts = 1; // retried once: two tries
    const QJsonObject parallel = parseJsonObject(report::toJson(report)).value("parallel").toObject();
    QCOMPARE(parallel.value("failed").toInt(), 1);
    QCOMPARE(parallel.value("cancelled").toInt(), 1);
    QCOMPARE(parallel.value("completed").toInt(), 4);
    QCOMPARE(parallel.value("complete").toBool(true), false);
    const QJsonArray items = parallel.value("items").toArray();
    QCOMPARE(items.at(0)["attempts"].toInt(), 1); // ran once
    QCOMPARE(items.at(1)["attempts"].toInt(), 2);
    QCOMPARE(items.at(5)["attempts"].toInt(), 0); // never started
    // Worker 1 ran items 0 and 3 (1.5 s + 1.5 s), worker 2 items 1, 2, 4 (1.2 + 0.8 + 2 s).
    const QJsonArray busy = parallel.value("worker_busy_seconds").toArray();
    QCOMPARE(busy.size(), 2);
    QCOMPARE(busy.at(0).toDouble(), 3.0);
    QCOMPARE(busy.at(1).toDouble(), 4.0);
}

// An item that succeeded with warnings (a truncated file) carries them into every format:
// the JSON item, the CSV's warnings column, the HTML items table (which the PDF prints).
void TestReport::warningsInEveryFormat()
{
    const QStringList warnings{QStringLiteral("the video ends at frame 48 of 100: frames are missing"),
                               QStringLiteral("skipped <2> frames")};
    TimingReport report = fullReport();
    report.parallel->items[3].result[QStringLiteral("warnings")] = QJsonArray::fromStringList(warnings);

    const QJsonArray items =
        parseJsonObject(report::toJson(report)).value("parallel").toObject().value("items").toArray();
    QCOMPARE(items.at(3)["warnings"].toArray(), QJsonArray::fromStringList(warnings));
    QVERIFY(!items.at(2).toObject().contains("warnings"));

    const QList<QStringList> rows = itemRows(parseCsv(QString::fromUtf8(report::toCsv(report))));
    const int warningsColumn = kErrorColumn + 1;
    const QStringList warned = rows.at(6 + 3);
    QCOMPARE(warned.at(kPathColumn), QStringLiteral("'-2.mkv"));
    QCOMPARE(warned.at(warningsColumn), warnings.join(QStringLiteral("; ")));
    QCOMPARE(rows.at(6 + 2).at(warningsColumn), QString());

    const QString table = report::itemsTableHtml(*report.parallel);
    for (const QString &warning : warnings)
        QVERIFY2(table.contains(QStringLiteral("<span class=\"warning\">\u26a0 ") + report::escapeHtml(warning)),
                 qPrintable(table));
    QCOMPARE(QString::fromUtf8(report::toHtml(report)).count(QLatin1String("class=\"warning\"")), 2);
    // The summary counts the items with warnings, a column per run (serial, parallel).
    const QString summary = report::summaryTableHtml(report);
    QVERIFY2(summary.contains(QLatin1String("<tr><td>With warnings</td><td>0</td><td>1</td></tr>")), qPrintable(summary));
    QVERIFY(summary.contains(QLatin1String("<th></th><th>Serial</th><th>Parallel</th>")));
}

// Work stopped by a cancel stays in the tasks (JSON) and on the timeline, hatched.
void TestReport::cancelledWorkIsDrawnHatchedAndListed()
{
    TimingReport report = fullReport();
    report.parallel->items[4].state = ItemState::Cancelled;
    TaskTiming &cut = report.parallel->tasks[4];
    cut.cancelled = true;
    cut.end = 2.6;

    const QJsonArray tasks =
        parseJsonObject(report::toJson(report)).value("parallel").toObject().value("tasks").toArray();
    QCOMPARE(tasks.size(), 5);
    QCOMPARE(tasks.at(4)["cancelled"].toBool(), true);
    QCOMPARE(tasks.at(4)["end"].toDouble(), 2.6);
    QCOMPARE(tasks.at(3)["cancelled"].toBool(true), false);

    const QString html = QString::fromUtf8(report::toHtml(report));
    QCOMPARE(html.count(QLatin1String("class=\"task\" data-state=\"cancelled\"")), 1);
    // One hatch overlay, filled with the pattern of its own timeline.
    QCOMPARE(html.count(QLatin1String("<rect class=\"cut\"")), 1);
    QVERIFY(html.contains(QLatin1String("fill=\"url(#hatch-parallel)\"")));
    QVERIFY(html.contains(QLatin1String("<pattern id=\"hatch-parallel\"")));
    QVERIFY(html.contains(QLatin1String("<pattern id=\"hatch-serial\"")));
    QVERIFY(html.contains(QLatin1String("cancelled after 0.600 s, 60 frames, worker 2")));
}

// The run history keeps reports as JSON: a task stopped by a cancel and an attempt that failed
// come back as they were, so a reopened report draws them as the live one did.
void TestReport::cutShortTasksSurviveTheJsonRoundTrip()
{
    TimingReport report = fullReport();
    report.parallel->tasks[3].cancelled = true;
    report.parallel->tasks[4].failure = QStringLiteral("worker hung: no progress for 60 s");

    const QJsonObject json = parseJsonObject(report::toJson(report));
    const QJsonArray tasks = json.value("parallel").toObject().value("tasks").toArray();
    QCOMPARE(tasks.at(4)["failure"].toString(), report.parallel->tasks[4].failure);
    QVERIFY(tasks.at(3)["failure"].isNull());

    QString error;
    const std::optional<TimingReport> back = report::fromJson(json, &error);
    QVERIFY2(back.has_value(), qPrintable(error));
    const QList<TaskTiming> &again = back->parallel->tasks;
    QCOMPARE(again.size(), report.parallel->tasks.size());
    for (int i = 0; i < again.size(); ++i) {
        QCOMPARE(again.at(i).cancelled, report.parallel->tasks.at(i).cancelled);
        QCOMPARE(again.at(i).failure, report.parallel->tasks.at(i).failure);
    }
    const QString html = QString::fromUtf8(report::toHtml(*back));
    QVERIFY(html.contains(QLatin1String("failed: worker hung: no progress for 60 s")));
}

void TestReport::runSettingsSurviveTheJsonRoundTrip_data()
{
    QTest::addColumn<QJsonObject>("parameters");
    QTest::addColumn<int>("threads");
    QTest::addColumn<Schedule>("schedule");
    QTest::addColumn<int>("chunkSize");
    QTest::addColumn<int>("segmentFrames");
    QTest::addColumn<QString>("launcher");
    QTest::addColumn<QStringList>("htmlCells"); // of the parallel run's column
    QTest::newRow("local, automatic pieces, no parameters")
        << QJsonObject{} << 2 << Schedule::FastestFinish << 0 << 0 << QStringLiteral("local")
        << QStringList{QStringLiteral("<td>none</td>"), QStringLiteral("<td>fastest finish</td>"),
                       QStringLiteral("<td>automatic</td>"), QStringLiteral("<td>local</td>")};
    QTest::newRow("slurm, chunks of 8, whole videos, parameters")
        << QJsonObject{{QStringLiteral("colors"), 8}, {QStringLiteral("bits"), 3}} << 3 << Schedule::QueueOrder << 8 << -1
        << QStringLiteral("slurm")
        << QStringList{QStringLiteral("<td>bits=3, colors=8</td>"), QStringLiteral("<td>queue order</td>"),
                       QStringLiteral("<td>8</td>"), QStringLiteral("<td>never split</td>"), QStringLiteral("<td>slurm</td>")};
}

void TestReport::runSettingsSurviveTheJsonRoundTrip()
{
    QFETCH(QJsonObject, parameters);
    QFETCH(int, threads);
    QFETCH(Schedule, schedule);
    QFETCH(int, chunkSize);
    QFETCH(int, segmentFrames);
    QFETCH(QString, launcher);
    QFETCH(QStringList, htmlCells);
    TimingReport report = fullReport();
    RunSetup &setup = report.parallel->setup;
    setup = RunSetup{parameters, threads, schedule, chunkSize, segmentFrames, launcher};
    // The serial run of a Compare has its own: one worker with more threads, queue order.
    report.serial->setup = RunSetup{parameters, 4, Schedule::QueueOrder, chunkSize, segmentFrames, launcher};

    const QJsonObject json = parseJsonObject(report::toJson(report));
    const QJsonObject settings = json.value("parallel")["settings"].toObject();
    QCOMPARE(settings.value("parameters").toObject(), parameters);
    QCOMPARE(settings.value("threads_per_worker").toInt(), threads);
    QCOMPARE(settings.value("schedule").toString(), scheduleName(schedule));
    QCOMPARE(settings.value("chunk_size").toInt(), chunkSize);
    QCOMPARE(settings.value("segment_frames").toInt(), segmentFrames);
    QCOMPARE(settings.value("launcher").toString(), launcher);
    QCOMPARE(json.value("serial")["settings"]["threads_per_worker"].toInt(), 4);

    QString error;
    const std::optional<TimingReport> back = report::fromJson(json, &error);
    QVERIFY2(back, qPrintable(error));
    for (const auto &[was, is] : {std::pair{&*report.serial, &*back->serial}, std::pair{&*report.parallel, &*back->parallel}}) {
        QVERIFY(is->setup.isRecorded());
        QCOMPARE(is->setup.parameters, was->setup.parameters);
        QCOMPARE(is->setup.threadsPerWorker, was->setup.threadsPerWorker);
        QCOMPARE(is->setup.schedule, was->setup.schedule);
        QCOMPARE(is->setup.chunkSize, was->setup.chunkSize);
        QCOMPARE(is->setup.segmentFrames, was->setup.segmentFrames);
        QCOMPARE(is->setup.launcher, was->setup.launcher);
    }
    // Written again, the report is the same file.
    QCOMPARE(report::toJson(*back), report::toJson(report));

    // The HTML summary has a row per setting, a column per run.
    const QString html = QString::fromUtf8(report::toHtml(report));
    for (const QString &measure : {QStringLiteral("Parameters"), QStringLiteral("Threads per worker"),
                                   QStringLiteral("Schedule"), QStringLiteral("Chunk size (images)"),
                                   QStringLiteral("Segment size (frames)"), QStringLiteral("Launcher")})
        QVERIFY2(html.contains(QStringLiteral("<th>%1</th>").arg(measure)) || html.contains(QStringLiteral("<td>%1</td>").arg(measure)),
                 qPrintable(measure));
    const QRegularExpression threadsRow(QStringLiteral("Threads per worker</t[dh]>\\s*<td[^>]*>4</td>\\s*<td[^>]*>%1</td>").arg(threads));
    QVERIFY2(html.contains(threadsRow), qPrintable(html.left(4000)));
    for (const QString &cell : htmlCells)
        QVERIFY2(html.contains(cell), qPrintable(cell));
    QVERIFY(!html.contains(QLatin1String("not recorded")));
}

void TestReport::reportWithoutSettingsStillLoads()
{
    // A report as FramePool wrote it before runs recorded their settings: no "settings" at all.
    QJsonObject json = parseJsonObject(report::toJson(fullReport()));
    for (const char *key : {"serial", "parallel"}) {
        QJsonObject run = json.value(QLatin1String(key)).toObject();
        QVERIFY(run.value("settings").isNull()); // a hand-made run has none recorded either
        run.remove(QStringLiteral("settings"));
        json[QLatin1String(key)] = run;
    }
    QString error;
    const std::optional<TimingReport> back = report::fromJson(json, &error);
    QVERIFY2(back, qPrintable(error));
    QCOMPARE(back->parallel->items.size(), fullReport().parallel->items.size());
    QVERIFY(!back->serial->setup.isRecorded());
    QVERIFY(!back->parallel->setup.isRecorded());
    QVERIFY(parseJsonObject(report::toJson(*back)).value("parallel")["settings"].isNull());
    const QString html = QString::fromUtf8(report::toHtml(*back));
    QVERIFY(html.contains(QLatin1String("not recorded")));
}

QTEST_GUILESS_MAIN(TestReport)
#include "tst_report.moc"
