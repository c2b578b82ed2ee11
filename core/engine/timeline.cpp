#include "timeline.h"

#include <algorithm>
#include <cmath>

namespace fp {

namespace {

// Golden-angle steps spread consecutive items far apart on the colour wheel.
constexpr double kGoldenAngle = 137.508;
constexpr double kSaturation = 0.62;
constexpr double kLightness = 0.52;
constexpr double kDarkLightness = 0.60;

QString workerName(int worker)
{
    return worker >= 1 ? QStringLiteral("worker %1").arg(worker) : QStringLiteral("unknown worker");
}

} // namespace

QString Timeline::Lane::name() const
{
    return workerName(worker);
}

QString Timeline::Lane::label() const
{
    return host.isEmpty() ? name() : name() + QStringLiteral(" \u00b7 ") + host;
}

QString Timeline::Colour::css() const
{
    return QStringLiteral("hsl(%1,%2%,%3%)")
        .arg(int(hue))
        .arg(qRound(saturation * 100))
        .arg(qRound(lightness * 100));
}

Timeline::Timeline(const RunTiming &run, double axisSeconds)
    : m_items(run.items), m_now(run.wallSeconds), m_paused(run.paused)
{
    collectBars(run);
    assignLanes(run);
    m_end = run.wallSeconds;
    for (const Bar &bar : std::as_const(m_bars))
        m_end = std::max(m_end, bar.end);
    m_axis = std::max({axisSeconds, m_end, 0.0});
    if (m_axis <= 0)
        m_axis = 1;
}

void Timeline::collectBars(const RunTiming &run)
{
    for (const TaskTiming &task : run.tasks) {
        const ItemRecord *record = item(task.item);
        m_bars.append(Bar{task.item, -1, task.worker, task.start, task.end, task.frames, task.host,
                          record ? record->state : ItemState::Done, false, task.cancelled, task.failure});
    }
    for (const ItemRecord &record : run.items) {
        if (record.start < 0 || record.end >= 0)
            continue;
        // A split item may already have finished pieces on this worker: what is running now
        // started after them, and drawing from record.start would cover them.
        double start = record.start;
        for (const TaskTiming &task : run.tasks)
            if (task.item == record.index && task.worker == record.worker)
                start = std::max(start, task.end);
        m_bars.append(Bar{record.index, -1, record.worker, start,
                          std::max(start, run.wallSeconds), record.framesDone, QString(),
                          ItemState::Running, true, false, QString()});
    }
}

void Timeline::assignLanes(const RunTiming &run)
{
    int workerSlots = std::max(run.workers, 1);
    bool anyUnknown = false;
    for (const Bar &bar : std::as_const(m_bars)) {
        workerSlots = std::max(workerSlots, bar.worker);
        anyUnknown = anyUnknown || bar.worker < 1;
    }
    for (int worker = 1; worker <= workerSlots; ++worker)
        m_lanes.append(Lane{worker, {}});
    if (anyUnknown)
        m_lanes.append(Lane{-1, {}});

    for (Bar &bar : m_bars)
        bar.lane = bar.worker >= 1 ? bar.worker - 1 : workerSlots;
    for (const TaskTiming &task : run.tasks) {
        if (task.worker < 1 || task.host.isEmpty())
            continue;
        QString &host = m_lanes[task.worker - 1].host;
        if (host.isEmpty())
            host = task.host;
    }
}

const ItemRecord *Timeline::item(int index) const
{
    // The engine keeps items in index order, so the position nearly always is the index.
    if (index >= 0 && index < m_items.size() && m_items.at(index).index == index)
        return &m_items.at(index);
    for (const ItemRecord &record : m_items)
        if (record.index == index)
            return &record;
    return nullptr;
}

bool Timeline::isRunning() const
{
    return std::any_of(m_bars.begin(), m_bars.end(), [](const Bar &bar) { return bar.running; });
}

QList<double> Timeline::ticks(double targetTicks) const
{
    return ticks(m_axis, tickStep(m_axis, targetTicks));
}

QString Timeline::describe(const Bar &bar) const
{
    const ItemRecord *record = item(bar.item);
    QString text = record ? record->path : QStringLiteral("item %1").arg(bar.item);
    const QString seconds = QString::number(bar.seconds(), 'f', 3);
    const QString worker = workerName(bar.worker);
    text += bar.cancelled ? QStringLiteral("\ncancelled after %1 s, %2 frames, %3")
          : !bar.running  ? QStringLiteral("\n%1 s, %2 frames, %3")
          : m_paused      ? QStringLiteral("\npaused after %1 s, %2 frames so far, %3")
                          : QStringLiteral("\nrunning for %1 s, %2 frames so far, %3");
    text = text.arg(seconds).arg(bar.frames).arg(worker);
    if (!bar.host.isEmpty())
        text += QStringLiteral(" on ") + bar.host;
    if (const QString failure = failureOf(bar); !failure.isEmpty())
        text += QStringLiteral("\nfailed: ") + failure;
    return text;
}

QString Timeline::failureOf(const Bar &bar) const
{
    if (!bar.failure.isEmpty())
        return bar.failure;
    const ItemRecord *record = item(bar.item);
    return record && bar.state == ItemState::Failed ? record->error : QString();
}

double Timeline::tickStep(double span, double targetTicks)
{
    const double raw = (span > 0 ? span : 1.0) / std::max(targetTicks, 1.0);
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    const double normalised = raw / magnitude;
    const double factor = normalised <= 1 ? 1 : normalised <= 2 ? 2 : normalised <= 5 ? 5 : 10;
    return factor * magnitude;
}

QList<double> Timeline::ticks(double span, double step)
{
    QList<double> out;
    if (!(step > 0))
        return out;
    // Multiplying rather than adding keeps 0.1-steps free of accumulated rounding; the
    // tolerance keeps a tick that lands on the end.
    for (int i = 0; i * step <= span * (1 + 1e-9); ++i)
        out.append(i * step);
    return out;
}

QString Timeline::tickLabel(double seconds)
{
    return QString::number(seconds, 'g', 6);
}

Timeline::Colour Timeline::itemColour(int itemIndex, bool darkBackground)
{
    return Colour{std::fmod(std::abs(double(itemIndex)) * kGoldenAngle, 360.0), kSaturation,
                  darkBackground ? kDarkLightness : kLightness};
}

} // namespace fp
