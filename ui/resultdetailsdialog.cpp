#include "resultdetailsdialog.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QFontDatabase>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QVBoxLayout>

namespace fp {

ResultDetailsDialog::ResultDetailsDialog(const QString &path, const QJsonObject &result, const QString &error,
                                         QWidget *parent)
    : QDialog(parent),
      m_text(new QPlainTextEdit(this))
{
    setWindowTitle(tr("Result of %1").arg(QFileInfo(path).fileName()));
    auto *layout = new QVBoxLayout(this);
    auto *where = new QLabel(QDir::toNativeSeparators(path), this);
    where->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(where);
    m_text->setReadOnly(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    if (!result.isEmpty())
        m_text->setPlainText(QString::fromUtf8(QJsonDocument(result).toJson(QJsonDocument::Indented)));
    else
        m_text->setPlainText(error.isEmpty() ? tr("No result yet.") : tr("No result: %1").arg(error));
    layout->addWidget(m_text, 1);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(560, 480);
}

QString ResultDetailsDialog::text() const
{
    return m_text->toPlainText();
}

} // namespace fp
