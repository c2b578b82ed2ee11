#pragma once

#include <QTreeView>

namespace fp {

// The queue list: rows reorder by dragging; an empty queue says how to fill it. Dragged files
// are left to the window (this view only takes its own rows).
class ItemView : public QTreeView
{
    Q_OBJECT

public:
    explicit ItemView(QWidget *parent = nullptr);

    [[nodiscard]] QList<int> selectedRows() const;
    // Widths that fit typical content in the current font (ItemModel's columns).
    void setDefaultColumnWidths();

protected:
    void paintEvent(QPaintEvent *event) override;
};

} // namespace fp
