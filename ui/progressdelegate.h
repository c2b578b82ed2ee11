#pragma once

#include <QStyledItemDelegate>

namespace fp {

// Paints ItemModel rows from their roles only: a progress bar in the Progress column, a
// warning sign beside the status of a result with warnings, and in
// the Result column a colour swatch, a palette strip or a sparkline. Colours come from the
// view's palette, so it follows dark themes; sizes follow the row height, so it follows DPI.
class ProgressDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;

private:
    void paintProgress(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const;
    // False when the result has nothing to draw; the base class paints the text then.
    bool paintResult(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const;
};

} // namespace fp
