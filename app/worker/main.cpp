// framepool-worker: decodes and analyses the streams the engine sends it, one task at a time,
// speaking the line protocol of core/engine/protocol.h on stdin/stdout.

#include "addressspace.h"
#include "analysis.h"
#include "colorhistogram.h"
#include "cpubudget.h"
#include "scriptmodule.h"
#include "workermodule.h"
#include "workersession.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <opencv2/core.hpp>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include <sys/prctl.h>
#include <unistd.h>

namespace {

[[noreturn]] void usage(const char *why)
{
    std::fprintf(stderr, "framepool-worker: %s\nusage: framepool-worker [--threads N] [--memory-limit-mb MB]\n"
                         "       framepool-worker --describe [SCRIPT.py [--param KEY=VALUE]...]\n"
                         "Started by FramePool; speaks line-delimited JSON on stdin/stdout (docs/protocol.md).\n"
                         "--describe prints the analyses it offers as JSON and exits; with a script, loads\n"
                         "and checks that user analysis (exit 2 and the reason on stderr if it cannot be used).\n", why);
    std::exit(2);
}

long parsePositive(const char *text, const char *option)
{
    char *end = nullptr;
    const long value = std::strtol(text, &end, 10);
    if (!end || *end != '\0' || value < 0)
        usage((std::string("bad value for ") + option).c_str());
    return value;
}

// A user's script (a .py file) as an analysis; null with `error` empty for any other name.
// The Python module is loaded by the first script: a worker of the built-ins never needs it.
const fp::Analysis *findScript(const QString &name, const QJsonObject &parameters, int threads, QString *error)
{
    if (!name.endsWith(QLatin1String(".py"), Qt::CaseInsensitive))
        return nullptr;
    const fp::ScriptModule *python = fp::workerModule<fp::ScriptModule>(error);
    return python ? python->find(name, parameters, threads, error) : nullptr;
}

// {"analyses": [AnalysisInfo, ...]}: what the CLI and the GUI offer, and how they check
// parameters, without linking any of the analyses themselves. With a script, that one
// analysis, after loading it (and calling its setup() with the --param values) here.
int describe(int argc, char **argv)
{
    QJsonArray list;
    if (argc == 2) {
        for (const fp::Analysis *analysis : fp::builtInAnalyses())
            list << analysis->info().toJson();
    } else {
        QJsonObject parameters;
        for (int i = 3; i < argc; ++i) {
            const QString assignment = QString::fromLocal8Bit(argv[i]);
            const qsizetype equals = assignment.indexOf(QLatin1Char('='));
            if (std::strcmp(argv[i - 1], "--param") == 0 && equals > 0)
                parameters[assignment.left(equals)] = assignment.mid(equals + 1);
            else if (std::strcmp(argv[i], "--param") != 0)
                usage((std::string("unexpected argument after the script: ") + argv[i]).c_str());
        }
        QString error;
        const fp::Analysis *analysis = findScript(QString::fromLocal8Bit(argv[2]), parameters, 1, &error);
        if (!analysis) {
            std::fprintf(stderr, "%s\n", qPrintable(error.isEmpty() ? QStringLiteral("a user analysis is a .py file") : error));
            return 2;
        }
        list << analysis->info().toJson();
    }
    const QByteArray json = QJsonDocument(QJsonObject{{QStringLiteral("analyses"), list}}).toJson(QJsonDocument::Compact);
    std::fwrite(json.constData(), 1, size_t(json.size()), stdout);
    std::fputc('\n', stdout);
    return std::fflush(stdout) == 0 ? 0 : 1;
}

// The protocol gets its own copy of stdout, and fd 1 becomes stderr: whatever a library or a
// user's script writes to stdout lands in the item's log instead of breaking the protocol.
std::FILE *protocolOutput()
{
    const int fd = ::dup(STDOUT_FILENO);
    if (fd < 0 || ::dup2(STDERR_FILENO, STDOUT_FILENO) < 0)
        return stdout;
    std::FILE *out = ::fdopen(fd, "w");
    return out ? out : stdout;
}

} // namespace

int main(int argc, char **argv)
{
    // Die with the engine: if the app is killed, no worker keeps running.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() == 1)
        return 1;

    if (argc >= 2 && !std::strcmp(argv[1], "--describe")) {
        QCoreApplication app(argc, argv);
        return describe(argc, argv);
    }

    int threads = 1;
    long memoryLimitMb = 0;
    for (int i = 1; i < argc; ++i) {
        const bool hasValue = i + 1 < argc;
        if (!std::strcmp(argv[i], "--threads") && hasValue)
            threads = int(std::max(1L, parsePositive(argv[++i], "--threads")));
        else if (!std::strcmp(argv[i], "--memory-limit-mb") && hasValue)
            memoryLimitMb = parsePositive(argv[++i], "--memory-limit-mb");
        else
            usage((std::string("unknown argument ") + argv[i]).c_str());
    }

    // One decoding thread, whatever the worker's budget: with frame threads FFmpeg conceals
    // damaged H.264 differently from run to run and from one thread count to another (the
    // same file gave 41154, 41265 and 41254 matching pixels), and a result must not depend on
    // how the work was split. The worker's own decoder is opened so (WorkerSession); a user's
    // script that opens cv2.VideoCapture gets it from this count, which OpenCV 4.6 sizes
    // FFmpeg's decoder by (it ignores "threads" in OPENCV_FFMPEG_CAPTURE_OPTIONS).
    // The budget still goes to OpenCV's own loops (the analyses).
    fp::setReportedProcessorCount(1);
    // One thread is OpenCV's sequential mode, 0: setNumThreads(1) would start a TBB thread
    // arena that is never used, some 4 ms of the worker's start.
    cv::setNumThreads(threads > 1 ? threads : 0);
    // Keep the colour-count tables between tasks: small images would otherwise pay for a fresh
    // table each (32 MiB, or 64 MiB with an image set's per-image counters).
    fp::ColorTable::setPoolSize(2);

    QCoreApplication app(argc, argv); // for Qt's string and JSON helpers; no event loop runs
#if defined(__SANITIZE_ADDRESS__)
    // AddressSanitizer reserves terabytes of shadow address space: a cap would stop it cold.
    if (memoryLimitMb > 0)
        std::fprintf(stderr, "framepool-worker: AddressSanitizer build, memory limit not applied\n");
    memoryLimitMb = 0;
#endif
    if (memoryLimitMb > 0)
        fp::capAddressSpaceBeyondNow(memoryLimitMb);
    fp::WorkerSession::Settings settings;
    settings.threads = threads;
    settings.memoryLimitMb = int(memoryLimitMb);
    fp::WorkerSession session(settings, fp::WorkerSession::lineSink(protocolOutput()));
    session.setUserAnalyses([threads, memoryLimitMb](const QString &name, const QJsonObject &parameters, QString *error) {
        const fp::Analysis *analysis = findScript(name, parameters, threads, error);
        // The interpreter and what the script imports are start-up too, not the work's memory.
        if (analysis && memoryLimitMb > 0)
            fp::capAddressSpaceBeyondNow(memoryLimitMb);
        return analysis;
    });
    return session.serve(STDIN_FILENO);
}
