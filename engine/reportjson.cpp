// The JSON report: every run with its items and tasks, and the comparison when both runs are
// there (its ratios only when it is valid). It is the one format that carries the run summary and the comparison; the CSV holds
// the per-item table only.

#include "report.h"

#include "reportparts.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace fp::report {

namespace {

using parts::hasStarted;
using parts::hasWorker;

// Timers measure in microseconds at best; rounding there keeps the file free of
// 0.30000000000000004-style noise without losing anything that was measured.
double roundedSeconds(double seconds)
{
    return std::round(seconds * 1e6) / 1e6;
}

// Absent values (no worker, never started) are null rather than a -1 sentinel.
QJsonValue orNull(bool present, const QJsonValue &value)
{
    return present ? value : QJsonValue(QJsonValue::Null);
}

QJsonObject itemJson(const ItemRecord &item)
{
    QJsonObject o{
        {QStringLiteral("index"), item.index},
        {QStringLiteral("path"), item.path},
        {QStringLiteral("kind"), streamKindName(item.kind)},
        {QStringLiteral("status"), itemStateName(item.state)},
        {QStringLiteral("worker"), orNull(hasWorker(item), item.worker)},
        {QStringLiteral("start"), orNull(hasStarted(item), roundedSeconds(item.start))},
        {QStringLiteral("end"),
         orNull(hasStarted(item) && item.end >= 0, roundedSeconds(item.end))},
        {QStringLiteral("seconds"), roundedSeconds(item.seconds())},
        {QStringLiteral("frames"), item.framesDone},
        {QStringLiteral("fps"), std::round(item.fps() * 1000) / 1000},
        {QStringLiteral("attempts"), item.tries()},
    };
    if (!item.error.isEmpty())
        o[QStringLiteral("error")] = item.error;
    if (const QStringList warnings = item.warnings(); !warnings.isEmpty())
        o[QStringLiteral("warnings")] = QJsonArray::fromStringList(warnings);
    return o;
}

QJsonObject taskJson(const TaskTiming &task)
{
    return QJsonObject{
        {QStringLiteral("item"), task.item},
        {QStringLiteral("worker"), task.worker},
        {QStringLiteral("start"), roundedSeconds(task.start)},
        {QStringLiteral("end"), roundedSeconds(task.end)},
        {QStringLiteral("frames"), task.frames},
        {QStringLiteral("host"), task.host},
        {QStringLiteral("cancelled"), task.cancelled},
    };
}

QJsonArray busyJson(const RunTiming &run)
{
    QJsonArray busy;
    for (const double seconds : run.busySecondsPerWorker())
        busy.append(roundedSeconds(seconds));
    return busy;
}

QJsonValue runJson(const std::optional<RunTiming> &run)
{
    if (!run)
        return QJsonValue::Null;
    QJsonArray items;
    for (const ItemRecord &item : run->items)
        items.append(itemJson(item));
    QJsonArray tasks;
    for (const TaskTiming &task : run->tasks)
        tasks.append(taskJson(task));
    return QJsonObject{
        {QStringLiteral("mode"), runModeName(run->mode)},
        {QStringLiteral("analysis"), run->analysis},
        {QStringLiteral("workers"), run->workers},
        {QStringLiteral("wall_seconds"), roundedSeconds(run->wallSeconds)},
        {QStringLiteral("paused_seconds"), roundedSeconds(run->pausedSeconds)},
        {QStringLiteral("items_count"), int(run->items.size())},
        {QStringLiteral("completed"), run->completedCount()},
        {QStringLiteral("failed"), run->failedCount()},
        {QStringLiteral("cancelled"), run->cancelledCount()},
        {QStringLiteral("complete"), run->isComplete()},
        {QStringLiteral("worker_busy_seconds"), busyJson(*run)},
        {QStringLiteral("frames"), run->totalFrames()},
        {QStringLiteral("items"), items},
        {QStringLiteral("tasks"), tasks},
    };
}

QJsonValue comparisonJson(const std::optional<Comparison> &comparison)
{
    if (!comparison)
        return QJsonValue::Null;
    QJsonObject o{
        {QStringLiteral("valid"), comparison->isValid()},
        {QStringLiteral("workers"), comparison->parallel.workers},
        {QStringLiteral("serial_seconds"), roundedSeconds(comparison->serial.wallSeconds)},
        {QStringLiteral("parallel_seconds"), roundedSeconds(comparison->parallel.wallSeconds)},
    };
    // Ratios of runs that did different work would be made up: only the reason then.
    if (!comparison->isValid()) {
        o[QStringLiteral("reason")] = comparison->invalidReason();
        return o;
    }
    o[QStringLiteral("items")] = comparison->itemCount();
    o[QStringLiteral("seconds_per_item")] = roundedSeconds(comparison->secondsPerItem());
    o[QStringLiteral("effective_workers")] = comparison->effectiveWorkers();
    o[QStringLiteral("speedup")] = comparison->speedup();
    o[QStringLiteral("efficiency")] = comparison->efficiency();
    o[QStringLiteral("ideal_parallel_seconds")] =
        roundedSeconds(comparison->idealParallelSeconds());
    return o;
}

} // namespace

QByteArray toJson(const TimingReport &report)
{
    const QJsonObject root{
        {QStringLiteral("generated"), parts::isoTimestamp(report.created)},
        {QStringLiteral("host"), report.host},
        {QStringLiteral("cores"), report.cores},
        {QStringLiteral("serial"), runJson(report.serial)},
        {QStringLiteral("parallel"), runJson(report.parallel)},
        {QStringLiteral("comparison"), comparisonJson(report.comparison())},
    };
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

} // namespace fp::report
