#pragma once

#include "report.h"
#include "runtypes.h"

#include <QWidget>

#include <optional>

QT_BEGIN_NAMESPACE
class QChartView;
class QLabel;
QT_END_NAMESPACE

namespace fp {

class GanttView;
class WallTimeChart;

// Serial versus parallel at a glance: speed-up and efficiency, a wall-time chart with the time
// model's ideal, and the per-worker timelines of the last serial and the last parallel run.
// A run in progress is shown live in place of the last run of its kind.
class TimingPanel : public QWidget
{
    Q_OBJECT

public:
    explicit TimingPanel(QWidget *parent = nullptr);

    // Called about twice a second during a run; its wallSeconds is the time so far.
    void setLiveRun(const RunTiming &run);
    // Kept as the last serial run (mode Serial) or the last parallel run (any other mode).
    void setFinishedRun(const RunTiming &run);
    // A Compare starts: the runs shown so far are not part of it, so they go.
    void beginComparison();
    // Shows a finished action's report (from the run history): its runs, and for a repeated
    // Compare the medians and ranges of its rounds.
    void showReport(const TimingReport &report);
    void clear();
    // The usable cores that bound the time model's ideal (default: this machine's).
    void setCores(int cores);

    // The last serial and last parallel run, with this machine's name and usable cores.
    [[nodiscard]] TimingReport report() const;
    // The last serial and parallel run, whether or not they compare (Comparison::isValid); for
    // a repeated Compare with the medians as their wall times.
    [[nodiscard]] std::optional<Comparison> comparison() const;
    // The line under the numbers: the time model, or why there is no speed-up.
    [[nodiscard]] QString modelText() const;
    // The line below it: the medians and ranges of a repeated Compare, or the warning that one
    // Compare ran on a busy machine; empty otherwise.
    [[nodiscard]] QString repeatText() const;
    // The serial/parallel/ideal chart (for tests).
    [[nodiscard]] WallTimeChart *wallTimeChart() const { return m_chart; }

protected:
    void changeEvent(QEvent *event) override;

private:
    // What is on screen: a live run stands in for the finished run of its kind.
    [[nodiscard]] const RunTiming *shownSerial() const;
    [[nodiscard]] const RunTiming *shownParallel() const;

    void refresh();
    void fitChartLabels();
    void refreshStatistics();
    void refreshTimeline(GanttView *timeline, QLabel *title, const QString &name,
                         const RunTiming *run, double axisSeconds);

    std::optional<RunTiming> m_serial;
    std::optional<RunTiming> m_parallel;
    std::optional<RunTiming> m_live;
    std::optional<RepeatedComparison> m_repeated; // of the shown report, if repeated
    QDateTime m_created;                          // of the shown report, if from the history
    QString m_host;
    int m_cores;

    QLabel *m_speedup = nullptr;
    QLabel *m_efficiency = nullptr;
    QLabel *m_workers = nullptr;
    QLabel *m_items = nullptr;
    QLabel *m_frames = nullptr;
    QLabel *m_throughput = nullptr;
    QLabel *m_model = nullptr;
    QLabel *m_repeat = nullptr;
    WallTimeChart *m_chart = nullptr;
    QChartView *m_chartView = nullptr;
    QLabel *m_serialTitle = nullptr;
    GanttView *m_serialTimeline = nullptr;
    QLabel *m_parallelTitle = nullptr;
    GanttView *m_parallelTimeline = nullptr;
};

} // namespace fp
