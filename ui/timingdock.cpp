#include "timingdock.h"

#include "engine.h"
#include "historycomparisonview.h"
#include "historymodel.h"
#include "historyview.h"
#include "runsession.h"
#include "timingpanel.h"

#include <QSplitter>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace fp {

TimingDock::TimingDock(QWidget *parent)
    : QWidget(parent),
      m_panel(new TimingPanel),
      m_sideBySide(new HistoryComparisonView),
      m_stack(new QStackedWidget),
      m_history(new HistoryView)
{
    m_stack->addWidget(m_panel);
    m_stack->addWidget(m_sideBySide);
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(m_stack);
    splitter->addWidget(m_history);
    // The panel keeps most of the width; the history is a list of short rows.
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);
    connect(m_history, &HistoryView::selectionChanged, this, &TimingDock::showSelectedHistory);
}

void TimingDock::followRuns(Engine *engine, RunSession *session)
{
    connect(engine, &Engine::runStarted, this, [this] {
        m_history->clearSelection();
        m_stack->setCurrentWidget(m_panel);
    });
    connect(session, &RunSession::ended, this,
            [this](const RunOutcome &outcome) { m_history->record(outcome.report); });
}

bool TimingDock::isShowingSideBySide() const
{
    return m_stack->currentWidget() == m_sideBySide;
}

void TimingDock::showSelectedHistory()
{
    const QList<int> rows = m_history->selectedRows();
    const HistoryModel *model = m_history->model();
    if (rows.size() == 2) {
        m_sideBySide->setEntries(model->entry(rows.at(0)), model->entry(rows.at(1)));
        m_stack->setCurrentWidget(m_sideBySide);
        return;
    }
    m_stack->setCurrentWidget(m_panel);
    if (rows.size() == 1)
        m_panel->showReport(model->entry(rows.first()).report);
}

} // namespace fp
