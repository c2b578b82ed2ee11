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

// What every file this class writes starts with (compact JSON sorts its keys).
const QByteArray kQueueFileStart = QByteArrayLiteral("{\"items\":[");
const QByteArray kHistoryFileStart = QByteArrayLiteral("{\"history\":[");

// A missing file counts as ours: there is nothing to keep.
bool isOurs(const QString &path, const QByteArray &start)
{
    QFile file(path);
    if (!file.exists())
        return true;
    return file.open(QIODevice::ReadOnly) && file.read(start.size()) == start;
}

// Renames the file at `path` to path.bak (replacing an older one); the new name, or empty.
QString setAside(const QString &path)
{
    const QString backup = path + QStringLiteral(".bak");
    QFile::remove(backup);
    return QFile::rename(path, backup) ? backup : QString();
}

// Writes `root` to `path` atomically. A file there that is not one we wrote (a damaged one, or
// something else at this path) is kept as path.bak, not silently replaced; `notice` says so.
bool writeStoreFile(const QString &path, const QJsonObject &root, const QByteArray &start, QString *why,
                    QString *notice)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    if (!isOurs(path, start)) {
        const QString kept = setAside(path);
        if (notice && !kept.isEmpty())
            *notice = QCoreApplication::translate("fp::QueueStore", "%1 was not readable; it was kept as %2").arg(path, kept);
    }
    return writeFileAtomically(path, QJsonDocument(root).toJson(QJsonDocument::Compact), why);
}

// The object in the file at `path`: empty for a missing file; none (and why) for a file that
// cannot be read as one of ours, which is then kept aside as path.bak before anything
// overwrites it: it may be the only record of a long run.
std::optional<QJsonObject> readStoreFile(const QString &path, QString *why)
{
    QFile file(path);
    if (!file.exists())
        return QJsonObject{};
    if (!file.open(QIODevice::ReadOnly)) {
        *why = file.errorString();
        return std::nullopt;
    }
    const auto failAndKeep = [&](const QString &reason) {
        file.close();
        const QString kept = setAside(path);
        *why = kept.isEmpty() ? reason : QCoreApplication::translate("fp::QueueStore", "%1; the file was kept as %2").arg(reason, kept);
        return std::nullopt;
    };
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!doc.isObject())
        return failAndKeep(parseError.errorString());
    if (doc.object().value(QLatin1String("version")).toInt() != kFormatVersion)
        return failAndKeep(QCoreApplication::translate("fp::QueueStore", "unknown format version"));
    return doc.object();
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
        if (e.held)
            o[QStringLiteral("held")] = true;
        items << o;
    }
    const QJsonObject root{{QStringLiteral("version"), kFormatVersion}, {QStringLiteral("items"), items}};
    QString why;
    if (!writeStoreFile(m_filePath, root, kQueueFileStart, &why, notice)) {
        if (error)
            *error = QCoreApplication::translate("fp::QueueStore", "cannot save the queue: %1").arg(why);
        return false;
    }
    return true;
}

QList<QueueEntry> QueueStore::load(QString *error) const
{
    QString why;
    const std::optional<QJsonObject> root = readStoreFile(m_filePath, &why);
    if (!root) {
        if (error)
            *error = QCoreApplication::translate("fp::QueueStore", "cannot restore the queue from %1: %2").arg(m_filePath, why);
        return {};
    }
    QList<QueueEntry> entries;
    for (const QJsonValue &v : root->value(QLatin1String("items")).toArray()) {
        const QJsonObject o = v.toObject();
        QueueEntry e;
        e.path = o.value(QLatin1String("path")).toString();
        if (e.path.isEmpty())
            continue;
        e.kind = streamKindFromName(o.value(QLatin1String("kind")).toString());
        e.state = itemStateFromName(o.value(QLatin1String("status")).toString()).value_or(ItemState::Queued);
        e.result = o.value(QLatin1String("result")).toObject();
        e.summary = ResultSummary::fromJson(o.value(QLatin1String("summary")).toObject());
        e.error = o.value(QLatin1String("error")).toString();
        e.frames = o.value(QLatin1String("frames")).toInteger();
        e.seconds = o.value(QLatin1String("seconds")).toDouble();
        // Files written before holds were kept have no "held": their rows come back released.
        e.held = o.value(QLatin1String("held")).toBool();
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

QString QueueStore::historyPath() const
{
    const QFileInfo queue(m_filePath);
    return queue.dir().filePath(queue.completeBaseName() + QStringLiteral("-history.json"));
}

bool QueueStore::saveHistory(const QList<HistoryEntry> &entries, QString *error) const
{
    QJsonArray history;
    for (const HistoryEntry &entry : entries)
        history << QJsonObject{{QStringLiteral("id"), entry.id},
                               {QStringLiteral("report"), report::toJsonObject(entry.report)}};
    const QJsonObject root{{QStringLiteral("version"), kFormatVersion}, {QStringLiteral("history"), history}};
    QString why;
    if (!writeStoreFile(historyPath(), root, kHistoryFileStart, &why, nullptr)) {
        if (error)
            *error = QStringLiteral("cannot save the run history: %1").arg(why);
        return false;
    }
    return true;
}

QList<HistoryEntry> QueueStore::loadHistory(QString *error) const
{
    QString why;
    const std::optional<QJsonObject> root = readStoreFile(historyPath(), &why);
    if (!root) {
        if (error)
            *error = QStringLiteral("cannot restore the run history from %1: %2").arg(historyPath(), why);
        return {};
    }
    QList<HistoryEntry> entries;
    for (const QJsonValue &v : root->value(QLatin1String("history")).toArray()) {
        const int id = v[QLatin1String("id")].toInt();
        // An entry that is not a report is left out; the others are still worth having.
        if (const auto report = report::fromJson(v[QLatin1String("report")].toObject()); report && id > 0)
            entries << HistoryEntry{id, *report};
    }
    return entries;
}

} // namespace fp
