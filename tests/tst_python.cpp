// User analyses in Python: the embedded interpreter sees the frames OpenCV's own Python decoding
// gives, calls the script's functions as the contract says, and turns every kind of mistake in
// a script into a specific message.

#include "analysis.h"
#include "pythonanalysis.h"
#include "testmedia.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>

#include <cstdio>

#include <csignal>

#include <fcntl.h>
#include <unistd.h>

using fp::PythonAnalysis;

namespace {

// Distinct from the machine's core count and from 1, so that a match is no accident.
using Params = QMap<QString, QString>;

constexpr int kThreads = 3;
const QString kSampleData = QStringLiteral("/usr/share/doc/opencv-doc/examples/data/");
const QString kDebianPython = QStringLiteral("/usr/bin/python3");

// What the script saw of each frame: enough to tell any difference in pixels, shape or type.
const char *const kFrameFingerprint = R"PY(
import hashlib

def analyze_frame(frame):
    return {"shape": list(frame.shape), "dtype": str(frame.dtype),
            "contiguous": bool(frame.flags.c_contiguous), "writeable": bool(frame.flags.writeable),
            "sha1": hashlib.sha1(frame.tobytes()).hexdigest(), "mean": float(frame.mean())}
)PY";

// Keeps a view of each frame past the call: the next frame must not change it.
const char *const kKeepsPreviousFrame = R"PY(
import hashlib

previous = None

def analyze_frame(frame):
    global previous
    kept = None if previous is None else hashlib.sha1(previous.tobytes()).hexdigest()
    previous = frame[::2]
    return [hashlib.sha1(frame.tobytes()).hexdigest(), kept]
)PY";

// Runs a script's analyze_frame in Debian's own Python over cv2's decoding: the reference.
const char *const kReferenceRunner = R"PY(
import importlib.util, json, sys
import cv2

spec = importlib.util.spec_from_file_location("user_analysis", sys.argv[1])
script = importlib.util.module_from_spec(spec)
spec.loader.exec_module(script)
values = []
if sys.argv[2] == "video":
    video = cv2.VideoCapture(sys.argv[3])
    ok, frame = video.read()
    while ok:
        values.append(script.analyze_frame(frame))
        ok, frame = video.read()
else:
    for path in sys.argv[3:]:
        values.append(script.analyze_frame(cv2.imread(path, cv2.IMREAD_COLOR)))
print(json.dumps(values))
)PY";

QString examplePath(const QString &name)
{
    return QStringLiteral(FRAMEPOOL_SOURCE_DIR "/examples/analyses/") + name;
}

void paintColumns(cv::Mat &bgr, const std::vector<std::pair<double, cv::Scalar>> &columns)
{
    // Each column: the fraction of the width it takes, and its colour.
    int x = 0;
    for (const auto &[fraction, color] : columns) {
        const int width = int(fraction * bgr.cols + 0.5);
        bgr(cv::Rect(x, 0, std::min(width, bgr.cols - x), bgr.rows)).setTo(color);
        x += width;
    }
}

// Captures what this process writes to a file descriptor while it lives.
class DescriptorCapture
{
public:
    DescriptorCapture(int fd, const QString &file) : m_fd(fd), m_file(file)
    {
        std::fflush(nullptr);
        m_saved = ::dup(fd);
        QFile(file).open(QIODevice::WriteOnly); // created empty
        const int target = ::open(file.toLocal8Bit().constData(), O_WRONLY);
        ::dup2(target, fd);
        ::close(target);
    }
    ~DescriptorCapture() { restore(); }
    QByteArray restore()
    {
        if (m_saved >= 0) {
            std::fflush(nullptr);
            ::dup2(m_saved, m_fd);
            ::close(m_saved);
            m_saved = -1;
        }
        QFile file(m_file);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

private:
    int m_fd;
    QString m_file;
    int m_saved = -1;
};

} // namespace

class TestPython : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    bool m_ompPresetByCaller = false;
    // Signal dispositions before the interpreter started: Python must leave them alone.
    static constexpr int kWatchedSignals[] = {SIGINT, SIGTERM, SIGPIPE, SIGXFSZ};
    std::vector<sighandler_t> m_handlersBefore;

    static std::vector<sighandler_t> currentHandlers()
    {
        std::vector<sighandler_t> handlers;
        for (int signal : kWatchedSignals) {
            struct sigaction action {};
            ::sigaction(signal, nullptr, &action);
            handlers.push_back(action.sa_handler);
        }
        return handlers;
    }

    QString writeScript(const QString &name, const QByteArray &source)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(source) != source.size())
            return {};
        return path;
    }

    static std::unique_ptr<PythonAnalysis> load(const QString &path, const QMap<QString, QString> &params = {})
    {
        QString error;
        auto analysis = PythonAnalysis::load(path, params, kThreads, &error);
        if (!analysis)
            qWarning().noquote() << "load failed:" << error;
        return analysis;
    }

    // The values of analyze_frame over what the worker decodes: a video as framepool-worker
    // reads it (FFmpeg backend, read() until it fails), images with imread(IMREAD_COLOR).
    static QJsonArray valuesInWorker(PythonAnalysis &analysis, const QString &kind, const QStringList &paths)
    {
        QJsonArray values;
        const auto add = [&](cv::Mat &frame) {
            const PythonAnalysis::Outcome out = analysis.analyzeFrame(frame);
            values.append(out.ok() ? out.value : QJsonValue(out.error));
        };
        if (kind == QLatin1String("video")) {
            cv::VideoCapture capture;
            capture.open(paths.first().toStdString(), cv::CAP_FFMPEG);
            cv::Mat frame;
            while (capture.read(frame) && !frame.empty())
                add(frame);
        } else {
            for (const QString &path : paths) {
                cv::Mat image = cv::imread(path.toStdString(), cv::IMREAD_COLOR);
                add(image);
            }
        }
        return values;
    }

    QJsonArray valuesInDebianPython(const QString &script, const QString &kind, const QStringList &paths)
    {
        const QString runner = writeScript(QStringLiteral("reference_runner.py"), kReferenceRunner);
        QProcess python;
        python.start(kDebianPython, QStringList{runner, script, kind} + paths);
        if (!python.waitForFinished(300000) || python.exitCode() != 0) {
            qWarning().noquote() << python.readAllStandardError();
            return {};
        }
        return QJsonDocument::fromJson(python.readAllStandardOutput()).array();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_ompPresetByCaller = qEnvironmentVariableIsSet("OMP_NUM_THREADS");
        cv::setNumThreads(kThreads); // as framepool-worker does with its budget
        m_handlersBefore = currentHandlers();
    }

    void framesEqualOpenCvsPython_data()
    {
        QTest::addColumn<QByteArray>("script");
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QStringList>("paths");
        QTest::addColumn<bool>("sample"); // from opencv-doc, which may be missing

        const QString clip = m_dir.filePath(QStringLiteral("noise.mkv"));
        QVERIFY(testmedia::writeVideo(clip, 12, 96, 64, testmedia::noise(7)));
        const QStringList images = testmedia::writeImages(m_dir.filePath(QStringLiteral("noise-images")), 3, 80, 50,
                                                          testmedia::noise(11));
        QStringList samples;
        for (const char *name : {"baboon.jpg", "fruits.jpg", "gradient.png"})
            samples << kSampleData + QLatin1String(name);
        const QString vtest = kSampleData + QStringLiteral("vtest.avi");

        QTest::newRow("generated clip") << QByteArray(kFrameFingerprint) << "video" << QStringList{clip} << false;
        QTest::newRow("vtest.avi") << QByteArray(kFrameFingerprint) << "video" << QStringList{vtest} << true;
        QTest::newRow("generated images") << QByteArray(kFrameFingerprint) << "images" << images << false;
        QTest::newRow("sample images") << QByteArray(kFrameFingerprint) << "images" << samples << true;
        QTest::newRow("script keeps frames, video") << QByteArray(kKeepsPreviousFrame) << "video" << QStringList{vtest} << true;
        QTest::newRow("script keeps frames, clip") << QByteArray(kKeepsPreviousFrame) << "video" << QStringList{clip} << false;
    }

    void framesEqualOpenCvsPython()
    {
        QFETCH(QByteArray, script);
        QFETCH(QString, kind);
        QFETCH(QStringList, paths);
        QFETCH(bool, sample);
        for (const QString &path : paths) {
            if (sample && !QFile::exists(path))
                QSKIP(qPrintable(QStringLiteral("%1 is missing: install opencv-doc").arg(path)));
        }
        const QString scriptPath = writeScript(QStringLiteral("fingerprint.py"), script);
        const auto analysis = load(scriptPath);
        QVERIFY(analysis);
        QVERIFY(analysis->perFrame());
        const QJsonArray ours = valuesInWorker(*analysis, kind, paths);
        const QJsonArray reference = valuesInDebianPython(scriptPath, kind, paths);
        QVERIFY(!reference.isEmpty());
        QCOMPARE(ours.size(), reference.size());
        for (qsizetype i = 0; i < ours.size(); ++i)
            QVERIFY2(ours[i] == reference[i], qPrintable(QStringLiteral("frame %1: %2 here, %3 in Python")
                                                            .arg(i)
                                                            .arg(QString::fromUtf8(QJsonDocument(QJsonArray{ours[i]}).toJson()),
                                                                 QString::fromUtf8(QJsonDocument(QJsonArray{reference[i]}).toJson()))));
    }

    void analyzeFileGetsTheAbsolutePath()
    {
        const QString path = writeScript(QStringLiteral("by_file.py"), R"PY(
import os

def analyze_file(path):
    return {"absolute": os.path.isabs(path), "bytes": os.path.getsize(path), "name": __name__}

if __name__ == "__main__":
    raise SystemExit("a module, not the main program")
)PY");
        const auto analysis = load(path);
        QVERIFY(analysis);
        QVERIFY(!analysis->perFrame());
        QCOMPARE(analysis->scriptName(), QStringLiteral("by_file.py"));
        const QString image = testmedia::writeImages(m_dir.filePath(QStringLiteral("one")), 1, 20, 10, testmedia::solid(1, 2, 3)).first();
        const PythonAnalysis::Outcome out = analysis->analyzeFile(QFileInfo(image).absoluteFilePath());
        QVERIFY2(out.ok(), qPrintable(out.error));
        QCOMPARE(out.value, QJsonValue(QJsonObject{{"absolute", true}, {"bytes", QFileInfo(image).size()}, {"name", "by_file"}}));
    }

    void analyzeFrameWinsOverAnalyzeFile()
    {
        const auto analysis = load(writeScript(QStringLiteral("both.py"),
                                               "def analyze_frame(frame):\n    return 1\n\ndef analyze_file(path):\n    return 2\n"));
        QVERIFY(analysis);
        QVERIFY(analysis->perFrame());
    }

    void setupReceivesParams()
    {
        const auto analysis = load(writeScript(QStringLiteral("with_setup.py"), R"PY(
seen = None

def setup(params):
    global seen
    seen = params

def analyze_frame(frame):
    return {"params": seen, "type": type(seen).__name__}
)PY"), {{"threshold", "0.5"}, {"name", "ünïcode"}});
        QVERIFY(analysis);
        cv::Mat frame(4, 4, CV_8UC3, cv::Scalar::all(0));
        const PythonAnalysis::Outcome out = analysis->analyzeFrame(frame);
        QVERIFY2(out.ok(), qPrintable(out.error));
        QCOMPARE(out.value, QJsonValue(QJsonObject{{"params", QJsonObject{{"threshold", "0.5"}, {"name", "ünïcode"}}}, {"type", "dict"}}));
    }

    void reduce_data()
    {
        QTest::addColumn<QByteArray>("reduceSource");
        QTest::addColumn<QJsonObject>("expected");
        const QJsonArray values{1, 2.5, QJsonObject{{"k", "v"}}};
        QTest::newRow("no reduce: values") << QByteArray() << QJsonObject{{"values", values}};
        QTest::newRow("dict") << QByteArray("def reduce(values):\n    return {'n': len(values), 'first': values[0]}\n")
                              << QJsonObject{{"n", 3}, {"first", 1}};
        QTest::newRow("number wrapped") << QByteArray("def reduce(values):\n    return values[1] * 2\n")
                                        << QJsonObject{{"value", 5.0}};
        QTest::newRow("list wrapped") << QByteArray("def reduce(values):\n    return values[:2]\n")
                                      << QJsonObject{{"value", QJsonArray{1, 2.5}}};
    }

    void reduce()
    {
        QFETCH(QByteArray, reduceSource);
        QFETCH(QJsonObject, expected);
        const auto analysis = load(writeScript(QStringLiteral("reducing.py"), "def analyze_frame(frame):\n    return 0\n" + reduceSource));
        QVERIFY(analysis);
        const PythonAnalysis::Outcome out = analysis->reduce(QJsonArray{1, 2.5, QJsonObject{{"k", "v"}}});
        QVERIFY2(out.ok(), qPrintable(out.error));
        QCOMPARE(out.value, QJsonValue(expected));
    }

    void valuesConvertToJson()
    {
        const auto analysis = load(writeScript(QStringLiteral("kinds.py"), R"PY(
import numpy as np

def analyze_frame(frame):
    return {"int": np.int64(3), "float": np.float32(0.5), "bool": np.bool_(True), "uint8": frame[0, 0, 2],
            "tuple": (1, "x", None, False), "text": "é", "big": 2**62, "nested": [[{"a": [1.25]}]]}
)PY"));
        QVERIFY(analysis);
        cv::Mat frame(2, 2, CV_8UC3, cv::Scalar(0, 0, 200));
        const PythonAnalysis::Outcome out = analysis->analyzeFrame(frame);
        QVERIFY2(out.ok(), qPrintable(out.error));
        const QJsonObject expected{{"int", 3}, {"float", 0.5}, {"bool", true}, {"uint8", 200},
                                   {"tuple", QJsonArray{1, "x", QJsonValue::Null, false}}, {"text", "é"},
                                   {"big", qint64(1) << 62}, {"nested", QJsonArray{QJsonArray{QJsonObject{{"a", QJsonArray{1.25}}}}}}};
        QCOMPARE(out.value, QJsonValue(expected));
    }

    void loadErrors_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QByteArray>("source");
        QTest::addColumn<QString>("expected");
        QTest::newRow("syntax error") << "syntax.py" << QByteArray("x = 1\ndef analyze_frame(frame)\n    return 0\n")
                                      << "syntax.py line 2: SyntaxError: expected ':'";
        QTest::newRow("missing module") << "imports.py" << QByteArray("import os\nimport no_such_module_for_framepool\n")
                                        << "imports.py line 2: ModuleNotFoundError: No module named 'no_such_module_for_framepool'";
        QTest::newRow("raises at import") << "raises.py" << QByteArray("x = 1\n\nraise RuntimeError('not today')\n")
                                          << "raises.py line 3: RuntimeError: not today";
        QTest::newRow("neither function") << "neither.py" << QByteArray("def analyse_frame(frame):\n    return 0\n")
                                          << "neither.py defines neither analyze_frame(frame) nor analyze_file(path): FramePool calls one of them";
        QTest::newRow("not a function") << "notfunction.py" << QByteArray("analyze_frame = 3\n")
                                        << "notfunction.py: analyze_frame is not a function (its type is int)";
        QTest::newRow("setup raises") << "setupfails.py"
                                      << QByteArray("def setup(params):\n    raise KeyError('threshold')\n\ndef analyze_frame(frame):\n    return 0\n")
                                      << "setupfails.py line 2: KeyError: 'threshold' (in setup)";
        QTest::newRow("no such file") << "" << QByteArray() << "absent.py: cannot read the script (no such file)";
    }

    void loadErrors()
    {
        QFETCH(QString, file);
        QFETCH(QByteArray, source);
        QFETCH(QString, expected);
        const QString path = file.isEmpty() ? m_dir.filePath(QStringLiteral("absent.py")) : writeScript(file, source);
        QString error;
        QVERIFY(!PythonAnalysis::load(path, {}, kThreads, &error));
        QCOMPARE(error, expected);
    }

    void callErrors_data()
    {
        QTest::addColumn<QByteArray>("source");
        QTest::addColumn<QString>("call"); // frame, file or reduce
        QTest::addColumn<QString>("expected");
        QTest::addColumn<QString>("inTraceback"); // empty: no traceback expected

        QTest::newRow("exception") << QByteArray("def analyze_frame(frame):\n    x = 1\n    raise ValueError('bad frame')\n")
                                   << "frame" << "ValueError: bad frame (failing.py line 3)" << "raise ValueError('bad frame')";
        QTest::newRow("exception in numpy") << QByteArray("import numpy as np\n\ndef analyze_frame(frame):\n    return int(np.zeros(3)[5])\n")
                                            << "frame" << "IndexError: index 5 is out of bounds for axis 0 with size 3 (failing.py line 4)"
                                            << "Traceback (most recent call last)";
        QTest::newRow("exception in a helper") << QByteArray("def helper(v):\n    return 1 / v\n\ndef analyze_file(path):\n    return helper(0)\n")
                                               << "file" << "ZeroDivisionError: division by zero (failing.py line 2)" << "in helper";
        QTest::newRow("exception in reduce") << QByteArray("def analyze_frame(frame):\n    return 0\n\ndef reduce(values):\n    return values[10]\n")
                                             << "reduce" << "IndexError: list index out of range (failing.py line 5, in reduce)" << "in reduce";
        QTest::newRow("numpy array") << QByteArray("def analyze_frame(frame):\n    return frame[0]\n") << "frame"
                                     << "analyze_frame returned a numpy.ndarray, which is not JSON: return a number, a str, a list (.tolist()) or a dict" << "";
        QTest::newRow("array in a dict") << QByteArray("def analyze_frame(frame):\n    return {'rows': [1, frame.mean(axis=0)]}\n") << "frame"
                                         << "analyze_frame returned a numpy.ndarray at ['rows'][1], which is not JSON: return a number, a str, a list (.tolist()) or a dict" << "";
        QTest::newRow("set") << QByteArray("def analyze_file(path):\n    return {1, 2}\n") << "file"
                             << "analyze_file returned a set, which is not JSON: return a number, a str, a list or a dict" << "";
        QTest::newRow("NaN") << QByteArray("def analyze_frame(frame):\n    return float('nan')\n") << "frame"
                             << "analyze_frame returned NaN, which JSON cannot hold (return None for a missing value)" << "";
        QTest::newRow("NumPy NaN") << QByteArray("import numpy as np\n\ndef analyze_frame(frame):\n    return {'m': np.float32('nan')}\n") << "frame"
                                   << "analyze_frame returned NaN at ['m'], which JSON cannot hold (return None for a missing value)" << "";
        QTest::newRow("infinity") << QByteArray("def analyze_frame(frame):\n    return [0, -float('inf')]\n") << "frame"
                                  << "analyze_frame returned infinity at [1], which JSON cannot hold (return None for a missing value)" << "";
        QTest::newRow("non-string key") << QByteArray("def analyze_frame(frame):\n    return {1: 2}\n") << "frame"
                                        << "analyze_frame returned a dict with the key 1 (of type int), but JSON keys must be strings (use str(key))" << "";
        QTest::newRow("integer beyond 64 bits") << QByteArray("def analyze_frame(frame):\n    return 2 ** 70\n") << "frame"
                                                << "analyze_frame returned an integer beyond 64 bits, which JSON numbers cannot hold exactly (return it as a str)" << "";
        QTest::newRow("contains itself") << QByteArray("def analyze_frame(frame):\n    a = []\n    a.append(a)\n    return a\n") << "frame"
                                         << "which is not JSON (does a list or dict contain itself?)" << "";
        QTest::newRow("reduce returns NaN") << QByteArray("def analyze_frame(frame):\n    return 0\n\ndef reduce(values):\n    return {'x': float('nan')}\n")
                                            << "reduce" << "reduce returned NaN at ['x'], which JSON cannot hold (return None for a missing value)" << "";
    }

    void callErrors()
    {
        QFETCH(QByteArray, source);
        QFETCH(QString, call);
        QFETCH(QString, expected);
        QFETCH(QString, inTraceback);
        const auto analysis = load(writeScript(QStringLiteral("failing.py"), source));
        QVERIFY(analysis);
        cv::Mat frame(3, 5, CV_8UC3, cv::Scalar(10, 20, 30));
        const PythonAnalysis::Outcome out = call == QLatin1String("frame") ? analysis->analyzeFrame(frame)
                                            : call == QLatin1String("file") ? analysis->analyzeFile(m_dir.path())
                                                                            : analysis->reduce(QJsonArray{0, 0});
        QVERIFY(!out.ok());
        QVERIFY2(out.error.endsWith(expected), qPrintable(out.error));
        if (inTraceback.isEmpty())
            QVERIFY(out.traceback.isEmpty());
        else
            QVERIFY2(out.traceback.contains(inTraceback), qPrintable(out.traceback));
        // The interpreter is usable after the error.
        if (call == QLatin1String("frame"))
            QCOMPARE(analysis->analyzeFrame(frame).error, out.error);
    }

    void printGoesToStderrNotStdout()
    {
        const QString path = writeScript(QStringLiteral("chatty.py"), R"PY(
import sys
print("at-import")

def setup(params):
    print("in-setup")

def analyze_frame(frame):
    print("in-analyze", frame.shape)
    sys.stdout.write("no-newline")
    sys.__stdout__.write("+via-__stdout__")
    return 1
)PY");
        DescriptorCapture out(STDOUT_FILENO, m_dir.filePath(QStringLiteral("fd1.txt")));
        DescriptorCapture err(STDERR_FILENO, m_dir.filePath(QStringLiteral("fd2.txt")));
        QString error;
        auto analysis = PythonAnalysis::load(path, {}, kThreads, &error);
        cv::Mat frame(3, 4, CV_8UC3, cv::Scalar::all(0));
        const PythonAnalysis::Outcome result = analysis ? analysis->analyzeFrame(frame) : PythonAnalysis::Outcome{};
        const QByteArray written = out.restore();
        const QByteArray logged = err.restore();
        QVERIFY2(analysis, qPrintable(error));
        QVERIFY2(result.ok(), qPrintable(result.error));
        QCOMPARE(written, QByteArray());
        QCOMPARE(logged, QByteArray("at-import\nin-setup\nin-analyze (3, 4, 3)\nno-newline+via-__stdout__"));
    }

    // Python would catch SIGINT and ignore SIGPIPE and SIGXFSZ; the engine's signals must
    // still end a worker as before.
    void signalHandlersUntouched()
    {
        QVERIFY(load(writeScript(QStringLiteral("signals.py"), "import signal\n\ndef analyze_frame(frame):\n    return 0\n")));
        QVERIFY(m_handlersBefore == currentHandlers());
    }

    void threadsFollowTheWorkersBudget()
    {
        const auto analysis = load(writeScript(QStringLiteral("threads.py"), R"PY(
import ctypes, os
import cv2
import numpy

def openblas_threads():
    with open("/proc/self/maps") as maps:
        paths = {line.split()[-1] for line in maps if "openblas" in line and "/" in line}
    for path in sorted(paths):
        library = ctypes.CDLL(path)
        if hasattr(library, "openblas_get_num_threads"):
            return library.openblas_get_num_threads()
    return None

def analyze_frame(frame):
    return {"cv2": cv2.getNumThreads(), "omp": os.environ.get("OMP_NUM_THREADS"),
            "openblas_env": os.environ.get("OPENBLAS_NUM_THREADS"), "openblas": openblas_threads()}
)PY"));
        QVERIFY(analysis);
        cv::Mat frame(2, 2, CV_8UC3, cv::Scalar::all(0));
        const PythonAnalysis::Outcome out = analysis->analyzeFrame(frame);
        QVERIFY2(out.ok(), qPrintable(out.error));
        const QJsonObject seen = out.value.toObject();
        qInfo().noquote() << "threads seen by the script:" << QJsonDocument(seen).toJson(QJsonDocument::Compact);
        // cv2 is this process's libopencv: it sees the cv::setNumThreads() of initTestCase.
        QCOMPARE(seen.value("cv2").toInt(), kThreads);
        if (m_ompPresetByCaller)
            QSKIP("OMP_NUM_THREADS was set by the caller, which the cap leaves alone");
        QCOMPARE(seen.value("omp").toString(), QString::number(kThreads));
        QCOMPARE(seen.value("openblas_env").toString(), QString::number(kThreads));
        if (!seen.value("openblas").isNull())
            QCOMPARE(seen.value("openblas").toInt(), kThreads);
    }

    // ---- examples/analyses --------------------------------------------------------------------

    void mostPopularColorAgreesWithBuiltIn_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QJsonArray>("knownRgb"); // empty: only compared with the built-in
        QTest::addColumn<double>("knownPercent");
        const auto image = [this](const QString &name, const std::vector<std::pair<double, cv::Scalar>> &columns) {
            cv::Mat bgr(60, 100, CV_8UC3, cv::Scalar::all(0));
            paintColumns(bgr, columns);
            const QString path = m_dir.filePath(name);
            cv::imwrite(path.toStdString(), bgr);
            return path;
        };
        QTest::newRow("half black, half white: tie to black")
            << image("halves.png", {{0.5, cv::Scalar::all(0)}, {0.5, cv::Scalar::all(255)}}) << QJsonArray{0, 0, 0} << 50.0;
        QTest::newRow("three quarters red")
            << image("red.png", {{0.75, cv::Scalar(0, 0, 255)}, {0.25, cv::Scalar(255, 0, 0)}}) << QJsonArray{255, 0, 0} << 75.0;
        for (const char *name : {"baboon.jpg", "fruits.jpg"})
            QTest::newRow(name) << kSampleData + QLatin1String(name) << QJsonArray{} << 0.0;
    }

    void mostPopularColorAgreesWithBuiltIn()
    {
        QFETCH(QString, path);
        QFETCH(QJsonArray, knownRgb);
        QFETCH(double, knownPercent);
        if (!QFile::exists(path))
            QSKIP(qPrintable(QStringLiteral("%1 is missing: install opencv-doc").arg(path)));
        const auto analysis = load(examplePath(QStringLiteral("most_popular_color.py")));
        QVERIFY(analysis);
        const PythonAnalysis::Outcome out = analysis->analyzeFile(path);
        QVERIFY2(out.ok(), qPrintable(out.error + out.traceback));
        const QJsonObject python = out.value.toObject();

        const auto builtIn = fp::findBuiltInAnalysis(QStringLiteral("dominant-color"))->createAnalyzer({});
        builtIn->beginImage(path);
        builtIn->addFrame(cv::imread(path.toStdString(), cv::IMREAD_COLOR));
        const QJsonObject cpp = builtIn->result();
        QCOMPARE(python.value("rgb"), cpp.value("rgb"));
        QCOMPARE(python.value("hex"), cpp.value("hex"));
        QCOMPARE(python.value("percent").toDouble(), cpp.value("percent").toDouble());
        if (!knownRgb.isEmpty()) {
            QCOMPARE(python.value("rgb").toArray(), knownRgb);
            QCOMPARE(python.value("percent").toDouble(), knownPercent);
        }
    }

    void mostPopularColorOfAVideo()
    {
        // Three red frames, two blue: red is 60 % of the pixels.
        const QString clip = m_dir.filePath(QStringLiteral("red-blue.mkv"));
        QVERIFY(testmedia::writeVideo(clip, 5, 32, 16, [](int i, cv::Mat &bgr) {
            bgr.setTo(i < 3 ? cv::Scalar(0, 0, 255) : cv::Scalar(255, 0, 0));
        }));
        const auto analysis = load(examplePath(QStringLiteral("most_popular_color.py")));
        QVERIFY(analysis);
        const PythonAnalysis::Outcome out = analysis->analyzeFile(clip);
        QVERIFY2(out.ok(), qPrintable(out.error + out.traceback));
        QCOMPARE(out.value.toObject().value("hex").toString(), QStringLiteral("#ff0000"));
        QCOMPARE(out.value.toObject().value("percent").toDouble(), 60.0);
    }

    void meanHue()
    {
        // OpenCV's 8-bit hue: green 60, blue 120, red 0.
        const std::vector<cv::Scalar> colors{{0, 255, 0}, {255, 0, 0}, {0, 255, 0}, {0, 0, 255}};
        const QString clip = m_dir.filePath(QStringLiteral("hues.mkv"));
        QVERIFY(testmedia::writeVideo(clip, int(colors.size()), 32, 16, [&](int i, cv::Mat &bgr) { bgr.setTo(colors[size_t(i)]); }));
        const auto analysis = load(examplePath(QStringLiteral("mean_hue.py")));
        QVERIFY(analysis);
        const QJsonArray values = valuesInWorker(*analysis, QStringLiteral("video"), {clip});
        QCOMPARE(values, (QJsonArray{60.0, 120.0, 60.0, 0.0}));
        const PythonAnalysis::Outcome result = analysis->reduce(values);
        QVERIFY2(result.ok(), qPrintable(result.error));
        QCOMPARE(result.value, QJsonValue(QJsonObject{{"mean", 60.0}, {"min", 0.0}, {"max", 120.0}, {"frames", 4}}));
    }

    void edgeDensity_data()
    {
        QTest::addColumn<Params>("params");
        QTest::addColumn<bool>("splitHasEdges");
        QTest::newRow("default thresholds") << Params{} << true;
        QTest::newRow("thresholds above any gradient") << Params{{"low", "5000"}, {"high", "5000"}} << false;
    }

    void edgeDensity()
    {
        QFETCH(Params, params);
        QFETCH(bool, splitHasEdges);
        const auto analysis = load(examplePath(QStringLiteral("edge_density.py")), params);
        QVERIFY(analysis);
        cv::Mat solid(48, 64, CV_8UC3, cv::Scalar(30, 160, 90));
        cv::Mat split(48, 64, CV_8UC3, cv::Scalar::all(0));
        paintColumns(split, {{0.5, cv::Scalar::all(0)}, {0.5, cv::Scalar::all(255)}});
        const PythonAnalysis::Outcome none = analysis->analyzeFrame(solid);
        const PythonAnalysis::Outcome some = analysis->analyzeFrame(split);
        QVERIFY2(none.ok() && some.ok(), qPrintable(none.error + some.error));
        QCOMPARE(none.value.toDouble(), 0.0);
        // One vertical edge: a line one or two pixels wide down the whole frame.
        const double edgePixels = some.value.toDouble() * split.total();
        if (splitHasEdges)
            QVERIFY2(edgePixels >= split.rows && edgePixels <= 2 * split.rows, qPrintable(QString::number(edgePixels)));
        else
            QCOMPARE(edgePixels, 0.0);
        const PythonAnalysis::Outcome result = analysis->reduce(QJsonArray{none.value, some.value});
        QVERIFY2(result.ok(), qPrintable(result.error));
        QCOMPARE(result.value.toObject().value("max").toDouble(), some.value.toDouble());
        QCOMPARE(result.value.toObject().value("frames").toInt(), 2);
    }
};

QTEST_GUILESS_MAIN(TestPython)
#include "tst_python.moc"
