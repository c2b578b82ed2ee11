#pragma once

#include "runtypes.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

// What a run computed, exported for every analysis, built-in or user: the CLI's --results and
// the GUI's "Export Results…". (The timing report, report.h, says how long it took.)
namespace fp::resultsexport {

// One item as framepool-cli --json prints it, one per line: path, kind, status ("ok" or
// "failed"), analysis, frames, worker, host (when known), seconds, and the result of an item
// that is done or the error of one that is not.
[[nodiscard]] QJsonObject itemObject(const ItemRecord &record, const QString &analysis);

// A JSON array of itemObject() of every item, in the given order.
[[nodiscard]] QByteArray toJson(const QList<ItemRecord> &items, const QString &analysis);

// The CSV export: one row per item, and the lists of values (per frame, per image, per colour)
// in long form; see resultsexport.cpp for how a result maps onto columns.
struct CsvFiles
{
    QByteArray items;  // path, kind, status, frames, error, then the result's scalar fields
    QByteArray frames; // path, list, frame, then the list elements' fields; empty: no lists
};
[[nodiscard]] CsvFiles toCsv(const QList<ItemRecord> &items);

// Where the CSV export puts the lists: "out.csv" -> "out-frames.csv".
[[nodiscard]] QString framesPath(const QString &csvPath);
// True for the formats write() knows: .json and .csv (any case).
[[nodiscard]] bool isSupportedPath(const QString &path);

// Writes the items to `path`, in the format its extension names (.json or .csv; a CSV with
// lists also writes framesPath(path)). Each file is replaced atomically. On failure returns false
// and says why in `error`.
bool write(const QList<ItemRecord> &items, const QString &analysis, const QString &path, QString *error);

} // namespace fp::resultsexport
