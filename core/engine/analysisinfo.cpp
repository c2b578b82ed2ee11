#include "analysisinfo.h"

#include <QJsonArray>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>

namespace fp {

namespace {

struct TypeName { ParameterSpec::Type type; const char *name; };
constexpr TypeName kTypeNames[] = {
    {ParameterSpec::Type::Integer, "integer"},
    {ParameterSpec::Type::Number, "number"},
    {ParameterSpec::Type::Text, "text"},
};

QString typeName(ParameterSpec::Type type)
{
    for (const TypeName &entry : kTypeNames)
        if (entry.type == type)
            return QLatin1String(entry.name);
    return {};
}

QString rangeText(const ParameterSpec &spec)
{
    return QStringLiteral("%1 from %2 to %3").arg(spec.type == ParameterSpec::Type::Integer ? QStringLiteral("a whole number") : QStringLiteral("a number"))
        .arg(spec.minimum).arg(spec.maximum);
}

// The value of `text` for `spec`, or why it is not one.
std::optional<QJsonValue> parseValue(const ParameterSpec &spec, const QString &text, QString *error)
{
    if (spec.type == ParameterSpec::Type::Text)
        return QJsonValue(text);
    bool ok = false;
    const double value = spec.type == ParameterSpec::Type::Integer ? double(text.trimmed().toLongLong(&ok))
                                                                   : text.trimmed().toDouble(&ok);
    if (!ok || !std::isfinite(value) || value < spec.minimum || value > spec.maximum) {
        *error = QStringLiteral("bad value \"%1\" for parameter %2: expected %3").arg(text, spec.key, rangeText(spec));
        return std::nullopt;
    }
    return spec.type == ParameterSpec::Type::Integer ? QJsonValue(qint64(value)) : QJsonValue(value);
}

} // namespace

QJsonObject ParameterSpec::toJson() const
{
    QJsonObject o{{QStringLiteral("key"), key},
                  {QStringLiteral("type"), typeName(type)},
                  {QStringLiteral("default"), defaultValue},
                  {QStringLiteral("help"), help}};
    if (type != Type::Text) {
        o[QStringLiteral("min")] = minimum;
        o[QStringLiteral("max")] = maximum;
    }
    return o;
}

std::optional<ParameterSpec> ParameterSpec::fromJson(const QJsonObject &object, QString *error)
{
    ParameterSpec spec;
    spec.key = object.value(QLatin1String("key")).toString();
    const QString type = object.value(QLatin1String("type")).toString();
    bool known = false;
    for (const TypeName &entry : kTypeNames) {
        if (type == QLatin1String(entry.name)) {
            spec.type = entry.type;
            known = true;
        }
    }
    if (spec.key.isEmpty() || !known) {
        *error = QStringLiteral("parameter without a key or with unknown type \"%1\"").arg(type);
        return std::nullopt;
    }
    spec.defaultValue = object.value(QLatin1String("default"));
    spec.minimum = object.value(QLatin1String("min")).toDouble();
    spec.maximum = object.value(QLatin1String("max")).toDouble();
    spec.help = object.value(QLatin1String("help")).toString();
    return spec;
}

const ParameterSpec *AnalysisInfo::parameter(const QString &key) const
{
    for (const ParameterSpec &spec : parameters)
        if (spec.key == key)
            return &spec;
    return nullptr;
}

QJsonObject AnalysisInfo::toJson() const
{
    QJsonArray specs;
    for (const ParameterSpec &spec : parameters)
        specs << spec.toJson();
    QJsonObject o{{QStringLiteral("name"), name},
                  {QStringLiteral("title"), title},
                  {QStringLiteral("description"), description},
                  {QStringLiteral("parameters"), specs},
                  {QStringLiteral("pairwise"), pairwise},
                  {QStringLiteral("whole_videos"), wholeVideos}};
    if (!script.isEmpty())
        o[QStringLiteral("script")] = script;
    return o;
}

std::optional<AnalysisInfo> AnalysisInfo::fromJson(const QJsonObject &object, QString *error)
{
    AnalysisInfo info;
    info.name = object.value(QLatin1String("name")).toString();
    if (info.name.isEmpty()) {
        *error = QStringLiteral("analysis without a name");
        return std::nullopt;
    }
    info.title = object.value(QLatin1String("title")).toString(info.name);
    info.description = object.value(QLatin1String("description")).toString();
    info.pairwise = object.value(QLatin1String("pairwise")).toBool();
    info.wholeVideos = object.value(QLatin1String("whole_videos")).toBool();
    info.script = object.value(QLatin1String("script")).toString();
    for (const QJsonValue &value : object.value(QLatin1String("parameters")).toArray()) {
        const std::optional<ParameterSpec> spec = ParameterSpec::fromJson(value.toObject(), error);
        if (!spec)
            return std::nullopt;
        info.parameters << *spec;
    }
    return info;
}

std::optional<QJsonObject> AnalysisInfo::resolveParameters(const QStringList &assignments, QString *error) const
{
    QJsonObject values;
    for (const ParameterSpec &spec : parameters)
        values[spec.key] = spec.defaultValue;
    for (const QString &assignment : assignments) {
        const qsizetype equals = assignment.indexOf(QLatin1Char('='));
        const QString key = assignment.left(equals).trimmed();
        if (equals <= 0 || key.isEmpty()) {
            *error = QStringLiteral("parameter \"%1\" is not KEY=VALUE").arg(assignment);
            return std::nullopt;
        }
        const QString text = assignment.mid(equals + 1);
        if (isUserAnalysis()) {
            values[key] = text;
            continue;
        }
        const ParameterSpec *spec = parameter(key);
        if (!spec) {
            QStringList known;
            for (const ParameterSpec &p : parameters)
                known << p.key;
            *error = known.isEmpty() ? QStringLiteral("%1 takes no parameters (got \"%2\")").arg(name, key)
                                     : QStringLiteral("unknown parameter \"%1\" for %2 (it takes: %3)").arg(key, name, known.join(QStringLiteral(", ")));
            return std::nullopt;
        }
        const std::optional<QJsonValue> value = parseValue(*spec, text, error);
        if (!value)
            return std::nullopt;
        values[key] = *value;
    }
    return values;
}

QJsonObject ResultSummary::toJson() const
{
    QJsonObject o{{QStringLiteral("text"), text}};
    if (!swatches.isEmpty()) {
        QJsonArray list;
        for (const Swatch &swatch : swatches)
            list << QJsonObject{{QStringLiteral("color"), swatch.color}, {QStringLiteral("share"), swatch.share}};
        o[QStringLiteral("swatches")] = list;
    }
    if (!trend.isEmpty()) {
        QJsonArray points;
        for (const double value : trend)
            points << value;
        o[QStringLiteral("trend")] = points;
    }
    return o;
}

ResultSummary ResultSummary::fromJson(const QJsonObject &object)
{
    ResultSummary summary;
    summary.text = object.value(QLatin1String("text")).toString();
    static const QRegularExpression hexColor(QStringLiteral("^#[0-9a-fA-F]{6}$"));
    for (const QJsonValue &value : object.value(QLatin1String("swatches")).toArray()) {
        const QString color = value[QLatin1String("color")].toString();
        if (hexColor.match(color).hasMatch())
            summary.swatches << Swatch{color, std::clamp(value[QLatin1String("share")].toDouble(1.0), 0.0, 1.0)};
    }
    for (const QJsonValue &value : object.value(QLatin1String("trend")).toArray())
        if (value.isDouble())
            summary.trend << value.toDouble();
    return summary;
}

QList<double> ResultSummary::trendOf(const QList<double> &values, int points)
{
    QList<double> trend;
    const qsizetype n = values.size();
    const qsizetype buckets = std::min<qsizetype>(n, points);
    trend.reserve(buckets);
    for (qsizetype b = 0; b < buckets; ++b) {
        const qsizetype first = b * n / buckets;
        const qsizetype last = (b + 1) * n / buckets;
        double sum = 0;
        for (qsizetype i = first; i < last; ++i)
            sum += values.at(i);
        trend << sum / double(last - first);
    }
    return trend;
}

} // namespace fp
