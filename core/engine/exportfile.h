#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

// What every CSV export shares (the timing report's and the results'): spreadsheet-safe cells.
// Files are written with writeFileAtomically (safefile.h).
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

} // namespace fp::exportfile
