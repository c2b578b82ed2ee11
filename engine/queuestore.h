#pragma once

#include "analysisinfo.h"
#include "runtypes.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace fp {

// One row of the app's queue as it is kept on disk.
struct QueueEntry
{
    QString path;
    StreamKind kind = StreamKind::Video;
    ItemState state = ItemState::Queued;
    QJsonObject result;
    QString error;
    qint64 frames = 0;
    double seconds = 0;
    ResultSummary summary;
};

// Keeps the queue and its finished results in a JSON file, written atomically (QSaveFile), so
// that after a crash or a kill the next start finds the queue as it was: finished items with
// their results, and the items that were running marked Interrupted, ready to run again.
class QueueStore
{
public:
    explicit QueueStore(QString filePath = defaultPath());

    bool save(const QList<QueueEntry> &entries, QString *error = nullptr) const;
    // Missing file: an empty queue and no error. Running items come back Interrupted.
    [[nodiscard]] QList<QueueEntry> load(QString *error = nullptr) const;

    [[nodiscard]] const QString &filePath() const { return m_filePath; }
    [[nodiscard]] static QString defaultPath();

private:
    QString m_filePath;
};

} // namespace fp
