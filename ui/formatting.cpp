#include "formatting.h"

#include <QCoreApplication>
#include <QLocale>

#include <cmath>

namespace fp {

QString formatDuration(double seconds)
{
    if (seconds < 0 || !std::isfinite(seconds))
        return {};
    const QLocale locale;
    // Most items take seconds: tenths say more there than "0:00" would.
    if (seconds < 59.95)
        return QCoreApplication::translate("Duration", "%1 s").arg(locale.toString(seconds, 'f', 1));
    const qint64 total = qint64(std::llround(seconds));
    const qint64 h = total / 3600;
    const qint64 m = (total / 60) % 60;
    const qint64 s = total % 60;
    const QLatin1Char zero('0');
    // Clock notation reads the same in every language the app speaks; only the digits are
    // the locale's.
    if (h > 0)
        return QStringLiteral("%1:%2:%3").arg(locale.toString(h)).arg(m, 2, 10, zero).arg(s, 2, 10, zero);
    return QStringLiteral("%1:%2").arg(locale.toString(m)).arg(s, 2, 10, zero);
}

} // namespace fp
