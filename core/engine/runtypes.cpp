#include "runtypes.h"

#include <QJsonArray>

#include <algorithm>
#include <array>

namespace fp {

namespace {
struct ModeEntry { RunMode mode; const char *name; };
constexpr std::array<ModeEntry, 4> kModes{{
    {RunMode::Serial, "serial"},
    {RunMode::Completed, "completed"},
    {RunMode::Input, "input"},
    {RunMode::Batch, "batch"},
}};
} // namespace

QString streamKindName(StreamKind kind)
{
    return kind == StreamKind::Video ? QStringLiteral("video") : QStringLiteral("images");
}

QString runModeName(RunMode mode)
{
    for (const auto &e : kModes)
        if (e.mode == mode)
            return QString::fromLatin1(e.name);
    return {};
}

std::optional<RunMode> runModeFromName(const QString &name)
{
    for (const auto &e : kModes)
        if (name == QLatin1String(e.name))
            return e.mode;
    return std::nullopt;
}

QString itemStateName(ItemState state)
{
    switch (state) {
    case ItemState::Queued: return QStringLiteral("queued");
    case ItemState::Running: return QStringLiteral("running");
    case ItemState::Done: return QStringLiteral("ok");
    case ItemState::Failed: return QStringLiteral("failed");
    case ItemState::Cancelled: return QStringLiteral("cancelled");
    case ItemState::Interrupted: return QStringLiteral("interrupted");
    }
    return {};
}

std::optional<ItemState> itemStateFromName(const QString &name)
{
    for (ItemState s : {ItemState::Queued, ItemState::Running, ItemState::Done, ItemState::Failed,
                        ItemState::Cancelled, ItemState::Interrupted})
        if (itemStateName(s) == name)
            return s;
    return std::nullopt;
}

StreamKind streamKindFromName(const QString &name)
{
    return name == QLatin1String("images") ? StreamKind::Images : StreamKind::Video;
}

QString scheduleName(Schedule schedule)
{
    return schedule == Schedule::QueueOrder ? QStringLiteral("queue order") : QStringLiteral("fastest finish");
}

Schedule scheduleFromName(const QString &name)
{
    return name == scheduleName(Schedule::QueueOrder) ? Schedule::QueueOrder : Schedule::FastestFinish;
}

QString RunSetup::parametersText() const
{
    QStringList assignments;
    // QJsonObject iterates its keys sorted.
    for (auto it = parameters.begin(); it != parameters.end(); ++it)
        assignments << it.key() + QLatin1Char('=') + it.value().toVariant().toString();
    return assignments.join(QStringLiteral(", "));
}

namespace {

// Nanoseconds of one worker on the development VM (2-core EPYC, brightness, serial, the bench
// mixed set): MPEG-4 part 2 and MJPEG decode at about 1.6 ns a pixel, H.264, HEVC and VP9 at
// 4-5; every frame costs about 50 us whatever its size (a small 160x120 H.264 clip runs at
// 0.1 ms a frame); a JPEG costs about 25 ns per compressed byte (90 photos, 6.8 MB: 0.17 s)
// and 0.2 ms to open. Rough on purpose: the run's own measurements take over (CostModel).
constexpr double kNsPerPixel = 1.6;
constexpr double kModernCodecFactor = 3.0;  // H.264, HEVC, VP8/9, AV1
constexpr double kUnknownCodecFactor = 2.0; // no tag (Matroska and WebM carry none)
constexpr double kNsPerFrame = 50e3;
constexpr double kNsPerImageByte = 25;
constexpr double kNsPerImage = 0.2e6;

double codecFactor(const QString &codec)
{
    if (codec.isEmpty())
        return kUnknownCodecFactor;
    static const QStringList modern{QStringLiteral("avc1"), QStringLiteral("avc3"), QStringLiteral("h264"),
                                    QStringLiteral("x264"), QStringLiteral("hev1"), QStringLiteral("hvc1"),
                                    QStringLiteral("hevc"), QStringLiteral("h265"), QStringLiteral("vp08"),
                                    QStringLiteral("vp80"), QStringLiteral("vp09"), QStringLiteral("vp90"),
                                    QStringLiteral("av01")};
    return modern.contains(codec.toLower()) ? kModernCodecFactor : 1.0;
}

} // namespace

double StreamInfo::costEstimate() const
{
    if (kind == StreamKind::Images)
        return double(bytes) * kNsPerImageByte + double(std::max<qint64>(images.size(), 1)) * kNsPerImage;
    const double pixels = double(std::max(width, 1)) * std::max(height, 1);
    return double(std::max<qint64>(frameEstimate, 1)) * (pixels * kNsPerPixel * codecFactor(codec) + kNsPerFrame);
}

QStringList resultWarnings(const QJsonObject &result)
{
    QStringList warnings;
    for (const QJsonValue &warning : result.value(QStringLiteral("warnings")).toArray())
        warnings << warning.toString();
    return warnings;
}

int RunTiming::countIn(ItemState state) const
{
    return int(std::count_if(items.begin(), items.end(),
                             [state](const ItemRecord &r) { return r.state == state; }));
}

qint64 RunTiming::totalFrames() const
{
    qint64 frames = 0;
    for (const auto &r : items)
        frames += r.framesDone;
    return frames;
}
int RunTiming::addedMidRunCount() const
{
    return int(std::count_if(items.begin(), items.end(), [](const ItemRecord &r) { return r.addedMidRun; }));
}

bool RunTiming::isComplete() const
{
    return std::all_of(items.begin(), items.end(), [](const ItemRecord &r) {
        return r.state == ItemState::Done || r.state == ItemState::Failed;
    });
}

QString RunTiming::partialText() const
{
    return QStringLiteral("partial run: %1 of %2 items completed")
        .arg(completedCount())
        .arg(items.size());
}

QList<double> RunTiming::busySecondsPerWorker() const
{
    QList<double> busy(workers, 0.0);
    for (const TaskTiming &task : tasks)
        if (task.worker >= 1 && task.worker <= workers && task.end > task.start)
            busy[task.worker - 1] += task.end - task.start;
    return busy;
}

QStringList RunTiming::sortedPaths() const
{
    QStringList paths;
    for (const ItemRecord &item : items)
        paths << item.path;
    paths.sort();
    return paths;
}

namespace {
QString addedMidRunText(const RunTiming &run)
{
    return QStringLiteral("%1 of its %2 items were added while it ran").arg(run.addedMidRunCount()).arg(run.items.size());
}
} // namespace

bool Comparison::sameItems() const
{
    return serial.sortedPaths() == parallel.sortedPaths();
}

Comparison::Invalidity Comparison::invalidity() const
{
    if (!serial.isComplete())
        return Invalidity::SerialPartial;
    if (!parallel.isComplete())
        return Invalidity::ParallelPartial;
    if (serial.addedMidRunCount() > 0)
        return Invalidity::SerialGrew;
    if (parallel.addedMidRunCount() > 0)
        return Invalidity::ParallelGrew;
    if (!sameItems())
        return Invalidity::DifferentItems;
    if (serial.items.isEmpty() || serial.wallSeconds <= 0 || parallel.wallSeconds <= 0)
        return Invalidity::NoTimeMeasured;
    return Invalidity::None;
}

bool Comparison::isValid() const
{
    return invalidity() == Invalidity::None;
}

QString Comparison::invalidReason() const
{
    switch (invalidity()) {
    case Invalidity::None: return {};
    case Invalidity::SerialPartial: return QStringLiteral("serial: ") + serial.partialText();
    case Invalidity::ParallelPartial: return QStringLiteral("parallel: ") + parallel.partialText();
    case Invalidity::SerialGrew: return QStringLiteral("serial: ") + addedMidRunText(serial);
    case Invalidity::ParallelGrew: return QStringLiteral("parallel: ") + addedMidRunText(parallel);
    case Invalidity::DifferentItems:
        return QStringLiteral("the runs did not process the same items (serial %1, parallel %2)")
            .arg(serial.items.size())
            .arg(parallel.items.size());
    case Invalidity::NoTimeMeasured: return QStringLiteral("no time was measured");
    }
    return {};
}

double Comparison::secondsPerItem() const
{
    return serial.items.isEmpty() ? 0 : serial.wallSeconds / serial.items.size();
}

int Comparison::effectiveWorkers() const
{
    const int workers = std::max(1, parallel.workers);
    return cores > 0 ? std::min(workers, cores) : workers;
}

double Comparison::idealParallelSeconds() const
{
    return isValid() ? double(itemCount()) / effectiveWorkers() * secondsPerItem() : 0;
}

double Comparison::speedup() const
{
    return isValid() ? serial.wallSeconds / parallel.wallSeconds : 0;
}

double Comparison::efficiency() const
{
    return speedup() / effectiveWorkers();
}

} // namespace fp
