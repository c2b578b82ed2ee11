#pragma once

namespace fp {

// How far the items of a run have got. Items removed from the queue are not in it.
struct RunProgress
{
    int done = 0;
    int failed = 0;
    int cancelled = 0;
    int remaining = 0; // queued or running
    // In items: 1 for each done or failed item, the share of frames analysed for the others.
    double workDone = 0;
    double cancelledWork = 0; // the part of workDone in cancelled items

    [[nodiscard]] int total() const { return done + failed + cancelled + remaining; }
    // 0..1 of the run's items; a cancelled item counts only as far as it got.
    [[nodiscard]] double fraction() const { return total() > 0 ? workDone / total() : 0; }
    // 0..1 of the work the run will still do: cancelled items are out of it.
    [[nodiscard]] double fractionOfRemainingRun() const
    {
        const int planned = total() - cancelled;
        return planned > 0 ? (workDone - cancelledWork) / planned : 1;
    }
};

} // namespace fp
