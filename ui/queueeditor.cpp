#include "queueeditor.h"

#include "engine.h"
#include "itemmodel.h"
#include "itemview.h"
#include "refusednotice.h"
#include "runsession.h"

namespace fp {

QueueEditor::QueueEditor(ItemModel *model, ItemView *view, Engine *engine, RunSession *session,
                         RefusedNotice *refusedNotice)
    : QObject(view), m_model(model), m_view(view), m_engine(engine), m_session(session), m_refusedNotice(refusedNotice)
{
}

void QueueEditor::cancelSelected()
{
    for (int row : m_view->selectedRows()) {
        const int item = m_model->runItem(row);
        if (item >= 0)
            m_engine->cancelItem(item);
    }
}

void QueueEditor::removeSelected()
{
    const QList<int> rows = m_view->selectedRows();
    // A removed row's work would only cost time: stop it first.
    for (int row : rows) {
        const int item = m_model->runItem(row);
        if (item >= 0 && m_session->isBusy())
            m_engine->cancelItem(item);
    }
    m_model->removeRowList(rows);
}

void QueueEditor::moveSelectedToTop()
{
    const QList<int> rows = m_view->selectedRows();
    if (!rows.isEmpty()) {
        // In a run, the moved items start next, the first of them first.
        for (auto row = rows.crbegin(); row != rows.crend(); ++row)
            if (const int item = m_model->runItem(*row); item >= 0 && m_session->isBusy())
                m_engine->moveToFront(item);
        m_model->moveRowsTo(rows, 0);
        m_view->scrollToTop();
    }
}

void QueueEditor::clear()
{
    if (m_session->isBusy())
        m_session->cancel();
    m_model->clear();
    m_refusedNotice->setRefused({});
}

} // namespace fp
