#include "queueautosave.h"

#include "engine.h"
#include "itemmodel.h"
#include "queuestore.h"

namespace fp {

QueueAutosave::QueueAutosave(ItemModel *model, Engine *engine, const QString &file, QObject *parent)
    : QObject(parent), m_model(model), m_file(file)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(kIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &QueueAutosave::save);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &QueueAutosave::scheduleSave);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &QueueAutosave::scheduleSave);
    connect(m_model, &QAbstractItemModel::rowsMoved, this, &QueueAutosave::scheduleSave);
    connect(m_model, &QAbstractItemModel::modelReset, this, &QueueAutosave::scheduleSave);
    connect(m_model, &ItemModel::heldChanged, this, &QueueAutosave::scheduleSave);
    connect(engine, &Engine::runStarted, this, &QueueAutosave::scheduleSave);
    connect(engine, &Engine::itemStarted, this, &QueueAutosave::scheduleSave);
    connect(engine, &Engine::itemFinished, this, &QueueAutosave::saveSoon);
    connect(engine, &Engine::itemFailed, this, &QueueAutosave::saveSoon);
    connect(engine, &Engine::itemCancelled, this, &QueueAutosave::saveSoon);
    connect(engine, &Engine::runFinished, this, &QueueAutosave::save);
}

void QueueAutosave::setFile(const QString &path)
{
    m_file = path;
    Q_EMIT fileChanged(path);
}

int QueueAutosave::restore(QString *error)
{
    QString loadError;
    const QList<QueueEntry> entries = QueueStore(m_file).load(&loadError);
    if (!loadError.isEmpty()) {
        if (error)
            *error = loadError;
        return 0;
    }
    const int restored = m_model->restoreEntries(entries);
    m_timer.stop();
    return restored;
}

int QueueAutosave::restoreWithNotice()
{
    QString error;
    const int restored = restore(&error);
    if (!error.isEmpty())
        Q_EMIT noticed(error);
    else if (restored > 0)
        Q_EMIT noticed(restoredMessage(restored));
    return restored;
}

QString QueueAutosave::restoredMessage(int restored) const
{
    const int interrupted = int(m_model->rowsWithStatus(ItemModel::RowStatus::Interrupted).size());
    return interrupted > 0 ? tr("Restored %n item(s) from the last session; ", nullptr, restored)
                                 + tr("%n interrupted (Retry Failed runs them again).", nullptr, interrupted)
                           : tr("Restored %n item(s) from the last session.", nullptr, restored);
}

bool QueueAutosave::save()
{
    m_timer.stop();
    m_lastSave.start();
    QString error, notice;
    const bool ok = QueueStore(m_file).save(m_model->queueEntries(), &error, &notice);
    if (!notice.isEmpty())
        Q_EMIT noticed(notice);
    if (!ok && !m_failing)
        Q_EMIT saveFailed(error);
    m_failing = !ok;
    if (ok)
        Q_EMIT saved();
    return ok;
}

void QueueAutosave::scheduleSave()
{
    // Not restarted on every change: a stream of changes still gets saved twice a second.
    if (!m_timer.isActive())
        m_timer.start();
}

void QueueAutosave::saveSoon()
{
    if (!m_lastSave.isValid() || m_lastSave.elapsed() >= kIntervalMs)
        save();
    else
        scheduleSave();
}

} // namespace fp
