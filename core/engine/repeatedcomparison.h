#pragma once

#include "runtypes.h"

#include <QList>
#include <QMetaType>
#include <QString>

namespace fp {

// The middle and the extremes of one measure over repeated runs.
struct Spread
{
    double median = 0; // of an even count: the mean of the two middle values
    double min = 0;
    double max = 0;
    int count = 0;

    [[nodiscard]] static Spread of(QList<double> values);
};

// A Compare repeated like a benchmark tool: serial and parallel runs of the same items
// alternate (serial 1, parallel 1, serial 2, ...), so that a slow drift of a shared machine
// falls on both. The speed-up comes from the medians; the range is that of the rounds' own
// speed-ups (each round's serial ÷ its parallel). Like a single Comparison, it has numbers only
// when it compares the same work: every round ran and each of its runs is complete.
struct RepeatedComparison
{
    QList<RunTiming> serialRuns;   // in the order they ran
    QList<RunTiming> parallelRuns;
    int rounds = 1;                // rounds asked for
    int cores = 0;                 // usable cores; 0 = unknown

    // Rounds that have both their runs.
    [[nodiscard]] int completedRounds() const;
    [[nodiscard]] Comparison round(int index) const;
    [[nodiscard]] bool isValid() const;
    // "round 2 of 3: parallel: partial run: 4 of 5 items completed"; empty when valid.
    [[nodiscard]] QString invalidReason() const;

    // Wall times of the serial and of the parallel runs; empty (count 0) unless valid.
    [[nodiscard]] Spread serialSeconds() const;
    [[nodiscard]] Spread parallelSeconds() const;
    // Median serial wall time ÷ median parallel wall time; 0 unless valid.
    [[nodiscard]] double speedup() const;
    // The rounds' own speed-ups: their min and max are the speed-up's range.
    [[nodiscard]] Spread roundSpeedups() const;
    // Speed-up ÷ C, as for one Comparison.
    [[nodiscard]] double efficiency() const;
    // The time model's ideal from the median serial run: (N ÷ C) · M = median serial ÷ C.
    [[nodiscard]] double idealParallelSeconds() const;
    [[nodiscard]] int effectiveWorkers() const;
    // The 1-minute load average when the first run started; -1 unknown.
    [[nodiscard]] double loadAverageAtStart() const;
};

} // namespace fp

Q_DECLARE_METATYPE(fp::RepeatedComparison)
