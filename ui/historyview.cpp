#include "historyview.h"

#include "historymodel.h"
#include "queuestore.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

#include <algorithm>

namespace fp {

HistoryView::HistoryView(QWidget *parent)
    : QWidget(parent),
      m_model(new HistoryModel(this)),
      m_view(new QTreeView(this)),
      m_remove(new QToolButton(this)),
      m_export(new QToolButton(this))
{
    auto *title = new QLabel(tr("History"), this);
    QFont bold = title->font();
    bold.setBold(true);
    title->setFont(bold);
    title->setToolTip(tr("Every finished run. Select one to show it, two to compare them side by side."));

    m_view->setObjectName(QStringLiteral("historyView"));
    m_view->setModel(m_model);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->header()->setStretchLastSection(false);
    m_view->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->setAccessibleName(tr("Run history"));
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        m_remove->setEnabled(!selectedRows().isEmpty());
        Q_EMIT selectionChanged();
    });

    m_remove->setText(tr("Remove"));
    m_remove->setToolTip(tr("Remove the selected runs from the history"));
    m_remove->setEnabled(false);
    connect(m_remove, &QAbstractButton::clicked, this, &HistoryView::removeSelected);
    m_export->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_export->hide(); // until setExportAction gives it its action
    // Its columns want more (sizeHint); this much keeps a small window possible.
    setMinimumWidth(fontMetrics().averageCharWidth() * 32);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(title);
    buttons->addStretch(1);
    buttons->addWidget(m_export);
    buttons->addWidget(m_remove);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(buttons);
    layout->addWidget(m_view, 1);
}

QSize HistoryView::sizeHint() const
{
    return {fontMetrics().averageCharWidth() * 72, QWidget::sizeHint().height()};
}

void HistoryView::setQueueFile(const QString &queueFile)
{
    m_queueFile = queueFile;
    QString error;
    m_model->setEntries(QueueStore(queueFile).loadHistory(&error));
    if (!error.isEmpty())
        Q_EMIT message(error);
}

void HistoryView::record(const TimingReport &report)
{
    const int row = m_model->add(report);
    save();
    selectRows({row});
    m_view->scrollTo(m_model->index(row, 0));
}

void HistoryView::setExportAction(QAction *action)
{
    m_export->setDefaultAction(action);
    m_export->show();
}

QList<int> HistoryView::selectedRows() const
{
    QList<int> rows;
    for (const QModelIndex &index : m_view->selectionModel()->selectedRows())
        rows << index.row();
    std::sort(rows.begin(), rows.end());
    return rows;
}

void HistoryView::selectRows(const QList<int> &rows)
{
    QItemSelection selection;
    for (int row : rows)
        selection.select(m_model->index(row, 0), m_model->index(row, HistoryModel::ColumnCount - 1));
    m_view->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

void HistoryView::clearSelection()
{
    m_view->selectionModel()->clearSelection();
}

void HistoryView::removeSelected()
{
    m_model->removeRowList(selectedRows());
    save();
}

void HistoryView::save()
{
    if (m_queueFile.isEmpty())
        return;
    QString error;
    if (!QueueStore(m_queueFile).saveHistory(m_model->entries(), &error))
        Q_EMIT message(error);
}

} // namespace fp
