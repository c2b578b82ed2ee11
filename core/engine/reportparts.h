#pragma once

// Pieces shared by the report formats (reportjson.cpp, reportcsv.cpp, reporthtml.cpp,
// reportsvg.cpp); not part of the public API, which is report.h.

#include "report.h"

namespace fp::report::parts {

// Local times carry their UTC offset, so the timestamp is unambiguous when read elsewhere.
[[nodiscard]] QString isoTimestamp(const QDateTime &time);
[[nodiscard]] bool hasStarted(const ItemRecord &item);
[[nodiscard]] bool hasFinished(const ItemRecord &item);
[[nodiscard]] bool hasWorker(const ItemRecord &item);
// Frames per second of wall time: what the user got out of the whole run.
[[nodiscard]] double throughput(const RunTiming &run);
// A number for HTML and SVG: fixed decimals, no exponent.
[[nodiscard]] QString decimal(double value, int decimals = 1);

// Inline SVG charts of the HTML report (reportsvg.cpp).
// Serial and parallel wall time and the time model's ideal, as horizontal bars.
[[nodiscard]] QString wallTimeChartSvg(const TimingReport &report);
// The run's timeline (see timeline.h) with a time axis of at least `axisSeconds`; an "empty"
// paragraph when no worker recorded any work. `id` tells it from the page's other timelines.
[[nodiscard]] QString timelineSvg(const RunTiming &run, double axisSeconds, const QString &id);

} // namespace fp::report::parts
