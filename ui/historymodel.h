#pragma once

#include "queuestore.h"

#include <QAbstractTableModel>
#include <QList>

namespace fp {

// The run history: every finished action (a serial or parallel run, a Compare, a repeated
// Compare), newest last, as a table for the timing dock. Each row keeps the action's whole
// timing report, so it can be shown, compared with another and exported again.
class HistoryModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { When, Kind, Items, WallTime, Speedup, ColumnCount };
    enum Role { IdRole = Qt::UserRole + 1 };
    // The oldest entries go beyond this: a history of a few days, not of years.
    static constexpr int kMaxEntries = 50;

    explicit HistoryModel(QObject *parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role = Qt::DisplayRole) const override;

    // Appends a finished action with a new id; returns its row.
    int add(const TimingReport &report);
    void setEntries(const QList<HistoryEntry> &entries);
    void removeRowList(QList<int> rows);
    [[nodiscard]] const QList<HistoryEntry> &entries() const { return m_entries; }
    [[nodiscard]] const HistoryEntry &entry(int row) const { return m_entries.at(row); }

    // How a report reads in the history and in the side-by-side comparison.
    // "Compare, 3 rounds", "Compare", "Parallel run", "Serial run".
    [[nodiscard]] static QString kindText(const TimingReport &report);
    // When its first run started (or the report was made).
    [[nodiscard]] static QDateTime startedAt(const TimingReport &report);
    // The same in the locale's short format.
    [[nodiscard]] static QString whenText(const TimingReport &report);
    // "5", or "4 / 5" for a partial run: the items its (last) parallel or serial run completed.
    [[nodiscard]] static QString itemsText(const TimingReport &report);
    // Serial and parallel wall time, medians for a repeated Compare: "6.020 s → 3.250 s".
    [[nodiscard]] static QString wallTimeText(const TimingReport &report);
    // "1.85×", "1.85× (1.80–1.92)" for a repeated Compare, "no speed-up" when the runs do not
    // compare, empty for a single run.
    [[nodiscard]] static QString speedupText(const TimingReport &report);
    // How a run was set up: "2 threads per worker, fastest finish, chunk size automatic, segment
    // size automatic, local launcher"; "not recorded" for a run from before it was.
    [[nodiscard]] static QString setupText(const RunTiming &run);
    // The analysis's parameters: "threshold=40", "none", or "not recorded".
    [[nodiscard]] static QString parametersText(const RunTiming &run);
    // The parallel run if there is one, else the serial run; nullptr for an empty report.
    [[nodiscard]] static const RunTiming *mainRun(const TimingReport &report);

private:
    [[nodiscard]] static QString toolTip(const TimingReport &report);

    QList<HistoryEntry> m_entries;
    int m_nextId = 1;
};

} // namespace fp
