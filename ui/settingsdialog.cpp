#include "settingsdialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace fp {

namespace {

constexpr int kMaxCpusPerTask = 256;

} // namespace

SettingsDialog::SettingsDialog(const LauncherSettings &settings, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Settings"));
    auto *layout = new QVBoxLayout(this);

    auto *top = new QFormLayout;
    m_launcher = new QComboBox(this);
    m_launcher->addItem(tr("Local: worker processes on this machine"), launcherKindName(LauncherKind::Local));
    m_launcher->addItem(tr("Slurm: each worker as a job step (srun)"), launcherKindName(LauncherKind::Slurm));
    m_launcher->setCurrentIndex(m_launcher->findData(launcherKindName(settings.kind)));
    top->addRow(tr("&Run workers on:"), m_launcher);
    layout->addLayout(top);

    m_slurmBox = new QGroupBox(tr("Slurm"), this);
    auto *form = new QFormLayout(m_slurmBox);
    m_partition = new QLineEdit(settings.partition, m_slurmBox);
    m_partition->setPlaceholderText(tr("the cluster's default"));
    form->addRow(tr("&Partition:"), m_partition);
    m_cpus = new QSpinBox(m_slurmBox);
    m_cpus->setRange(0, kMaxCpusPerTask);
    m_cpus->setSpecialValueText(tr("automatic"));
    m_cpus->setValue(settings.cpusPerTask);
    m_cpus->setToolTip(tr("srun --cpus-per-task; also the threads each worker uses"));
    form->addRow(tr("&CPUs per task:"), m_cpus);
    m_time = new QLineEdit(settings.time, m_slurmBox);
    m_time->setPlaceholderText(tr("the partition's default, e.g. 30 or 1:00:00"));
    form->addRow(tr("&Time limit:"), m_time);
    m_extra = new QLineEdit(settings.extraArguments, m_slurmBox);
    m_extra->setPlaceholderText(tr("e.g. --account=lab --qos=short"));
    m_extra->setToolTip(tr("More srun options, split like a command line (quotes group words); no shell runs them"));
    form->addRow(tr("E&xtra srun arguments:"), m_extra);

    auto *testRow = new QHBoxLayout;
    m_testButton = new QPushButton(tr("&Test"), m_slurmBox);
    m_testButton->setToolTip(tr("Ask Slurm whether it would start a worker with these options (srun --test-only)"));
    m_testResult = new QLabel(m_slurmBox);
    m_testResult->setWordWrap(true);
    m_testResult->setTextInteractionFlags(Qt::TextSelectableByMouse);
    testRow->addWidget(m_testButton, 0, Qt::AlignTop);
    testRow->addWidget(m_testResult, 1);
    form->addRow(testRow);
    auto *note = new QLabel(tr("Inputs must be on a filesystem every node can read, at the same path."), m_slurmBox);
    note->setWordWrap(true);
    note->setEnabled(false);
    form->addRow(note);
    layout->addWidget(m_slurmBox);
    layout->addStretch(1);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);

    connect(m_launcher, &QComboBox::currentIndexChanged, this, &SettingsDialog::updateEnabled);
    connect(m_testButton, &QPushButton::clicked, this, &SettingsDialog::runTest);
    connect(&m_test, &QFutureWatcher<CheckResult>::finished, this, &SettingsDialog::onTestFinished);
    updateEnabled();
    resize(520, sizeHint().height());
}

// The check runs on its own copy of the options: it may outlive the dialog by up to its timeout.
SettingsDialog::~SettingsDialog() = default;

LauncherSettings SettingsDialog::settings() const
{
    LauncherSettings s;
    s.kind = launcherKindFromName(m_launcher->currentData().toString()).value_or(LauncherKind::Local);
    s.partition = m_partition->text().trimmed();
    s.cpusPerTask = m_cpus->value();
    s.time = m_time->text().trimmed();
    s.extraArguments = m_extra->text().trimmed();
    return s;
}

QString SettingsDialog::testResult() const
{
    return m_testResult->text();
}

void SettingsDialog::updateEnabled()
{
    const bool slurm = settings().kind == LauncherKind::Slurm;
    m_slurmBox->setEnabled(slurm);
    m_testButton->setEnabled(slurm && !m_test.isRunning());
}

void SettingsDialog::runTest()
{
    if (m_test.isRunning())
        return;
    m_testButton->setEnabled(false);
    m_testResult->setText(tr("Asking Slurm…"));
    // srun --test-only can take up to its timeout on a busy controller: never on this thread.
    const SlurmOptions options = settings().slurmOptions();
    m_test.setFuture(QtConcurrent::run([options] {
        CheckResult result;
        QString error;
        result.ok = SlurmLauncher(options).check(&error);
        result.message = error;
        return result;
    }));
}

void SettingsDialog::onTestFinished()
{
    const CheckResult result = m_test.result();
    const QString text = result.ok ? tr("OK: Slurm would start a worker with these options.")
                                   : tr("Not OK: %1").arg(result.message.isEmpty() ? tr("no reason given") : result.message);
    m_testResult->setText(text);
    updateEnabled();
    Q_EMIT testFinished(result.ok, text);
}

} // namespace fp
