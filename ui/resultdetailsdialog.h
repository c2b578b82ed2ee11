#pragma once

#include <QDialog>
#include <QJsonObject>

class QPlainTextEdit;

namespace fp {

// The whole result of one item, as the worker returned it: pretty-printed JSON, read-only and
// selectable (the result column shows only a summary line). An item without a result shows why.
class ResultDetailsDialog : public QDialog
{
    Q_OBJECT

public:
    ResultDetailsDialog(const QString &path, const QJsonObject &result, const QString &error, QWidget *parent = nullptr);

    [[nodiscard]] QString text() const;

private:
    QPlainTextEdit *m_text;
};

} // namespace fp
