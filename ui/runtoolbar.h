#pragma once

#include "analysischooser.h"
#include "launchersettings.h"
#include "engine.h"
#include "runtypes.h"

#include <QToolBar>

#include <optional>

class QAbstractButton;
class QComboBox;
class QSpinBox;

namespace fp {

// The Run toolbar: what a person changes before every run (analysis, workers, result order),
// the run buttons and the run controls (the schedule and the CLI's other run options are in
// Settings…, see RunSettings). The fields are remembered in QSettings as they change.
class RunToolBar : public QToolBar
{
    Q_OBJECT

public:
    // `runActions` become framed buttons, the first one bold (the primary action);
    // `controls` follow as plain tool buttons.
    RunToolBar(const QList<QAction *> &runActions, const QList<QAction *> &controls, QWidget *parent = nullptr);

    // Options for a run in `mode`, from the fields and the analysis's remembered parameters;
    // none (and why in `error`) while a script is being checked or when a value is bad.
    [[nodiscard]] std::optional<EngineOptions> engineOptions(RunMode mode, QString *error) const;
    // The result order chosen for parallel runs.
    [[nodiscard]] RunMode chosenOrder() const;
    // How many times Compare alternates a serial and a parallel run (1: once).
    [[nodiscard]] int repeatCount() const;
    // The worker limit and its tooltip follow where workers run.
    void setLauncherKind(LauncherKind kind);
    void setFieldsEnabled(bool enabled);
    void loadSettings();
    void saveSettings() const;

    [[nodiscard]] QAbstractButton *primaryButton() const { return m_primary; }
    [[nodiscard]] AnalysisChooser *analysisCombo() const { return m_analysis; }
    [[nodiscard]] QSpinBox *workerSpinBox() const { return m_workers; }
    [[nodiscard]] QComboBox *orderCombo() const { return m_order; }
    [[nodiscard]] QAbstractButton *parametersButton() const { return m_parameters; }
    [[nodiscard]] QAbstractButton *editButton() const { return m_edit; }

    // Opens the parameters of the chosen analysis; what is accepted is remembered for it.
    void editParameters();
    // Not on this toolbar, which must fit 1400 pixels: the window puts it elsewhere.
    [[nodiscard]] QSpinBox *repeatSpinBox() const { return m_repeat; }

private:
    void addLabelled(const QString &text, QWidget *field);
    void updateAnalysisButtons();

    AnalysisChooser *m_analysis;
    QSpinBox *m_workers;
    QComboBox *m_order;
    QAbstractButton *m_parameters;
    QAbstractButton *m_edit;
    QSpinBox *m_repeat;
    QAbstractButton *m_primary = nullptr;
    bool m_loading = false;
};

} // namespace fp
