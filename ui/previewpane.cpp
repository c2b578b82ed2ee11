#include "previewpane.h"

#include "itemmodel.h"

#include <QLabel>
#include <QPainter>
#include <QVBoxLayout>

namespace fp {

PreviewPane::PreviewPane(QWidget *parent)
    : QWidget(parent), m_caption(new QLabel(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->addStretch(1);
    layout->addWidget(m_caption);
    m_caption->setAlignment(Qt::AlignCenter);
    m_caption->setWordWrap(true);
    m_caption->setTextInteractionFlags(Qt::TextSelectableByMouse);
    setAccessibleName(tr("Preview"));
    setAccessibleDescription(tr("The frame a worker is analysing for the selected item"));
    setMinimumSize(160, 120);
    showThumbnail({}, {});
}

QSize PreviewPane::sizeHint() const
{
    return {320, 240};
}

void PreviewPane::showItem(const QModelIndex &row)
{
    if (!row.isValid()) {
        showThumbnail({}, {});
        return;
    }
    const QString name = row.siblingAtColumn(ItemModel::Name).data().toString();
    const QString status = row.siblingAtColumn(ItemModel::Status).data().toString();
    const QString worker = row.siblingAtColumn(ItemModel::Worker).data().toString();
    const QByteArray jpeg = row.data(ItemModel::ThumbnailRole).toByteArray();
    QString caption = worker.isEmpty() ? tr("%1 (%2)").arg(name, status) : tr("%1 (%2 on worker %3)").arg(name, status, worker);
    if (jpeg.isEmpty())
        caption += QLatin1Char('\n') + tr("Frames appear here while a worker analyses this item.");
    showThumbnail(jpeg, caption);
}

void PreviewPane::showThumbnail(const QByteArray &jpeg, const QString &caption)
{
    m_caption->setText(caption.isEmpty() && jpeg.isEmpty()
                           ? tr("Select a running item to see the frame its worker is on.")
                           : caption);
    if (jpeg == m_jpeg)
        return;
    m_jpeg = jpeg;
    m_image = jpeg.isEmpty() ? QImage() : QImage::fromData(jpeg, "JPG");
    update();
}

void PreviewPane::paintEvent(QPaintEvent *)
{
    if (m_image.isNull())
        return;
    QPainter painter(this);
    painter.setRenderHint(QPainter::SmoothPixmapTransform);
    const QRect area = rect().adjusted(8, 8, -8, -8 - m_caption->sizeHint().height());
    QSize size = m_image.size();
    size.scale(area.size(), Qt::KeepAspectRatio);
    const QRect target(area.left() + (area.width() - size.width()) / 2,
                       area.top() + (area.height() - size.height()) / 2, size.width(), size.height());
    painter.drawImage(target, m_image);
}

} // namespace fp
