#pragma once

#include <QJsonObject>
#include <QString>

namespace fp {

// One line a person can read for any analysis result ("#7f7f7f 12.3%", "mean 118.2, ...").
// Shared by the CLI's text output and the GUI's tooltips.
[[nodiscard]] QString resultSummary(const QJsonObject &result);

} // namespace fp
