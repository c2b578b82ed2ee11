#include "analysischooser.h"

#include "engine.h"

#include <QSignalBlocker>
#include <QtConcurrent/QtConcurrentRun>

namespace fp {

AnalysisChooser::AnalysisChooser(QWidget *parent)
    : QComboBox(parent)
{
    setSizeAdjustPolicy(QComboBox::AdjustToContents);
    addItem(tr("Loading analyses…"));
    setEnabled(false);
    connect(&m_query, &QFutureWatcher<AnalysisCatalog>::finished, this, &AnalysisChooser::onCatalog);
}

void AnalysisChooser::load(const QString &workerProgram)
{
    m_query.setFuture(QtConcurrent::run([workerProgram] { return AnalysisCatalog::query(workerProgram); }));
}

void AnalysisChooser::onCatalog()
{
    m_catalog = m_query.result();
    const QString wanted = m_pendingName.isEmpty() ? currentData().toString() : m_pendingName;
    // Listeners hear one change, to the chosen analysis, not the refill on the way there.
    QSignalBlocker quiet(this);
    clear();
    if (!m_catalog.ok()) {
        addItem(tr("No analyses: %1").arg(m_catalog.error));
        setToolTip(m_catalog.error);
        quiet.unblock();
        Q_EMIT catalogLoaded(false);
        return;
    }
    for (const AnalysisInfo &info : std::as_const(m_catalog.analyses)) {
        addItem(info.title.isEmpty() ? info.name : info.title, info.name);
        setItemData(count() - 1, info.description, Qt::ToolTipRole);
    }
    setEnabled(true);
    setCurrentIndex(-1);
    quiet.unblock();
    const int index = findData(wanted.isEmpty() ? defaultAnalysis().name : wanted);
    setCurrentIndex(std::max(0, index));
    m_pendingName.clear();
    Q_EMIT catalogLoaded(true);
}

void AnalysisChooser::selectAnalysis(const QString &name)
{
    const int index = findData(name);
    if (index >= 0)
        setCurrentIndex(index);
    else
        m_pendingName = name;
}

AnalysisInfo AnalysisChooser::currentAnalysis() const
{
    const AnalysisInfo *info = m_catalog.find(currentData().toString());
    return info ? *info : defaultAnalysis();
}

} // namespace fp
