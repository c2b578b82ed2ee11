#include "itemview.h"

#include "itemmodel.h"

#include <QHeaderView>
#include <QPainter>
#include <QStyle>

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

int ItemView::rowPitch() const
{
    if (model() && model()->rowCount() > 0) {
        if (const int height = rowHeight(model()->index(0, 0)); height > 0)
            return height;
    }
    QStyleOptionViewItem option;
    initViewItemOption(&option);
    option.text = QStringLiteral("Xg");
    option.features |= QStyleOptionViewItem::HasDisplay;
    return itemDelegate()->sizeHint(option, QModelIndex()).height();
}

QSize ItemView::minimumSizeHint() const
{
    const QSize base = QTreeView::minimumSizeHint();
    const int frame = 2 * frameWidth();
    // A horizontal scroll bar may take a row's place when the columns do not fit.
    const int scrollBar = style()->pixelMetric(QStyle::PM_ScrollBarExtent, nullptr, this);
    const int height = header()->sizeHint().height() + kMinimumVisibleRows * rowPitch() + scrollBar + frame;
    return {base.width(), std::max(base.height(), height)};
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
