#pragma once

#include "report.h"

#include <QWidget>

QT_BEGIN_NAMESPACE
class QAbstractButton;
class QAction;
class QToolButton;
class QTreeView;
QT_END_NAMESPACE

namespace fp {

class HistoryModel;

// The run history in the timing dock: a list of every finished action, kept in the queue
// store's history file so it survives a restart. Select one to show it, two to compare them;
// Remove drops entries, Export Report writes the shown one, or each of several selected.
class HistoryView : public QWidget
{
    Q_OBJECT

public:
    explicit HistoryView(QWidget *parent = nullptr);

    // The history of this queue file (QueueStore::historyPath): loaded now, saved on changes.
    void setQueueFile(const QString &queueFile);
    // Adds a finished action, saves the history and selects the new entry.
    void record(const TimingReport &report);
    // A button for the window's Export Report action, which writes what the panel shows (or the
    // selected entries when there are several).
    void setExportAction(QAction *action);

    [[nodiscard]] QList<int> selectedRows() const;
    void selectRows(const QList<int> &rows);
    void clearSelection();
    [[nodiscard]] HistoryModel *model() const { return m_model; }
    [[nodiscard]] QTreeView *view() const { return m_view; }
    [[nodiscard]] QAbstractButton *removeButton() const { return m_remove; }
    // Room for its columns (start, kind, items, times, speed-up) when the dock has it.
    [[nodiscard]] QSize sizeHint() const override;

Q_SIGNALS:
    void selectionChanged();
    // A load or save failed; for the status bar.
    void message(const QString &text);

private:
    void removeSelected();
    void save();

    HistoryModel *m_model;
    QTreeView *m_view;
    QAbstractButton *m_remove;
    QToolButton *m_export;
    QString m_queueFile;
};

} // namespace fp
