#pragma once

namespace fp {

// The time a run has left, smoothed so that it counts down steadily instead of jumping each
// time an item ends. Fed with the run's active time (paused time left out) and the share of
// the work done; the caller owns the clock, so tests drive it with made-up times.
//
// Between samples the estimate counts down with the clock; each sample pulls it towards the
// overall rate (elapsed × (1 − done) / done) by an amount that grows with the time since the
// previous sample, so the smoothing does not depend on how often it is fed.
class EtaEstimator
{
public:
    // Forget the run: the next update starts a new estimate.
    void reset();
    // `activeSeconds` never goes back within a run; `fraction` is 0..1.
    void update(double activeSeconds, double fraction);
    // Seconds left, or -1 while too little is done to tell.
    [[nodiscard]] double remainingSeconds() const { return m_remaining; }

private:
    double m_lastSeconds = -1;
    double m_remaining = -1;
};

} // namespace fp
