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

    // However small the window, the queue keeps this many rows in view: the docks give way.
    static constexpr int kMinimumVisibleRows = 4;
    // The height of one row: the first row's, or what the delegate asks for in this font.
    [[nodiscard]] int rowPitch() const;
    [[nodiscard]] QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
};

} // namespace fp
