#include "historymodel.h"

#include <QLocale>

#include <algorithm>

namespace fp {

namespace {

// Hundredths: the list is an overview; the panel and the side-by-side view give milliseconds.
QString secondsText(double seconds)
{
    return HistoryModel::tr("%1 s").arg(QLocale().toString(seconds, 'f', 2));
}

} // namespace

HistoryModel::HistoryModel(QObject *parent) : QAbstractTableModel(parent) {}

int HistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int HistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant HistoryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const HistoryEntry &e = m_entries.at(index.row());
    if (role == IdRole)
        return e.id;
    if (role == Qt::TextAlignmentRole && index.column() != When && index.column() != Kind)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole)
        return toolTip(e.report);
    if (role != Qt::DisplayRole)
        return {};
    switch (Column(index.column())) {
    case When: return whenText(e.report);
    case Kind: return kindText(e.report);
    case Items: return itemsText(e.report);
    case WallTime: return wallTimeText(e.report);
    case Speedup: return speedupText(e.report);
    case ColumnCount: break;
    }
    return {};
}

QVariant HistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case When: return tr("Started");
    case Kind: return tr("Run");
    case Items: return tr("Items");
    case WallTime: return tr("Wall time");
    case Speedup: return tr("Speed-up");
    case ColumnCount: break;
    }
    return {};
}

int HistoryModel::add(const TimingReport &report)
{
    if (m_entries.size() >= kMaxEntries) {
        const int excess = int(m_entries.size()) - kMaxEntries + 1;
        beginRemoveRows({}, 0, excess - 1);
        m_entries.remove(0, excess);
        endRemoveRows();
    }
    const int row = int(m_entries.size());
    beginInsertRows({}, row, row);
    m_entries.append(HistoryEntry{m_nextId++, report});
    endInsertRows();
    return row;
}

void HistoryModel::setEntries(const QList<HistoryEntry> &entries)
{
    beginResetModel();
    m_entries = entries.mid(std::max<qsizetype>(0, entries.size() - kMaxEntries));
    m_nextId = 1;
    for (const HistoryEntry &e : std::as_const(m_entries))
        m_nextId = std::max(m_nextId, e.id + 1);
    endResetModel();
}

void HistoryModel::removeRowList(QList<int> rows)
{
    // From the bottom up, so the rows still to remove keep their numbers.
    std::sort(rows.begin(), rows.end(), std::greater<>());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    for (int row : std::as_const(rows)) {
        if (row < 0 || row >= m_entries.size())
            continue;
        beginRemoveRows({}, row, row);
        m_entries.removeAt(row);
        endRemoveRows();
    }
}

namespace {

// "automatic" for 0, "never split" for -1 (segments only), else the number.
QString pieceSizeText(int size)
{
    return size == 0 ? HistoryModel::tr("automatic") : size < 0 ? HistoryModel::tr("never split") : QLocale().toString(size);
}

} // namespace

QString HistoryModel::setupText(const RunTiming &run)
{
    const RunSetup &setup = run.setup;
    if (!setup.isRecorded())
        return tr("not recorded");
    return tr("%n thread(s) per worker, %1, chunk size %2, segment size %3, %4 launcher", nullptr, setup.threadsPerWorker)
        .arg(setup.schedule == Schedule::QueueOrder ? tr("queue order") : tr("fastest finish"),
             pieceSizeText(setup.chunkSize), pieceSizeText(setup.segmentFrames), setup.launcher);
}

QString HistoryModel::parametersText(const RunTiming &run)
{
    if (!run.setup.isRecorded())
        return tr("not recorded");
    const QString parameters = run.setup.parametersText();
    return parameters.isEmpty() ? tr("none") : parameters;
}

// What ran where, and how each run was set up: what it takes to run it again the same way.
QString HistoryModel::toolTip(const TimingReport &report)
{
    QStringList lines{tr("%1 on %2").arg(kindText(report), report.host)};
    for (const auto &[run, title] : {std::pair{&report.serial, tr("Serial run")}, std::pair{&report.parallel, tr("Parallel run")}})
        if (*run)
            lines << tr("%1: %2, workers: %3, %4; parameters: %5")
                         .arg(title, (*run)->analysis, QLocale().toString((*run)->workers), setupText(**run),
                              parametersText(**run));
    return lines.join(QLatin1Char('\n'));
}

QDateTime HistoryModel::startedAt(const TimingReport &report)
{
    for (const auto *run : {&report.serial, &report.parallel})
        if (*run && (*run)->started.isValid())
            return (*run)->started;
    return report.created;
}

const RunTiming *HistoryModel::mainRun(const TimingReport &report)
{
    return report.parallel ? &*report.parallel : report.serial ? &*report.serial : nullptr;
}

QString HistoryModel::kindText(const TimingReport &report)
{
    if (report.repeated)
        return tr("Compare, %1 rounds").arg(report.repeated->rounds); // a repeat has two or more
    if (report.serial && report.parallel)
        return tr("Compare");
    return report.parallel ? tr("Parallel run") : tr("Serial run");
}

QString HistoryModel::whenText(const TimingReport &report)
{
    // The time alone for today's runs: the list stays narrow beside the panel.
    const QDateTime started = startedAt(report);
    const QLocale locale;
    return started.date() == QDate::currentDate() ? locale.toString(started.time(), QLocale::ShortFormat)
                                                  : locale.toString(started, QLocale::ShortFormat);
}

QString HistoryModel::itemsText(const TimingReport &report)
{
    const RunTiming *run = mainRun(report);
    if (!run)
        return {};
    const QLocale locale;
    return run->isComplete() ? locale.toString(qint64(run->items.size()))
                             : tr("%1 / %2").arg(locale.toString(run->completedCount()),
                                                 locale.toString(qint64(run->items.size())));
}

QString HistoryModel::wallTimeText(const TimingReport &report)
{
    const TimingReport shown = withMedianWallTimes(report);
    if (shown.serial && shown.parallel)
        return tr("%1 \u2192 %2").arg(secondsText(shown.serial->wallSeconds), secondsText(shown.parallel->wallSeconds));
    const RunTiming *run = mainRun(shown);
    return run ? secondsText(run->wallSeconds) : QString();
}

QString HistoryModel::speedupText(const TimingReport &report)
{
    const QLocale locale;
    if (report.repeated) {
        const RepeatedComparison &r = *report.repeated;
        if (!r.isValid())
            return tr("no speed-up");
        const Spread range = r.roundSpeedups();
        return tr("%1\u00d7 (%2\u2013%3)")
            .arg(locale.toString(r.speedup(), 'f', 2), locale.toString(range.min, 'f', 2),
                 locale.toString(range.max, 'f', 2));
    }
    const auto comparison = report.comparison();
    if (!comparison)
        return {};
    return comparison->isValid() ? tr("%1\u00d7").arg(locale.toString(comparison->speedup(), 'f', 2))
                                 : tr("no speed-up");
}

} // namespace fp
