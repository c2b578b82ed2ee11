#include "testmedia.h"

#include "analysis.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QProcess>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/videoio.hpp>

namespace testmedia {

QStringList builtInAnalysisNames()
{
    QStringList names;
    for (const fp::Analysis *analysis : fp::builtInAnalyses())
        names << analysis->info().name;
    return names;
}

fp::AnalysisInfo builtInAnalysis(const QString &name)
{
    const fp::Analysis *analysis = fp::findBuiltInAnalysis(name);
    return analysis ? analysis->info() : fp::AnalysisInfo{};
}


bool writeVideo(const QString &path, int frames, int width, int height, const FramePainter &paint,
                double fps)
{
    // OpenCV's FFmpeg writer silently drops the last column/row of odd-sized frames, so the
    // decoded frames would no longer equal the painted ones. Refuse rather than mislead a test.
    if (width % 2 != 0 || height % 2 != 0)
        return false;
    cv::VideoWriter writer(path.toStdString(), cv::CAP_FFMPEG,
                           cv::VideoWriter::fourcc('F', 'F', 'V', '1'), fps, cv::Size(width, height));
    if (!writer.isOpened())
        return false;
    cv::Mat frame(height, width, CV_8UC3);
    for (int i = 0; i < frames; ++i) {
        paint(i, frame);
        writer.write(frame);
    }
    writer.release();
    return QFileInfo(path).size() > 0;
}

QStringList writeImages(const QString &dir, int count, int width, int height,
                        const FramePainter &paint)
{
    QDir().mkpath(dir);
    QStringList paths;
    cv::Mat frame(height, width, CV_8UC3);
    for (int i = 0; i < count; ++i) {
        paint(i, frame);
        const QString path = QDir(dir).filePath(QStringLiteral("img_%1.png").arg(i, 3, 10, QLatin1Char('0')));
        if (!cv::imwrite(path.toStdString(), frame))
            return {};
        paths << path;
    }
    return paths;
}

FramePainter solid(int b, int g, int r)
{
    return [b, g, r](int, cv::Mat &bgr) { bgr.setTo(cv::Scalar(b, g, r)); };
}

FramePainter noise(unsigned seed)
{
    return [seed](int i, cv::Mat &bgr) {
        // A small LCG keeps the pattern identical on every machine.
        quint32 state = seed * 2654435761u + quint32(i) * 40503u + 1u;
        for (int y = 0; y < bgr.rows; ++y) {
            auto *row = bgr.ptr<uchar>(y);
            for (int x = 0; x < bgr.cols * 3; ++x) {
                state = state * 1664525u + 1013904223u;
                // Few distinct levels so colours repeat and the dominant colour is meaningful.
                row[x] = uchar(((state >> 24) & 0x3) * 85);
            }
        }
    };
}

namespace {

// "pid (comm) state ppid ...": comm may hold spaces, so the fields are read after its ')'.
QList<QByteArray> statFieldsAfterName(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return {};
    const QByteArray line = stat.readAll();
    return line.mid(line.lastIndexOf(')') + 2).split(' ');
}

} // namespace

ChildProcesses childProcesses(qint64 parent)
{
    ChildProcesses children;
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &entry : entries) {
        bool isPid = false;
        const qint64 pid = entry.toLongLong(&isPid);
        if (!isPid)
            continue;
        const QList<QByteArray> fields = statFieldsAfterName(pid);
        if (fields.size() < 2 || fields.at(1).toLongLong() != parent)
            continue;
        children.pids << pid;
        if (fields.at(0) == "Z")
            children.zombies << pid;
    }
    return children;
}

bool processEnded(qint64 pid)
{
    const QList<QByteArray> fields = statFieldsAfterName(pid);
    return fields.isEmpty() || fields.at(0) == "Z";
}

QString binDir()
{
    const QByteArray fromEnv = qgetenv("FRAMEPOOL_BIN_DIR");
    if (!fromEnv.isEmpty())
        return QString::fromLocal8Bit(fromEnv);
    return QCoreApplication::applicationDirPath();
}

QString workerWithoutModules(const QString &dir)
{
    const QString copy = dir + QStringLiteral("/bin/framepool-worker");
    if (!QDir(dir).mkpath(QStringLiteral("bin")) || !QFile::copy(binDir() + QStringLiteral("/framepool-worker"), copy))
        return {};
    return copy;
}

std::unique_ptr<fp::WorkerLauncher> fakeWorkerLauncher()
{
    return std::make_unique<fp::LocalLauncher>(binDir() + QStringLiteral("/fakeworker"));
}

QString writeFakeItem(const QString &dir, const QString &name)
{
    const QString path = QDir(dir).filePath(name + QStringLiteral(".png"));
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write("\x89PNG\r\n\x1a\nnot decoded by the fake worker");
    return path;
}

bool openGate(const QString &path)
{
    QFile gate(path + QStringLiteral(".go"));
    return gate.open(QIODevice::WriteOnly);
}

CliRun runCli(const QStringList &arguments, const QString &workingDirectory)
{
    QProcess process;
    if (!workingDirectory.isEmpty())
        process.setWorkingDirectory(workingDirectory);
    process.start(binDir() + QStringLiteral("/framepool-cli"), arguments);
    CliRun result;
    if (!process.waitForFinished(120000)) {
        process.kill();
        process.waitForFinished();
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.stderrText = process.readAllStandardError();
    for (const QByteArray &line : process.readAllStandardOutput().split('\n')) {
        if (line.isEmpty())
            continue;
        const QJsonDocument doc = QJsonDocument::fromJson(line);
        if (doc.isObject())
            result.lines << doc.object();
        else
            result.lines << QJsonObject{{QStringLiteral("unparsed"), QString::fromUtf8(line)}};
    }
    return result;
}

} // namespace testmedia
