#pragma once

#include "analysisinfo.h"
#include "launcher.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QList>
#include <QStringList>

#include <functional>
#include <memory>

namespace cv { class Mat; }

// Media with known content, generated at test time.
namespace testmedia {

// The built-in analyses' names, and one as the worker declares it, for engine options.
QStringList builtInAnalysisNames();
fp::AnalysisInfo builtInAnalysis(const QString &name);


// Paints frame i (0-based) of a clip or image set into `bgr` (already sized, CV_8UC3).
using FramePainter = std::function<void(int i, cv::Mat &bgr)>;

// A lossless video (FFV1 in .mkv, so decoded pixels equal painted pixels) of `frames` frames.
bool writeVideo(const QString &path, int frames, int width, int height, const FramePainter &paint,
                double fps = 25);
// PNG images named img_000.png, img_001.png, ... in `dir` (created if needed).
QStringList writeImages(const QString &dir, int count, int width, int height,
                        const FramePainter &paint);
// Solid colour frames; `bgr` as OpenCV stores it.
FramePainter solid(int b, int g, int r);
// A deterministic pseudo-random pattern, different per frame and seed.
FramePainter noise(unsigned seed);

// Where the built executables are (framepool-worker, framepool-cli, test helpers).
QString binDir();
// A copy of the built framepool-worker in `dir`/bin, with no modules beside it (a broken
// install): its path, empty if it cannot be made.
QString workerWithoutModules(const QString &dir);

// tests/helpers/fakeworker, which acts on words in an item's name (CRASH, HANG, GATED, ...).
std::unique_ptr<fp::WorkerLauncher> fakeWorkerLauncher();
// An item for the fake worker, `dir`/`name`.png: it reads only the name, but the file has to
// exist for the engine to queue it, and start like an image, as the engine judges files by
// their first bytes.
QString writeFakeItem(const QString &dir, const QString &name);
// Lets the fake worker finish a GATED item (it waits for PATH.go).
bool openGate(const QString &path);

// framepool-cli run to its end (at most two minutes): exit code (-1 when it crashed or did not
// end), stdout's JSON lines (a line that is not a JSON object as {"unparsed": line}), stderr.
struct CliRun
{
    int exitCode = -1;
    QList<QJsonObject> lines;
    QByteArray stderrText;
};
CliRun runCli(const QStringList &arguments, const QString &workingDirectory = QString());

// The children of process `parent` (from /proc), and which of them are zombies (exited, not
// reaped): for checking that workers end with their engine or app.
struct ChildProcesses
{
    QList<qint64> pids;
    QList<qint64> zombies;
};
ChildProcesses childProcesses(qint64 parent);
// Gone, or a zombie waiting for init to reap it: either way it runs no more.
bool processEnded(qint64 pid);

} // namespace testmedia
