#include "walltimechart.h"

#include "ganttview.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QHorizontalStackedBarSeries>
#include <QLegend>
#include <QPalette>
#include <QValueAxis>

#include <algorithm>
#include <array>

namespace fp {

namespace {

constexpr std::array<WallTimeChart::Bar, 3> kBars{WallTimeChart::Bar::Serial,
                                                   WallTimeChart::Bar::Parallel,
                                                   WallTimeChart::Bar::Ideal};

int position(WallTimeChart::Bar bar)
{
    return int(bar);
}

QString workersText(int workers)
{
    return workers == 1 ? QStringLiteral("1 worker") : QStringLiteral("%1 workers").arg(workers);
}

QString runCategory(const char *title, const RunTiming *run, bool running)
{
    if (!run)
        return QStringLiteral("%1 (not run)").arg(QLatin1String(title));
    QString text =
        QStringLiteral("%1 \u00b7 %2").arg(QLatin1String(title), workersText(run->workers));
    if (running)
        text += QStringLiteral(" (running)");
    return text;
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
    const std::array<const char *, 3> names{"Serial", "Parallel", "Ideal"};
    for (Bar bar : kBars) {
        auto *set = new QBarSet(QLatin1String(names[position(bar)]), m_series);
        *set << 0 << 0 << 0;
        m_series->append(set);
    }
    m_series->setBarWidth(0.7);
    m_series->setLabelsVisible(true);
    m_series->setLabelsFormat(QStringLiteral("@value s"));
    m_series->setLabelsPosition(QAbstractBarSeries::LabelsInsideEnd);
    m_series->setLabelsPrecision(4);
    addSeries(m_series);

    // Serial on top, then the parallel run and its ideal next to each other.
    m_runAxis->setReverse(true);
    addAxis(m_runAxis, Qt::AlignLeft);
    m_secondsAxis->setTitleText(QStringLiteral("seconds"));
    m_secondsAxis->setLabelFormat(QStringLiteral("%g"));
    addAxis(m_secondsAxis, Qt::AlignBottom);
    m_series->attachAxis(m_runAxis);
    m_series->attachAxis(m_secondsAxis);

    legend()->hide();
    setRuns(nullptr, nullptr, nullptr);
}

void WallTimeChart::setRuns(const RunTiming *serial, const RunTiming *parallel,
                            const RunTiming *running)
{
    const double serialSeconds = serial ? serial->wallSeconds : 0;
    const double parallelSeconds = parallel ? parallel->wallSeconds : 0;
    // The same time model as Comparison::idealParallelSeconds.
    const double idealSeconds = serial && parallel
        ? Comparison{*serial, *parallel}.idealParallelSeconds()
        : 0;

    barSet(Bar::Serial)->replace(position(Bar::Serial), serialSeconds);
    barSet(Bar::Parallel)->replace(position(Bar::Parallel), parallelSeconds);
    barSet(Bar::Ideal)->replace(position(Bar::Ideal), idealSeconds);

    const QStringList categories{
        runCategory("Serial", serial, serial && serial == running),
        runCategory("Parallel", parallel, parallel && parallel == running),
        parallel ? QStringLiteral("Ideal \u00b7 serial \u00f7 %1").arg(parallel->workers)
                 : QStringLiteral("Ideal"),
    };
    // Replacing equal categories would relayout the chart twice a second for nothing.
    if (m_runAxis->categories() != categories)
        m_runAxis->setCategories(categories);

    const double longest = std::max({serialSeconds, parallelSeconds, idealSeconds});
    m_secondsAxis->setRange(0, longest > 0 ? longest * 1.05 : 1.0);
    m_secondsAxis->applyNiceNumbers();
}

void WallTimeChart::applyStyle(const QPalette &palette, const QFont &font)
{
    const bool dark = isDarkPalette(palette);
    // setTheme resets every colour and font, so everything of ours is set after it.
    setTheme(dark ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    setBackgroundBrush(palette.window());
    setBackgroundPen(Qt::NoPen);
    setBackgroundRoundness(0);
    setMargins(QMargins(4, 4, 4, 4));

    // The HTML report's colours for serial, parallel and ideal, in their dark variants too.
    const QColor serialColor = dark ? QColor(0x6d, 0x9b, 0xf2) : QColor(0x3b, 0x6f, 0xd8);
    const QColor parallelColor = dark ? QColor(0x4c, 0xc7, 0x9c) : QColor(0x2a, 0xa3, 0x7a);
    const QColor idealColor = dark ? QColor(0xa0, 0xaa, 0xbb) : QColor(0x7a, 0x86, 0x9a);
    const QColor barText = dark ? QColor(0x15, 0x18, 0x1e) : QColor(Qt::white);

    barSet(Bar::Serial)->setColor(serialColor);
    barSet(Bar::Serial)->setBorderColor(serialColor);
    barSet(Bar::Serial)->setLabelColor(barText);
    barSet(Bar::Parallel)->setColor(parallelColor);
    barSet(Bar::Parallel)->setBorderColor(parallelColor);
    barSet(Bar::Parallel)->setLabelColor(barText);
    // The ideal is a target, not a measurement: a faint fill inside a dashed outline.
    QColor idealFill = idealColor;
    idealFill.setAlphaF(0.25f);
    barSet(Bar::Ideal)->setBrush(idealFill);
    barSet(Bar::Ideal)->setPen(QPen(idealColor, 1.5, Qt::DashLine));
    barSet(Bar::Ideal)->setLabelColor(palette.color(QPalette::WindowText));

    QFont labelFont = font;
    for (Bar bar : kBars)
        barSet(bar)->setLabelFont(labelFont);
    const QColor text = palette.color(QPalette::WindowText);
    for (QAbstractAxis *axis : {static_cast<QAbstractAxis *>(m_runAxis),
                                static_cast<QAbstractAxis *>(m_secondsAxis)}) {
        axis->setLabelsFont(labelFont);
        axis->setLabelsColor(text);
        axis->setTitleFont(labelFont);
        axis->setTitleBrush(text);
    }
}

double WallTimeChart::barSeconds(Bar bar) const
{
    return barSet(bar)->at(position(bar));
}

QBarSet *WallTimeChart::barSet(Bar bar) const
{
    return m_series->barSets().at(position(bar));
}

} // namespace fp
