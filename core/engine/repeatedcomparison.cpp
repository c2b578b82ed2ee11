#include "repeatedcomparison.h"

#include <algorithm>

namespace fp {

Spread Spread::of(QList<double> values)
{
    Spread spread;
    spread.count = int(values.size());
    if (values.isEmpty())
        return spread;
    std::sort(values.begin(), values.end());
    const qsizetype middle = values.size() / 2;
    spread.median = values.size() % 2 ? values.at(middle) : (values.at(middle - 1) + values.at(middle)) / 2;
    spread.min = values.first();
    spread.max = values.last();
    return spread;
}

int RepeatedComparison::completedRounds() const
{
    return int(std::min(serialRuns.size(), parallelRuns.size()));
}

Comparison RepeatedComparison::round(int index) const
{
    return Comparison{serialRuns.value(index), parallelRuns.value(index), cores};
}

bool RepeatedComparison::isValid() const
{
    return invalidReason().isEmpty();
}

QString RepeatedComparison::invalidReason() const
{
    // The first run that was cut short explains why there are fewer rounds than asked for.
    const int started = int(std::max(serialRuns.size(), parallelRuns.size()));
    for (int i = 0; i < started; ++i) {
        const Comparison pair = round(i);
        const QString prefix = QStringLiteral("round %1 of %2: ").arg(i + 1).arg(rounds);
        if (i < serialRuns.size() && !pair.serial.isComplete())
            return prefix + QStringLiteral("serial: ") + pair.serial.partialText();
        if (i < parallelRuns.size() && !pair.parallel.isComplete())
            return prefix + QStringLiteral("parallel: ") + pair.parallel.partialText();
        if (i < completedRounds() && !pair.isValid())
            return prefix + pair.invalidReason();
    }
    if (completedRounds() < rounds)
        return QStringLiteral("only %1 of %2 rounds ran").arg(completedRounds()).arg(rounds);
    return {};
}

namespace {
QList<double> wallSeconds(const QList<RunTiming> &runs)
{
    QList<double> seconds;
    for (const RunTiming &run : runs)
        seconds << run.wallSeconds;
    return seconds;
}
} // namespace

Spread RepeatedComparison::serialSeconds() const
{
    return isValid() ? Spread::of(wallSeconds(serialRuns)) : Spread{};
}

Spread RepeatedComparison::parallelSeconds() const
{
    return isValid() ? Spread::of(wallSeconds(parallelRuns)) : Spread{};
}

double RepeatedComparison::speedup() const
{
    const Spread parallel = parallelSeconds();
    return parallel.count > 0 && parallel.median > 0 ? serialSeconds().median / parallel.median : 0;
}

Spread RepeatedComparison::roundSpeedups() const
{
    if (!isValid())
        return {};
    QList<double> speedups;
    for (int i = 0; i < completedRounds(); ++i)
        speedups << round(i).speedup();
    return Spread::of(speedups);
}

int RepeatedComparison::effectiveWorkers() const
{
    return round(0).effectiveWorkers();
}

double RepeatedComparison::efficiency() const
{
    return speedup() / effectiveWorkers();
}

double RepeatedComparison::idealParallelSeconds() const
{
    return isValid() ? serialSeconds().median / effectiveWorkers() : 0;
}

double RepeatedComparison::loadAverageAtStart() const
{
    return serialRuns.isEmpty() ? -1 : serialRuns.first().loadAverage;
}

} // namespace fp
