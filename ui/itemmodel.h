#pragma once

#include "queuestore.h"
#include "runprogress.h"
#include "runtypes.h"

#include <QAbstractTableModel>
#include <QColor>
#include <QJsonObject>
#include <QList>
#include <QTimer>
#include <QVariantList>

namespace fp {

class Engine;

// The queue as a table: one row per path the user added. Rows keep their last result across
// runs; a run binds some rows to the engine's item numbers (their position in the path list
// given to Engine::start) and the live state of those items flows into them.
//
// Engine signals only mark items dirty; a ~10 Hz timer copies the dirty items' records and
// emits one batch of dataChanged, so a thousand items streaming progress stay cheap to show.
class ItemModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    // Host is last before Result so that saved header layouts of older versions still fit.
    enum Column { Name, Kind, Status, Progress, Worker, Fps, Elapsed, Eta, Host, Result, ColumnCount };

    enum Role {
        PathRole = Qt::UserRole + 1,
        KindRole,        // int(StreamKind)
        StatusRole,      // int(ItemModel::RowStatus)
        ProgressRole,    // 0..1, or -1 while running with an unknown total
        FramesDoneRole,  // qint64
        FramesTotalRole, // qint64, 0 = unknown
        UnitRole,        // "frames" or "images": what FramesDone counts
        ResultTextRole,  // one readable line (fp::resultSummary)
        ResultColorRole, // QColor of a dominant-colour result, invalid otherwise
        PaletteRole,     // QVariantList of QVariantMap{"color": QColor, "share": double}
        SeriesRole,      // QVariantList of doubles (downsampled) for a sparkline
        ErrorRole,       // why the item failed or was cancelled
        ThumbnailRole,   // QByteArray, JPEG of the latest frame a worker sent
        RunItemRole,     // int: engine item of the current run, -1 = not in it
        HostRole,        // QStringList: the machines that ran the item's tasks
        WarningsRole,    // QStringList: what the worker could not read although the item succeeded
    };

    // Waiting: finished, but delivery waits for the run's order (input order or batch).
    // Paused: running while the run is paused.
    // Interrupted: restored from a session that ended while the item ran; ready to run again.
    // OnHold: the person holds it: no run starts it until it is released.
    enum class RowStatus { Idle, Queued, Running, Paused, Waiting, Done, Failed, Cancelled, Interrupted, OnHold };
    Q_ENUM(RowStatus)

    explicit ItemModel(Engine *engine, QObject *parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role = Qt::DisplayRole) const override;
    [[nodiscard]] Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool removeRows(int row, int count, const QModelIndex &parent = {}) override;
    bool moveRows(const QModelIndex &sourceParent, int sourceRow, int count,
                  const QModelIndex &destinationParent, int destinationChild) override;

    // Drag reordering inside the view.
    [[nodiscard]] Qt::DropActions supportedDropActions() const override;
    [[nodiscard]] QStringList mimeTypes() const override;
    [[nodiscard]] QMimeData *mimeData(const QModelIndexList &indexes) const override;
    bool dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                      const QModelIndex &parent) override;

    // Appends rows; paths already in the queue are skipped. Returns how many were added.
    int addItems(const QList<QPair<QString, StreamKind>> &items);
    [[nodiscard]] bool containsPath(const QString &path) const;
    [[nodiscard]] QString path(int row) const;
    // As shown: OnHold for a held row that is not running.
    [[nodiscard]] RowStatus status(int row) const;
    [[nodiscard]] bool isHeld(int row) const;
    // Marks rows held or released; the engine is told by LiveQueue, not here.
    void setHeld(const QList<int> &rows, bool held);
    // The engine item of `row` in the current run, -1 if the row is not part of it.
    [[nodiscard]] int runItem(int row) const;
    [[nodiscard]] QList<int> rowsWithStatus(RowStatus status) const;
    // The rows of the current run by outcome, from the engine's records (not the display tick);
    // rows removed from the queue do not count.
    [[nodiscard]] RunProgress runProgress() const;
    void clear();
    // Moves `rows` (any order, not necessarily contiguous) to sit together before
    // `destination`, keeping their relative order.
    void moveRowsTo(QList<int> rows, int destination);
    void removeRowList(QList<int> rows);

    // Call just before Engine::start(paths of `rows`, ...): item i of that run is rows[i].
    void bindRun(const QList<int> &rows);
    // Rows added to the run under way (Engine::addItems): rows[k] is item firstItem + k.
    void bindJoined(const QList<int> &rows, int firstItem);

    // The queue as QueueStore keeps it. Rows of the current run take their state straight from
    // the engine, so a result is saved the moment it exists, before the next display tick.
    [[nodiscard]] QList<QueueEntry> queueEntries() const;
    // Appends saved rows (paths already in the queue are skipped); returns how many.
    int restoreEntries(const QList<QueueEntry> &entries);

    [[nodiscard]] static QString statusName(RowStatus status);

Q_SIGNALS:
    // Holds are part of the saved queue (QueueEntry::held), unlike the progress dataChanged reports.
    void heldChanged(int row, bool held);

private:
    struct Row
    {
        QString path;
        StreamKind kind = StreamKind::Video;
        RowStatus status = RowStatus::Idle;
        bool delivered = false;
        qint64 framesDone = 0;
        qint64 framesTotal = 0;
        int worker = -1;
        double start = -1; // engine seconds
        double end = -1;
        double elapsed = 0;
        QJsonObject result;
        ResultSummary summary;
        QString resultText;
        QColor resultColor;
        QVariantList palette;
        QVariantList series;
        QStringList warnings; // of the result
        QString error;
        QByteArray thumbnail;
        QStringList hosts;
        int runItem = -1;
        bool held = false;
    };

    void onRunStarted();
    static void resetForRun(Row &row);
    [[nodiscard]] static RowStatus shownStatus(const Row &row);
    void markDirty(int item);
    void markDelivered(int item);
    void flush();
    void collectHosts();
    void refreshRow(Row &row, const ItemRecord &record) const;
    static void setResult(Row &row, const QJsonObject &result, const ResultSummary &summary);
    int appendNewRows(const QList<Row> &rows);
    void rebuildItemIndex();
    void onPausedChanged();
    [[nodiscard]] QVariant displayData(const Row &row, int column) const;
    [[nodiscard]] QVariant toolTipData(const Row &row, int column) const;
    [[nodiscard]] static QVariant decorationData(const Row &row, int column);
    [[nodiscard]] QVariant accessibleText(const Row &row, int column) const;
    [[nodiscard]] static QString statusToolTip(const Row &row);
    [[nodiscard]] QVariant customRoleData(const Row &row, int role) const;
    [[nodiscard]] static double progressOf(const Row &row);
    [[nodiscard]] int rowOfItem(int item) const;

    Engine *m_engine;
    QList<Row> m_rows;
    QList<int> m_rowOfItem;   // engine item -> row, -1 when that row was removed
    QList<bool> m_itemDirty;  // by engine item
    QList<int> m_dirtyItems;
    qsizetype m_tasksSeen = 0; // of the engine's finished tasks, for their hosts
    QTimer m_flushTimer;
};

} // namespace fp
