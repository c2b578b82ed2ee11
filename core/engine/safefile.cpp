#include "safefile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QSaveFile>
#include <QTemporaryFile>

namespace fp {

namespace {

bool fail(QString *error, const QString &path, const QString &why)
{
    if (error)
        *error = QCoreApplication::translate("fp::SafeFile", "cannot write %1: %2").arg(QDir::toNativeSeparators(path), why);
    return false;
}

} // namespace

bool writeFileAtomically(const QString &path, const QByteArray &content, QString *error)
{
    QSaveFile file(path);
    // Unbuffered: each write reaches the file system and reports its own failure. Qt 6.4's
    // QSaveFile::commit() ignores a failure of the flush it does itself and renames a cut file
    // over the old one, which is how a full disk used to leave 0-byte and 8 KiB reports.
    if (!file.open(QIODevice::WriteOnly | QIODevice::Unbuffered))
        return fail(error, path, file.errorString());
    const auto giveUp = [&](const QString &why) {
        file.cancelWriting(); // the destructor removes the temporary file
        return fail(error, path, why);
    };
    qsizetype written = 0;
    while (written < content.size()) {
        const qint64 n = file.write(content.constData() + written, content.size() - written);
        if (n <= 0)
            return giveUp(file.errorString());
        written += n;
    }
    if (!file.flush() || file.error() != QFileDevice::NoError)
        return giveUp(file.errorString());
    if (!file.commit())
        return fail(error, path, file.errorString());
    return true;
}

bool canCreateFile(const QString &path, QString *error)
{
    const QFileInfo target(path);
    const QFileInfo folder(target.absolutePath());
    if (target.isDir())
        return fail(error, path, QCoreApplication::translate("fp::SafeFile", "it is a folder"));
    if (!folder.exists())
        return fail(error, path, QCoreApplication::translate("fp::SafeFile", "folder %1 does not exist").arg(QDir::toNativeSeparators(folder.filePath())));
    if (!folder.isDir())
        return fail(error, path, QCoreApplication::translate("fp::SafeFile", "%1 is not a folder").arg(QDir::toNativeSeparators(folder.filePath())));
    // Creating a file is the only honest test (permissions, read-only mounts, ACLs).
    QTemporaryFile probe(folder.absoluteFilePath() + QStringLiteral("/.framepool-XXXXXX"));
    if (!probe.open())
        return fail(error, path, probe.errorString());
    return true;
}

} // namespace fp
