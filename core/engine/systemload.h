#pragma once

#include <QByteArray>
#include <QString>

namespace fp {

// How busy the machine was when a run started: the 1-minute load average of /proc/loadavg.
// One run on a busy machine measures the other programs as much as FramePool, so reports
// label such numbers instead of presenting them as the speed-up.

// The first field of a /proc/loadavg line; -1 when the text is not one.
[[nodiscard]] double parseLoadAverage(const QByteArray &loadavgLine);
// The 1-minute load average now; -1 where the system does not say (not Linux).
[[nodiscard]] double currentLoadAverage(const QString &path = QStringLiteral("/proc/loadavg"));
// Busy: other programs keep at least half of the usable cores occupied on average, enough to
// change a measured speed-up well beyond run-to-run noise. Unknown load is not busy.
[[nodiscard]] bool isBusyLoad(double loadAverage, int cores);

} // namespace fp
