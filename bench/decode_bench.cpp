// decode-bench: one worker's decoding, per frame, three ways side by side in one run (issue 14):
// cv::VideoCapture (the workers' decoder until 2026-12), fp::VideoReader (FFmpeg's libraries
// directly, sws_scale into the frame handed out; gray straight from YUV for the analyses that
// take gray, as in a worker) and ffmpeg itself, the ceiling
// (`ffmpeg -threads 1 -benchmark -i X -pix_fmt bgr24 -f null -`).
//
//   decode-bench [--reps R] [--analysis NAME] [--no-ffmpeg] VIDEO...
//
// Everything on one decoding thread, as a worker with --threads-per-worker 1. Per video and
// repetition the contenders run in ABC CBA order; each decodes the whole file into BGR frames
// and hands each to the analysis (default brightness, the closest to the ceiling; "none":
// decoding alone), timed
// from after the open to the last frame, as ffmpeg's -benchmark rtime leaves its input's
// opening out. Prints per frame the median and the best wall time and the median CPU time,
// and fps ratios to ffmpeg's, of the medians and of the best runs (on a busy machine the best
// run is the one least disturbed).
// Before timing, checks that both readers give the same frames, bit for bit, and as many.

#include "analysis.h"
#include "clocks.h"
#include "cpubudget.h"
#include "videoreader.h"

#include <opencv2/videoio.hpp>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <memory>
#include <string>
#include <vector>


namespace {

double cpuSeconds()
{
    return bench::clockSeconds(CLOCK_PROCESS_CPUTIME_ID);
}

using bench::wallSeconds;

struct Timing
{
    double wall = 0;  // seconds
    double cpu = 0;   // seconds; for ffmpeg its utime + stime
    double open = 0;  // seconds to open (not in wall)
    long frames = 0;
};

double median(std::vector<double> values)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const size_t n = values.size();
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

[[noreturn]] void fail(const std::string &why)
{
    std::fprintf(stderr, "decode-bench: %s\n", why.c_str());
    std::exit(1);
}

// The analysis' analyzer with its default parameters; null for "none".
std::unique_ptr<fp::FrameAnalyzer> createAnalyzer(const QString &analysisName)
{
    const fp::Analysis *analysis = fp::findBuiltInAnalysis(analysisName);
    QString unused;
    return analysis ? analysis->createAnalyzer(analysis->info().resolveParameters({}, &unused).value_or(QJsonObject()))
                    : nullptr;
}

// Decodes `path` with `next` (true per frame, false at the end) and analyses every frame.
Timing timeDecoding(const std::function<bool(cv::Mat &)> &next, double openSeconds, const QString &analysisName)
{
    const auto analyzer = createAnalyzer(analysisName);
    Timing t;
    t.open = openSeconds;
    cv::Mat frame;
    const double wall0 = wallSeconds();
    const double cpu0 = cpuSeconds();
    while (next(frame)) {
        if (analyzer)
            analyzer->addFrame(frame);
        ++t.frames;
    }
    t.cpu = cpuSeconds() - cpu0;
    t.wall = wallSeconds() - wall0;
    return t;
}

Timing runCapture(const std::string &path, const QString &analysis)
{
    const double open0 = wallSeconds();
    cv::VideoCapture capture(path, cv::CAP_FFMPEG);
    if (!capture.isOpened())
        fail("VideoCapture cannot open " + path);
    const double opened = wallSeconds() - open0;
    return timeDecoding([&](cv::Mat &frame) { return capture.read(frame) && !frame.empty(); }, opened, analysis);
}

Timing runReader(const std::string &path, const QString &analysis)
{
    const double open0 = wallSeconds();
    fp::VideoReader reader;
    if (!reader.open(QString::fromStdString(path), fp::VideoReader::Mode::Decode, 1))
        fail("VideoReader cannot open " + path + ": " + reader.error().toStdString());
    // As a worker reads for an analysis that looks at gray alone.
    if (const auto analyzer = createAnalyzer(analysis); analyzer && analyzer->takesGray())
        reader.setPixels(fp::VideoReader::Pixels::Gray);
    const double opened = wallSeconds() - open0;
    return timeDecoding([&](cv::Mat &frame) { return reader.read(frame); }, opened, analysis);
}

// ffmpeg's own -benchmark line: "bench: utime=0.912s stime=0.012s rtime=0.931s"; frames from
// its "frame=  795" progress line.
Timing runFfmpeg(const std::string &path)
{
    const std::string command = "ffmpeg -hide_banner -nostdin -nostats -benchmark -threads 1 -i '" + path
                                + "' -pix_fmt bgr24 -f null - 2>&1";
    std::FILE *out = ::popen(command.c_str(), "r");
    if (!out)
        fail("cannot run ffmpeg");
    Timing t;
    char line[4096];
    while (std::fgets(line, sizeof line, out)) {
        double utime = 0, stime = 0, rtime = 0;
        if (const char *bench = std::strstr(line, "bench: utime=");
            bench && std::sscanf(bench, "bench: utime=%lfs stime=%lfs rtime=%lfs", &utime, &stime, &rtime) == 3) {
            t.wall = rtime;
            t.cpu = utime + stime;
        }
    }
    ::pclose(out);
    if (t.wall <= 0)
        fail("no -benchmark line from ffmpeg for " + path);
    // -nostats hides the frame count; count frames with the reader instead (same decode).
    fp::VideoReader reader;
    cv::Mat frame;
    if (reader.open(QString::fromStdString(path), fp::VideoReader::Mode::Decode, 1))
        while (reader.read(frame))
            ++t.frames;
    return t;
}

// The two readers' frames, compared pixel for pixel; false with the first difference on stderr.
bool sameFrames(const std::string &path)
{
    cv::VideoCapture capture(path, cv::CAP_FFMPEG);
    fp::VideoReader reader;
    if (!capture.isOpened() || !reader.open(QString::fromStdString(path), fp::VideoReader::Mode::Decode, 1))
        return false;
    cv::Mat expected, got;
    for (long n = 0;; ++n) {
        const bool a = capture.read(expected) && !expected.empty();
        const bool b = reader.read(got);
        if (a != b) {
            std::fprintf(stderr, "frame %ld: VideoCapture %s, VideoReader %s\n", n, a ? "has it" : "ended", b ? "has it" : "ended");
            return false;
        }
        if (!a)
            return true;
        if (expected.size() != got.size() || expected.type() != got.type() || cv::norm(expected, got, cv::NORM_INF) != 0) {
            std::fprintf(stderr, "frame %ld differs (%dx%d vs %dx%d)\n", n, expected.cols, expected.rows, got.cols, got.rows);
            return false;
        }
        // VideoCapture says 0 for the frames FFmpeg drains at the end (they have no decoding timestamp).
        const double capturedMs = capture.get(cv::CAP_PROP_POS_MSEC);
        if (capturedMs != 0 && std::abs(capturedMs - reader.frameMs()) > 1e-6) {
            std::fprintf(stderr, "frame %ld: timestamp %.3f vs %.3f ms\n", n, capture.get(cv::CAP_PROP_POS_MSEC), reader.frameMs());
            return false;
        }
    }
}

} // namespace

int main(int argc, char **argv)
{
    int reps = 5;
    bool withFfmpeg = true;
    QString analysis = QStringLiteral("brightness");
    std::vector<std::string> videos;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--reps" && i + 1 < argc)
            reps = std::max(1, std::atoi(argv[++i]));
        else if (arg == "--analysis" && i + 1 < argc)
            analysis = QString::fromLocal8Bit(argv[++i]);
        else if (arg == "--no-ffmpeg")
            withFfmpeg = false;
        else if (arg.rfind("--", 0) == 0)
            fail("usage: decode-bench [--reps R] [--analysis NAME] [--no-ffmpeg] VIDEO...");
        else
            videos.push_back(arg);
    }
    if (videos.empty())
        fail("usage: decode-bench [--reps R] [--analysis NAME] [--no-ffmpeg] VIDEO...");
    if (analysis != QLatin1String("none") && !fp::findBuiltInAnalysis(analysis))
        fail("unknown analysis " + analysis.toStdString());
    // One decoding thread in VideoCapture too: it sizes FFmpeg's decoder from the processor count.
    fp::setReportedProcessorCount(1);

    for (const std::string &path : videos) {
        if (!sameFrames(path))
            fail("VideoReader's frames differ from VideoCapture's in " + path);
        std::vector<Timing> capture, reader, ffmpeg;
        for (int rep = 0; rep < reps; ++rep) {
            const bool forward = rep % 2 == 0;
            for (int k = 0; k < 3; ++k) {
                switch (forward ? k : 2 - k) {
                case 0: capture.push_back(runCapture(path, analysis)); break;
                case 1: reader.push_back(runReader(path, analysis)); break;
                case 2: if (withFfmpeg) ffmpeg.push_back(runFfmpeg(path)); break;
                }
            }
        }
        std::printf("%s (%s, %d repetitions; frames identical)\n", path.c_str(), qPrintable(analysis), reps);
        std::printf("  %-32s %7s %9s %9s %9s %7s %8s %8s %8s\n", "contender", "frames", "ms/frame", "best", "cpu ms", "fps",
                    "÷ ffmpeg", "best ÷", "open ms");
        const auto perFrame = [](const std::vector<Timing> &runs, double Timing::*field) {
            std::vector<double> v;
            for (const Timing &t : runs)
                v.push_back(1000 * t.*field / double(t.frames));
            return v;
        };
        const auto best = [](std::vector<double> v) { return v.empty() ? 0 : *std::min_element(v.begin(), v.end()); };
        const double ffmpegMs = median(perFrame(ffmpeg, &Timing::wall));
        const double ffmpegBest = best(perFrame(ffmpeg, &Timing::wall));
        const auto row = [&](const char *name, const std::vector<Timing> &runs, bool hasOpen) {
            if (runs.empty())
                return;
            const double ms = median(perFrame(runs, &Timing::wall));
            const double fastest = best(perFrame(runs, &Timing::wall));
            std::vector<double> open;
            for (const Timing &t : runs)
                open.push_back(1000 * t.open);
            std::printf("  %-32s %7ld %9.3f %9.3f %9.3f %7.0f %8s %8s %8s\n", name, runs.front().frames, ms, fastest,
                        median(perFrame(runs, &Timing::cpu)), 1000 / ms,
                        ffmpegMs > 0 ? qPrintable(QString::number(ffmpegMs / ms, 'f', 3)) : "-",
                        ffmpegBest > 0 ? qPrintable(QString::number(ffmpegBest / fastest, 'f', 3)) : "-",
                        hasOpen ? qPrintable(QString::number(median(open), 'f', 1)) : "-");
        };
        row("ffmpeg -threads 1 (bgr24, null)", ffmpeg, false);
        row("cv::VideoCapture + analysis", capture, true);
        row("fp::VideoReader + analysis", reader, true);
        if (!capture.empty() && !reader.empty()) {
            std::vector<double> ratio;
            for (size_t i = 0; i < capture.size(); ++i)
                ratio.push_back(capture[i].wall / reader[i].wall);
            std::printf("  VideoReader ÷ VideoCapture fps, paired by repetition: %.3f (", median(ratio));
            for (size_t i = 0; i < ratio.size(); ++i)
                std::printf("%s%.3f", i ? ", " : "", ratio[i]);
            std::printf(")\n");
        }
    }
    return 0;
}
