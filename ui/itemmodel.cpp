#include "itemmodel.h"

#include "engine.h"
#include "formatting.h"

#include <QApplication>
#include <QLocale>
#include <QFileInfo>
#include <QIcon>
#include <QJsonArray>
#include <QMimeData>
#include <QSet>
#include <QStyle>

#include <algorithm>

namespace fp {

namespace {

constexpr int kFlushIntervalMs = 100;
// A sparkline is a few dozen pixels wide: more points than this only cost paint time.
constexpr int kMaxSparklinePoints = 120;
const QString kRowsMimeType = QStringLiteral("application/x-framepool-rows");

} // namespace

ItemModel::ItemModel(Engine *engine, QObject *parent)
    : QAbstractTableModel(parent), m_engine(engine)
{
    m_flushTimer.setInterval(kFlushIntervalMs);
    connect(&m_flushTimer, &QTimer::timeout, this, &ItemModel::flush);
    connect(m_engine, &Engine::runStarted, this, &ItemModel::onRunStarted);
    connect(m_engine, &Engine::itemQueued, this, [this](int item) { markDirty(item); });
    connect(m_engine, &Engine::itemProbed, this, [this](int item) { markDirty(item); });
    connect(m_engine, &Engine::itemStarted, this, [this](int item) { markDirty(item); });
    connect(m_engine, &Engine::itemProgress, this, [this](int item) { markDirty(item); });
    connect(m_engine, &Engine::itemPartialResult, this, [this](int item) { markDirty(item); });
    connect(m_engine, &Engine::itemRetried, this, [this](int item) { markDirty(item); });
    connect(m_engine, &Engine::itemHeldChanged, this, [this](int item) { markDirty(item); });
    connect(m_engine, &Engine::itemThumbnail, this, [this](int item, const QByteArray &jpeg) {
        const int row = rowOfItem(item);
        if (row >= 0) {
            m_rows[row].thumbnail = jpeg;
            markDirty(item);
        }
    });
    connect(m_engine, &Engine::itemFinished, this, &ItemModel::markDelivered);
    connect(m_engine, &Engine::itemFailed, this, [this](int item) { markDelivered(item); });
    connect(m_engine, &Engine::itemCancelled, this, &ItemModel::markDelivered);
    connect(m_engine, &Engine::pausedChanged, this, &ItemModel::onPausedChanged);
    // The run's end is shown at once, not on the next tick.
    connect(m_engine, &Engine::runFinished, this, &ItemModel::flush);
}

int ItemModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ItemModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ItemModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::TextAlignmentRole && section >= Worker && section <= Eta)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name: return tr("Name");
    case Kind: return tr("Kind");
    case Status: return tr("Status");
    case Progress: return tr("Progress");
    case Worker: return tr("Worker");
    case Fps: return tr("fps");
    case Elapsed: return tr("Elapsed");
    case Eta: return tr("ETA");
    case Host: return tr("Host");
    case Result: return tr("Result");
    default: return {};
    }
}

Qt::ItemFlags ItemModel::flags(const QModelIndex &index) const
{
    // Rows are not drop targets themselves, so a drag always lands between rows.
    if (!index.isValid())
        return Qt::ItemIsDropEnabled;
    return Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemIsDragEnabled | Qt::ItemNeverHasChildren;
}

QString ItemModel::statusName(RowStatus status)
{
    switch (status) {
    case RowStatus::Idle: return tr("ready");
    case RowStatus::Queued: return tr("queued");
    case RowStatus::Running: return tr("running");
    case RowStatus::Paused: return tr("paused");
    case RowStatus::Waiting: return tr("finished, waiting");
    case RowStatus::Done: return tr("done");
    case RowStatus::Failed: return tr("failed");
    case RowStatus::Cancelled: return tr("cancelled");
    case RowStatus::Interrupted: return tr("interrupted");
    case RowStatus::OnHold: return tr("held");
    }
    return {};
}

ItemModel::RowStatus ItemModel::shownStatus(const Row &row)
{
    const bool underWay = row.status == RowStatus::Running || row.status == RowStatus::Paused
                          || row.status == RowStatus::Waiting;
    return row.held && !underWay ? RowStatus::OnHold : row.status;
}

double ItemModel::progressOf(const Row &row)
{
    if (row.status == RowStatus::Done)
        return 1.0;
    if (row.framesTotal > 0)
        return std::clamp(double(row.framesDone) / double(row.framesTotal), 0.0, 1.0);
    return row.status == RowStatus::Running || row.status == RowStatus::Paused ? -1.0 : 0.0;
}

QVariant ItemModel::displayData(const Row &row, int column) const
{
    const double fps = row.elapsed > 0 ? row.framesDone / row.elapsed : 0;
    switch (column) {
    case Name: {
        const QString name = QFileInfo(row.path).fileName();
        return name.isEmpty() ? row.path : name;
    }
    case Kind: return row.kind == StreamKind::Video ? tr("video") : tr("image set");
    case Status: return statusName(shownStatus(row));
    case Progress:
        if (row.framesTotal <= 0 && row.framesDone <= 0)
            return QString();
        return row.framesTotal > 0 ? tr("%L1 / %L2", "frames done / frames").arg(row.framesDone).arg(row.framesTotal)
                                   : QLocale().toString(row.framesDone);
    case Worker: return row.worker > 0 ? QStringLiteral("#%1").arg(row.worker) : QString();
    case Fps: return fps > 0 ? QLocale().toString(fps, 'f', 1) : QString();
    case Elapsed: return row.start >= 0 ? formatDuration(row.elapsed) : QString();
    case Eta:
        if (row.status != RowStatus::Running || fps <= 0 || row.framesTotal <= row.framesDone)
            return QString();
        return formatDuration((row.framesTotal - row.framesDone) / fps);
    case Host: return row.hosts.join(QStringLiteral(", "));
    case Result: return row.resultText;
    default: return {};
    }
}

QVariant ItemModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole: return displayData(row, index.column());
    case Qt::ToolTipRole: return toolTipData(row, index.column());
    case Qt::DecorationRole: return decorationData(row, index.column());
    case Qt::TextAlignmentRole:
        if (index.column() >= Worker && index.column() <= Eta)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::AccessibleTextRole: return accessibleText(row, index.column());
    default: return customRoleData(row, role);
    }
}

QVariant ItemModel::toolTipData(const Row &row, int column) const
{
    switch (column) {
    case Name: return row.path;
    case Status: return statusToolTip(row);
    case Worker:
        if (row.worker <= 0)
            return {};
        return row.hosts.isEmpty() ? tr("worker #%1").arg(row.worker)
                                   : tr("worker #%1 on %2").arg(row.worker).arg(row.hosts.join(QStringLiteral(", ")));
    case Host: return row.hosts.isEmpty() ? QVariant() : QVariant(tr("Ran on %1").arg(row.hosts.join(QStringLiteral(", "))));
    case Result: return row.resultText;
    default: return {};
    }
}

// Why it failed, or what the worker could not read in an item that succeeded.
QString ItemModel::statusToolTip(const Row &row)
{
    if (shownStatus(row) == RowStatus::OnHold)
        return tr("Held: no run starts it until you release it (Hold again)");
    if (!row.error.isEmpty())
        return row.error;
    if (row.warnings.isEmpty())
        return statusName(row.status);
    return tr("%1, with %n warning(s):", nullptr, int(row.warnings.size())).arg(statusName(row.status))
        + QStringLiteral("\n\u2022 ") + row.warnings.join(QStringLiteral("\n\u2022 "));
}

QVariant ItemModel::decorationData(const Row &row, int column)
{
    const QStyle *style = QApplication::style();
    if (column == Name)
        return row.kind == StreamKind::Video
            ? QIcon::fromTheme(QStringLiteral("video-x-generic"), style->standardIcon(QStyle::SP_FileIcon))
            : style->standardIcon(QStyle::SP_DirIcon);
    if (column != Status)
        return {};
    switch (shownStatus(row)) {
    // The warning sign is for results with warnings (ProgressDelegate, WarningsRole).
    case RowStatus::Failed: return style->standardIcon(QStyle::SP_MessageBoxCritical);
    case RowStatus::Interrupted: return style->standardIcon(QStyle::SP_BrowserReload);
    case RowStatus::Paused:
    case RowStatus::OnHold: return style->standardIcon(QStyle::SP_MediaPause);
    default: return {};
    }
}

QVariant ItemModel::accessibleText(const Row &row, int column) const
{
    if (column == Progress)
        return tr("%1 of %2 %3").arg(row.framesDone).arg(row.framesTotal)
            .arg(row.kind == StreamKind::Video ? tr("frames") : tr("images"));
    if (column == Status && !row.warnings.isEmpty())
        return tr("%1, with %n warning(s)", nullptr, int(row.warnings.size())).arg(statusName(row.status));
    return displayData(row, column);
}

QVariant ItemModel::customRoleData(const Row &row, int role) const
{
    switch (role) {
    case PathRole: return row.path;
    case KindRole: return int(row.kind);
    case StatusRole: return int(shownStatus(row));
    case ProgressRole: return progressOf(row);
    case FramesDoneRole: return row.framesDone;
    case FramesTotalRole: return row.framesTotal;
    case UnitRole: return row.kind == StreamKind::Video ? tr("frames") : tr("images");
    case ResultTextRole: return row.resultText;
    case ResultColorRole: return row.resultColor;
    case PaletteRole: return row.palette;
    case SeriesRole: return row.series;
    case ErrorRole: return row.error;
    case ThumbnailRole: return row.thumbnail;
    case RunItemRole: return row.runItem;
    case HostRole: return row.hosts;
    case WarningsRole: return row.warnings;
    default: return {};
    }
}

int ItemModel::addItems(const QList<QPair<QString, StreamKind>> &items)
{
    QList<Row> rows;
    for (const auto &[path, kind] : items) {
        Row row;
        row.path = path;
        row.kind = kind;
        rows << row;
    }
    return appendNewRows(rows);
}

// Appends the rows whose path is not in the queue yet (nor earlier in `rows`), in one insert.
int ItemModel::appendNewRows(const QList<Row> &rows)
{
    QSet<QString> known;
    for (const Row &row : std::as_const(m_rows))
        known.insert(row.path);
    QList<Row> added;
    for (const Row &row : rows) {
        if (row.path.isEmpty() || known.contains(row.path))
            continue;
        known.insert(row.path);
        added << row;
    }
    if (added.isEmpty())
        return 0;
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + added.size() - 1));
    m_rows << added;
    endInsertRows();
    return int(added.size());
}

bool ItemModel::containsPath(const QString &path) const
{
    return std::any_of(m_rows.begin(), m_rows.end(), [&path](const Row &r) { return r.path == path; });
}

QString ItemModel::path(int row) const
{
    return m_rows.value(row).path;
}

ItemModel::RowStatus ItemModel::status(int row) const
{
    return shownStatus(m_rows.value(row));
}

bool ItemModel::isHeld(int row) const
{
    return m_rows.value(row).held;
}

void ItemModel::setHeld(const QList<int> &rows, bool held)
{
    for (int row : rows) {
        if (row < 0 || row >= m_rows.size() || m_rows.at(row).held == held)
            continue;
        m_rows[row].held = held;
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
        Q_EMIT heldChanged(row, held);
    }
}

int ItemModel::runItem(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).runItem : -1;
}

QList<int> ItemModel::rowsWithStatus(RowStatus status) const
{
    QList<int> rows;
    for (int r = 0; r < m_rows.size(); ++r)
        if (shownStatus(m_rows.at(r)) == status)
            rows << r;
    return rows;
}

void ItemModel::clear()
{
    beginResetModel();
    m_rows.clear();
    rebuildItemIndex();
    endResetModel();
}

bool ItemModel::removeRows(int row, int count, const QModelIndex &parent)
{
    if (parent.isValid() || row < 0 || count <= 0 || row + count > m_rows.size())
        return false;
    beginRemoveRows({}, row, row + count - 1);
    m_rows.remove(row, count);
    endRemoveRows();
    rebuildItemIndex();
    return true;
}

void ItemModel::removeRowList(QList<int> rows)
{
    std::sort(rows.begin(), rows.end(), std::greater<>());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    // From the bottom up, one contiguous block at a time, so the indexes above stay valid.
    for (int i = 0; i < rows.size();) {
        int first = rows.at(i);
        int j = i + 1;
        while (j < rows.size() && rows.at(j) == first - 1)
            first = rows.at(j++);
        removeRows(first, rows.at(i) - first + 1);
        i = j;
    }
}

bool ItemModel::moveRows(const QModelIndex &sourceParent, int sourceRow, int count,
                         const QModelIndex &destinationParent, int destinationChild)
{
    if (sourceParent.isValid() || destinationParent.isValid() || count <= 0 || sourceRow < 0
        || sourceRow + count > m_rows.size() || destinationChild < 0 || destinationChild > m_rows.size())
        return false;
    QList<int> rows;
    for (int r = sourceRow; r < sourceRow + count; ++r)
        rows << r;
    moveRowsTo(rows, destinationChild);
    return true;
}

void ItemModel::moveRowsTo(QList<int> rows, int destination)
{
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    destination = std::clamp(destination, 0, int(m_rows.size()));
    const auto moveOne = [this](int from, int before) {
        if (!beginMoveRows({}, from, from, {}, before))
            return; // already in place
        m_rows.move(from, before > from ? before - 1 : before);
        endMoveRows();
    };
    // Rows above the destination, bottom-up: each goes just above the one moved before it.
    int blockStart = destination;
    for (auto it = rows.rbegin(); it != rows.rend(); ++it) {
        if (*it >= destination || *it < 0)
            continue;
        moveOne(*it, blockStart);
        --blockStart;
    }
    // Rows below it, top-down: each goes just below the block so far. Moving them does not
    // shift the rows further down that are still to come.
    int blockEnd = destination;
    for (int row : std::as_const(rows)) {
        if (row < destination || row >= m_rows.size())
            continue;
        moveOne(row, blockEnd);
        ++blockEnd;
    }
    rebuildItemIndex();
}

Qt::DropActions ItemModel::supportedDropActions() const
{
    return Qt::MoveAction;
}

QStringList ItemModel::mimeTypes() const
{
    return {kRowsMimeType};
}

QMimeData *ItemModel::mimeData(const QModelIndexList &indexes) const
{
    QSet<int> rows;
    for (const QModelIndex &index : indexes)
        if (index.isValid())
            rows.insert(index.row());
    QStringList numbers;
    for (int row : rows)
        numbers << QString::number(row);
    auto *mime = new QMimeData;
    mime->setData(kRowsMimeType, numbers.join(QLatin1Char(',')).toLatin1());
    return mime;
}

bool ItemModel::dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int,
                             const QModelIndex &parent)
{
    if (action != Qt::MoveAction || !data || !data->hasFormat(kRowsMimeType))
        return false;
    QList<int> rows;
    for (const QByteArray &number : data->data(kRowsMimeType).split(',')) {
        bool ok = false;
        const int r = number.toInt(&ok);
        if (ok)
            rows << r;
    }
    const int destination = parent.isValid() ? parent.row() : (row < 0 ? rowCount() : row);
    moveRowsTo(rows, destination);
    // The move is complete. Reporting success would make the view delete the "source" rows
    // as if they had been copied elsewhere (QAbstractItemView's MoveAction handling).
    return false;
}

void ItemModel::rebuildItemIndex()
{
    m_rowOfItem.fill(-1);
    for (int r = 0; r < m_rows.size(); ++r) {
        const int item = m_rows.at(r).runItem;
        if (item >= 0 && item < m_rowOfItem.size())
            m_rowOfItem[item] = r;
    }
}

int ItemModel::rowOfItem(int item) const
{
    return item >= 0 && item < m_rowOfItem.size() ? m_rowOfItem.at(item) : -1;
}

void ItemModel::bindRun(const QList<int> &rows)
{
    for (Row &row : m_rows)
        row.runItem = -1;
    m_rowOfItem = QList<int>(rows.size(), -1);
    for (int i = 0; i < rows.size(); ++i) {
        if (rows.at(i) < 0 || rows.at(i) >= m_rows.size())
            continue;
        m_rows[rows.at(i)].runItem = i;
        m_rowOfItem[i] = rows.at(i);
    }
    m_itemDirty = QList<bool>(rows.size(), false);
    m_dirtyItems.clear();
}

void ItemModel::onRunStarted()
{
    m_itemDirty = QList<bool>(m_engine->itemCount(), false);
    m_dirtyItems.clear();
    m_tasksSeen = 0;
    int first = -1;
    int last = -1;
    for (int r = 0; r < m_rows.size(); ++r) {
        Row &row = m_rows[r];
        if (row.runItem < 0)
            continue;
        resetForRun(row);
        first = first < 0 ? r : first;
        last = r;
    }
    if (first >= 0)
        Q_EMIT dataChanged(index(first, 0), index(last, ColumnCount - 1));
    m_flushTimer.start();
}

// A row a run takes on starts from nothing but what it is and whether it is held.
void ItemModel::resetForRun(Row &row)
{
    Row fresh;
    fresh.path = row.path;
    fresh.kind = row.kind;
    fresh.runItem = row.runItem;
    fresh.held = row.held;
    fresh.status = RowStatus::Queued;
    row = fresh;
}

void ItemModel::bindJoined(const QList<int> &rows, int firstItem)
{
    const int items = firstItem + int(rows.size());
    m_rowOfItem.resize(std::max<qsizetype>(m_rowOfItem.size(), items), -1);
    m_itemDirty.resize(std::max<qsizetype>(m_itemDirty.size(), items), false);
    for (int k = 0; k < rows.size(); ++k) {
        const int row = rows.at(k);
        if (row < 0 || row >= m_rows.size())
            continue;
        m_rows[row].runItem = firstItem + k;
        m_rowOfItem[firstItem + k] = row;
        resetForRun(m_rows[row]);
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    }
}

void ItemModel::markDirty(int item)
{
    if (item < 0 || item >= m_itemDirty.size() || m_itemDirty.at(item))
        return;
    m_itemDirty[item] = true;
    m_dirtyItems << item;
}

void ItemModel::onPausedChanged()
{
    for (const Row &row : std::as_const(m_rows))
        if (row.status == RowStatus::Running || row.status == RowStatus::Paused)
            markDirty(row.runItem);
    flush();
}

RunProgress ItemModel::runProgress() const
{
    RunProgress progress;
    for (const Row &row : m_rows) {
        if (row.runItem < 0 || row.runItem >= m_engine->itemCount())
            continue;
        const ItemRecord &record = m_engine->item(row.runItem);
        const double framesShare =
            record.framesTotal > 0 ? std::min(1.0, double(record.framesDone) / double(record.framesTotal)) : 0.0;
        switch (record.state) {
        case ItemState::Done: ++progress.done; progress.workDone += 1; break;
        case ItemState::Failed: ++progress.failed; progress.workDone += 1; break;
        case ItemState::Cancelled:
            ++progress.cancelled;
            progress.workDone += framesShare;
            progress.cancelledWork += framesShare;
            break;
        default: ++progress.remaining; progress.workDone += framesShare; break;
        }
    }
    return progress;
}

void ItemModel::markDelivered(int item)
{
    const int row = rowOfItem(item);
    if (row < 0)
        return;
    m_rows[row].delivered = true;
    markDirty(item);
}

// The analysis summarised its result (ResultSummary): one swatch is the result's colour, more
// are a palette, the trend is the sparkline.
void ItemModel::setResult(Row &row, const QJsonObject &result, const ResultSummary &summary)
{
    if (result == row.result)
        return;
    row.result = result;
    row.summary = summary;
    row.warnings = resultWarnings(result);
    row.resultText = summary.text;
    row.resultColor = summary.swatches.size() == 1 ? QColor(summary.swatches.first().color) : QColor();
    row.palette.clear();
    if (summary.swatches.size() > 1) {
        for (const ResultSummary::Swatch &swatch : summary.swatches)
            row.palette << QVariantMap{{QStringLiteral("color"), QColor(swatch.color)}, {QStringLiteral("share"), swatch.share}};
    }
    row.series.clear();
    for (const double value : ResultSummary::trendOf(summary.trend, kMaxSparklinePoints))
        row.series << value;
}

void ItemModel::refreshRow(Row &row, const ItemRecord &record) const
{
    row.kind = record.kind;
    row.framesDone = record.framesDone;
    row.framesTotal = record.framesTotal;
    row.worker = record.worker;
    row.start = record.start;
    row.end = record.end;
    row.error = record.error;
    setResult(row, record.result, record.summary);
    if (row.start >= 0)
        row.elapsed = row.end >= 0 ? row.end - row.start : m_engine->activeSeconds() - row.start;
    const bool finished = record.state == ItemState::Done || record.state == ItemState::Failed
                          || record.state == ItemState::Cancelled;
    if (!finished) {
        row.status = record.state == ItemState::Queued ? RowStatus::Queued
                     : m_engine->isPaused()            ? RowStatus::Paused
                                                       : RowStatus::Running;
    } else if (!row.delivered) {
        row.status = RowStatus::Waiting;
    } else {
        row.status = record.state == ItemState::Done     ? RowStatus::Done
                     : record.state == ItemState::Failed ? RowStatus::Failed
                                                         : RowStatus::Cancelled;
    }
}

void ItemModel::collectHosts()
{
    // Tasks are recorded as they end, with the machine their worker reported in its hello.
    const RunTiming timing = m_engine->timing();
    for (; m_tasksSeen < timing.tasks.size(); ++m_tasksSeen) {
        const TaskTiming &task = timing.tasks.at(m_tasksSeen);
        const int row = rowOfItem(task.item);
        if (row < 0 || task.host.isEmpty() || m_rows.at(row).hosts.contains(task.host))
            continue;
        m_rows[row].hosts << task.host;
        markDirty(task.item);
    }
}

void ItemModel::flush()
{
    collectHosts();
    const bool running = m_engine->isRunning();
    // Running rows change every tick (elapsed, fps, ETA) even without new progress.
    if (running && !m_engine->isPaused()) {
        for (const Row &row : std::as_const(m_rows))
            if (row.status == RowStatus::Running)
                markDirty(row.runItem);
    }
    if (m_dirtyItems.isEmpty()) {
        if (!running)
            m_flushTimer.stop();
        return;
    }
    QList<int> changedRows;
    for (int item : std::as_const(m_dirtyItems)) {
        m_itemDirty[item] = false;
        const int row = rowOfItem(item);
        if (row < 0 || item >= m_engine->itemCount())
            continue;
        refreshRow(m_rows[row], m_engine->item(item));
        changedRows << row;
    }
    m_dirtyItems.clear();
    if (changedRows.isEmpty())
        return;
    const auto [minRow, maxRow] = std::minmax_element(changedRows.begin(), changedRows.end());
    // One range is cheaper than many signals once most of the list changes.
    if (changedRows.size() * 2 > m_rows.size()) {
        Q_EMIT dataChanged(index(*minRow, 0), index(*maxRow, ColumnCount - 1));
    } else {
        for (int row : std::as_const(changedRows))
            Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    }
}

namespace {

ItemState savedState(ItemModel::RowStatus status)
{
    using RowStatus = ItemModel::RowStatus;
    switch (status) {
    case RowStatus::Done: return ItemState::Done;
    case RowStatus::Failed: return ItemState::Failed;
    case RowStatus::Cancelled: return ItemState::Cancelled;
    case RowStatus::Interrupted: return ItemState::Interrupted;
    case RowStatus::Running:
    case RowStatus::Paused:
    case RowStatus::Waiting: return ItemState::Running;
    case RowStatus::Idle:
    case RowStatus::Queued:
    case RowStatus::OnHold: return ItemState::Queued;
    }
    return ItemState::Queued;
}

ItemModel::RowStatus restoredStatus(ItemState state)
{
    using RowStatus = ItemModel::RowStatus;
    switch (state) {
    case ItemState::Done: return RowStatus::Done;
    case ItemState::Failed: return RowStatus::Failed;
    case ItemState::Cancelled: return RowStatus::Cancelled;
    case ItemState::Running: // QueueStore::load() never returns it; treat it the same way
    case ItemState::Interrupted: return RowStatus::Interrupted;
    case ItemState::Queued: return RowStatus::Idle;
    }
    return RowStatus::Idle;
}

} // namespace

QList<QueueEntry> ItemModel::queueEntries() const
{
    QList<QueueEntry> entries;
    entries.reserve(m_rows.size());
    for (const Row &row : m_rows) {
        QueueEntry e;
        e.path = row.path;
        e.kind = row.kind;
        e.held = row.held;
        const bool live = row.runItem >= 0 && row.runItem < m_engine->itemCount()
                          && m_engine->item(row.runItem).path == row.path;
        if (live) {
            // A finished item held back for its delivery order is saved as what it is: done.
            const ItemRecord &record = m_engine->item(row.runItem);
            e.state = record.state;
            if (record.state == ItemState::Done) {
                e.result = record.result;
                e.summary = record.summary;
            }
            e.error = record.error;
            e.frames = record.framesDone;
            e.seconds = record.seconds();
        } else {
            e.state = savedState(row.status);
            if (row.status == RowStatus::Done) {
                e.result = row.result;
                e.summary = row.summary;
            }
            e.error = row.error;
            e.frames = row.framesDone;
            e.seconds = row.elapsed;
        }
        entries << e;
    }
    return entries;
}

int ItemModel::restoreEntries(const QList<QueueEntry> &entries)
{
    QList<Row> rows;
    for (const QueueEntry &e : entries) {
        Row row;
        row.path = e.path;
        row.kind = e.kind;
        row.status = restoredStatus(e.state);
        row.held = e.held;
        row.delivered = true;
        row.error = e.error;
        // Counts and times only for items that ended: the rest start from nothing next time.
        const bool ended = e.state == ItemState::Done || e.state == ItemState::Failed || e.state == ItemState::Cancelled;
        row.framesDone = ended ? e.frames : 0;
        row.framesTotal = e.state == ItemState::Done ? e.frames : 0;
        if (ended && e.seconds > 0) {
            row.start = 0;
            row.end = e.seconds;
            row.elapsed = e.seconds;
        }
        setResult(row, e.result, e.summary);
        rows << row;
    }
    return appendNewRows(rows);
}

} // namespace fp
