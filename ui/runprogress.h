#pragma once

namespace fp {

// How far the items of a run have got. Items removed from the queue are not in it.
struct RunProgress
{
    int done = 0;
    int failed = 0;
    int cancelled = 0;
    int remaining = 0; // queued or running
    double fraction = 0; // 0..1, each item weighing the same, running items by their frames

    [[nodiscard]] int total() const { return done + failed + cancelled + remaining; }
};

} // namespace fp
