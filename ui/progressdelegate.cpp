#include "progressdelegate.h"

#include "itemmodel.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>
#include <QStyleOptionProgressBar>

#include <algorithm>

namespace fp {

namespace {

constexpr int kProgressSteps = 1000;

QStyle *styleOf(const QStyleOptionViewItem &option)
{
    return option.widget ? option.widget->style() : QApplication::style();
}

QColor textColor(const QStyleOptionViewItem &option)
{
    const QPalette::ColorGroup group = (option.state & QStyle::State_Enabled) ? QPalette::Normal : QPalette::Disabled;
    return option.palette.color(group, (option.state & QStyle::State_Selected) ? QPalette::HighlightedText
                                                                                 : QPalette::Text);
}

// A thin outline in the text colour keeps a swatch visible on a background of its own colour.
QColor outlineColor(const QStyleOptionViewItem &option)
{
    QColor c = textColor(option);
    c.setAlphaF(0.45f);
    return c;
}

void drawText(QPainter *painter, const QStyleOptionViewItem &option, const QRect &rect, const QString &text)
{
    if (rect.width() <= 0 || text.isEmpty())
        return;
    painter->setPen(textColor(option));
    const QString elided = option.fontMetrics.elidedText(text, Qt::ElideRight, rect.width());
    painter->drawText(rect, Qt::AlignVCenter | Qt::AlignLeft, elided);
}

} // namespace

void ProgressDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    switch (index.column()) {
    case ItemModel::Progress:
        paintProgress(painter, option, index);
        return;
    case ItemModel::Result:
        if (paintResult(painter, option, index))
            return;
        break;
    default:
        break;
    }
    QStyledItemDelegate::paint(painter, option, index);
}

void ProgressDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    // The item succeeded, but not everything could be read: the tooltip says what.
    if (index.column() == ItemModel::Status && !index.data(ItemModel::WarningsRole).toStringList().isEmpty()) {
        option->icon = styleOf(*option)->standardIcon(QStyle::SP_MessageBoxWarning, nullptr, option->widget);
        option->features |= QStyleOptionViewItem::HasDecoration;
    }
}

void ProgressDelegate::paintProgress(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem viewOption(option);
    initStyleOption(&viewOption, index);
    viewOption.text.clear();
    QStyle *style = styleOf(option);
    style->drawPrimitive(QStyle::PE_PanelItemViewItem, &viewOption, painter, option.widget);

    const auto status = ItemModel::RowStatus(index.data(ItemModel::StatusRole).toInt());
    if (status == ItemModel::RowStatus::Idle || status == ItemModel::RowStatus::Interrupted)
        return; // nothing (left) has run: an empty cell reads better than an empty bar

    const double progress = index.data(ItemModel::ProgressRole).toDouble();
    const qint64 done = index.data(ItemModel::FramesDoneRole).toLongLong();
    const qint64 total = index.data(ItemModel::FramesTotalRole).toLongLong();
    const QString unit = index.data(ItemModel::UnitRole).toString();

    QStyleOptionProgressBar bar;
    bar.initFrom(option.widget);
    bar.state = option.state | QStyle::State_Horizontal; // Qt 6 draws vertically without it
    bar.direction = option.direction;
    bar.palette = option.palette;
    bar.fontMetrics = option.fontMetrics;
    const int margin = std::max(1, option.rect.height() / 10);
    bar.rect = option.rect.adjusted(margin, margin, -margin, -margin);
    bar.minimum = 0;
    bar.maximum = progress < 0 ? 0 : kProgressSteps; // 0..0: the style's "busy" bar
    bar.progress = progress < 0 ? 0 : int(progress * kProgressSteps);
    bar.textVisible = true;
    bar.textAlignment = Qt::AlignCenter;
    bar.text = total > 0 ? tr("%L1 / %L2 %3", "done / total, then 'frames' or 'images'").arg(done).arg(total).arg(unit)
                         : tr("%L1 %2", "done, then 'frames' or 'images'").arg(done).arg(unit);
    style->drawControl(QStyle::CE_ProgressBar, &bar, painter, option.widget);
}

bool ProgressDelegate::paintResult(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QColor color = index.data(ItemModel::ResultColorRole).value<QColor>();
    const QVariantList palette = index.data(ItemModel::PaletteRole).toList();
    const QVariantList series = index.data(ItemModel::SeriesRole).toList();
    if (!color.isValid() && palette.isEmpty() && series.size() < 2)
        return false;

    QStyleOptionViewItem viewOption(option);
    initStyleOption(&viewOption, index);
    const QString text = viewOption.text;
    viewOption.text.clear();
    styleOf(option)->drawPrimitive(QStyle::PE_PanelItemViewItem, &viewOption, painter, option.widget);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const int pad = std::max(2, option.rect.height() / 6);
    const QRect area = option.rect.adjusted(pad, pad, -pad, -pad);
    const int gap = option.fontMetrics.horizontalAdvance(QLatin1Char(' '));

    if (color.isValid()) {
        const QRect swatch(area.topLeft(), QSize(area.height() * 3 / 2, area.height()));
        painter->setPen(outlineColor(option));
        painter->setBrush(color);
        painter->drawRoundedRect(QRectF(swatch).adjusted(0.5, 0.5, -0.5, -0.5), 2, 2);
        drawText(painter, option, area.adjusted(swatch.width() + gap, 0, 0, 0), text);
    } else if (!palette.isEmpty()) {
        // Segments as wide as each colour's share of the palette.
        const int width = std::min(area.width(), option.fontMetrics.horizontalAdvance(QLatin1Char('M')) * 14);
        double total = 0;
        for (const QVariant &entry : palette)
            total += entry.toMap().value(QStringLiteral("share")).toDouble();
        double x = area.left();
        painter->setPen(Qt::NoPen);
        for (const QVariant &entry : palette) {
            const QVariantMap map = entry.toMap();
            const double w = total > 0 ? width * map.value(QStringLiteral("share")).toDouble() / total
                                       : double(width) / palette.size();
            painter->setBrush(map.value(QStringLiteral("color")).value<QColor>());
            painter->drawRect(QRectF(x, area.top(), w, area.height()));
            x += w;
        }
        painter->setPen(outlineColor(option));
        painter->setBrush(Qt::NoBrush);
        painter->drawRect(QRectF(area.left(), area.top(), width, area.height()).adjusted(0.5, 0.5, -0.5, -0.5));
        drawText(painter, option, area.adjusted(width + gap, 0, 0, 0), text);
    } else {
        const int width = std::min(area.width() / 2, option.fontMetrics.horizontalAdvance(QLatin1Char('M')) * 8);
        const auto [lo, hi] = std::minmax_element(series.begin(), series.end(), [](const QVariant &a, const QVariant &b) {
            return a.toDouble() < b.toDouble();
        });
        const double min = lo->toDouble();
        const double span = std::max(hi->toDouble() - min, 1e-12);
        QPainterPath line;
        for (int i = 0; i < series.size(); ++i) {
            const double x = area.left() + width * double(i) / double(series.size() - 1);
            const double y = area.bottom() - (series.at(i).toDouble() - min) / span * area.height();
            if (i == 0)
                line.moveTo(x, y);
            else
                line.lineTo(x, y);
        }
        const bool selected = option.state & QStyle::State_Selected;
        QPen pen(option.palette.color(selected ? QPalette::HighlightedText : QPalette::Highlight));
        pen.setWidthF(std::max(1.0, area.height() / 12.0));
        painter->setPen(pen);
        painter->setBrush(Qt::NoBrush);
        painter->drawPath(line);
        drawText(painter, option, area.adjusted(width + gap, 0, 0, 0), text);
    }
    painter->restore();
    return true;
}

} // namespace fp
