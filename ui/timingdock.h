#pragma once

#include <QWidget>

QT_BEGIN_NAMESPACE
class QAction;
class QStackedWidget;
QT_END_NAMESPACE

namespace fp {

class Engine;
class HistoryComparisonView;
class HistoryView;
class RunSession;
class TimingPanel;

// The timing dock: the timing panel beside the run history. A finished action goes into the
// history and is shown; selecting one entry shows it in the panel, selecting two puts them side
// by side in its place; a new run brings the live panel back.
class TimingDock : public QWidget
{
    Q_OBJECT

public:
    explicit TimingDock(QWidget *parent = nullptr);

    // Live runs show in the panel; every action the session ends is recorded in the history.
    void followRuns(Engine *engine, RunSession *session);

    [[nodiscard]] TimingPanel *panel() const { return m_panel; }
    [[nodiscard]] HistoryView *history() const { return m_history; }
    [[nodiscard]] HistoryComparisonView *sideBySide() const { return m_sideBySide; }
    // True while two history entries are shown side by side instead of the panel.
    [[nodiscard]] bool isShowingSideBySide() const;

private:
    void showSelectedHistory();

    TimingPanel *m_panel;
    HistoryComparisonView *m_sideBySide;
    QStackedWidget *m_stack;
    HistoryView *m_history;
};

} // namespace fp
