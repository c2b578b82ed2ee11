#pragma once

#include "queuestore.h"

#include <QWidget>

QT_BEGIN_NAMESPACE
class QLabel;
class QTableWidget;
QT_END_NAMESPACE

namespace fp {

// Two runs of the history side by side: what each was and measured, and B against A where
// that means something (times of the same items, throughput always). A serial run and a
// parallel run of the same items are a comparison of their own, with a speed-up.
class HistoryComparisonView : public QWidget
{
    Q_OBJECT

public:
    enum Row { Started, Kind, Analysis, Parameters, Workers, Setup, Items, SerialTime, ParallelTime, Speedup, Frames,
               Throughput, Load, Host, RowCount };
    enum Column { ColumnA, ColumnB, Ratio, ColumnCount };

    explicit HistoryComparisonView(QWidget *parent = nullptr);

    void setEntries(const HistoryEntry &a, const HistoryEntry &b);
    [[nodiscard]] QString headline() const;
    [[nodiscard]] QString cellText(Row row, Column column) const;

private:
    void fillColumn(Column column, const TimingReport &report);
    void fillRatios(const TimingReport &a, const TimingReport &b);

    QLabel *m_headline;
    QTableWidget *m_table;
};

} // namespace fp
