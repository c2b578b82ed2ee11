#include "timingpanel.h"

#include "ganttview.h"
#include "launcher.h"
#include "systemload.h"
#include "walltimechart.h"

#include <QChartView>
#include <QEvent>
#include <QGridLayout>
#include <QLabel>
#include <QLocale>
#include <QScrollArea>
#include <QSysInfo>
#include <QVBoxLayout>

#include <algorithm>

namespace fp {

namespace {

const QString kNotAvailable = QStringLiteral("\u2014");

bool isSerial(const RunTiming &run)
{
    return run.mode == RunMode::Serial;
}

qsizetype finishedItems(const RunTiming &run)
{
    return std::count_if(run.items.begin(), run.items.end(), [](const ItemRecord &item) {
        return item.end >= 0;
    });
}

// The engine's RunTiming::partialText() and Comparison::invalidReason() in the user's language
// (the engine's own English words go to reports and the CLI).
QString partialText(const RunTiming &run)
{
    return TimingPanel::tr("partial run: %1 of %2 items completed")
        .arg(run.completedCount())
        .arg(run.items.size());
}

QString addedMidRunText(const RunTiming &run)
{
    return TimingPanel::tr("%1 of its %2 items were added while it ran").arg(run.addedMidRunCount()).arg(run.items.size());
}

QString invalidReason(const Comparison &comparison)
{
    using Invalidity = Comparison::Invalidity;
    switch (comparison.invalidity()) {
    case Invalidity::None: return {};
    case Invalidity::SerialPartial: return TimingPanel::tr("serial: %1").arg(partialText(comparison.serial));
    case Invalidity::ParallelPartial: return TimingPanel::tr("parallel: %1").arg(partialText(comparison.parallel));
    case Invalidity::SerialGrew: return TimingPanel::tr("serial: %1").arg(addedMidRunText(comparison.serial));
    case Invalidity::ParallelGrew: return TimingPanel::tr("parallel: %1").arg(addedMidRunText(comparison.parallel));
    case Invalidity::DifferentItems:
        return TimingPanel::tr("the runs did not process the same items (serial %1, parallel %2)")
            .arg(comparison.serial.items.size())
            .arg(comparison.parallel.items.size());
    case Invalidity::NoTimeMeasured: return TimingPanel::tr("no time was measured");
    }
    return {};
}

// A caption over a large value, one column of the statistics row.
QLabel *addStatistic(QGridLayout *grid, int column, const QString &caption,
                     const QString &toolTip)
{
    auto *captionLabel = new QLabel(caption);
    captionLabel->setForegroundRole(QPalette::PlaceholderText);
    auto *value = new QLabel(kNotAvailable);
    QFont valueFont = value->font();
    // Fonts come sized in points or in pixels, depending on the platform theme.
    if (valueFont.pointSizeF() > 0)
        valueFont.setPointSizeF(valueFont.pointSizeF() * 1.5);
    else
        valueFont.setPixelSize(valueFont.pixelSize() * 3 / 2);
    valueFont.setBold(true);
    value->setFont(valueFont);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    captionLabel->setToolTip(toolTip);
    value->setToolTip(toolTip);
    grid->addWidget(captionLabel, 0, column);
    grid->addWidget(value, 1, column);
    return value;
}

QString loadAverageText(double load)
{
    return load >= 0 ? QLocale().toString(load, 'f', 2) : TimingPanel::tr("unknown");
}

// "6.020 s (5.900–6.300 s)": a median and its range.
QString spreadText(const Spread &spread)
{
    return TimingPanel::tr("%1 s (%2\u2013%3 s)")
        .arg(report::secondsText(spread.median), report::secondsText(spread.min), report::secondsText(spread.max));
}

QLabel *timelineTitle()
{
    auto *title = new QLabel;
    QFont bold = title->font();
    bold.setBold(true);
    title->setFont(bold);
    return title;
}

} // namespace

TimingPanel::TimingPanel(QWidget *parent)
    : QWidget(parent),
      m_cores(usableCores()),
      m_chart(new WallTimeChart),
      m_chartView(new QChartView(m_chart)),
      m_serialTitle(timelineTitle()),
      m_serialTimeline(new GanttView),
      m_parallelTitle(timelineTitle()),
      m_parallelTimeline(new GanttView)
{
    auto *statistics = new QGridLayout;
    statistics->setHorizontalSpacing(24);
    statistics->setVerticalSpacing(0);
    m_speedup = addStatistic(statistics, 0, tr("Speed-up"),
                             tr("Serial wall time \u00f7 parallel wall time"));
    m_efficiency = addStatistic(statistics, 1, tr("Efficiency"),
                                tr("Speed-up \u00f7 C, the workers that can run at once "
                                   "(at most the usable cores)"));
    m_workers = addStatistic(statistics, 2, tr("Workers"), tr("Workers of the parallel run"));
    m_items = addStatistic(statistics, 3, tr("Items"), tr("Items finished of the latest run"));
    m_frames = addStatistic(statistics, 4, tr("Frames"), tr("Frames decoded in the latest run"));
    m_throughput = addStatistic(statistics, 5, tr("Throughput"),
                                tr("Frames per second of wall time in the latest run; it compares "
                                   "partial runs too"));
    statistics->setColumnStretch(6, 1);
    m_speedup->setObjectName(QStringLiteral("speedupValue"));
    m_efficiency->setObjectName(QStringLiteral("efficiencyValue"));
    m_workers->setObjectName(QStringLiteral("workersValue"));
    m_items->setObjectName(QStringLiteral("itemsValue"));
    m_throughput->setObjectName(QStringLiteral("throughputValue"));
    m_model = new QLabel;
    m_model->setObjectName(QStringLiteral("timeModel"));
    m_model->setWordWrap(true);
    m_model->setTextInteractionFlags(Qt::TextSelectableByMouse);
    statistics->addWidget(m_model, 2, 0, 1, 7);
    m_repeat = new QLabel;
    m_repeat->setObjectName(QStringLiteral("repeatSummary"));
    m_repeat->setWordWrap(true);
    m_repeat->setTextInteractionFlags(Qt::TextSelectableByMouse);
    statistics->addWidget(m_repeat, 3, 0, 1, 7);

    m_chartView->setObjectName(QStringLiteral("wallTimeChart"));
    m_chartView->setRenderHint(QPainter::Antialiasing);
    m_chartView->setFrameShape(QFrame::NoFrame);

    m_serialTimeline->setObjectName(QStringLiteral("serialTimeline"));
    m_serialTimeline->setPlaceholderText(
        tr("No serial run yet: a run with one worker measures the baseline."));
    m_parallelTimeline->setObjectName(QStringLiteral("parallelTimeline"));
    m_parallelTimeline->setPlaceholderText(tr("No parallel run yet."));

    // Many workers make tall timelines; they scroll rather than squeeze the chart.
    auto *timelines = new QWidget;
    auto *timelinesLayout = new QVBoxLayout(timelines);
    timelinesLayout->setContentsMargins(0, 0, 0, 0);
    timelinesLayout->addWidget(m_serialTitle);
    timelinesLayout->addWidget(m_serialTimeline);
    timelinesLayout->addSpacing(fontMetrics().height() / 2);
    timelinesLayout->addWidget(m_parallelTitle);
    timelinesLayout->addWidget(m_parallelTimeline);
    timelinesLayout->addStretch(1);
    auto *scroll = new QScrollArea;
    scroll->setWidget(timelines);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setBackgroundRole(QPalette::Window);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(statistics);
    layout->addWidget(m_chartView, 1);
    layout->addWidget(scroll, 1);

    m_chart->applyStyle(palette(), font());
    refresh();
}

void TimingPanel::fitChartLabels()
{
    // Never so small that Qt Charts cuts the run labels to "..."; more than a few lines of
    // height would only make the three bars fat.
    const QSize labels = m_chart->minimumSizeForLabels();
    m_chartView->setMinimumSize(labels);
    m_chartView->setMaximumHeight(std::max(labels.height(), fontMetrics().height() * 13));
}

void TimingPanel::setLiveRun(const RunTiming &run)
{
    m_live = run;
    refresh();
}

void TimingPanel::setFinishedRun(const RunTiming &run)
{
    (isSerial(run) ? m_serial : m_parallel) = run;
    // In a Compare the next run has already started when this one's end arrives: it stays live.
    if (m_live && isSerial(*m_live) == isSerial(run))
        m_live.reset();
    // What is shown now is this machine's latest runs, not a report from the history.
    m_repeated.reset();
    m_created = {};
    m_host.clear();
    refresh();
}

void TimingPanel::beginComparison()
{
    clear();
}

void TimingPanel::showReport(const TimingReport &report)
{
    m_serial = report.serial;
    m_parallel = report.parallel;
    m_repeated = report.repeated;
    m_created = report.created;
    m_host = report.host;
    m_live.reset();
    refresh();
}

void TimingPanel::setCores(int cores)
{
    m_cores = cores;
    refresh();
}

void TimingPanel::clear()
{
    m_serial.reset();
    m_parallel.reset();
    m_live.reset();
    m_repeated.reset();
    m_created = {};
    m_host.clear();
    refresh();
}

TimingReport TimingPanel::report() const
{
    TimingReport report;
    report.serial = m_serial;
    report.parallel = m_parallel;
    report.repeated = m_repeated;
    if (m_created.isValid())
        report.created = m_created;
    report.host = m_host.isEmpty() ? QSysInfo::machineHostName() : m_host;
    report.cores = m_cores;
    return report;
}

std::optional<Comparison> TimingPanel::comparison() const
{
    return withMedianWallTimes(report()).comparison();
}

QString TimingPanel::modelText() const
{
    const auto finished = comparison();
    if (m_live || !finished)
        return {};
    if (m_repeated && !m_repeated->isValid())
        return tr("No speed-up: %1. Throughput still compares.").arg(m_repeated->invalidReason());
    if (!finished->isValid())
        return tr("No speed-up: %1. Throughput still compares.").arg(invalidReason(*finished));
    const Comparison &c = *finished;
    const QString bound = m_cores > 0
        ? tr("min(%1 workers, %2 cores)").arg(c.parallel.workers).arg(m_cores)
        : tr("%1 workers").arg(c.parallel.workers);
    const QString text =
        tr("N = %1 items \u00b7 M = %2 s per item (serial mean) \u00b7 C = %3 = %4 \u00b7 "
           "ideal (N \u00f7 C) \u00b7 M = %5 s, measured %6 s \u00b7 busy per worker: %7 \u00b7 "
           "load average at start: %8")
            .arg(c.itemCount())
            .arg(report::secondsText(c.secondsPerItem()), bound)
            .arg(c.effectiveWorkers())
            .arg(report::secondsText(c.idealParallelSeconds()),
                 report::secondsText(c.parallel.wallSeconds), report::busyText(c.parallel),
                 loadAverageText(m_repeated ? m_repeated->loadAverageAtStart() : c.serial.loadAverage));
    // Workers kept from an earlier run skip their loading (a tenth of a second or more each):
    // say so, as a warm run and a cold one do not compare.
    if (c.serial.warmWorkers == 0 && c.parallel.warmWorkers == 0)
        return text;
    return text + tr(" \u00b7 workers loaded before the run: serial %1 of 1, parallel %2 of %3")
                      .arg(c.serial.warmWorkers)
                      .arg(c.parallel.warmWorkers)
                      .arg(c.parallel.workers);
}

QString TimingPanel::repeatText() const
{
    if (m_live)
        return {};
    if (m_repeated) {
        const RepeatedComparison &r = *m_repeated;
        if (!r.isValid())
            return tr("%1 rounds, alternated: no speed-up.").arg(r.rounds); // a repeat has two or more
        const Spread speedups = r.roundSpeedups();
        return tr("%1 rounds, alternated: serial median %2, parallel median %3; speed-up %4\u00d7 "
                  "(%5\u2013%6) from the medians; load average at start: %7")
            .arg(r.rounds)
            .arg(spreadText(r.serialSeconds()), spreadText(r.parallelSeconds()))
            .arg(r.speedup(), 0, 'f', 2)
            .arg(speedups.min, 0, 'f', 2)
            .arg(speedups.max, 0, 'f', 2)
            .arg(loadAverageText(r.loadAverageAtStart()));
    }
    const auto finished = comparison();
    if (!finished || !finished->isValid() || !isBusyLoad(finished->serial.loadAverage, m_cores))
        return {};
    return tr("One run on a busy machine (load average %1 at start, usable cores: %2): other programs "
              "shared the cores. Set Repeat to 3 or more for a median and a range.")
        .arg(loadAverageText(finished->serial.loadAverage))
        .arg(m_cores);
}

void TimingPanel::changeEvent(QEvent *event)
{
    // The chart is a graphics item, not a widget: it does not follow palette or font changes
    // (a switch to a dark theme) by itself.
    switch (event->type()) {
    case QEvent::PaletteChange:
    case QEvent::FontChange:
    case QEvent::StyleChange:
        m_chart->applyStyle(palette(), font());
        fitChartLabels();
        break;
    default:
        break;
    }
    QWidget::changeEvent(event);
}

const RunTiming *TimingPanel::shownSerial() const
{
    if (m_live && isSerial(*m_live))
        return &*m_live;
    return m_serial ? &*m_serial : nullptr;
}

const RunTiming *TimingPanel::shownParallel() const
{
    if (m_live && !isSerial(*m_live))
        return &*m_live;
    return m_parallel ? &*m_parallel : nullptr;
}

void TimingPanel::refresh()
{
    const RunTiming *serial = shownSerial();
    const RunTiming *parallel = shownParallel();
    // A repeated Compare is charted by its medians; its timelines are its last round.
    const TimingReport charted = withMedianWallTimes(report());
    if (!m_live && m_repeated && charted.serial && charted.parallel)
        m_chart->setRuns(&*charted.serial, &*charted.parallel, nullptr, m_cores);
    else
        m_chart->setRuns(serial, parallel, m_live ? &*m_live : nullptr, m_cores);
    fitChartLabels();
    refreshStatistics();

    // One time axis for both timelines, so their lengths compare at a glance.
    double axisSeconds = 0;
    for (const RunTiming *run : {serial, parallel})
        if (run)
            axisSeconds = std::max(axisSeconds, Timeline(*run).endSeconds());
    refreshTimeline(m_serialTimeline, m_serialTitle, tr("Serial run"), serial, axisSeconds);
    refreshTimeline(m_parallelTimeline, m_parallelTitle, tr("Parallel run"), parallel,
                    axisSeconds);
}

void TimingPanel::refreshStatistics()
{
    // Ratios of a run that is still going would change under the reader's eyes; they wait
    // for both runs to finish.
    const auto finished = comparison();
    m_model->setText(modelText());
    const QString repeat = repeatText();
    m_repeat->setText(repeat);
    m_repeat->setVisible(!repeat.isEmpty());
    const bool repeatsCompare = !m_repeated || m_repeated->isValid();
    if (finished && !m_live && finished->isValid() && repeatsCompare) {
        const QLocale locale;
        m_speedup->setText(tr("%1\u00d7", "speed-up factor").arg(locale.toString(finished->speedup(), 'f', 2)));
        m_efficiency->setText(tr("%1 %", "efficiency in percent").arg(locale.toString(finished->efficiency() * 100, 'f', 1)));
    } else {
        m_speedup->setText(kNotAvailable);
        m_efficiency->setText(kNotAvailable);
    }

    const RunTiming *parallel = shownParallel();
    m_workers->setText(parallel ? QLocale().toString(parallel->workers) : kNotAvailable);

    const RunTiming *latest = m_live ? &*m_live : parallel ? parallel : shownSerial();
    if (!latest) {
        m_items->setText(kNotAvailable);
        m_frames->setText(kNotAvailable);
        m_throughput->setText(kNotAvailable);
        return;
    }
    const QLocale locale;
    // A live or partial run shows how far it got.
    const qsizetype ended = m_live ? finishedItems(*latest) : latest->completedCount();
    m_items->setText(m_live || !latest->isComplete()
                         ? tr("%1 / %2", "items finished / items").arg(locale.toString(qint64(ended)),
                                                         locale.toString(qint64(latest->items.size())))
                         : locale.toString(qint64(latest->items.size())));
    m_frames->setText(locale.toString(latest->totalFrames()));
    m_throughput->setText(latest->wallSeconds > 0
                              ? tr("%1 fps").arg(locale.toString(latest->totalFrames() / latest->wallSeconds, 'f', 1))
                              : kNotAvailable);
}

void TimingPanel::refreshTimeline(GanttView *timeline, QLabel *title, const QString &name,
                                  const RunTiming *run, double axisSeconds)
{
    if (!run) {
        title->setText(name);
        timeline->clearRun();
        return;
    }
    QStringList parts{tr("%Ln worker(s)", nullptr, run->workers), tr("%Ln item(s)", nullptr, int(run->items.size())),
                      tr("%Ln frame(s)", nullptr, int(run->totalFrames())),
                      tr("%L1 s", "wall time of a run").arg(run->wallSeconds, 0, 'f', 3)};
    if (m_live && run == &*m_live)
        parts << (run->paused ? tr("paused") : tr("running"));
    else if (!run->isComplete())
        parts << partialText(*run);
    else if (const int failed = run->failedCount(); failed > 0)
        parts << tr("%n failed", nullptr, failed);
    title->setText(name + QStringLiteral(" \u00b7 ") + parts.join(QStringLiteral(" \u00b7 ")));
    timeline->setAxisSeconds(axisSeconds);
    timeline->setRun(*run);
}

} // namespace fp
