#include "walltimechart.h"

#include "ganttview.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QFontMetricsF>
#include <QHorizontalStackedBarSeries>
#include <QLegend>
#include <QPalette>
#include <QValueAxis>

#include <algorithm>
#include <array>
#include <optional>

namespace fp {

namespace {

constexpr std::array<WallTimeChart::Bar, 3> kBars{WallTimeChart::Bar::Serial,
                                                   WallTimeChart::Bar::Parallel,
                                                   WallTimeChart::Bar::Ideal};

// Horizontal bar charts put the first category at the bottom; serial goes on top, the
// parallel run and its ideal next to each other below it. (QAbstractAxis::setReverse does
// not flip a bar category axis in Qt 6.4.)
int row(WallTimeChart::Bar bar)
{
    return int(kBars.size()) - 1 - int(bar);
}

QString workersText(int workers)
{
    return WallTimeChart::tr("%n worker(s)", nullptr, workers);
}

QString runCategory(const QString &title, const RunTiming *run)
{
    if (!run)
        return WallTimeChart::tr("%1 (not run)").arg(title);
    return WallTimeChart::tr("%1 \u00b7 %2", "run title, worker count").arg(title, workersText(run->workers));
}

QColor withAlpha(QColor color, float alpha)
{
    color.setAlphaF(alpha);
    return color;
}

} // namespace

WallTimeChart::WallTimeChart(QGraphicsItem *parent)
    : QChart(parent),
      m_series(new QHorizontalStackedBarSeries(this)),
      m_runAxis(new QBarCategoryAxis(this)),
      m_secondsAxis(new QValueAxis(this))
{
    // One set per bar, each with a value only in its own category: a stacked series then
    // draws one full-height bar per row, and each bar keeps its own colour.
    const std::array<QString, 3> names{tr("Serial"), tr("Parallel"), tr("Ideal")};
    for (Bar bar : kBars) {
        auto *set = new QBarSet(names[int(bar)], m_series);
        *set << 0 << 0 << 0;
        m_series->append(set);
    }
    m_series->setBarWidth(0.7);
    m_series->setLabelsVisible(true);
    m_series->setLabelsFormat(tr("@value s", "bar label: @value is the seconds"));
    m_series->setLabelsPosition(QAbstractBarSeries::LabelsInsideEnd);
    m_series->setLabelsPrecision(4);
    addSeries(m_series);

    addAxis(m_runAxis, Qt::AlignLeft);
    m_secondsAxis->setTitleText(tr("seconds"));
    m_secondsAxis->setLabelFormat(QStringLiteral("%g"));
    addAxis(m_secondsAxis, Qt::AlignBottom);
    m_series->attachAxis(m_runAxis);
    m_series->attachAxis(m_secondsAxis);

    legend()->hide();
    setRuns(nullptr, nullptr, nullptr, 0);
}

void WallTimeChart::setRuns(const RunTiming *serial, const RunTiming *parallel,
                            const RunTiming *running, int cores)
{
    const double serialSeconds = serial ? serial->wallSeconds : 0;
    const double parallelSeconds = parallel ? parallel->wallSeconds : 0;
    std::optional<Comparison> comparison;
    if (serial && parallel)
        comparison = Comparison{*serial, *parallel, cores};
    const bool valid = comparison && comparison->isValid();
    const double idealSeconds = valid ? comparison->idealParallelSeconds() : 0;

    barSet(Bar::Serial)->replace(row(Bar::Serial), serialSeconds);
    barSet(Bar::Parallel)->replace(row(Bar::Parallel), parallelSeconds);
    barSet(Bar::Ideal)->replace(row(Bar::Ideal), idealSeconds);

    QStringList categories(int(kBars.size()));
    categories[row(Bar::Serial)] = runCategory(tr("Serial"), serial);
    categories[row(Bar::Parallel)] = runCategory(tr("Parallel"), parallel);
    categories[row(Bar::Ideal)] = valid
        ? tr("Ideal \u00b7 (N \u00f7 %1) \u00b7 M").arg(comparison->effectiveWorkers())
        : comparison ? tr("Ideal (not the same work)")
                     : tr("Ideal (needs both)");
    // Replacing equal categories would relayout the chart twice a second for nothing.
    if (m_runAxis->categories() != categories)
        m_runAxis->setCategories(categories);

    const double longest = std::max({serialSeconds, parallelSeconds, idealSeconds});
    m_secondsAxis->setRange(0, longest > 0 ? longest * 1.05 : 1.0);
    m_secondsAxis->applyNiceNumbers();

    const std::optional<Bar> runningBar = !running ? std::nullopt
        : running == serial                        ? std::optional(Bar::Serial)
        : running == parallel                      ? std::optional(Bar::Parallel)
                                                   : std::nullopt;
    if (runningBar != m_runningBar) {
        m_runningBar = runningBar;
        applyColors();
    }
}

void WallTimeChart::applyStyle(const QPalette &palette, const QFont &font)
{
    // setTheme resets every colour and font, so everything of ours is set after it.
    setTheme(isDarkPalette(palette) ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    m_palette = palette;
    setBackgroundBrush(palette.window());
    setBackgroundPen(Qt::NoPen);
    setBackgroundRoundness(0);
    setMargins(QMargins(4, 4, 4, 4));

    const QColor text = palette.color(QPalette::WindowText);
    for (Bar bar : kBars)
        barSet(bar)->setLabelFont(font);
    for (QAbstractAxis *axis : {static_cast<QAbstractAxis *>(m_runAxis),
                                static_cast<QAbstractAxis *>(m_secondsAxis)}) {
        axis->setLabelsFont(font);
        axis->setLabelsColor(text);
        axis->setTitleFont(font);
        axis->setTitleBrush(text);
        // As faint as the timelines' grid: the bars are what matters.
        axis->setGridLineColor(withAlpha(text, 0.16f));
        axis->setLinePenColor(withAlpha(text, 0.35f));
    }
    applyColors();
}

void WallTimeChart::applyColors()
{
    const bool dark = isDarkPalette(m_palette);
    // The HTML report's colours for serial, parallel and ideal, in their dark variants too.
    const QColor serialColor = dark ? QColor(0x6d, 0x9b, 0xf2) : QColor(0x3b, 0x6f, 0xd8);
    const QColor parallelColor = dark ? QColor(0x4c, 0xc7, 0x9c) : QColor(0x2a, 0xa3, 0x7a);
    const QColor idealColor = dark ? QColor(0xa0, 0xaa, 0xbb) : QColor(0x7a, 0x86, 0x9a);
    const QColor text = m_palette.color(QPalette::WindowText);
    const QColor textOnBar = dark ? QColor(0x15, 0x18, 0x1e) : QColor(Qt::white);

    const auto paintMeasured = [&](Bar bar, const QColor &color) {
        // A run still going is paler, like the growing bars of the timeline, and its
        // label then needs the normal text colour.
        const bool running = m_runningBar == bar;
        QBarSet *set = barSet(bar);
        set->setBrush(running ? withAlpha(color, 0.45f) : color);
        set->setPen(QPen(color, 1));
        set->setLabelColor(running ? text : textOnBar);
    };
    paintMeasured(Bar::Serial, serialColor);
    paintMeasured(Bar::Parallel, parallelColor);
    // The ideal is a target, not a measurement: a faint fill inside a dashed outline.
    barSet(Bar::Ideal)->setBrush(withAlpha(idealColor, 0.25f));
    barSet(Bar::Ideal)->setPen(QPen(idealColor, 1.5, Qt::DashLine));
    barSet(Bar::Ideal)->setLabelColor(text);
}

QSize WallTimeChart::minimumSizeForLabels() const
{
    // What VerticalAxis::updateGeometry gives each label: the axis's height ÷ (rows + 2), less
    // a padding of 4 px above and below; a label is its text with a 4 px margin all round
    // (ChartPresenter::textMargin). A few pixels more absorb rounding.
    constexpr double textMargins = 2 * 4;
    constexpr double paddings = 2 * 4;
    constexpr double slack = 4;
    constexpr double maxAxisShare = 0.4; // CartesianChartLayout's maxAxisPortion
    const QFontMetricsF metrics(m_runAxis->labelsFont());
    const double slot = metrics.height() + textMargins + paddings + slack;
    const double height = slot * double(kBars.size() + 2) + margins().top() + margins().bottom();
    double longest = 0;
    for (const QString &category : m_runAxis->categories())
        longest = std::max(longest, metrics.horizontalAdvance(category));
    const double width = (longest + textMargins + paddings + slack) / maxAxisShare;
    return QSizeF(width, height).toSize();
}

double WallTimeChart::barSeconds(Bar bar) const
{
    return barSet(bar)->at(row(bar));
}

QBarSet *WallTimeChart::barSet(Bar bar) const
{
    return m_series->barSets().at(int(bar));
}

} // namespace fp
