#include "runsettings.h"

#include <QSettings>

#include <algorithm>
#include <tuple>

namespace fp {

namespace {

namespace key {
// run/schedule is where the Run toolbar kept it before it moved here.
const QString schedule = QStringLiteral("run/schedule");
const QString retries = QStringLiteral("run/retries");
const QString hangTimeout = QStringLiteral("run/hangTimeoutSeconds");
const QString startTimeout = QStringLiteral("run/startTimeoutSeconds");
const QString memoryLimit = QStringLiteral("run/memoryLimitMb");
const QString threads = QStringLiteral("run/threadsPerWorker");
const QString chunkSize = QStringLiteral("run/chunkSize");
const QString recursive = QStringLiteral("run/recursive");
} // namespace key

auto fields(const RunSettings &s)
{
    return std::tie(s.schedule, s.maxRetries, s.hangTimeoutSeconds, s.startTimeoutSeconds, s.memoryLimitMb,
                    s.threadsPerWorker, s.chunkSize, s.recursive);
}

} // namespace

void RunSettings::applyTo(EngineOptions &options) const
{
    options.schedule = schedule;
    options.maxRetries = maxRetries;
    options.hangTimeoutMs = hangTimeoutSeconds * 1000;
    options.startTimeoutMs = startTimeoutSeconds * 1000;
    options.memoryLimitMb = memoryLimitMb;
    options.threadsPerWorker = threadsPerWorker;
    options.chunkSize = chunkSize;
    options.recursive = recursive;
}

RunSettings RunSettings::load()
{
    QSettings settings;
    const RunSettings defaults;
    RunSettings s;
    s.schedule = scheduleFromName(settings.value(key::schedule).toString());
    // Values edited by hand in the settings file are brought back into range.
    s.maxRetries = std::max(0, settings.value(key::retries, defaults.maxRetries).toInt());
    s.hangTimeoutSeconds = std::max(1, settings.value(key::hangTimeout, defaults.hangTimeoutSeconds).toInt());
    s.startTimeoutSeconds = std::max(0, settings.value(key::startTimeout, 0).toInt());
    s.memoryLimitMb = std::max(-1, settings.value(key::memoryLimit, -1).toInt());
    s.threadsPerWorker = std::max(0, settings.value(key::threads, 0).toInt());
    s.chunkSize = std::max(0, settings.value(key::chunkSize, 0).toInt());
    s.recursive = settings.value(key::recursive, false).toBool();
    return s;
}

void RunSettings::save() const
{
    QSettings settings;
    settings.setValue(key::schedule, scheduleName(schedule));
    settings.setValue(key::retries, maxRetries);
    settings.setValue(key::hangTimeout, hangTimeoutSeconds);
    settings.setValue(key::startTimeout, startTimeoutSeconds);
    settings.setValue(key::memoryLimit, memoryLimitMb);
    settings.setValue(key::threads, threadsPerWorker);
    settings.setValue(key::chunkSize, chunkSize);
    settings.setValue(key::recursive, recursive);
}

bool RunSettings::operator==(const RunSettings &other) const
{
    return fields(*this) == fields(other);
}

} // namespace fp
