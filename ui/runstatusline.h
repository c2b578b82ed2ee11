#pragma once

#include <QObject>

class QStatusBar;

namespace fp {

class Engine;
class QueueAutosave;
class RunSession;

// What the status bar says as runs go: how a run started (serially, or on how many workers),
// each phase of a Compare, pausing and resuming, an item that failed, the queue file's troubles,
// and how the whole action ended.
class RunStatusLine : public QObject
{
    Q_OBJECT

public:
    RunStatusLine(const Engine *engine, const RunSession *session, const QueueAutosave *autosave,
                  QStatusBar *statusBar);

private:
    void connectEngine();
    void connectSession();

    const Engine *m_engine;
    const RunSession *m_session;
    QStatusBar *m_statusBar;
};

} // namespace fp
