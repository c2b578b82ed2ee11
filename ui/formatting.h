#pragma once

#include <QString>

namespace fp {

// "7.3 s", "12:34", "1:02:03"; an empty string for a negative (unknown) duration.
[[nodiscard]] QString formatDuration(double seconds);

} // namespace fp
