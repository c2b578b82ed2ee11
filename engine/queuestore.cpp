#include "queuestore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
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

} // namespace

QueueStore::QueueStore(QString filePath) : m_filePath(std::move(filePath)) {}

QString QueueStore::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/queue.json");
}

bool QueueStore::save(const QList<QueueEntry> &entries, QString *error) const
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
    QSaveFile file(m_filePath);
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(root).toJson(QJsonDocument::Compact)) < 0
        || !file.commit()) {
        if (error)
            *error = QStringLiteral("cannot save the queue to %1: %2").arg(m_filePath, file.errorString());
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
            *error = QStringLiteral("cannot restore the queue from %1: %2").arg(m_filePath, why);
        return QList<QueueEntry>{};
    };
    if (!file.open(QIODevice::ReadOnly))
        return fail(file.errorString());
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!doc.isObject())
        return fail(parseError.errorString());
    const QJsonObject root = doc.object();
    if (root.value(QLatin1String("version")).toInt() != kFormatVersion)
        return fail(QStringLiteral("unknown format version"));

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
