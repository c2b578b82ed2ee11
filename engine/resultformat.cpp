#include "resultformat.h"

#include <QJsonArray>

namespace fp {

QString resultSummary(const QJsonObject &result)
{
    const auto number = [&result](const char *key, int decimals) {
        return QString::number(result.value(QLatin1String(key)).toDouble(), 'f', decimals);
    };
    if (result.contains(QLatin1String("hex")))
        return QStringLiteral("%1 %2%").arg(result.value(QLatin1String("hex")).toString(), number("percent", 2));
    if (result.contains(QLatin1String("colors"))) {
        QStringList parts;
        for (const QJsonValue &c : result.value(QLatin1String("colors")).toArray())
            parts << QStringLiteral("%1 %2%").arg(c[QLatin1String("hex")].toString())
                         .arg(c[QLatin1String("percent")].toDouble(), 0, 'f', 1);
        return parts.join(QStringLiteral(", "));
    }
    if (result.contains(QLatin1String("max_pair")))
        return QStringLiteral("mean %1, max %2 at pair %3").arg(number("mean", 4), number("max", 4))
            .arg(result.value(QLatin1String("max_pair")).toInteger());
    if (result.contains(QLatin1String("series")))
        return QStringLiteral("mean %1, min %2, max %3").arg(number("mean", 2), number("min", 2), number("max", 2));
    return {};
}

} // namespace fp
