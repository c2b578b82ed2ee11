#pragma once

#include "report.h"

#include <QString>

namespace fp {

// Writes `report` as an A4 PDF with the content of the HTML report (summary, comparison,
// wall-time chart, and per run its worker timeline and item table). The charts are painted by
// the same code as the timing panel. The file is replaced atomically: a failed export leaves
// an existing file untouched. On failure returns false and, if `error` is given, says why.
bool writePdfReport(const TimingReport &report, const QString &path, QString *error);

} // namespace fp
