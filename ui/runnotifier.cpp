#include "runnotifier.h"

#include <QApplication>
#include <QSystemTrayIcon>
#include <QWidget>

namespace fp {

RunNotifier::RunNotifier(QWidget *window)
    : QObject(window), m_window(window)
{
}

void RunNotifier::runEnded(const QString &message, qint64 runMs)
{
    if (m_window->isActiveWindow() && runMs < kQuietRunMs)
        return;
    if (!QSystemTrayIcon::isSystemTrayAvailable()) {
        QApplication::alert(m_window);
        return;
    }
    if (!m_tray) {
        m_tray = new QSystemTrayIcon(m_window->windowIcon(), this);
        m_tray->setToolTip(tr("FramePool"));
        connect(m_tray, &QSystemTrayIcon::messageClicked, m_window, [window = m_window] {
            window->showNormal();
            window->raise();
            window->activateWindow();
        });
        m_tray->show();
    }
    m_tray->showMessage(tr("FramePool"), message, QSystemTrayIcon::Information);
}

} // namespace fp
