#pragma once

#include "analysisinfo.h"
#include "report.h"
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
    bool held = false; // the person holds it (Hold): no run starts it until it is released
};

// One finished action of the app (a run, a Compare, a repeated Compare) as the run history
// keeps it: its timing report, from which any report format can be written again.
struct HistoryEntry
{
    int id = 0; // unique within the history and increasing, so a selection survives additions
    TimingReport report;
};

// Keeps the queue and its finished results in a JSON file, written atomically and verified
// (writeFileAtomically: a full disk leaves the previous file intact), so
// that after a crash or a kill the next start finds the queue as it was: finished items with
// their results, and the items that were running marked Interrupted, ready to run again.
class QueueStore
{
public:
    explicit QueueStore(QString filePath = defaultPath());

    // A file at the path that is not a queue file (damaged, or something else) is renamed to
    // path.bak first, and `notice` says so.
    bool save(const QList<QueueEntry> &entries, QString *error = nullptr, QString *notice = nullptr) const;
    // Missing file: an empty queue and no error. Running items come back Interrupted. A file
    // that cannot be read as a queue is renamed to path.bak, and `error` says so.
    [[nodiscard]] QList<QueueEntry> load(QString *error = nullptr) const;

    // The run history lives beside the queue (queue.json: queue-history.json) and is written
    // when a run ends, not with every change of the queue. Damaged files are handled as the
    // queue's are (kept as .bak).
    bool saveHistory(const QList<HistoryEntry> &entries, QString *error = nullptr) const;
    [[nodiscard]] QList<HistoryEntry> loadHistory(QString *error = nullptr) const;
    [[nodiscard]] QString historyPath() const;

    [[nodiscard]] const QString &filePath() const { return m_filePath; }
    [[nodiscard]] static QString defaultPath();

private:
    QString m_filePath;
};

} // namespace fp
