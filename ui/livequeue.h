#pragma once

#include <QList>
#include <QObject>

class QAction;
class QModelIndex;

namespace fp {

class Engine;
class ItemModel;
class RunSession;

// The run under way follows what the person does to the queue: rows added while it runs join
// it (like Pool.apply_async), held rows are not started and released ones are. Rows held when
// a run starts are left out of it; a Compare's parallel phase holds what its serial phase held.
class LiveQueue : public QObject
{
    Q_OBJECT

public:
    LiveQueue(ItemModel *model, Engine *engine, RunSession *session, QObject *parent = nullptr);

    // Holds or releases `rows`; rows under way cannot be held and are skipped. A released row
    // that the run under way does not have joins it, unless it is done. Returns how many changed.
    int setHeld(const QList<int> &rows, bool held);
    // Whether `row` may be held now: it is not under way in the run.
    [[nodiscard]] bool canHold(int row) const;
    // The Hold action for the `selected` rows: enabled when one can be held or released,
    // checked when all are held (triggering it then releases them).
    void updateHoldAction(QAction *hold, const QList<int> &selected) const;

Q_SIGNALS:
    // `count` rows joined the run under way.
    void joined(int count);

private:
    [[nodiscard]] QList<int> unheld(const QList<int> &rows) const;
    void onRowsInserted(const QModelIndex &parent, int first, int last);
    void join(const QList<int> &rows);
    void holdAgainInNewPhase();

    ItemModel *m_model;
    Engine *m_engine;
    RunSession *m_session;
};

} // namespace fp
