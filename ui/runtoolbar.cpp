#include "runtoolbar.h"

#include "launcher.h"
#include "parametersdialog.h"

#include <QAction>
#include <QComboBox>
#include <QDesktopServices>
#include <QFileInfo>
#include <QLabel>
#include <QSettings>
#include <QSpinBox>
#include <QToolButton>
#include <QUrl>

namespace fp {

namespace {

// Enough rounds for a benchmark; more would only tie up the machine for a long time.
constexpr int kMaxRepeat = 20;

// Small JPEGs at a modest rate: enough to see what a worker is on, cheap to send and decode.
constexpr int kThumbnailIntervalMs = 500;

namespace key {
const QString analysis = QStringLiteral("run/analysis");
const QString workers = QStringLiteral("run/workers");
const QString order = QStringLiteral("run/order");
const QString repeat = QStringLiteral("run/repeat");
} // namespace key

} // namespace

RunToolBar::RunToolBar(const QList<QAction *> &runActions, const QList<QAction *> &controls, QWidget *parent)
    : QToolBar(tr("Run"), parent),
      m_analysis(new AnalysisChooser(this)),
      m_workers(new QSpinBox(this)),
      m_order(new QComboBox(this)),
      m_parameters(new QToolButton(this)),
      m_edit(new QToolButton(this)),
      m_repeat(new QSpinBox(this))
{
    setObjectName(QStringLiteral("runToolBar"));
    setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    setMovable(false);

    m_analysis->load(LocalLauncher::defaultWorkerProgram());
    m_analysis->setToolTip(tr("What to compute for every frame or image"));
    m_analysis->setAccessibleName(tr("Analysis"));
    addLabelled(tr("&Analysis:"), m_analysis);
    m_parameters->setText(tr("Pa&rameters…"));
    m_parameters->setToolTip(tr("The values the chosen analysis runs with"));
    addWidget(m_parameters);
    m_edit->setText(tr("&Edit"));
    m_edit->setToolTip(tr("Open the chosen script in your editor; changes count from the next run"));
    addWidget(m_edit);
    connect(m_parameters, &QAbstractButton::clicked, this, &RunToolBar::editParameters);
    connect(m_edit, &QAbstractButton::clicked, this, [this] {
        QDesktopServices::openUrl(QUrl::fromLocalFile(m_analysis->currentAnalysis().script));
    });
    connect(m_analysis, &QComboBox::currentIndexChanged, this, &RunToolBar::updateAnalysisButtons);
    connect(m_analysis, &AnalysisChooser::scriptChecked, this, &RunToolBar::updateAnalysisButtons);
    connect(m_analysis, &AnalysisChooser::scriptRefused, this, &RunToolBar::updateAnalysisButtons);
    connect(m_analysis, &AnalysisChooser::scriptChecked, this, &RunToolBar::saveSettings);
    updateAnalysisButtons();

    const int cores = usableCores();
    m_workers->setRange(1, 2 * cores);
    m_workers->setValue(cores);
    m_workers->setAccessibleName(tr("Workers"));
    setLauncherKind(LauncherKind::Local);
    addLabelled(tr("&Workers:"), m_workers);

    // Shown in the user's language; the data is the CLI's --order name, which settings keep.
    struct Order
    {
        RunMode mode;
        QString name;
        QString tip;
    };
    const QList<Order> orders{
        {RunMode::Completed, tr("completed", "--order completed"), tr("Each result as soon as its item is done")},
        {RunMode::Input, tr("input", "--order input"), tr("Results in queue order")},
        {RunMode::Batch, tr("batch", "--order batch"), tr("All results together at the end")},
    };
    for (const auto &[mode, name, tip] : orders) {
        m_order->addItem(name, runModeName(mode));
        m_order->setItemData(m_order->count() - 1, tip, Qt::ToolTipRole);
    }
    m_order->setToolTip(tr("When parallel results are delivered"));
    m_order->setAccessibleName(tr("Result order"));
    addLabelled(tr("&Order:"), m_order);

    m_repeat->setRange(1, kMaxRepeat);
    m_repeat->setSuffix(QStringLiteral("\u00d7"));
    m_repeat->setToolTip(tr("Compare runs serial and parallel this many times, alternating, and shows the "
                            "median and range of each and the speed-up from the medians"));
    m_repeat->setAccessibleName(tr("Repeat"));
    // The window places it (in the second toolbar): this one has to fit a 1400-pixel screen.
    addSeparator();

    for (QAction *action : runActions) {
        auto *button = new QToolButton(this);
        button->setDefaultAction(action);
        button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        button->setAccessibleName(action->text().remove(QLatin1Char('&')));
        addWidget(button);
        if (!m_primary) {
            m_primary = button;
            button->setAutoRaise(false); // framed and bold: the primary action
            QFont bold = button->font();
            bold.setBold(true);
            button->setFont(bold);
        }
    }
    addSeparator();
    addActions(controls);

    connect(m_analysis, &QComboBox::currentIndexChanged, this, &RunToolBar::saveSettings);
    connect(m_order, &QComboBox::currentIndexChanged, this, &RunToolBar::saveSettings);
    connect(m_workers, &QSpinBox::valueChanged, this, &RunToolBar::saveSettings);
    connect(m_repeat, &QSpinBox::valueChanged, this, &RunToolBar::saveSettings);
}

void RunToolBar::addLabelled(const QString &text, QWidget *field)
{
    auto *label = new QLabel(text, this);
    label->setBuddy(field);
    label->setContentsMargins(6, 0, 2, 0);
    addWidget(label);
    addWidget(field);
}

void RunToolBar::updateAnalysisButtons()
{
    const AnalysisInfo analysis = m_analysis->currentAnalysis();
    const bool ready = m_analysis->isEnabled() && m_analysis->isLoaded() && !m_analysis->isCheckingScript();
    m_parameters->setEnabled(ready);
    m_edit->setEnabled(ready && analysis.isUserAnalysis());
    m_edit->setToolTip(analysis.isUserAnalysis()
                           ? tr("Open %1 in your editor; changes count from the next run").arg(analysis.script)
                           : tr("Open the chosen script in your editor (for your own analyses)"));
}

void RunToolBar::editParameters()
{
    const AnalysisInfo analysis = m_analysis->currentAnalysis();
    ParametersDialog dialog(analysis, ParametersDialog::stored(analysis.name), this);
    if (dialog.exec() == QDialog::Accepted)
        ParametersDialog::store(analysis.name, dialog.assignments());
}

std::optional<EngineOptions> RunToolBar::engineOptions(RunMode mode, QString *error) const
{
    if (m_analysis->isLoading()) {
        *error = tr("The analyses are still loading; run again in a moment.");
        return std::nullopt;
    }
    if (m_analysis->isCheckingScript()) {
        *error = tr("The analysis script is still being checked; run again in a moment.");
        return std::nullopt;
    }
    EngineOptions options;
    options.analysis = m_analysis->currentAnalysis();
    QString parameterError;
    const std::optional<QJsonObject> parameters =
        options.analysis.resolveParameters(ParametersDialog::stored(options.analysis.name), &parameterError);
    if (!parameters) {
        *error = tr("The parameters of %1 are not valid: %2").arg(options.analysis.name, parameterError);
        return std::nullopt;
    }
    options.parameters = *parameters;
    options.mode = mode;
    options.workers = m_workers->value();
    options.thumbnailIntervalMs = kThumbnailIntervalMs;
    return options;
}

RunMode RunToolBar::chosenOrder() const
{
    return runModeFromName(m_order->currentData().toString()).value_or(RunMode::Completed);
}

int RunToolBar::repeatCount() const
{
    return m_repeat->value();
}

void RunToolBar::setLauncherKind(LauncherKind kind)
{
    const int value = m_workers->value();
    m_workers->setMaximum(maxWorkers(kind));
    m_workers->setValue(value);
    m_workers->setToolTip(kind == LauncherKind::Slurm
                              ? tr("Worker processes for parallel runs: Slurm job steps, up to %1").arg(m_workers->maximum())
                              : tr("Worker processes for parallel runs (%n usable core(s) here)", nullptr, usableCores()));
}

void RunToolBar::setFieldsEnabled(bool enabled)
{
    m_analysis->setEnabled(enabled);
    m_workers->setEnabled(enabled);
    m_order->setEnabled(enabled);
    updateAnalysisButtons();
    m_repeat->setEnabled(enabled);
}

void RunToolBar::loadSettings()
{
    m_loading = true;
    QSettings settings;
    if (const QString analysis = settings.value(key::analysis).toString(); !analysis.isEmpty())
        m_analysis->selectAnalysis(analysis);
    m_workers->setValue(settings.value(key::workers, usableCores()).toInt());
    const int order = m_order->findData(settings.value(key::order).toString());
    if (order >= 0)
        m_order->setCurrentIndex(order);
    m_repeat->setValue(settings.value(key::repeat, 1).toInt());
    m_loading = false;
}

void RunToolBar::saveSettings() const
{
    if (m_loading)
        return;
    QSettings settings;
    settings.setValue(key::analysis, m_analysis->currentData());
    settings.setValue(key::workers, m_workers->value());
    settings.setValue(key::order, m_order->currentData());
    settings.setValue(key::repeat, m_repeat->value());
}

} // namespace fp
