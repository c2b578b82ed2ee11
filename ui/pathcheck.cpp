#include "pathcheck.h"

#include "mediaprobe.h"

#include <QCoreApplication>
#include <QDirIterator>
#include <QFileInfo>

namespace fp {

PathCheck checkPath(const QString &path)
{
    const QFileInfo info(path);
    PathCheck check;
    check.path = info.absoluteFilePath();
    if (info.isDir()) {
        check.kind = StreamKind::Images;
        if (!info.isReadable()) {
            check.refusal = QCoreApplication::translate("PathCheck", "folder cannot be read");
            return check;
        }
        // The engine lists the whole folder off the GUI thread; here one image is enough.
        QDirIterator it(check.path, QDir::Files | QDir::Readable | QDir::Hidden);
        while (it.hasNext()) {
            if (isImageFile(it.next()))
                return check;
        }
        check.refusal = QCoreApplication::translate("PathCheck", "folder has no images (looked for %1)").arg(imageSuffixes().join(QStringLiteral(", ")));
        return check;
    }
    const StreamInfo stream = listStream(check.path, false);
    check.kind = stream.kind;
    check.refusal = stream.error;
    return check;
}

} // namespace fp
