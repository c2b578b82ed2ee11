#include "settingsdialog.h"

#include <QCheckBox>
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
constexpr int kMaxRetries = 20;
constexpr int kMaxTimeoutSeconds = 24 * 3600;
constexpr int kMaxMemoryLimitMb = 1024 * 1024;
constexpr int kMaxThreadsPerWorker = 256;
constexpr int kMaxChunkSize = 1000000;

// A spin box whose lowest value means "the default", shown as `special`.
QSpinBox *spinBox(QWidget *parent, int minimum, int maximum, const QString &special, const QString &suffix,
                  const QString &toolTip)
{
    auto *spin = new QSpinBox(parent);
    spin->setRange(minimum, maximum);
    spin->setSpecialValueText(special);
    spin->setSuffix(suffix);
    spin->setToolTip(toolTip);
    return spin;
}

} // namespace

SettingsDialog::SettingsDialog(const LauncherSettings &settings, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Settings"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(createRunBox());

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

// The CLI's run options, with the CLI's defaults as the special values.
QGroupBox *SettingsDialog::createRunBox()
{
    auto *box = new QGroupBox(tr("Runs"), this);
    auto *form = new QFormLayout(box);
    m_schedule = new QComboBox(box);
    m_schedule->addItem(tr("fastest finish"), scheduleName(Schedule::FastestFinish));
    m_schedule->setItemData(0, tr("Largest items first, long ones cut so the workers finish together"), Qt::ToolTipRole);
    m_schedule->addItem(tr("queue order"), scheduleName(Schedule::QueueOrder));
    m_schedule->setItemData(1, tr("Rows start in the order shown; Move to Top runs an item next"), Qt::ToolTipRole);
    m_schedule->setToolTip(tr("Which item a free worker takes next in a parallel run"));
    form->addRow(tr("&Schedule:"), m_schedule);
    m_retries = spinBox(box, 0, kMaxRetries, tr("none"), QString(),
                        tr("How often an item whose worker crashed or hung is tried again (--retries)"));
    form->addRow(tr("&Retries:"), m_retries);
    m_hangTimeout = spinBox(box, 1, kMaxTimeoutSeconds, QString(), tr(" s"),
                            tr("A worker that makes no progress for this long is stopped (--hang-timeout)"));
    form->addRow(tr("&Hang timeout:"), m_hangTimeout);
    m_startTimeout = spinBox(box, 0, kMaxTimeoutSeconds, tr("automatic"), tr(" s"),
                             tr("How long a worker may take to start (--start-timeout); automatic: the hang "
                                "timeout, or 600 s with Slurm, where an allocation may wait in the queue"));
    form->addRow(tr("S&tart timeout:"), m_startTimeout);
    m_memoryLimit = spinBox(box, -1, kMaxMemoryLimitMb, tr("automatic (RAM ÷ workers)"), tr(" MiB"),
                            tr("Memory a worker may map for its work, on top of its libraries "
                               "(--memory-limit-mb); 0 MiB: no limit"));
    form->addRow(tr("&Memory limit per worker:"), m_memoryLimit);
    m_threads = spinBox(box, 0, kMaxThreadsPerWorker, tr("automatic (cores ÷ workers)"), QString(),
                        tr("OpenCV and FFmpeg threads in each worker (--threads-per-worker)"));
    form->addRow(tr("Threads per &worker:"), m_threads);
    m_chunkSize = spinBox(box, 0, kMaxChunkSize, tr("automatic"), tr(" images"),
                          tr("Images per task when an image set is split across workers (--chunk-size)"));
    form->addRow(tr("&Chunk size:"), m_chunkSize);
    m_recursive = new QCheckBox(tr("Image-set folders include &subfolders"), box);
    m_recursive->setToolTip(tr("--recursive"));
    form->addRow(m_recursive);
    auto *note = new QLabel(tr("Workers and the result order are in the Run toolbar."), box);
    note->setEnabled(false);
    form->addRow(note);
    setRunSettings(RunSettings());
    return box;
}

void SettingsDialog::setRunSettings(const RunSettings &settings)
{
    m_schedule->setCurrentIndex(m_schedule->findData(scheduleName(settings.schedule)));
    m_retries->setValue(settings.maxRetries);
    m_hangTimeout->setValue(settings.hangTimeoutSeconds);
    m_startTimeout->setValue(settings.startTimeoutSeconds);
    m_memoryLimit->setValue(settings.memoryLimitMb);
    m_threads->setValue(settings.threadsPerWorker);
    m_chunkSize->setValue(settings.chunkSize);
    m_recursive->setChecked(settings.recursive);
}

RunSettings SettingsDialog::runSettings() const
{
    RunSettings s;
    s.schedule = scheduleFromName(m_schedule->currentData().toString());
    s.maxRetries = m_retries->value();
    s.hangTimeoutSeconds = m_hangTimeout->value();
    s.startTimeoutSeconds = m_startTimeout->value();
    s.memoryLimitMb = m_memoryLimit->value();
    s.threadsPerWorker = m_threads->value();
    s.chunkSize = m_chunkSize->value();
    s.recursive = m_recursive->isChecked();
    return s;
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
