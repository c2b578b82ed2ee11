#include "etaestimator.h"

#include <algorithm>
#include <cmath>

namespace fp {

namespace {
// Below this share done, the overall rate says more about worker start-up than about the run.
constexpr double kMinFraction = 0.01;
// How fast the estimate follows the measured rate: after this many seconds of a changed rate,
// about two thirds of the change shows.
constexpr double kSmoothingSeconds = 5.0;
} // namespace

void EtaEstimator::reset()
{
    m_lastSeconds = -1;
    m_remaining = -1;
}

void EtaEstimator::update(double activeSeconds, double fraction)
{
    if (fraction >= 1.0) {
        m_remaining = 0;
        m_lastSeconds = activeSeconds;
        return;
    }
    if (fraction < kMinFraction || activeSeconds <= 0)
        return;
    const double measured = activeSeconds * (1 - fraction) / fraction;
    if (m_remaining < 0 || m_lastSeconds < 0) {
        m_remaining = measured;
        m_lastSeconds = activeSeconds;
        return;
    }
    const double step = std::max(0.0, activeSeconds - m_lastSeconds);
    const double counted = std::max(0.0, m_remaining - step);
    const double pull = 1 - std::exp(-step / kSmoothingSeconds);
    m_remaining = counted + pull * (measured - counted);
    m_lastSeconds = activeSeconds;
}

} // namespace fp
