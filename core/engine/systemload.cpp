#include "systemload.h"

#include <QFile>

namespace fp {

double parseLoadAverage(const QByteArray &loadavgLine)
{
    const QByteArray first = loadavgLine.simplified().split(' ').value(0);
    bool ok = false;
    const double load = first.toDouble(&ok);
    return ok && load >= 0 ? load : -1;
}

double currentLoadAverage(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    return parseLoadAverage(file.readLine());
}

bool isBusyLoad(double loadAverage, int cores)
{
    return loadAverage >= 0 && cores > 0 && loadAverage >= 0.5 * cores;
}

} // namespace fp
