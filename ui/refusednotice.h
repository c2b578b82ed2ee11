#pragma once

#include <QFrame>
#include <QList>
#include <QString>

class QLabel;

namespace fp {

struct RefusedPath
{
    QString path;
    QString reason;
};

// The panel above the queue that says which dropped or chosen paths were not added, and why.
class RefusedNotice : public QFrame
{
    Q_OBJECT

public:
    explicit RefusedNotice(QWidget *parent = nullptr);

    // Shows the first few with their reasons; hides the notice when `refused` is empty.
    void setRefused(const QList<RefusedPath> &refused);
    [[nodiscard]] const QList<RefusedPath> &refused() const { return m_refused; }

private:
    QLabel *m_label;
    QList<RefusedPath> m_refused;
};

} // namespace fp
