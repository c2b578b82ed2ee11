#pragma once

#include <QObject>

class QSystemTrayIcon;
class QWidget;

namespace fp {

// Tells the person that a run ended when they are not looking: a tray message (clicking it
// brings the window back), or the taskbar alert where there is no tray.
class RunNotifier : public QObject
{
    Q_OBJECT

public:
    explicit RunNotifier(QWidget *window);

    // Says nothing when the window is active and the run took less than kQuietRunMs.
    void runEnded(const QString &message, qint64 runMs);

    // Runs shorter than this end while the person is still looking.
    static constexpr qint64 kQuietRunMs = 10000;

private:
    QWidget *m_window;
    QSystemTrayIcon *m_tray = nullptr; // created on the first message
};

} // namespace fp
