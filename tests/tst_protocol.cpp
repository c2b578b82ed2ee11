// The engine <-> worker line protocol: every message survives a round trip, and anything
// malformed is rejected with a reason instead of crashing or being half-read.

#include "protocol.h"

#include <QJsonArray>

#include <QTest>

using namespace fp;
using namespace fp::protocol;

Q_DECLARE_METATYPE(fp::protocol::Message)

class TestProtocol : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
    void encodesOneLine();
    void rejectsMalformed_data();
    void rejectsMalformed();
    void randomMutationsNeverCrash();
};

void TestProtocol::roundTrip_data()
{
    QTest::addColumn<Message>("message");

    Task task;
    task.id = 42;
    task.analysis = QStringLiteral("motion");
    task.parameters = QJsonObject{{QStringLiteral("threshold"), 30}};
    task.kind = StreamKind::Images;
    task.path = QStringLiteral("/tmp/a folder/with \"quotes\" and ünïcödé\nnewline");
    task.images = {QStringLiteral("/tmp/x/-leading-dash.png"), QStringLiteral("/tmp/x/$(rm -rf).png")};
    task.primingImage = QStringLiteral("/tmp/x/prev;.png");
    task.firstFrame = 16;
    task.frameCount = 8;
    task.frameEstimate = 8;
    task.wantState = true;
    task.thumbnailIntervalMs = 500;
    QTest::newRow("task") << Message(task);

    Task probe;
    probe.id = 1;
    probe.path = QStringLiteral("/v.mp4");
    probe.probeOnly = true;
    QTest::newRow("probe task") << Message(probe);

    Task merge;
    merge.id = 9;
    merge.analysis = QStringLiteral("/home/me/my analysis.py");
    merge.path = QStringLiteral("/v.mp4");
    merge.mergeStates = {QJsonObject{{QStringLiteral("values"), QJsonArray{1, 2}}}, QJsonObject{{QStringLiteral("values"), QJsonArray{3}}}};
    QTest::newRow("merge task") << Message(merge);
    QTest::newRow("probe answer") << Message(Probe{1, 444, 768, 576, 10.0, {0, 12, 24}, QStringLiteral("avc1")});

    QTest::newRow("hello") << Message(Hello{Version, 1234, QStringLiteral("node-7"), 2, QString()});
    QTest::newRow("hello in a cluster job") << Message(Hello{Version, 1234, QStringLiteral("node7"), 2, QStringLiteral("4711")});
    Hello narrowing{Version, 99, QStringLiteral("vm"), 1, QString()};
    narrowing.canNarrow = true;
    QTest::newRow("hello of a worker that narrows") << Message(narrowing);
    QTest::newRow("quit") << Message(Quit{});
    QTest::newRow("narrow") << Message(Narrow{7, 375});
    QTest::newRow("narrowed") << Message(Narrowed{7, 375});
    QTest::newRow("narrowed, too late") << Message(Narrowed{7, -1});
    QTest::newRow("progress") << Message(Progress{7, 100, 444});
    QTest::newRow("partial") << Message(Partial{7, 50, QJsonObject{{QStringLiteral("hex"), QStringLiteral("#ffffff")}},
                                                ResultSummary{QStringLiteral("#ffffff 100.00%"), {{QStringLiteral("#ffffff"), 1.0}}, {}}});
    QTest::newRow("thumbnail") << Message(Thumbnail{7, 12, QByteArray("\xff\xd8\x00\x01 binary\n", 12)});
    QTest::newRow("result with state")
        << Message(Result{7, 795, QJsonObject{{QStringLiteral("percent"), 12.5}},
                          ResultSummary{QStringLiteral("mean 1.00"), {}, {1.0, 2.5}},
                          {QStringLiteral("skipped 1 frame")},
                          QJsonObject{{QStringLiteral("hist"), QStringLiteral("AAAA")}},
                          SegmentBounds{0.0, 1040.0}});
    QTest::newRow("error") << Message(Error{7, 312, QStringLiteral("cannot decode")});
}

void TestProtocol::roundTrip()
{
    QFETCH(Message, message);
    const QByteArray line = encode(message);
    const Decoded decoded = decode(line);
    QVERIFY2(decoded.message.has_value(), qPrintable(decoded.error));
    QCOMPARE(decoded.message->index(), message.index());
    // Encoding the decoded message gives the same bytes: nothing was lost or altered.
    QCOMPARE(encode(*decoded.message), line);
}

void TestProtocol::encodesOneLine()
{
    Task task;
    task.path = QStringLiteral("line one\nline two\r\n");
    const QByteArray line = encode(task);
    QCOMPARE(line.count('\n'), 1);
    QVERIFY(line.endsWith('\n'));
}

void TestProtocol::rejectsMalformed_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QString>("reasonContains");

    QTest::newRow("empty") << QByteArray("\n") << "empty";
    QTest::newRow("garbage") << QByteArray("Segmentation fault (core dumped)") << "not JSON";
    QTest::newRow("array") << QByteArray("[1,2,3]") << "not a JSON object";
    QTest::newRow("no version") << QByteArray(R"({"type":"quit"})") << "\"v\"";
    QTest::newRow("wrong version") << QByteArray(R"({"v":99,"type":"quit"})") << "version 99";
    QTest::newRow("unknown type") << QByteArray(R"({"v":3,"type":"launch-missiles"})") << "unknown message type";
    QTest::newRow("id not a number") << QByteArray(R"({"v":3,"type":"progress","id":"x","done":1,"total":2})") << "\"id\"";
    QTest::newRow("fractional id") << QByteArray(R"({"v":3,"type":"progress","id":1.5,"done":1,"total":2})") << "integer";
    QTest::newRow("negative progress") << QByteArray(R"({"v":3,"type":"progress","id":1,"done":-5,"total":2})") << "negative";
    QTest::newRow("result not object") << QByteArray(R"({"v":3,"type":"result","id":1,"frames":3,"result":7})") << "\"result\"";
    QTest::newRow("negative frames") << QByteArray(R"({"v":3,"type":"result","id":1,"frames":-3,"result":{}})") << "negative";
    QTest::newRow("bad base64") << QByteArray(R"({"v":3,"type":"thumbnail","id":1,"jpeg":"!!!"})") << "base64";
    QTest::newRow("analysis not a string")
        << QByteArray(R"({"v":3,"type":"task","id":1,"analysis":7,"kind":"video","path":"/a"})") << "\"analysis\"";
    QTest::newRow("merge states not objects")
        << QByteArray(R"({"v":3,"type":"task","id":1,"analysis":"palette","kind":"video","path":"/a","merge":[1]})") << "merge";
    QTest::newRow("images not strings")
        << QByteArray(R"({"v":3,"type":"task","id":1,"analysis":"palette","kind":"images","path":"/a","images":[1]})")
        << "array of strings";
    QTest::newRow("narrow to a negative frame") << QByteArray(R"({"v":3,"type":"narrow","id":1,"end":-1})") << "negative";
    QTest::newRow("narrowed below -1") << QByteArray(R"({"v":3,"type":"narrowed","id":1,"end":-2})") << "-1";
    QTest::newRow("narrow without an end") << QByteArray(R"({"v":3,"type":"narrow","id":1})") << "\"end\"";
    QTest::newRow("truncated") << QByteArray(R"({"v":3,"type":"progress","id":1,"do)") << "not JSON";
}

void TestProtocol::rejectsMalformed()
{
    QFETCH(QByteArray, line);
    QFETCH(QString, reasonContains);
    const Decoded decoded = decode(line);
    QVERIFY(!decoded.message.has_value());
    QVERIFY2(decoded.error.contains(reasonContains), qPrintable(decoded.error));
}

// A seeded random-mutation fuzz of the parser: flipped, inserted and deleted bytes of valid
// messages must never crash or hang it, and whatever it accepts must re-encode.
void TestProtocol::randomMutationsNeverCrash()
{
    QList<QByteArray> seeds;
    Task task;
    task.id = 3;
    task.images = {QStringLiteral("/a.png"), QStringLiteral("/b.png")};
    seeds << encode(task) << encode(Progress{1, 2, 3}) << encode(Result{1, 2, QJsonObject{{QStringLiteral("a"), 1}}, {}, {}, {}, {}})
          << encode(Probe{1, 10, 2, 2, 25.0, {0, 5}, QString()})
          << encode(Error{1, 2, QStringLiteral("x")}) << encode(Thumbnail{1, 2, QByteArray("jpeg")})
          << encode(Hello{Version, 1, QStringLiteral("h"), 1, QString()});
    quint32 state = 12345;
    const auto next = [&state] { state = state * 1664525u + 1013904223u; return state >> 8; };
    int accepted = 0;
    const int iterations = qEnvironmentVariableIntValue("FRAMEPOOL_FUZZ_ITERATIONS") > 0
        ? qEnvironmentVariableIntValue("FRAMEPOOL_FUZZ_ITERATIONS") : 20000;
    for (int i = 0; i < iterations; ++i) {
        QByteArray line = seeds.at(int(next() % seeds.size()));
        const int mutations = 1 + int(next() % 4);
        for (int m = 0; m < mutations && !line.isEmpty(); ++m) {
            const int at = int(next() % line.size());
            switch (next() % 3) {
            case 0: line[at] = char(next() & 0xff); break;
            case 1: line.insert(at, char(next() & 0xff)); break;
            default: line.remove(at, 1); break;
            }
        }
        const Decoded decoded = decode(line);
        if (decoded.message) {
            ++accepted;
            QVERIFY(decode(encode(*decoded.message)).message.has_value());
        } else {
            QVERIFY(!decoded.error.isEmpty());
        }
    }
    QVERIFY(accepted < iterations); // the mutations did produce invalid lines
}

QTEST_GUILESS_MAIN(TestProtocol)
#include "tst_protocol.moc"
