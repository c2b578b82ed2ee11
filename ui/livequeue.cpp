#include "livequeue.h"

#include "engine.h"
#include "itemmodel.h"
#include "runsession.h"

#include <QAction>

#include <algorithm>

namespace fp {

LiveQueue::LiveQueue(ItemModel *model, Engine *engine, RunSession *session, QObject *parent)
    : QObject(parent), m_model(model), m_engine(engine), m_session(session)
{
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &LiveQueue::onRowsInserted);
    // After the model's own handler (it was connected first), which keeps the rows' hold.
    connect(m_engine, &Engine::runStarted, this, &LiveQueue::holdAgainInNewPhase);
}

bool LiveQueue::canHold(int row) const
{
    const int item = m_model->runItem(row);
    if (m_engine->isRunning() && item >= 0 && item < m_engine->itemCount())
        return m_engine->item(item).state != ItemState::Running;
    using RowStatus = ItemModel::RowStatus;
    const RowStatus status = m_model->status(row);
    return status != RowStatus::Running && status != RowStatus::Paused && status != RowStatus::Waiting;
}

void LiveQueue::updateHoldAction(QAction *hold, const QList<int> &selected) const
{
    const auto held = [this](int row) { return m_model->isHeld(row); };
    hold->setEnabled(std::any_of(selected.begin(), selected.end(), [&](int row) { return held(row) || canHold(row); }));
    hold->setChecked(!selected.isEmpty() && std::all_of(selected.begin(), selected.end(), held));
}

QList<int> LiveQueue::unheld(const QList<int> &rows) const
{
    QList<int> kept;
    for (int row : rows)
        if (!m_model->isHeld(row))
            kept << row;
    return kept;
}

int LiveQueue::setHeld(const QList<int> &rows, bool held)
{
    int changed = 0;
    QList<int> joining;
    for (int row : rows) {
        if (m_model->isHeld(row) == held || (held && !canHold(row)))
            continue;
        const int item = m_model->runItem(row);
        if (m_engine->isRunning() && item >= 0)
            m_engine->setHeld(item, held); // false for an item that ended: the row's hold is for later runs
        else if (m_engine->isRunning() && !held && m_model->status(row) != ItemModel::RowStatus::Done)
            joining << row;
        m_model->setHeld({row}, held);
        ++changed;
    }
    if (!joining.isEmpty())
        join(joining);
    return changed;
}

void LiveQueue::onRowsInserted(const QModelIndex &parent, int first, int last)
{
    if (parent.isValid() || !m_engine->isRunning())
        return;
    QList<int> rows;
    for (int row = first; row <= last; ++row)
        rows << row;
    join(unheld(rows));
}

void LiveQueue::join(const QList<int> &rows)
{
    if (rows.isEmpty())
        return;
    QStringList paths;
    for (int row : rows)
        paths << m_model->path(row);
    const int first = m_session->addItems(paths);
    if (first < 0)
        return; // the run is ending: the rows wait for the next one
    m_model->bindJoined(rows, first);
    Q_EMIT joined(int(rows.size()));
}

void LiveQueue::holdAgainInNewPhase()
{
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const int item = m_model->runItem(row);
        if (item >= 0 && m_model->isHeld(row))
            m_engine->setHeld(item, true);
    }
}

} // namespace fp
