#include "runtypes.h"

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

double StreamInfo::costEstimate() const
{
    const double pixels = double(std::max(width, 1)) * std::max(height, 1);
    return double(std::max<qint64>(frameEstimate, 1)) * pixels;
}

int RunTiming::failedCount() const
{
    return int(std::count_if(items.begin(), items.end(),
                             [](const ItemRecord &r) { return r.state != ItemState::Done; }));
}

qint64 RunTiming::totalFrames() const
{
    qint64 frames = 0;
    for (const auto &r : items)
        frames += r.framesDone;
    return frames;
}


double Comparison::speedup() const
{
    return parallel.wallSeconds > 0 ? serial.wallSeconds / parallel.wallSeconds : 0;
}

double Comparison::efficiency() const
{
    return parallel.workers > 0 ? speedup() / parallel.workers : 0;
}

double Comparison::idealParallelSeconds() const
{
    return parallel.workers > 0 ? serial.wallSeconds / parallel.workers : 0;
}

} // namespace fp
