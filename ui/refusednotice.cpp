#include "refusednotice.h"

#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>

namespace fp {

namespace {
constexpr int kRefusedShown = 5;
} // namespace

RefusedNotice::RefusedNotice(QWidget *parent)
    : QFrame(parent), m_label(new QLabel(this))
{
    setFrameShape(QFrame::StyledPanel);
    auto *layout = new QHBoxLayout(this);
    auto *icon = new QLabel(this);
    const int iconSize = style()->pixelMetric(QStyle::PM_SmallIconSize);
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(iconSize, iconSize));
    m_label->setWordWrap(true);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_label->setAccessibleName(tr("Refused items"));
    auto *dismiss = new QPushButton(tr("Dismiss"), this);
    connect(dismiss, &QPushButton::clicked, this, &QWidget::hide);
    layout->addWidget(icon, 0, Qt::AlignTop);
    layout->addWidget(m_label, 1);
    layout->addWidget(dismiss, 0, Qt::AlignTop);
    hide();
}

void RefusedNotice::setRefused(const QList<RefusedPath> &refused)
{
    m_refused = refused;
    if (refused.isEmpty()) {
        hide();
        return;
    }
    QStringList lines;
    for (const RefusedPath &r : refused.mid(0, kRefusedShown))
        lines << tr("<b>%1</b>: %2").arg(QFileInfo(r.path).fileName().toHtmlEscaped(), r.reason.toHtmlEscaped());
    if (refused.size() > kRefusedShown)
        lines << tr("… and %n more", nullptr, int(refused.size() - kRefusedShown));
    m_label->setText(tr("Not added:") + QStringLiteral("<br>") + lines.join(QStringLiteral("<br>")));
    show();
}

} // namespace fp
