// Users' Python analyses end to end: framepool-cli -a my.py through the engine and real workers.
// (tst_python tests the PythonAnalysis class in this process; this checks what a user sees.)

#include "testmedia.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <opencv2/core.hpp>

namespace {

// Frames of this colour (BGR) make the scripts of the error tests misbehave; no other item has
// a frame of one colour.
constexpr int kTriggerB = 7, kTriggerG = 77, kTriggerR = 177;

// The same per-frame value the scripts compute, by OpenCV's own Python bindings.
const char kReferenceFrameMeans[] = R"PY(
import cv2, json, os, sys
path = sys.argv[1]
values = []
if os.path.isdir(path):
    for name in sorted(os.listdir(path)):
        values.append(float(cv2.imread(os.path.join(path, name), cv2.IMREAD_COLOR).mean()))
else:
    video = cv2.VideoCapture(path)
    ok, frame = video.read()
    while ok:
        values.append(float(frame.mean()))
        ok, frame = video.read()
print(json.dumps(values))
)PY";

const QByteArray kFrameMean = "def analyze_frame(frame):\n    return float(frame.mean())\n";
// The same values, about 1 s over the long clip: the engine splits a video only where a second
// worker taking over its rest ends the run sooner (work stealing), which a clip this small
// decoded at full speed never does.
const QByteArray kSlowFrameMean = "import time\n\ndef analyze_frame(frame):\n    time.sleep(0.004)\n    return float(frame.mean())\n";

QString example(const char *name)
{
    return QStringLiteral(FRAMEPOOL_SOURCE_DIR "/examples/analyses/") + QLatin1String(name);
}

} // namespace

class TestUserAnalysis : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void failureStaysWithItsItem_data();
    void failureStaysWithItsItem();
    void badScriptRefusedBeforeAnyWork_data();
    void badScriptRefusedBeforeAnyWork();
    void missingPythonModuleRefusedBeforeAnyWork();
    void frameValuesEqualOpenCvsPython_data();
    void frameValuesEqualOpenCvsPython();
    void reduceRunsOnceOverAllValuesInOrder();
    void paramsReachSetupAsStrings();
    void analyzeFileGetsAbsolutePaths();
    void mostPopularColorEqualsBuiltIn();
    void meanHueOfGreenIsSixty();
    void edgeDensityOfSolidClipIsZero();

private:
    using Run = testmedia::CliRun;
    QString writeScript(const QString &name, const QByteArray &source);
    static QJsonObject itemLine(const Run &r, const QString &path);
    static QJsonArray referenceFrameMeans(const QString &path);
    static int tasksOfItem(const QString &reportPath, int item);

    QTemporaryDir m_dir;
    QString m_trigger, m_clip, m_longClip, m_green, m_images, m_colours;
};

void TestUserAnalysis::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_trigger = m_dir.filePath(QStringLiteral("trigger.mkv"));
    m_clip = m_dir.filePath(QStringLiteral("clip.mkv"));
    m_longClip = m_dir.filePath(QStringLiteral("long.mkv"));
    m_green = m_dir.filePath(QStringLiteral("green.mkv"));
    m_images = m_dir.filePath(QStringLiteral("images"));
    m_colours = m_dir.filePath(QStringLiteral("colours"));
    QVERIFY(testmedia::writeVideo(m_trigger, 10, 32, 24, testmedia::solid(kTriggerB, kTriggerG, kTriggerR)));
    QVERIFY(testmedia::writeVideo(m_clip, 20, 32, 24, testmedia::noise(1)));
    // Long enough (several keyframes, more than two minimum pieces) for the engine to cut it.
    QVERIFY(testmedia::writeVideo(m_longClip, 240, 32, 24, testmedia::noise(2)));
    QVERIFY(testmedia::writeVideo(m_green, 12, 32, 24, testmedia::solid(0, 255, 0)));
    QCOMPARE(testmedia::writeImages(m_images, 8, 32, 24, testmedia::noise(3)).size(), 8);
    // One colour per image, and one image of two colours (three quarters of it the second).
    const QList<cv::Scalar> colours{{0, 0, 255}, {0, 255, 0}, {255, 0, 0}, {40, 120, 200}};
    const auto paint = [&colours](int i, cv::Mat &bgr) {
        bgr.setTo(colours[i % colours.size()]);
        if (i == colours.size())
            bgr.colRange(0, bgr.cols / 4).setTo(cv::Scalar(10, 20, 30));
    };
    QCOMPARE(testmedia::writeImages(m_colours, 5, 32, 24, paint).size(), 5);
}

QString TestUserAnalysis::writeScript(const QString &name, const QByteArray &source)
{
    const QString path = m_dir.filePath(QStringLiteral("scripts/") + name);
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(source) != source.size())
        return {};
    return path;
}

QJsonObject TestUserAnalysis::itemLine(const Run &r, const QString &path)
{
    for (const QJsonObject &line : r.lines) {
        if (line.value(QLatin1String("path")).toString() == path)
            return line;
    }
    return {};
}

QJsonArray TestUserAnalysis::referenceFrameMeans(const QString &path)
{
    QProcess python;
    python.start(QStringLiteral("/usr/bin/python3"), {QStringLiteral("-c"), QString::fromUtf8(kReferenceFrameMeans), path});
    if (!python.waitForFinished(60000) || python.exitCode() != 0) {
        qWarning("reference failed: %s", python.readAllStandardError().constData());
        return {};
    }
    return QJsonDocument::fromJson(python.readAllStandardOutput()).array();
}

// Tasks that analysed frames of `item` (not probes), from a JSON timing report.
int TestUserAnalysis::tasksOfItem(const QString &reportPath, int item)
{
    QFile file(reportPath);
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    const QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
    const QJsonObject runObject = root.value(QLatin1String("parallel")).isObject() ? root.value(QLatin1String("parallel")).toObject()
                                                                               : root.value(QLatin1String("serial")).toObject();
    int count = 0;
    for (const QJsonValue &task : runObject.value(QLatin1String("tasks")).toArray())
        count += task[QLatin1String("item")].toInt() == item && task[QLatin1String("frames")].toInt() > 0;
    return count;
}

void TestUserAnalysis::failureStaysWithItsItem_data()
{
    // `onTrigger` is line 4 of the script; its return value is the trigger frame's value.
    QTest::addColumn<QByteArray>("onTrigger");
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<QString>("error"); // a regular expression; empty: the item succeeds
    QTest::addColumn<QString>("retried"); // what the CLI says on stderr when it retries the item

    QTest::newRow("exception") << QByteArray("raise ValueError('trigger frame')") << QStringList{}
                               << R"(^ValueError: trigger frame \(script\.py line 4\)$)" << QString();
    QTest::newRow("numpy array returned") << QByteArray("return frame") << QStringList{}
                                          << R"(^analyze_frame returned a numpy\.ndarray, which is not JSON: return a number, a str, a list \(\.tolist\(\)\) or a dict$)"
                                          << QString();
    QTest::newRow("hang") << QByteArray("time.sleep(1000)") << QStringList{"--hang-timeout", "3", "--retries", "0"}
                          << "^worker hung: no progress for 3 s$" << QString();
    QTest::newRow("os._exit") << QByteArray("os._exit(3)") << QStringList{} << R"(^worker exited with code 3 \(after 2 attempts\)$)"
                             << "worker exited with code 3";
    QTest::newRow("SIGKILL") << QByteArray("os.kill(os.getpid(), 9)") << QStringList{}
                            << R"(^worker killed by signal 9 \(SIGKILL\) \(after 2 attempts\)$)" << "worker killed by signal 9";
    // Python's allocator meets the limit first and raises MemoryError, which names the line.
    QTest::newRow("huge allocation") << QByteArray("x = bytearray(10**10)") << QStringList{"--memory-limit-mb", "512"}
                                     << R"(^MemoryError \(script\.py line 4\)$)" << QString();
    QTest::newRow("growing list") << QByteArray("x = [bytearray(10**6) for _ in range(10**6)]") << QStringList{"--memory-limit-mb", "512"}
                                  << R"(^MemoryError \(script\.py line 4\)$)" << QString();
    QTest::newRow("print") << QByteArray("print('the trigger frame', frame.shape); return 1.5") << QStringList{} << QString() << QString();
}

void TestUserAnalysis::failureStaysWithItsItem()
{
    QFETCH(QByteArray, onTrigger);
    QFETCH(QStringList, options);
    QFETCH(QString, error);
    QFETCH(QString, retried);
    const QByteArray source = "import os, sys, time\n\ndef on_trigger(frame):\n    " + onTrigger + "\n\n"
                              "def analyze_frame(frame):\n"
                              "    if (frame == (" + QByteArray::number(kTriggerB) + ", " + QByteArray::number(kTriggerG) + ", "
                              + QByteArray::number(kTriggerR) + ")).all():\n"
                              "        return on_trigger(frame)\n"
                              "    return float(frame.mean())\n";
    const QString script = writeScript(QStringLiteral("%1/script.py").arg(QString::fromLatin1(QTest::currentDataTag()).replace(QLatin1Char(' '), QLatin1Char('_'))), source);
    QVERIFY(!script.isEmpty());

    const Run r = testmedia::runCli(QStringList{QStringLiteral("--json"), QStringLiteral("-j"), QStringLiteral("2"), QStringLiteral("-a"), script}
                      + options + QStringList{m_clip, m_trigger, m_images});
    QVERIFY2(r.exitCode >= 0, "the run did not end");
    QCOMPARE(r.exitCode, error.isEmpty() ? 0 : 1);
    QCOMPARE(r.lines.size(), 4); // three items, then the summary
    QVERIFY2(r.lines[3].contains(QLatin1String("summary")), r.stderrText.constData());

    const QJsonObject trigger = itemLine(r, m_trigger);
    if (error.isEmpty()) {
        QCOMPARE(trigger[QLatin1String("status")].toString(), QStringLiteral("ok"));
        QCOMPARE(trigger[QLatin1String("frames")].toInt(), 10);
        const QJsonArray values = trigger[QLatin1String("result")][QLatin1String("values")].toArray();
        QCOMPARE(values.size(), 10);
        QCOMPARE(values.first().toDouble(), 1.5);
    } else {
        QCOMPARE(trigger[QLatin1String("status")].toString(), QStringLiteral("failed"));
        const QString reason = trigger[QLatin1String("error")].toString();
        QVERIFY2(QRegularExpression(error).match(reason).hasMatch(), qPrintable(reason));
    }
    if (!retried.isEmpty()) {
        const QString line = QStringLiteral("retrying %1: %2").arg(m_trigger, retried);
        QVERIFY2(QString::fromUtf8(r.stderrText).contains(line), r.stderrText.constData());
    }
    // The other items are untouched by it.
    for (const auto &[path, frames] : {std::pair{m_clip, 20}, std::pair{m_images, 8}}) {
        const QJsonObject item = itemLine(r, path);
        QVERIFY2(item[QLatin1String("status")].toString() == QLatin1String("ok"), qPrintable(item[QLatin1String("error")].toString()));
        QCOMPARE(item[QLatin1String("frames")].toInt(), frames);
        QCOMPARE(item[QLatin1String("result")][QLatin1String("values")].toArray().size(), frames);
    }
    QCOMPARE(r.lines[3][QLatin1String("summary")][QLatin1String("failed")].toInt(), error.isEmpty() ? 0 : 1);
}

void TestUserAnalysis::badScriptRefusedBeforeAnyWork_data()
{
    QTest::addColumn<QString>("file"); // empty: a path that does not exist
    QTest::addColumn<QByteArray>("source");
    QTest::addColumn<QString>("message");
    QTest::newRow("syntax error") << "syntax.py" << QByteArray("x = 1\ndef analyze_frame(frame)\n    return 0\n")
                                  << "syntax.py line 2: SyntaxError";
    QTest::newRow("neither function") << "neither.py" << QByteArray("def analyse_frame(frame):\n    return 0\n")
                                      << "neither.py defines neither analyze_frame(frame) nor analyze_file(path)";
    QTest::newRow("missing module") << "imports.py" << QByteArray("import os\nimport no_such_module_for_framepool\n")
                                    << "imports.py line 2: ModuleNotFoundError: No module named 'no_such_module_for_framepool'";
    QTest::newRow("no such file") << QString() << QByteArray() << "no analysis script at ";
}

void TestUserAnalysis::badScriptRefusedBeforeAnyWork()
{
    QFETCH(QString, file);
    QFETCH(QByteArray, source);
    QFETCH(QString, message);
    const QString script = file.isEmpty() ? m_dir.filePath(QStringLiteral("absent.py")) : writeScript(file, source);
    QVERIFY(!script.isEmpty());
    const Run r = testmedia::runCli({QStringLiteral("--json"), QStringLiteral("-a"), script, m_clip});
    QCOMPARE(r.exitCode, 2);
    const QString messages = QString::fromUtf8(r.stderrText);
    QVERIFY2(messages.contains(message), r.stderrText.constData());
    if (file.isEmpty())
        QVERIFY2(messages.contains(script), r.stderrText.constData());
    QVERIFY2(!messages.contains(QLatin1String("run:")), r.stderrText.constData());
    QVERIFY(r.lines.isEmpty());
}

// The worker loads Python for the first script: without that module (a broken install) a
// script is refused as a bad one is, saying what is missing.
void TestUserAnalysis::missingPythonModuleRefusedBeforeAnyWork()
{
    QTemporaryDir install;
    QVERIFY(install.isValid());
    const QString worker = testmedia::workerWithoutModules(install.path());
    QVERIFY(!worker.isEmpty());
    const QString script = writeScript(QStringLiteral("fine.py"), QByteArray("def analyze_frame(frame):\n    return 0\n"));
    qputenv("FRAMEPOOL_WORKER", QFile::encodeName(worker));
    // The CLI keeps what this worker offers in a cache of its own, not the user's.
    qputenv("XDG_CACHE_HOME", QFile::encodeName(install.filePath(QStringLiteral("cache"))));
    const Run r = testmedia::runCli({QStringLiteral("--json"), QStringLiteral("-a"), script, m_clip});
    qunsetenv("FRAMEPOOL_WORKER");
    qunsetenv("XDG_CACHE_HOME");
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(QString::fromUtf8(r.stderrText).contains(QStringLiteral("fine.py cannot be used: cannot load FramePool's module python: ")),
             r.stderrText.constData());
    QVERIFY(r.lines.isEmpty());
}

void TestUserAnalysis::frameValuesEqualOpenCvsPython_data()
{
    QTest::addColumn<QString>("media"); // a member's name
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<int>("minTasks");
    QTest::newRow("video, serial") << "clip" << QStringList{"--serial"} << 1;
    QTest::newRow("video, split") << "long" << QStringList{"-j", "2"} << 2;
    QTest::newRow("images, serial") << "images" << QStringList{"--serial"} << 1;
    QTest::newRow("images, split") << "images" << QStringList{"-j", "2", "--chunk-size", "3"} << 2;
}

void TestUserAnalysis::frameValuesEqualOpenCvsPython()
{
    QFETCH(QString, media);
    QFETCH(QStringList, options);
    QFETCH(int, minTasks);
    const QString path = media == QLatin1String("clip") ? m_clip : media == QLatin1String("long") ? m_longClip : m_images;
    const QString script = writeScript(QStringLiteral("frame_mean.py"), media == QLatin1String("long") ? kSlowFrameMean : kFrameMean);
    const QString report = m_dir.filePath(QStringLiteral("values-report.json"));
    const Run r = testmedia::runCli(QStringList{QStringLiteral("--json"), QStringLiteral("-a"), script, QStringLiteral("-o"), report} + options
                      + QStringList{path});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.lines.size(), 2);
    const int tasks = tasksOfItem(report, 0);
    QVERIFY2(tasks >= minTasks, qPrintable(QStringLiteral("%1 tasks").arg(tasks)));
    if (options.contains(QLatin1String("--serial")))
        QCOMPARE(tasks, 1);

    const QJsonArray expected = referenceFrameMeans(path);
    QVERIFY(!expected.isEmpty());
    const QJsonObject item = r.lines[0];
    QCOMPARE(item[QLatin1String("frames")].toInt(), expected.size());
    QCOMPARE(item[QLatin1String("result")].toObject(), (QJsonObject{{QStringLiteral("values"), expected}}));
}

void TestUserAnalysis::reduceRunsOnceOverAllValuesInOrder()
{
    // reduce() sees the whole item once: values[200] lies beyond any piece of the split clip
    // (reduced on its own, a piece would fail the item), and `calls` counts the reduce() calls
    // in the worker that merges, which has analysed a piece too.
    const QString script = writeScript(QStringLiteral("reduced.py"), kSlowFrameMean + R"PY(
calls = 0

def reduce(values):
    global calls
    calls += 1
    return {"n": len(values), "first": values[0], "last": values[-1], "frame200": values[200],
            "values": values, "calls": calls}
)PY");
    const QString report = m_dir.filePath(QStringLiteral("reduce-report.json"));
    const Run r = testmedia::runCli({QStringLiteral("--json"), QStringLiteral("-j"), QStringLiteral("2"), QStringLiteral("-o"), report,
                       QStringLiteral("-a"), script, m_longClip});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.lines.size(), 2);
    QVERIFY(tasksOfItem(report, 0) >= 2);
    const QJsonArray expected = referenceFrameMeans(m_longClip);
    QCOMPARE(expected.size(), 240);
    const QJsonObject result = r.lines[0][QLatin1String("result")].toObject();
    QCOMPARE(result[QLatin1String("n")].toInt(), 240);
    QCOMPARE(result[QLatin1String("first")].toDouble(), expected.first().toDouble());
    QCOMPARE(result[QLatin1String("last")].toDouble(), expected.last().toDouble());
    QCOMPARE(result[QLatin1String("frame200")].toDouble(), expected[200].toDouble());
    QCOMPARE(result[QLatin1String("values")].toArray(), expected);
    QCOMPARE(result[QLatin1String("calls")].toInt(), 1);
}

void TestUserAnalysis::paramsReachSetupAsStrings()
{
    const QString script = writeScript(QStringLiteral("params.py"), R"PY(
received = {}

def setup(params):
    received.update(params)

def analyze_frame(frame):
    return 0

def reduce(values):
    return {"params": received, "types": sorted({type(v).__name__ for v in received.values()})}
)PY");
    const Run r = testmedia::runCli({QStringLiteral("--json"), QStringLiteral("-a"), script, QStringLiteral("--param"), QStringLiteral("k=v"),
                       QStringLiteral("--param"), QStringLiteral("threshold=0.5"), QStringLiteral("--param"), QStringLiteral("n=3"), m_clip});
    QCOMPARE(r.exitCode, 0);
    const QJsonObject result = r.lines.value(0)[QLatin1String("result")].toObject();
    QCOMPARE(result[QLatin1String("params")].toObject(),
             (QJsonObject{{QStringLiteral("k"), QStringLiteral("v")}, {QStringLiteral("threshold"), QStringLiteral("0.5")},
                          {QStringLiteral("n"), QStringLiteral("3")}}));
    QCOMPARE(result[QLatin1String("types")].toArray(), (QJsonArray{QStringLiteral("str")}));
}

void TestUserAnalysis::analyzeFileGetsAbsolutePaths()
{
    const QString script = writeScript(QStringLiteral("paths.py"), R"PY(
import os

def analyze_file(path):
    return {"path": path, "absolute": os.path.isabs(path)}
)PY");
    // Relative paths on the command line, from the media's folder.
    const Run r = testmedia::runCli({QStringLiteral("--json"), QStringLiteral("-j"), QStringLiteral("2"), QStringLiteral("--order"),
                       QStringLiteral("input"), QStringLiteral("-a"), script, QStringLiteral("clip.mkv"), QStringLiteral("images")},
                      m_dir.path());
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.lines.size(), 3);

    const QJsonArray videoValues = r.lines[0][QLatin1String("result")][QLatin1String("values")].toArray();
    QCOMPARE(videoValues.size(), 1);
    QCOMPARE(videoValues[0].toObject(),
             (QJsonObject{{QStringLiteral("path"), QDir(m_dir.path()).absoluteFilePath(QStringLiteral("clip.mkv"))},
                          {QStringLiteral("absolute"), true}}));

    const QJsonArray imageValues = r.lines[1][QLatin1String("result")][QLatin1String("values")].toArray();
    QCOMPARE(imageValues.size(), 8);
    QCOMPARE(r.lines[1][QLatin1String("frames")].toInt(), 8);
    for (int i = 0; i < imageValues.size(); ++i) {
        QCOMPARE(imageValues[i].toObject(),
                 (QJsonObject{{QStringLiteral("path"), QDir(m_images).absoluteFilePath(QStringLiteral("img_%1.png").arg(i, 3, 10, QLatin1Char('0')))},
                              {QStringLiteral("absolute"), true}}));
    }
}

void TestUserAnalysis::mostPopularColorEqualsBuiltIn()
{
    const Run script = testmedia::runCli({QStringLiteral("--json"), QStringLiteral("-j"), QStringLiteral("2"), QStringLiteral("-a"),
                            example("most_popular_color.py"), m_colours});
    QCOMPARE(script.exitCode, 0);
    const QJsonArray values = script.lines.value(0)[QLatin1String("result")][QLatin1String("values")].toArray();
    const QStringList images = QDir(m_colours).entryList(QDir::Files, QDir::Name);
    QCOMPARE(values.size(), images.size());

    QStringList imagePaths;
    for (const QString &name : images)
        imagePaths << QDir(m_colours).absoluteFilePath(name);
    const Run builtIn = testmedia::runCli(QStringList{QStringLiteral("--json"), QStringLiteral("--order"), QStringLiteral("input"), QStringLiteral("-j"),
                                        QStringLiteral("2"), QStringLiteral("-a"), QStringLiteral("dominant-color")} + imagePaths);
    QCOMPARE(builtIn.exitCode, 0);
    QCOMPARE(builtIn.lines.size(), images.size() + 1);
    for (int i = 0; i < images.size(); ++i) {
        const QJsonObject mine = values[i].toObject();
        const QJsonObject theirs = builtIn.lines[i][QLatin1String("result")].toObject();
        QCOMPARE(mine[QLatin1String("hex")].toString(), theirs[QLatin1String("hex")].toString());
        QCOMPARE(mine[QLatin1String("rgb")].toArray(), theirs[QLatin1String("rgb")].toArray());
        QCOMPARE(mine[QLatin1String("percent")].toDouble(), theirs[QLatin1String("percent")].toDouble());
    }
    // The known answers: solid red, then the two-colour image's larger part.
    QCOMPARE(values[0][QLatin1String("hex")].toString(), QStringLiteral("#ff0000"));
    QCOMPARE(values[0][QLatin1String("percent")].toDouble(), 100.0);
    QCOMPARE(values[4][QLatin1String("hex")].toString(), QStringLiteral("#ff0000"));
    QCOMPARE(values[4][QLatin1String("percent")].toDouble(), 75.0);
}

void TestUserAnalysis::meanHueOfGreenIsSixty()
{
    const Run r = testmedia::runCli({QStringLiteral("--json"), QStringLiteral("-a"), example("mean_hue.py"), m_green});
    QCOMPARE(r.exitCode, 0);
    const QJsonObject result = r.lines.value(0)[QLatin1String("result")].toObject();
    QCOMPARE(result, (QJsonObject{{QStringLiteral("mean"), 60.0}, {QStringLiteral("min"), 60.0}, {QStringLiteral("max"), 60.0},
                                  {QStringLiteral("frames"), 12}}));
}

void TestUserAnalysis::edgeDensityOfSolidClipIsZero()
{
    // A noise clip has edges, so the example is seen to measure something.
    const Run r = testmedia::runCli({QStringLiteral("--json"), QStringLiteral("--order"), QStringLiteral("input"), QStringLiteral("-a"),
                       example("edge_density.py"), m_green, m_clip});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.lines.size(), 3);
    QCOMPARE(r.lines[0][QLatin1String("result")].toObject(),
             (QJsonObject{{QStringLiteral("mean"), 0.0}, {QStringLiteral("max"), 0.0}, {QStringLiteral("frames"), 12}}));
    const QJsonObject noisy = r.lines[1][QLatin1String("result")].toObject();
    QCOMPARE(noisy[QLatin1String("frames")].toInt(), 20);
    QVERIFY(noisy[QLatin1String("mean")].toDouble() > 0.05);
}

QTEST_GUILESS_MAIN(TestUserAnalysis)
#include "tst_useranalysis.moc"
