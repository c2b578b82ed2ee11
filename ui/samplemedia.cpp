#include "samplemedia.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace fp {

QString sampleMediaDir()
{
    const QString fromEnv = qEnvironmentVariable("FRAMEPOOL_SAMPLES");
    if (!fromEnv.isEmpty())
        return QFileInfo(fromEnv).isDir() ? QFileInfo(fromEnv).absoluteFilePath() : QString();
    const QString programDir = QCoreApplication::applicationDirPath();
    const QStringList candidates{
        programDir + QStringLiteral("/../samples"),
        programDir + QStringLiteral("/../" FRAMEPOOL_INSTALL_DATADIR "/framepool/samples"),
        QStringLiteral(FRAMEPOOL_INSTALL_FULL_DATADIR "/framepool/samples"),
    };
    for (const QString &dir : candidates) {
        if (QFileInfo(dir).isDir())
            return QDir::cleanPath(QFileInfo(dir).absoluteFilePath());
    }
    return {};
}

QStringList sampleMediaPaths()
{
    const QString dir = sampleMediaDir();
    if (dir.isEmpty())
        return {};
    QStringList paths;
    const QFileInfoList entries = QDir(dir).entryInfoList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot,
                                                          QDir::Name);
    for (const QFileInfo &entry : entries)
        paths << entry.absoluteFilePath();
    return paths;
}

} // namespace fp
