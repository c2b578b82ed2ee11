#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

namespace fp {

class Engine;
class ItemModel;

// Keeps the queue file in step with the queue. Structure changes and item state changes are
// written shortly after they happen, several changes sharing one write; a finished item is
// written at once unless a write has just happened, so a result is on disk within the interval.
class QueueAutosave : public QObject
{
    Q_OBJECT

public:
    // Changes within this interval share one write, so a run of a thousand items does not
    // rewrite the file a thousand times.
    static constexpr int kIntervalMs = 500;

    QueueAutosave(ItemModel *model, Engine *engine, const QString &file, QObject *parent = nullptr);

    void setFile(const QString &path);
    [[nodiscard]] QString file() const { return m_file; }

    // Appends the rows saved in the file; returns how many. Restoring is not a change worth
    // writing back. On an unreadable file, returns 0 and says why in `error`.
    int restore(QString *error);
    // restore(), then says in noticed() how many rows came back (and how many of them were
    // interrupted) or why none could.
    int restoreWithNotice();
    // Writes the file now.
    bool save();
    [[nodiscard]] bool isSavePending() const { return m_timer.isActive(); }

Q_SIGNALS:
    // setFile() chose another file (the run history follows it).
    void fileChanged(const QString &path);
    void saved();
    // Once per streak of failed writes, not on every change of a long run.
    void saveFailed(const QString &error);
    // Something the user should know that is not a failure (an unreadable file kept as .bak).
    void noticed(const QString &notice);

private:
    [[nodiscard]] QString restoredMessage(int restored) const;
    void scheduleSave();
    void saveSoon();

    ItemModel *m_model;
    QString m_file;
    QTimer m_timer; // single shot: changes within its interval share one write
    QElapsedTimer m_lastSave;
    bool m_failing = false;
};

} // namespace fp
