#pragma once

#include "itemmodel.h"

#include <QList>

namespace fp {

// Which rows of the queue a run takes. Retry Failed takes the rows that failed, were cancelled
// or were interrupted: among the selected rows when any of them is one, else in the whole queue.
// Run Unfinished (a restored queue, --run) takes every row without a result.
class RowsToRun
{
public:
    explicit RowsToRun(const ItemModel *model);

    [[nodiscard]] static bool canRunAgain(ItemModel::RowStatus status);
    [[nodiscard]] QList<int> all() const;
    [[nodiscard]] bool anyToRetry() const;
    [[nodiscard]] QList<int> toRetry(const QList<int> &selected) const;
    [[nodiscard]] QList<int> unfinished() const;

private:
    [[nodiscard]] QList<int> retryable(const QList<int> &rows) const;

    const ItemModel *m_model;
};

} // namespace fp
