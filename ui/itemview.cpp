#include "itemview.h"

#include "itemmodel.h"

#include <QHeaderView>
#include <QPainter>

#include <algorithm>

namespace fp {

ItemView::ItemView(QWidget *parent)
    : QTreeView(parent)
{
    setRootIsDecorated(false);
    setUniformRowHeights(true); // constant-time layout for long queues
    setAllColumnsShowFocus(true);
    setAlternatingRowColors(true);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setDragEnabled(true);
    setDragDropMode(QAbstractItemView::InternalMove);
    setDefaultDropAction(Qt::MoveAction);
    setDropIndicatorShown(true);
    header()->setStretchLastSection(true);
    setAccessibleName(tr("Queue"));
    setAccessibleDescription(tr("Videos and image sets to analyse, with their progress and results"));
}

QList<int> ItemView::selectedRows() const
{
    QList<int> rows;
    if (!selectionModel())
        return rows;
    const QModelIndexList indexes = selectionModel()->selectedRows();
    for (const QModelIndex &index : indexes)
        rows << index.row();
    std::sort(rows.begin(), rows.end());
    return rows;
}

void ItemView::paintEvent(QPaintEvent *event)
{
    QTreeView::paintEvent(event);
    if (model() && model()->rowCount() > 0)
        return;
    QPainter painter(viewport());
    painter.setPen(palette().color(QPalette::PlaceholderText));
    const QRect area = viewport()->rect().adjusted(24, 24, -24, -24);
    painter.drawText(area, Qt::AlignCenter | Qt::TextWordWrap,
                     tr("Drop videos and folders of images here,\nor use Add Files… and Add Folder…"));
}

void ItemView::setDefaultColumnWidths()
{
    const int ch = fontMetrics().averageCharWidth();
    const QList<QPair<int, int>> widths{
        {ItemModel::Name, 26}, {ItemModel::Kind, 12}, {ItemModel::Status, 17}, {ItemModel::Progress, 26},
        {ItemModel::Worker, 8}, {ItemModel::Fps, 9}, {ItemModel::Elapsed, 9}, {ItemModel::Eta, 8},
        {ItemModel::Host, 12},
    };
    for (const auto &[column, chars] : widths)
        setColumnWidth(column, chars * ch);
}

} // namespace fp
