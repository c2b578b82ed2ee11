#pragma once

#include <QString>

class QWidget;

namespace fp {

struct TimingReport;

// Writes `report` to `path` in the format its extension names (.html .pdf .csv .json).
bool writeReportFile(const TimingReport &report, const QString &path, QString *error);
// Asks where to save a report, starting in `folder`; adds the chosen format's extension when
// the name has none. Empty when the person cancels.
[[nodiscard]] QString askReportPath(QWidget *parent, const QString &folder);
// The same for a run's results (.csv or .json, resultsexport.h).
[[nodiscard]] QString askResultsPath(QWidget *parent, const QString &folder);

} // namespace fp
