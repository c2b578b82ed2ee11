#include "runstatusline.h"

#include "engine.h"
#include "queueautosave.h"
#include "runsession.h"

#include <QFileInfo>
#include <QStatusBar>

namespace fp {

RunStatusLine::RunStatusLine(const Engine *engine, const RunSession *session, const QueueAutosave *autosave,
                             QStatusBar *statusBar)
    : QObject(statusBar), m_engine(engine), m_session(session), m_statusBar(statusBar)
{
    connectEngine();
    connectSession();
    connect(autosave, &QueueAutosave::saveFailed, m_statusBar, [this](const QString &error) {
        m_statusBar->showMessage(error);
    });
    connect(autosave, &QueueAutosave::noticed, m_statusBar, [this](const QString &notice) {
        m_statusBar->showMessage(notice);
    });
}

void RunStatusLine::connectEngine()
{
    connect(m_engine, &Engine::runStarted, this, [this](RunMode mode, int workers, int items) {
        // A Compare names its phase instead.
        if (m_session->isComparing())
            return;
        m_statusBar->showMessage(mode == RunMode::Serial
                                     ? tr("Running %n item(s) serially on 1 worker…", nullptr, items)
                                     : tr("Running %n item(s) in parallel on %1 workers…", nullptr, items).arg(workers));
    });
    connect(m_engine, &Engine::pausedChanged, this, [this](bool paused) {
        m_statusBar->showMessage(paused ? tr("Paused. Paused time is left out of timings and the ETA.")
                                        : tr("Resumed."));
    });
    connect(m_engine, &Engine::itemFailed, this, [this](int item, const QString &reason) {
        const QString name = QFileInfo(m_engine->item(item).path).fileName();
        m_statusBar->showMessage(tr("%1 failed: %2").arg(name, reason), 8000);
    });
}

void RunStatusLine::connectSession()
{
    connect(m_session, &RunSession::comparePhaseStarted, this, [this](RunMode mode, int round, int rounds) {
        const QString phase = mode == RunMode::Serial ? tr("Compare: serial run (1 worker)…") : tr("Compare: parallel run…");
        m_statusBar->showMessage(rounds > 1 ? tr("Round %1 of %2. ").arg(round).arg(rounds) + phase : phase);
    });
    connect(m_session, &RunSession::ended, this, [this](const RunOutcome &outcome) {
        m_statusBar->showMessage(outcome.summary());
    });
}

} // namespace fp
