// colorcount-bench: exact colour counting, one thread alone against two side by side (what two
// workers counting at once do to each other's caches), in one run so that the ratios compare
// like with like on a machine whose load drifts. Five kernels: the workers' own (direct, one
// table access per pixel with the entry of a pixel further along the row prefetched,
// media/colorcounting.h), the same without prefetching (plain, the workers' kernel until
// prefetching measured faster side by side) and three alternatives tried for issue 14 and
// dropped because they lost (bench/README.md): radix-partitioning pixels by red before
// counting, counting runs of equal neighbouring pixels, and a table in Morton order (the bits
// of r, g and b interleaved, so that similar colours share cache lines and pages). Every
// kernel's counts are checked against the direct kernel's, colour by colour.
//
//   colorcount-bench [--frames N] [--reps R] [--kernels K,...] VIDEO...
//
// Decodes the first N frames (default 40) of each video once into memory, then per repetition
// (ABBA order over the kernels) counts them with each kernel: one thread alone, then two
// threads at once, each with its own table. Prints frames per second of each thread by wall
// and by thread CPU time (CPU time leaves out the time another process held the core; what
// cache contention costs shows in both), medians over the repetitions, and the ratios.
// --kernels picks some (direct, the reference, always runs): runs, partitioned, morton, plain.

#include "clocks.h"
#include "colorcounting.h"
#include "colorhistogram.h"

#include <opencv2/videoio.hpp>

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

namespace {

namespace cc = fp::colorcounting;
using cc::Counter;
using cc::Target;

// --- the alternatives ------------------------------------------------------------------------

// Adds `count` (> 0) pixels of one colour; a sum past 65535 spills all but 1.
void countPixels(Counter &counter, quint32 rgb, quint32 count, const Target &target)
{
    if (counter == 0)
        target.touched.push_back(rgb);
    const quint32 sum = quint32(counter) + count;
    if (sum <= cc::kCounterFull) {
        counter = Counter(sum);
    } else {
        target.sparse[rgb] += sum - 1;
        counter = 1;
    }
}

quint32 rgbAt(const uchar *pixel)
{
    return (quint32(pixel[2]) << 16) | (quint32(pixel[1]) << 8) | pixel[0];
}

// Runs of equal neighbours in a row count with one table access each.
void countRuns(const cv::Mat &bgr, const Target &target)
{
    for (int y = 0; y < bgr.rows; ++y) {
        const uchar *pixel = bgr.ptr<uchar>(y);
        const uchar *const rowEnd = pixel + 3 * bgr.cols;
        quint32 runColor = rgbAt(pixel);
        quint32 run = 0;
        for (; pixel != rowEnd; pixel += 3) {
            const quint32 rgb = rgbAt(pixel);
            if (rgb == runColor) {
                ++run;
                continue;
            }
            countPixels(target.table[runColor], runColor, run, target);
            runColor = rgb;
            run = 1;
        }
        if (run > 0)
            countPixels(target.table[runColor], runColor, run, target);
    }
}

// Pixels grouped by red (a counting sort of their low 16 bits), then counted group by group,
// each group within one 128 KiB slice of the table.
struct PartitionScratch
{
    std::vector<quint16> lows;
};

void countPartitioned(const cv::Mat &bgr, const Target &target, PartitionScratch &scratch)
{
    std::array<quint32, 257> offsets{};
    for (int y = 0; y < bgr.rows; ++y) {
        const uchar *pixel = bgr.ptr<uchar>(y);
        for (const uchar *const rowEnd = pixel + 3 * bgr.cols; pixel != rowEnd; pixel += 3)
            ++offsets[pixel[2] + 1];
    }
    for (int red = 0; red < 256; ++red)
        offsets[red + 1] += offsets[red];
    if (scratch.lows.size() < offsets[256])
        scratch.lows.resize(offsets[256]);
    std::array<quint32, 256> next;
    std::copy_n(offsets.begin(), 256, next.begin());
    for (int y = 0; y < bgr.rows; ++y) {
        const uchar *pixel = bgr.ptr<uchar>(y);
        for (const uchar *const rowEnd = pixel + 3 * bgr.cols; pixel != rowEnd; pixel += 3)
            scratch.lows[next[pixel[2]]++] = quint16((quint32(pixel[1]) << 8) | pixel[0]);
    }
    for (quint32 red = 0; red < 256; ++red) {
        Counter *const slice = target.table + (std::size_t(red) << 16);
        for (quint32 k = offsets[red]; k < offsets[red + 1]; ++k) {
            const quint32 low = scratch.lows[k];
            cc::countPixel(slice[low], (red << 16) | low, target);
        }
    }
}

// Colours stored in Morton order (the bits of r, g and b interleaved), so that similar colours
// share cache lines and pages.
struct MortonTables
{
    std::array<quint32, 256> r{}, g{}, b{};
    MortonTables()
    {
        for (quint32 v = 0; v < 256; ++v) {
            quint32 spread = 0;
            for (int bit = 0; bit < 8; ++bit)
                spread |= ((v >> bit) & 1u) << (3 * bit);
            b[v] = spread;
            g[v] = spread << 1;
            r[v] = spread << 2;
        }
    }
    quint32 index(quint32 rgb) const { return r[rgb >> 16] | g[(rgb >> 8) & 0xFF] | b[rgb & 0xFF]; }
};
const MortonTables kMorton;

void countMorton(const cv::Mat &bgr, const Target &target)
{
    for (int y = 0; y < bgr.rows; ++y) {
        const uchar *pixel = bgr.ptr<uchar>(y);
        const uchar *const rowEnd = pixel + 3 * bgr.cols;
        for (; pixel != rowEnd; pixel += 3) {
            const quint32 index = kMorton.r[pixel[2]] | kMorton.g[pixel[1]] | kMorton.b[pixel[0]];
            cc::countPixel(target.table[index], rgbAt(pixel), target);
        }
    }
}

// The direct count as it was before it prefetched (issue 14): one table access per pixel.
void countPlain(const cv::Mat &bgr, const Target &target)
{
    for (int y = 0; y < bgr.rows; ++y) {
        const uchar *pixel = bgr.ptr<uchar>(y);
        const uchar *const rowEnd = pixel + 3 * bgr.cols;
        for (; pixel != rowEnd; pixel += 3) {
            const quint32 rgb = rgbAt(pixel);
            cc::countPixel(target.table[rgb], rgb, target);
        }
    }
}

// --- measuring -------------------------------------------------------------------------------

enum class Kernel { Direct, Runs, Partitioned, Morton, Plain };
constexpr int kKernels = 5;
const Kernel kAllKernels[kKernels] = {Kernel::Direct, Kernel::Runs, Kernel::Partitioned, Kernel::Morton, Kernel::Plain};
const char *kernelName(Kernel kernel)
{
    switch (kernel) {
    case Kernel::Direct: return "direct";
    case Kernel::Runs: return "runs";
    case Kernel::Partitioned: return "partitioned";
    case Kernel::Morton: return "morton";
    case Kernel::Plain: return "plain";
    }
    return "?";
}

struct Timing
{
    double wall = 0;
    double cpu = 0;
};

double threadCpuSeconds()
{
    return bench::clockSeconds(CLOCK_THREAD_CPUTIME_ID);
}

using bench::wallSeconds;

using Counts = std::vector<std::pair<quint32, quint64>>; // sorted by colour

// Counts every frame into one table the way a worker's task does, then clears what it touched
// (the table is used again by the next task). Returns the counts, sorted by colour.
Counts countAll(Kernel kernel, const std::vector<cv::Mat> &frames, fp::ColorTable &table,
                PartitionScratch &scratch)
{
    std::vector<quint32> touched;
    std::unordered_map<quint32, quint64> sparse;
    const cc::Target target{table.data(), touched, sparse};
    quint64 pixels = 0;
    for (const cv::Mat &frame : frames) {
        switch (kernel) {
        case Kernel::Direct: cc::countDirect<1>(frame, target); break;
        case Kernel::Runs: countRuns(frame, target); break;
        case Kernel::Partitioned: countPartitioned(frame, target, scratch); break;
        case Kernel::Morton: countMorton(frame, target); break;
        case Kernel::Plain: countPlain(frame, target); break;
        }
        pixels += quint64(frame.total());
    }
    Counts counts;
    counts.reserve(touched.size());
    quint64 counted = 0;
    for (const quint32 rgb : touched) {
        const auto spilled = sparse.find(rgb);
        const quint32 index = kernel == Kernel::Morton ? kMorton.index(rgb) : rgb;
        counts.emplace_back(rgb, table.data()[index] + (spilled == sparse.end() ? 0 : spilled->second));
        counted += counts.back().second;
        table.data()[index] = 0;
    }
    if (counted != pixels) {
        std::fprintf(stderr, "colorcount-bench: %s counted %llu of %llu pixels\n", kernelName(kernel),
                     static_cast<unsigned long long>(counted), static_cast<unsigned long long>(pixels));
        std::exit(1);
    }
    std::sort(counts.begin(), counts.end());
    return counts;
}

// `threads` threads count the frames at once, each into its own table, after one untimed pass
// that faults the table in. Returns each thread's timing; exits unless every thread's counts
// equal `reference` (when given).
std::vector<Timing> countSideBySide(Kernel kernel, const std::vector<cv::Mat> &frames, int threads,
                                    const Counts *reference)
{
    std::vector<Timing> timings(static_cast<std::size_t>(threads));
    std::atomic<int> ready{0};
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) {
        pool.emplace_back([&, t] {
            fp::ColorTable table;
            table.acquire(1);
            PartitionScratch scratch;
            if (reference && countAll(kernel, frames, table, scratch) != *reference) {
                std::fprintf(stderr, "colorcount-bench: %s counts differ from the direct kernel's\n", kernelName(kernel));
                std::exit(1);
            }
            ready.fetch_add(1);
            while (ready.load() < threads)
                std::this_thread::yield();
            const double wall0 = wallSeconds(), cpu0 = threadCpuSeconds();
            countAll(kernel, frames, table, scratch);
            timings[std::size_t(t)] = {wallSeconds() - wall0, threadCpuSeconds() - cpu0};
        });
    }
    for (std::thread &thread : pool)
        thread.join();
    return timings;
}

double median(std::vector<double> values)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

std::vector<cv::Mat> decode(const std::string &path, int frames)
{
    std::vector<cv::Mat> decoded;
    cv::VideoCapture capture(path, cv::CAP_FFMPEG);
    cv::Mat frame;
    while (int(decoded.size()) < frames && capture.read(frame))
        decoded.push_back(frame.clone());
    return decoded;
}

struct Samples
{
    std::vector<double> aloneWall, aloneCpu, pairWall, pairCpu; // frames per second per thread
};

void measure(const std::string &path, int frameCount, int reps, const std::vector<Kernel> &selected)
{
    const std::vector<cv::Mat> frames = decode(path, frameCount);
    if (frames.empty()) {
        std::fprintf(stderr, "colorcount-bench: no frames in %s\n", path.c_str());
        std::exit(1);
    }
    const int kernels = int(selected.size());
    std::vector<Samples> samples(selected.size());
    const double n = double(frames.size());
    fp::ColorTable referenceTable;
    referenceTable.acquire(1);
    PartitionScratch unused;
    const Counts reference = countAll(Kernel::Direct, frames, referenceTable, unused);
    for (int rep = 0; rep < reps; ++rep) {
        for (int k = 0; k < kernels; ++k) {
            const int which = rep % 2 ? kernels - 1 - k : k; // ABBA
            Samples &s = samples[std::size_t(which)];
            const Timing alone = countSideBySide(selected[std::size_t(which)], frames, 1, &reference).front();
            s.aloneWall.push_back(n / alone.wall);
            s.aloneCpu.push_back(n / alone.cpu);
            for (const Timing &pair : countSideBySide(selected[std::size_t(which)], frames, 2, &reference)) {
                s.pairWall.push_back(n / pair.wall);
                s.pairCpu.push_back(n / pair.cpu);
            }
        }
    }
    std::printf("%s: %zu frames of %dx%d, %d repetitions\n", path.c_str(), frames.size(), frames.front().cols,
                frames.front().rows, reps);
    std::printf("  %-12s %12s %12s %12s %12s %14s %14s\n", "kernel", "alone fps", "alone cpu", "pair fps",
                "pair cpu", "pair/alone", "pair/alone cpu");
    for (int k = 0; k < kernels; ++k) {
        const Samples &s = samples[std::size_t(k)];
        const double aw = median(s.aloneWall), ac = median(s.aloneCpu), pw = median(s.pairWall), pc = median(s.pairCpu);
        std::printf("  %-12s %12.1f %12.1f %12.1f %12.1f %14.3f %14.3f\n", kernelName(selected[std::size_t(k)]), aw, ac, pw, pc,
                    pw / aw, pc / ac);
    }
    for (int k = 1; k < kernels; ++k) {
        const Samples &s = samples[std::size_t(k)];
        std::printf("  %s / direct: alone %.3f (cpu %.3f), side by side %.3f (cpu %.3f)\n", kernelName(selected[std::size_t(k)]),
                    median(s.aloneWall) / median(samples[0].aloneWall),
                    median(s.aloneCpu) / median(samples[0].aloneCpu),
                    median(s.pairWall) / median(samples[0].pairWall),
                    median(s.pairCpu) / median(samples[0].pairCpu));
    }
}

// "direct,prefetched": the kernels to run; direct, the reference, always comes first.
std::vector<Kernel> kernelsNamed(const std::string &list)
{
    std::vector<Kernel> kernels{Kernel::Direct};
    std::size_t at = 0;
    while (at <= list.size()) {
        const std::size_t comma = std::min(list.find(',', at), list.size());
        const std::string name = list.substr(at, comma - at);
        const Kernel *found = std::find_if(std::begin(kAllKernels), std::end(kAllKernels),
                                           [&](Kernel kernel) { return name == kernelName(kernel); });
        if (found == std::end(kAllKernels)) {
            std::fprintf(stderr, "colorcount-bench: unknown kernel \"%s\"\n", name.c_str());
            std::exit(2);
        }
        if (*found != Kernel::Direct)
            kernels.push_back(*found);
        at = comma + 1;
    }
    return kernels;
}

int positive(const char *text, const char *option)
{
    const int value = std::atoi(text);
    if (value <= 0) {
        std::fprintf(stderr, "colorcount-bench: %s needs a positive number\n", option);
        std::exit(2);
    }
    return value;
}

} // namespace

int main(int argc, char **argv)
{
    int frames = 40;
    int reps = 5;
    std::vector<Kernel> selected(std::begin(kAllKernels), std::end(kAllKernels));
    std::vector<std::string> paths;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--frames") && i + 1 < argc)
            frames = positive(argv[++i], "--frames");
        else if (!std::strcmp(argv[i], "--reps") && i + 1 < argc)
            reps = positive(argv[++i], "--reps");
        else if (!std::strcmp(argv[i], "--kernels") && i + 1 < argc)
            selected = kernelsNamed(argv[++i]);
        else if (argv[i][0] == '-') {
            std::fprintf(stderr, "usage: colorcount-bench [--frames N] [--reps R] [--kernels K,...] VIDEO...\n");
            return 2;
        } else
            paths.emplace_back(argv[i]);
    }
    if (paths.empty()) {
        std::fprintf(stderr, "usage: colorcount-bench [--frames N] [--reps R] [--kernels K,...] VIDEO...\n");
        return 2;
    }
    for (const std::string &path : paths)
        measure(path, frames, reps, selected);
    return 0;
}
