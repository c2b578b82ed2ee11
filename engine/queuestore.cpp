#include "queuestore.h"

#include "safefile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QStandardPaths>

namespace fp {

namespace {

constexpr int kFormatVersion = 1;

std::optional<ItemState> stateFromName(const QString &name)
{
    for (ItemState s : {ItemState::Queued, ItemState::Running, ItemState::Done, ItemState::Failed,
                        ItemState::Cancelled, ItemState::Interrupted})
        if (itemStateName(s) == name)
            return s;
    return std::nullopt;
}

// What every queue file this class writes starts with (compact JSON sorts its keys).
const QByteArray kQueueFileStart = QByteArrayLiteral("{\"items\":[");

// A missing file counts as ours: there is nothing to keep.
bool isOurs(const QString &path)
{
    QFile file(path);
    if (!file.exists())
        return true;
    return file.open(QIODevice::ReadOnly) && file.read(kQueueFileStart.size()) == kQueueFileStart;
}

// Renames the file at `path` to path.bak (replacing an older one); the new name, or empty.
QString setAside(const QString &path)
{
    const QString backup = path + QStringLiteral(".bak");
    QFile::remove(backup);
    return QFile::rename(path, backup) ? backup : QString();
}

} // namespace

QueueStore::QueueStore(QString filePath) : m_filePath(std::move(filePath)) {}

QString QueueStore::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/queue.json");
}

bool QueueStore::save(const QList<QueueEntry> &entries, QString *error, QString *notice) const
{
    QJsonArray items;
    for (const QueueEntry &e : entries) {
        QJsonObject o{{QStringLiteral("path"), e.path},
                      {QStringLiteral("kind"), streamKindName(e.kind)},
                      {QStringLiteral("status"), itemStateName(e.state)},
                      {QStringLiteral("frames"), e.frames},
                      {QStringLiteral("seconds"), e.seconds}};
        if (!e.result.isEmpty())
            o[QStringLiteral("result")] = e.result;
        if (!e.summary.isEmpty())
            o[QStringLiteral("summary")] = e.summary.toJson();
        if (!e.error.isEmpty())
            o[QStringLiteral("error")] = e.error;
        items << o;
    }
    const QJsonObject root{{QStringLiteral("version"), kFormatVersion}, {QStringLiteral("items"), items}};

    QDir().mkpath(QFileInfo(m_filePath).absolutePath());
    const QByteArray content = QJsonDocument(root).toJson(QJsonDocument::Compact);
    // A file that is not a queue we wrote (a damaged one, or something else at this path) is
    // kept, not silently replaced.
    if (!isOurs(m_filePath)) {
        const QString kept = setAside(m_filePath);
        if (notice)
            *notice = kept.isEmpty() ? QString()
                                     : QCoreApplication::translate("fp::QueueStore", "%1 was not a readable queue; it was kept as %2").arg(m_filePath, kept);
    }
    QString why;
    if (!writeFileAtomically(m_filePath, content, &why)) {
        if (error)
            *error = QCoreApplication::translate("fp::QueueStore", "cannot save the queue: %1").arg(why);
        return false;
    }
    return true;
}

QList<QueueEntry> QueueStore::load(QString *error) const
{
    QFile file(m_filePath);
    if (!file.exists())
        return {};
    const auto fail = [&](const QString &why) {
        if (error)
            *error = QCoreApplication::translate("fp::QueueStore", "cannot restore the queue from %1: %2").arg(m_filePath, why);
        return QList<QueueEntry>{};
    };
    if (!file.open(QIODevice::ReadOnly))
        return fail(file.errorString());
    // Kept aside before anything overwrites it: it may be the only record of a long run.
    const auto failAndKeep = [&](const QString &why) {
        file.close();
        const QString kept = setAside(m_filePath);
        return fail(kept.isEmpty() ? why : QCoreApplication::translate("fp::QueueStore", "%1; the file was kept as %2").arg(why, kept));
    };
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!doc.isObject())
        return failAndKeep(parseError.errorString());
    const QJsonObject root = doc.object();
    if (root.value(QLatin1String("version")).toInt() != kFormatVersion)
        return failAndKeep(QCoreApplication::translate("fp::QueueStore", "unknown format version"));

    QList<QueueEntry> entries;
    for (const QJsonValue &v : root.value(QLatin1String("items")).toArray()) {
        const QJsonObject o = v.toObject();
        QueueEntry e;
        e.path = o.value(QLatin1String("path")).toString();
        if (e.path.isEmpty())
            continue;
        e.kind = o.value(QLatin1String("kind")).toString() == QLatin1String("images") ? StreamKind::Images : StreamKind::Video;
        e.state = stateFromName(o.value(QLatin1String("status")).toString()).value_or(ItemState::Queued);
        e.result = o.value(QLatin1String("result")).toObject();
        e.summary = ResultSummary::fromJson(o.value(QLatin1String("summary")).toObject());
        e.error = o.value(QLatin1String("error")).toString();
        e.frames = o.value(QLatin1String("frames")).toInteger();
        e.seconds = o.value(QLatin1String("seconds")).toDouble();
        if (e.state == ItemState::Running) {
            // The app stopped while this item ran: whatever it had is gone with its worker.
            e.state = ItemState::Interrupted;
            e.error = QStringLiteral("interrupted: FramePool stopped while this item was running");
            e.result = {};
            e.summary = {};
            e.frames = 0;
        }
        entries << e;
    }
    return entries;
}

} // namespace fp
