#include "rowstorun.h"

namespace fp {

RowsToRun::RowsToRun(const ItemModel *model)
    : m_model(model)
{
}

bool RowsToRun::canRunAgain(ItemModel::RowStatus status)
{
    return status == ItemModel::RowStatus::Failed || status == ItemModel::RowStatus::Cancelled
           || status == ItemModel::RowStatus::Interrupted;
}

bool RowsToRun::anyToRetry() const
{
    return !retryable(all()).isEmpty();
}

QList<int> RowsToRun::toRetry(const QList<int> &selected) const
{
    const QList<int> rows = retryable(selected);
    return rows.isEmpty() ? retryable(all()) : rows;
}

QList<int> RowsToRun::unfinished() const
{
    QList<int> rows;
    for (int row : all())
        if (m_model->status(row) != ItemModel::RowStatus::Done)
            rows << row;
    return rows;
}

QList<int> RowsToRun::retryable(const QList<int> &rows) const
{
    QList<int> retry;
    for (int row : rows)
        if (canRunAgain(m_model->status(row)))
            retry << row;
    return retry;
}

QList<int> RowsToRun::all() const
{
    QList<int> rows;
    for (int row = 0; row < m_model->rowCount(); ++row)
        rows << row;
    return rows;
}

} // namespace fp
