#include "historycomparisonview.h"

#include "historymodel.h"

#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <tuple>

namespace fp {

namespace {

// Both ran to the end over the same items: then their times compare.
bool sameWork(const RunTiming *a, const RunTiming *b)
{
    return a && b && a->isComplete() && b->isComplete() && a->sortedPaths() == b->sortedPaths();
}

double throughputOf(const RunTiming &run)
{
    return run.wallSeconds > 0 ? run.totalFrames() / run.wallSeconds : 0;
}

// The one run of a report that holds a single run; nullptr for a Compare.
const RunTiming *singleRun(const TimingReport &report)
{
    if (report.serial && report.parallel)
        return nullptr;
    return HistoryModel::mainRun(report);
}

QString ratioText(double b, double a)
{
    return a > 0 && b > 0 ? HistoryComparisonView::tr("%1\u00d7").arg(QLocale().toString(b / a, 'f', 2))
                          : QStringLiteral("\u2014");
}

} // namespace

HistoryComparisonView::HistoryComparisonView(QWidget *parent)
    : QWidget(parent), m_headline(new QLabel(this)), m_table(new QTableWidget(RowCount, ColumnCount, this))
{
    m_headline->setObjectName(QStringLiteral("historyComparisonHeadline"));
    m_headline->setWordWrap(true);
    QFont bold = m_headline->font();
    bold.setBold(true);
    m_headline->setFont(bold);
    m_table->setObjectName(QStringLiteral("historyComparisonTable"));
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setVerticalHeaderLabels({tr("Started"), tr("Run"), tr("Analysis"), tr("Parameters"), tr("Workers"),
                                      tr("Settings"), tr("Items"),
                                      tr("Serial wall time"), tr("Parallel wall time"), tr("Speed-up"),
                                      tr("Frames"), tr("Throughput"), tr("Load average at start"), tr("Host")});
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    // Room for the settings to wrap onto three lines in a narrow column (the tooltip has them all).
    m_table->verticalHeader()->resizeSection(Setup, m_table->fontMetrics().lineSpacing() * 3 + 8);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 0);
    layout->addWidget(m_headline);
    layout->addWidget(m_table, 1);
}

void HistoryComparisonView::setEntries(const HistoryEntry &a, const HistoryEntry &b)
{
    m_table->setHorizontalHeaderLabels({tr("A: %1").arg(HistoryModel::whenText(a.report)),
                                        tr("B: %1").arg(HistoryModel::whenText(b.report)), tr("B \u00f7 A")});
    fillColumn(ColumnA, a.report);
    fillColumn(ColumnB, b.report);
    fillRatios(a.report, b.report);

    const RunTiming *singleA = singleRun(a.report);
    const RunTiming *singleB = singleRun(b.report);
    // A serial run and a parallel run of the same items compare as a Compare's two runs do.
    if (singleA && singleB && (singleA->mode == RunMode::Serial) != (singleB->mode == RunMode::Serial)) {
        const RunTiming &serial = singleA->mode == RunMode::Serial ? *singleA : *singleB;
        const RunTiming &parallel = singleA->mode == RunMode::Serial ? *singleB : *singleA;
        const Comparison comparison{serial, parallel, std::max(a.report.cores, b.report.cores)};
        m_headline->setText(comparison.isValid()
                                ? tr("Serial against parallel: speed-up %1\u00d7, efficiency %2 %.")
                                      .arg(QLocale().toString(comparison.speedup(), 'f', 2),
                                           QLocale().toString(comparison.efficiency() * 100, 'f', 1))
                                : tr("No speed-up between them: %1.").arg(comparison.invalidReason()));
        return;
    }
    m_headline->setText(sameWork(HistoryModel::mainRun(a.report), HistoryModel::mainRun(b.report))
                            ? tr("Both ran the same items to the end: B \u00f7 A compares their times.")
                            : tr("They did not run the same items to the end: only their throughput compares."));
}

QString HistoryComparisonView::headline() const
{
    return m_headline->text();
}

QString HistoryComparisonView::cellText(Row row, Column column) const
{
    const QTableWidgetItem *cell = m_table->item(row, column);
    return cell ? cell->text() : QString();
}

void HistoryComparisonView::fillColumn(Column column, const TimingReport &report)
{
    const TimingReport medians = withMedianWallTimes(report);
    const RunTiming *main = HistoryModel::mainRun(report);
    const QLocale locale;
    const auto seconds = [&locale](const std::optional<RunTiming> &run) {
        return run ? tr("%1 s").arg(locale.toString(run->wallSeconds, 'f', 3)) : QStringLiteral("\u2014");
    };
    // When the action began: a repeat's first run, a Compare's serial run.
    const double load = report.repeated ? report.repeated->loadAverageAtStart()
                        : report.serial ? report.serial->loadAverage
                        : main          ? main->loadAverage
                                        : -1;
    const QStringList texts{
        HistoryModel::whenText(report),
        HistoryModel::kindText(report),
        main ? main->analysis : QString(),
        main ? HistoryModel::parametersText(*main) : QString(),
        main ? locale.toString(main->workers) : QString(),
        main ? HistoryModel::setupText(*main) : QString(),
        HistoryModel::itemsText(report),
        seconds(medians.serial),
        seconds(medians.parallel),
        HistoryModel::speedupText(report),
        main ? locale.toString(main->totalFrames()) : QString(),
        main ? tr("%1 fps").arg(locale.toString(throughputOf(*main), 'f', 1)) : QString(),
        load >= 0 ? locale.toString(load, 'f', 2) : tr("unknown"),
        report.host,
    };
    for (int row = 0; row < RowCount; ++row) {
        auto *cell = new QTableWidgetItem(texts.at(row));
        // The settings are longer than a narrow column shows.
        cell->setToolTip(texts.at(row));
        m_table->setItem(row, column, cell);
    }
}

void HistoryComparisonView::fillRatios(const TimingReport &a, const TimingReport &b)
{
    for (int row = 0; row < RowCount; ++row)
        m_table->setItem(row, Ratio, new QTableWidgetItem);
    const TimingReport medianA = withMedianWallTimes(a);
    const TimingReport medianB = withMedianWallTimes(b);
    // Times only of the same work; a run of other items or cut short would make the ratio up.
    for (const auto &[row, runA, runB] : {std::tuple{SerialTime, &medianA.serial, &medianB.serial},
                                          std::tuple{ParallelTime, &medianA.parallel, &medianB.parallel}}) {
        const bool compares = *runA && *runB && sameWork(&**runA, &**runB);
        m_table->item(row, Ratio)->setText(compares ? ratioText((*runB)->wallSeconds, (*runA)->wallSeconds)
                                                    : QStringLiteral("\u2014"));
    }
    const RunTiming *mainA = HistoryModel::mainRun(a);
    const RunTiming *mainB = HistoryModel::mainRun(b);
    if (mainA && mainB)
        m_table->item(Throughput, Ratio)->setText(ratioText(throughputOf(*mainB), throughputOf(*mainA)));
}

} // namespace fp
