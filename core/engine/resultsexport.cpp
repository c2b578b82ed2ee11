#include "resultsexport.h"

#include "exportfile.h"
#include "safefile.h"

#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QSet>
#include <QStringList>
#include <QVariant>

#include <algorithm>
#include <cmath>

// How a result maps onto the CSV export. A result is a JSON object; its fields are walked with
// dotted names:
//   - a scalar (number, string, bool, null) is a column of the item's row:
//       {"mean": 0.5}                      -> mean
//       {"max": {"at": 3}}                 -> max.at        (objects nest, any depth)
//   - a short array of scalars is a tuple, one column per element:
//       {"rgb": [255, 0, 0]}               -> rgb.0, rgb.1, rgb.2
//   - any other array is a list of values and goes to FILE-frames.csv in long form, one row per
//     element: path, list (the array's dotted name), frame (the element's index: the frame of
//     per-frame values, the image of an image set, the rank of a palette colour), then
//       a number or string                 -> value
//       a flat object                      -> its fields as columns (nested ones dotted,
//                                             arrays inside as tuples: rgb.0, rgb.1, rgb.2)
//       an array                           -> value.0, value.1, ...
//     e.g. brightness {"series": [...]}, a user analysis {"values": [...]}, dominant-color's
//     {"images": [{path, rgb, hex, percent}, ...]}, palette's {"colors": [...]}.
//   An array is a list when it is named "values" or "series" (the per-frame values of user and
//   series analyses, however few frames there are), holds more than kMaxTupleSize elements,
//   or holds an object or array. The decision is per name over all items, so a column never
//   turns into a list from one row to the next.
// Columns are the union over all items in first-seen order; a cell an item lacks is empty. A
// result field named like a fixed column gets its JSON path as name ("result.frames"), as does
// a list element's field named like one ("images.path").

namespace fp::resultsexport {

namespace {

using exportfile::CsvCell;

const QString kStatusOk = QStringLiteral("ok");
const QStringList kItemColumns{QStringLiteral("path"), QStringLiteral("kind"), QStringLiteral("status"),
                               QStringLiteral("frames"), QStringLiteral("error")};
const QStringList kFrameColumns{QStringLiteral("path"), QStringLiteral("list"), QStringLiteral("frame")};
const QString kElementValue = QStringLiteral("value");
// rgb, rgba, a point, a box: longer arrays of scalars are lists.
constexpr qsizetype kMaxTupleSize = 4;

QString statusOf(const ItemRecord &record)
{
    return record.state == ItemState::Done ? kStatusOk : QStringLiteral("failed");
}

QString dotted(const QString &prefix, const QString &key)
{
    return prefix.isEmpty() ? key : prefix + QLatin1Char('.') + key;
}

// Integers as integers (also when JSON stored them as doubles), other numbers in the shortest
// form that reads back the same: what a spreadsheet and the JSON export both show.
QString numberText(const QJsonValue &value)
{
    if (value.toVariant().typeId() == QMetaType::LongLong)
        return QString::number(value.toInteger());
    const double number = value.toDouble();
    constexpr double kExactIntegers = 9007199254740992.0; // 2^53
    if (std::trunc(number) == number && std::abs(number) < kExactIntegers)
        return QString::number(qint64(number));
    return QString::number(number, 'g', QLocale::FloatingPointShortest);
}

CsvCell scalarCell(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Double: return exportfile::number(numberText(value));
    case QJsonValue::Bool: return exportfile::number(value.toBool() ? QStringLiteral("true") : QStringLiteral("false"));
    case QJsonValue::String: return exportfile::text(value.toString());
    default: return exportfile::number({}); // null
    }
}

// The cells of one CSV row by column name, and the names in first-seen order.
struct Row
{
    QStringList names;
    QHash<QString, CsvCell> cells;

    void add(const QString &name, const CsvCell &cell)
    {
        if (!cells.contains(name))
            names.append(name);
        cells.insert(name, cell);
    }
};

// A list found in a result: its dotted name and its elements.
struct List
{
    QString name;
    QJsonArray elements;
};

// The columns of a whole file: the fixed ones, then every name of every row, first seen first.
class Columns
{
public:
    explicit Columns(const QStringList &fixed) : m_names(fixed), m_seen(fixed.begin(), fixed.end()) {}

    void add(const QStringList &names)
    {
        for (const QString &name : names) {
            if (!m_seen.contains(name)) {
                m_seen.insert(name);
                m_names.append(name);
            }
        }
    }
    [[nodiscard]] const QStringList &names() const { return m_names; }

    [[nodiscard]] QByteArray header() const
    {
        QList<CsvCell> cells;
        for (const QString &name : m_names)
            cells.append(exportfile::text(name));
        return exportfile::csvRow(cells);
    }
    [[nodiscard]] QByteArray line(const Row &row) const
    {
        QList<CsvCell> cells;
        for (const QString &name : m_names)
            cells.append(row.cells.value(name, exportfile::number({})));
        return exportfile::csvRow(cells);
    }

private:
    QStringList m_names;
    QSet<QString> m_seen;
};

// The top-level fields of an object with their column names; a field named like one of
// `fixedColumns` is named `prefix.field` instead.
QList<std::pair<QString, QJsonValue>> namedFields(const QJsonObject &object, const QStringList &fixedColumns,
                                                   const QString &prefix)
{
    QList<std::pair<QString, QJsonValue>> fields;
    for (auto it = object.begin(); it != object.end(); ++it)
        fields.append({fixedColumns.contains(it.key()) ? dotted(prefix, it.key()) : it.key(), it.value()});
    return fields;
}

QList<std::pair<QString, QJsonValue>> resultFields(const QJsonObject &result)
{
    return namedFields(result, kItemColumns, QStringLiteral("result"));
}

bool isListArray(const QString &name, const QJsonArray &array)
{
    const QString last = name.section(QLatin1Char('.'), -1);
    if (last == QLatin1String("values") || last == QLatin1String("series") || array.size() > kMaxTupleSize)
        return true;
    return std::any_of(array.begin(), array.end(), [](const QJsonValue &v) { return v.isArray() || v.isObject(); });
}

// Adds the dotted names of the arrays in `value` that are lists to `lists`. (A tuple holds
// scalars only, so there is nothing to find inside arrays.)
void collectListNames(const QJsonValue &value, const QString &name, QSet<QString> &lists)
{
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            collectListNames(it.value(), dotted(name, it.key()), lists);
    } else if (value.isArray() && isListArray(name, value.toArray())) {
        lists.insert(name);
    }
}

// Puts `value` into `row` under `name`: objects nested with dotted names, arrays named in
// `lists` into `found` (when given), other arrays element by element (name.0, name.1, ...).
void flatten(const QJsonValue &value, const QString &name, const QSet<QString> &lists, Row &row,
             QList<List> *found)
{
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            flatten(it.value(), dotted(name, it.key()), lists, row, found);
    } else if (value.isArray()) {
        const QJsonArray array = value.toArray();
        if (found && lists.contains(name)) {
            found->append({name, array});
            return;
        }
        for (qsizetype i = 0; i < array.size(); ++i)
            flatten(array.at(i), dotted(name, QString::number(i)), lists, row, found);
    } else {
        row.add(name, scalarCell(value));
    }
}

// One row of FILE-frames.csv: an element of a list.
Row elementRow(const QString &path, const List &list, qsizetype index)
{
    Row row;
    row.add(QStringLiteral("path"), exportfile::text(path));
    row.add(QStringLiteral("list"), exportfile::text(list.name));
    row.add(QStringLiteral("frame"), exportfile::number(QString::number(index)));
    const QJsonValue element = list.elements.at(index);
    static const QSet<QString> noLists;
    if (element.isObject()) {
        for (const auto &[name, value] : namedFields(element.toObject(), kFrameColumns, list.name))
            flatten(value, name, noLists, row, nullptr);
    } else {
        flatten(element, kElementValue, noLists, row, nullptr);
    }
    return row;
}

QString suffixOf(const QString &path)
{
    return QFileInfo(path).suffix().toLower();
}

} // namespace

QJsonObject itemObject(const ItemRecord &record, const QString &analysis)
{
    QJsonObject o;
    o[QStringLiteral("path")] = record.path;
    o[QStringLiteral("kind")] = streamKindName(record.kind);
    o[QStringLiteral("status")] = statusOf(record);
    o[QStringLiteral("analysis")] = analysis;
    o[QStringLiteral("frames")] = record.framesDone;
    o[QStringLiteral("worker")] = record.worker;
    if (!record.host.isEmpty())
        o[QStringLiteral("host")] = record.host;
    o[QStringLiteral("seconds")] = record.seconds();
    if (record.state == ItemState::Done)
        o[QStringLiteral("result")] = record.result;
    else
        o[QStringLiteral("error")] = record.error;
    return o;
}

QByteArray toJson(const QList<ItemRecord> &items, const QString &analysis)
{
    QJsonArray array;
    for (const ItemRecord &record : items)
        array.append(itemObject(record, analysis));
    return QJsonDocument(array).toJson(QJsonDocument::Indented);
}

CsvFiles toCsv(const QList<ItemRecord> &items)
{
    QSet<QString> listNames;
    for (const ItemRecord &record : items) {
        if (record.state == ItemState::Done) {
            for (const auto &[name, value] : resultFields(record.result))
                collectListNames(value, name, listNames);
        }
    }

    QList<Row> itemRows;
    QList<Row> elementRows;
    Columns itemColumns(kItemColumns);
    Columns frameColumns(kFrameColumns);
    for (const ItemRecord &record : items) {
        Row row;
        row.add(QStringLiteral("path"), exportfile::text(record.path));
        row.add(QStringLiteral("kind"), exportfile::text(streamKindName(record.kind)));
        row.add(QStringLiteral("status"), exportfile::text(statusOf(record)));
        row.add(QStringLiteral("frames"), exportfile::number(QString::number(record.framesDone)));
        row.add(QStringLiteral("error"), exportfile::text(record.state == ItemState::Done ? QString() : record.error));
        if (record.state == ItemState::Done) {
            QList<List> lists;
            for (const auto &[name, value] : resultFields(record.result))
                flatten(value, name, listNames, row, &lists);
            for (const List &list : lists) {
                for (qsizetype i = 0; i < list.elements.size(); ++i) {
                    elementRows.append(elementRow(record.path, list, i));
                    frameColumns.add(elementRows.last().names);
                }
            }
        }
        itemColumns.add(row.names);
        itemRows.append(row);
    }

    CsvFiles files;
    files.items = itemColumns.header();
    for (const Row &row : itemRows)
        files.items += itemColumns.line(row);
    if (!elementRows.isEmpty()) {
        files.frames = frameColumns.header();
        for (const Row &row : elementRows)
            files.frames += frameColumns.line(row);
    }
    return files;
}

QString framesPath(const QString &csvPath)
{
    const QString suffix = QFileInfo(csvPath).suffix();
    const QString base = suffix.isEmpty() ? csvPath : csvPath.chopped(suffix.size() + 1);
    return base + QStringLiteral("-frames.") + (suffix.isEmpty() ? QStringLiteral("csv") : suffix);
}

bool isSupportedPath(const QString &path)
{
    const QString suffix = suffixOf(path);
    return suffix == QLatin1String("json") || suffix == QLatin1String("csv");
}

bool write(const QList<ItemRecord> &items, const QString &analysis, const QString &path, QString *error)
{
    const QString suffix = suffixOf(path);
    if (suffix == QLatin1String("json"))
        return writeFileAtomically(path, toJson(items, analysis), error);
    if (suffix == QLatin1String("csv")) {
        const CsvFiles files = toCsv(items);
        // The lists first: a results file on disk always has its frames file next to it.
        if (!files.frames.isEmpty() && !writeFileAtomically(framesPath(path), files.frames, error))
            return false;
        return writeFileAtomically(path, files.items, error);
    }
    if (error) {
        *error = QStringLiteral("unsupported results format %1 (use .json or .csv)")
                     .arg(suffix.isEmpty() ? QStringLiteral("(no extension)") : QStringLiteral("\".%1\"").arg(suffix));
    }
    return false;
}

} // namespace fp::resultsexport
