#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

// What every export file shares: spreadsheet-safe CSV cells (the timing report's CSV and the
// results CSV) and writing a file so that a reader never sees half of it.
namespace fp::exportfile {

// Spreadsheets run a cell that starts with = + - @ (or a tab or CR) as a formula (OWASP "CSV
// injection"); a leading apostrophe makes them show it as text.
[[nodiscard]] QString neutralisedText(const QString &text);
// RFC 4180: quoted when it holds a comma, quote, CR or LF; quotes doubled.
[[nodiscard]] QString quotedCell(const QString &cell);

// Text cells may come from anywhere (file names, error messages, a script's keys) and are
// neutralised; numbers are ours and are not (a negative number must stay a number).
struct CsvCell
{
    QString value;
    bool isText;
};
[[nodiscard]] inline CsvCell text(const QString &value) { return {value, true}; }
[[nodiscard]] inline CsvCell number(const QString &value) { return {value, false}; }

// One CSV line with its CRLF.
[[nodiscard]] QByteArray csvRow(const QList<CsvCell> &cells);

// Writes `content` to `path` through QSaveFile: the old file stays until the new one is
// complete. On failure, returns false and says why in `error` ("cannot write PATH: reason").
bool writeAtomically(const QString &path, const QByteArray &content, QString *error);

} // namespace fp::exportfile
