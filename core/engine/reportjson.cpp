// The JSON report: every run with its items and tasks, and the comparison when both runs are
// there (its ratios only when it is valid). It is the one format that carries the run summary and the comparison; the CSV holds
// the per-item table only.

#include "report.h"

#include "reportparts.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
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
        {QStringLiteral("failure"), orNull(!task.failure.isEmpty(), task.failure)},
    };
}

QJsonArray busyJson(const RunTiming &run)
{
    QJsonArray busy;
    for (const double seconds : run.busySecondsPerWorker())
        busy.append(roundedSeconds(seconds));
    return busy;
}

// Null for a run whose report was written before its set-up was recorded.
QJsonValue setupJson(const RunSetup &setup)
{
    if (!setup.isRecorded())
        return QJsonValue::Null;
    return QJsonObject{
        {QStringLiteral("parameters"), setup.parameters},
        {QStringLiteral("threads_per_worker"), setup.threadsPerWorker},
        {QStringLiteral("schedule"), scheduleName(setup.schedule)},
        {QStringLiteral("chunk_size"), setup.chunkSize},
        {QStringLiteral("segment_frames"), setup.segmentFrames},
        {QStringLiteral("launcher"), setup.launcher},
    };
}

QJsonObject runObject(const RunTiming &run)
{
    QJsonArray items;
    for (const ItemRecord &item : run.items)
        items.append(itemJson(item));
    QJsonArray tasks;
    for (const TaskTiming &task : run.tasks)
        tasks.append(taskJson(task));
    return QJsonObject{
        {QStringLiteral("mode"), runModeName(run.mode)},
        {QStringLiteral("analysis"), run.analysis},
        {QStringLiteral("workers"), run.workers},
        {QStringLiteral("wall_seconds"), roundedSeconds(run.wallSeconds)},
        {QStringLiteral("paused_seconds"), roundedSeconds(run.pausedSeconds)},
        {QStringLiteral("started"),
         orNull(run.started.isValid(), parts::isoTimestamp(run.started))},
        {QStringLiteral("load_average"), orNull(run.loadAverage >= 0, run.loadAverage)},
        {QStringLiteral("warm_workers"), run.warmWorkers},
        {QStringLiteral("settings"), setupJson(run.setup)},
        {QStringLiteral("items_count"), int(run.items.size())},
        {QStringLiteral("completed"), run.completedCount()},
        {QStringLiteral("failed"), run.failedCount()},
        {QStringLiteral("cancelled"), run.cancelledCount()},
        {QStringLiteral("complete"), run.isComplete()},
        {QStringLiteral("worker_busy_seconds"), busyJson(run)},
        {QStringLiteral("frames"), run.totalFrames()},
        {QStringLiteral("items"), items},
        {QStringLiteral("tasks"), tasks},
    };
}

QJsonValue runJson(const std::optional<RunTiming> &run)
{
    if (!run)
        return QJsonValue::Null;
    return runObject(*run);
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
    o[QStringLiteral("load_average_at_start")] =
        orNull(comparison->serial.loadAverage >= 0, comparison->serial.loadAverage);
    if (const QString warning = oneShotWarning(comparison->serial.loadAverage, comparison->cores);
        !warning.isEmpty())
        o[QStringLiteral("warning")] = warning;
    return o;
}

QJsonObject spreadJson(const Spread &spread, const QList<RunTiming> &runs)
{
    QJsonArray values;
    for (const RunTiming &run : runs)
        values.append(roundedSeconds(run.wallSeconds));
    return QJsonObject{{QStringLiteral("median"), roundedSeconds(spread.median)},
                       {QStringLiteral("min"), roundedSeconds(spread.min)},
                       {QStringLiteral("max"), roundedSeconds(spread.max)},
                       {QStringLiteral("values"), values}};
}

// Every run of every round (so the history can rebuild it), and the medians and ranges when
// the rounds compare the same work.
QJsonValue repeatJson(const std::optional<RepeatedComparison> &repeated)
{
    if (!repeated)
        return QJsonValue::Null;
    QJsonArray runs;
    for (int i = 0; i < repeated->serialRuns.size(); ++i) {
        const RunTiming parallel = repeated->parallelRuns.value(i);
        runs.append(QJsonObject{{QStringLiteral("round"), i + 1},
                                {QStringLiteral("serial"), runObject(repeated->serialRuns.at(i))},
                                {QStringLiteral("parallel"), i < repeated->parallelRuns.size()
                                                                 ? QJsonValue(runObject(parallel))
                                                                 : QJsonValue(QJsonValue::Null)}});
    }
    QJsonObject o = repeatSummaryJson(*repeated);
    o[QStringLiteral("runs")] = runs;
    return o;
}

} // namespace

QJsonObject repeatSummaryJson(const RepeatedComparison &repeated)
{
    const double load = repeated.loadAverageAtStart();
    QJsonObject o{{QStringLiteral("rounds"), repeated.rounds},
                  {QStringLiteral("completed_rounds"), repeated.completedRounds()},
                  {QStringLiteral("workers"), repeated.parallelRuns.isEmpty() ? 0 : repeated.parallelRuns.first().workers},
                  {QStringLiteral("cores"), repeated.cores},
                  {QStringLiteral("load_average_at_start"), orNull(load >= 0, load)},
                  {QStringLiteral("valid"), repeated.isValid()}};
    if (!repeated.isValid()) {
        o[QStringLiteral("reason")] = repeated.invalidReason();
        return o;
    }
    const Spread speedups = repeated.roundSpeedups();
    o[QStringLiteral("serial_seconds")] = spreadJson(repeated.serialSeconds(), repeated.serialRuns);
    o[QStringLiteral("parallel_seconds")] = spreadJson(repeated.parallelSeconds(), repeated.parallelRuns);
    o[QStringLiteral("speedup")] = repeated.speedup();
    o[QStringLiteral("speedup_min")] = speedups.min;
    o[QStringLiteral("speedup_max")] = speedups.max;
    o[QStringLiteral("efficiency")] = repeated.efficiency();
    o[QStringLiteral("effective_workers")] = repeated.effectiveWorkers();
    o[QStringLiteral("ideal_parallel_seconds")] = roundedSeconds(repeated.idealParallelSeconds());
    return o;
}

QByteArray toJson(const TimingReport &report)
{
    return QJsonDocument(toJsonObject(report)).toJson(QJsonDocument::Indented);
}

QJsonObject toJsonObject(const TimingReport &report)
{
    return QJsonObject{
        {QStringLiteral("generated"), parts::isoTimestamp(report.created)},
        {QStringLiteral("host"), report.host},
        {QStringLiteral("cores"), report.cores},
        {QStringLiteral("serial"), runJson(report.serial)},
        {QStringLiteral("parallel"), runJson(report.parallel)},
        {QStringLiteral("comparison"), comparisonJson(report.comparison())},
        {QStringLiteral("repeat"), repeatJson(report.repeated)},
    };
}

// ---------------------------------------------------------------------------------------------
// Reading a report back: the run history keeps each finished run as its JSON report.

namespace {

ItemRecord itemFromJson(const QJsonObject &o)
{
    ItemRecord item;
    item.index = o.value(QLatin1String("index")).toInt(-1);
    item.path = o.value(QLatin1String("path")).toString();
    item.kind = streamKindFromName(o.value(QLatin1String("kind")).toString());
    item.state = itemStateFromName(o.value(QLatin1String("status")).toString()).value_or(ItemState::Queued);
    // Absent values were written as null: they read back as the -1 of "none".
    item.worker = o.value(QLatin1String("worker")).toInt(-1);
    item.start = o.value(QLatin1String("start")).toDouble(-1);
    item.end = o.value(QLatin1String("end")).toDouble(-1);
    item.framesDone = o.value(QLatin1String("frames")).toInteger();
    item.framesTotal = item.framesDone;
    item.attempts = std::max(0, o.value(QLatin1String("attempts")).toInt() - 1);
    item.error = o.value(QLatin1String("error")).toString();
    return item;
}

TaskTiming taskFromJson(const QJsonObject &o)
{
    return TaskTiming{o.value(QLatin1String("item")).toInt(-1), o.value(QLatin1String("worker")).toInt(-1),
                      o.value(QLatin1String("start")).toDouble(), o.value(QLatin1String("end")).toDouble(),
                      o.value(QLatin1String("frames")).toInteger(), o.value(QLatin1String("host")).toString(),
                      o.value(QLatin1String("cancelled")).toBool(), o.value(QLatin1String("failure")).toString()};
}

// Reports from before set-ups were recorded have none: the run reads back without one.
RunSetup setupFromJson(const QJsonValue &value)
{
    const QJsonObject o = value.toObject();
    RunSetup setup;
    setup.parameters = o.value(QLatin1String("parameters")).toObject();
    setup.threadsPerWorker = o.value(QLatin1String("threads_per_worker")).toInt();
    setup.schedule = scheduleFromName(o.value(QLatin1String("schedule")).toString());
    setup.chunkSize = o.value(QLatin1String("chunk_size")).toInt();
    setup.segmentFrames = o.value(QLatin1String("segment_frames")).toInt();
    setup.launcher = o.value(QLatin1String("launcher")).toString();
    return setup;
}

RunTiming runFromJson(const QJsonObject &o)
{
    RunTiming run;
    run.mode = runModeFromName(o.value(QLatin1String("mode")).toString()).value_or(RunMode::Completed);
    run.analysis = o.value(QLatin1String("analysis")).toString();
    run.workers = o.value(QLatin1String("workers")).toInt(1);
    run.wallSeconds = o.value(QLatin1String("wall_seconds")).toDouble();
    run.pausedSeconds = o.value(QLatin1String("paused_seconds")).toDouble();
    run.started = QDateTime::fromString(o.value(QLatin1String("started")).toString(), Qt::ISODate);
    run.loadAverage = o.value(QLatin1String("load_average")).toDouble(-1);
    run.warmWorkers = o.value(QLatin1String("warm_workers")).toInt(0);
    run.setup = setupFromJson(o.value(QLatin1String("settings")));
    for (const QJsonValue &item : o.value(QLatin1String("items")).toArray())
        run.items.append(itemFromJson(item.toObject()));
    for (const QJsonValue &task : o.value(QLatin1String("tasks")).toArray())
        run.tasks.append(taskFromJson(task.toObject()));
    return run;
}

std::optional<RunTiming> optionalRun(const QJsonValue &value)
{
    if (!value.isObject())
        return std::nullopt;
    return runFromJson(value.toObject());
}

std::optional<RepeatedComparison> repeatFromJson(const QJsonValue &value)
{
    if (!value.isObject())
        return std::nullopt;
    const QJsonObject o = value.toObject();
    RepeatedComparison repeated;
    repeated.rounds = o.value(QLatin1String("rounds")).toInt(1);
    repeated.cores = o.value(QLatin1String("cores")).toInt();
    for (const QJsonValue &round : o.value(QLatin1String("runs")).toArray()) {
        if (const auto serial = optionalRun(round[QLatin1String("serial")]))
            repeated.serialRuns.append(*serial);
        if (const auto parallel = optionalRun(round[QLatin1String("parallel")]))
            repeated.parallelRuns.append(*parallel);
    }
    return repeated;
}

} // namespace

std::optional<TimingReport> fromJson(const QJsonObject &root, QString *error)
{
    if (!root.contains(QLatin1String("serial")) || !root.contains(QLatin1String("parallel"))) {
        if (error)
            *error = QStringLiteral("not a FramePool timing report (no serial and parallel runs)");
        return std::nullopt;
    }
    TimingReport report;
    report.created = QDateTime::fromString(root.value(QLatin1String("generated")).toString(), Qt::ISODate);
    report.host = root.value(QLatin1String("host")).toString();
    report.cores = root.value(QLatin1String("cores")).toInt();
    report.serial = optionalRun(root.value(QLatin1String("serial")));
    report.parallel = optionalRun(root.value(QLatin1String("parallel")));
    report.repeated = repeatFromJson(root.value(QLatin1String("repeat")));
    return report;
}

} // namespace fp::report
