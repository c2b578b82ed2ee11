#pragma once

#include <QObject>

namespace fp {

class Engine;
class ItemModel;
class ItemView;
class RefusedNotice;
class RunSession;

// Edits the queue from the rows selected in the view, also during a run: the work of a row that
// is cancelled or removed stops, and rows moved to the top start next, the first of them first.
class QueueEditor : public QObject
{
    Q_OBJECT

public:
    QueueEditor(ItemModel *model, ItemView *view, Engine *engine, RunSession *session,
                RefusedNotice *refusedNotice);

    void cancelSelected();
    void removeSelected();
    void moveSelectedToTop();
    // Stops a run, empties the queue and forgets the refused paths.
    void clear();

private:
    ItemModel *m_model;
    ItemView *m_view;
    Engine *m_engine;
    RunSession *m_session;
    RefusedNotice *m_refusedNotice;
};

} // namespace fp
