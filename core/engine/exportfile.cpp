#include "exportfile.h"

#include <QStringList>

namespace fp::exportfile {

QString neutralisedText(const QString &text)
{
    static const QString formulaStarts = QStringLiteral("=+-@\t\r");
    if (!text.isEmpty() && formulaStarts.contains(text.front()))
        return QLatin1Char('\'') + text;
    return text;
}

QString quotedCell(const QString &cell)
{
    const bool needsQuotes = cell.contains(QLatin1Char(',')) || cell.contains(QLatin1Char('"'))
        || cell.contains(QLatin1Char('\r')) || cell.contains(QLatin1Char('\n'));
    if (!needsQuotes)
        return cell;
    QString escaped = cell;
    escaped.replace(QLatin1String("\""), QLatin1String("\"\""));
    return QLatin1Char('"') + escaped + QLatin1Char('"');
}

QByteArray csvRow(const QList<CsvCell> &cells)
{
    QStringList out;
    out.reserve(cells.size());
    for (const CsvCell &cell : cells)
        out.append(quotedCell(cell.isText ? neutralisedText(cell.value) : cell.value));
    return out.join(QLatin1Char(',')).toUtf8() + "\r\n";
}

} // namespace fp::exportfile
