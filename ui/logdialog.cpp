#include "logdialog.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QPlainTextEdit>
#include <QVBoxLayout>

namespace fp {

LogDialog::LogDialog(const QString &itemName, const QString &text, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Log: %1").arg(itemName));
    auto *layout = new QVBoxLayout(this);
    auto *edit = new QPlainTextEdit(this);
    edit->setReadOnly(true);
    edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    edit->setPlainText(text);
    edit->setAccessibleName(tr("Log of %1").arg(itemName));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);
    layout->addWidget(edit);
    layout->addWidget(buttons);
    resize(720, 420);
}

QString LogDialog::compose(const QString &log, const QString &error, bool inLatestRun)
{
    QString text = log;
    if (text.size() > kDisplayChars)
        text = tr("[… only the last %1 characters are shown]\n").arg(kDisplayChars) + text.right(kDisplayChars);
    if (!error.isEmpty())
        text.prepend(tr("Status: %1\n\n").arg(error));
    if (text.isEmpty())
        text = inLatestRun ? tr("The worker wrote nothing for this item.")
                           : tr("No log: this item was not part of the latest run.");
    return text;
}

} // namespace fp
