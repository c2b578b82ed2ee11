#pragma once

#include "launchersettings.h"
#include "runsettings.h"

#include <QDialog>
#include <QFutureWatcher>

class QCheckBox;
class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace fp {

// Tools → Settings…: how runs behave (framepool-cli's run options: schedule, retries, timeouts,
// memory limit, threads per worker, chunk size, subfolders) and where workers run. For Slurm,
// the srun options and a Test button that asks the cluster (srun --test-only) whether it would
// start a worker with them.
class SettingsDialog : public QDialog
{
    Q_OBJECT

public:
    explicit SettingsDialog(const LauncherSettings &settings, QWidget *parent = nullptr);
    ~SettingsDialog() override;

    [[nodiscard]] LauncherSettings settings() const;
    void setRunSettings(const RunSettings &settings);
    [[nodiscard]] RunSettings runSettings() const;

    // For tests.
    [[nodiscard]] QComboBox *launcherCombo() const { return m_launcher; }
    [[nodiscard]] QLineEdit *partitionEdit() const { return m_partition; }
    [[nodiscard]] QSpinBox *cpusPerTaskSpin() const { return m_cpus; }
    [[nodiscard]] QLineEdit *timeEdit() const { return m_time; }
    [[nodiscard]] QLineEdit *extraArgumentsEdit() const { return m_extra; }
    [[nodiscard]] QPushButton *testButton() const { return m_testButton; }
    [[nodiscard]] QComboBox *scheduleCombo() const { return m_schedule; }
    [[nodiscard]] QSpinBox *retriesSpin() const { return m_retries; }
    [[nodiscard]] QSpinBox *hangTimeoutSpin() const { return m_hangTimeout; }
    [[nodiscard]] QSpinBox *startTimeoutSpin() const { return m_startTimeout; }
    [[nodiscard]] QSpinBox *memoryLimitSpin() const { return m_memoryLimit; }
    [[nodiscard]] QSpinBox *threadsPerWorkerSpin() const { return m_threads; }
    [[nodiscard]] QSpinBox *chunkSizeSpin() const { return m_chunkSize; }
    [[nodiscard]] QCheckBox *recursiveCheck() const { return m_recursive; }
    [[nodiscard]] QString testResult() const;

Q_SIGNALS:
    void testFinished(bool ok, const QString &message);

private:
    struct CheckResult
    {
        bool ok = false;
        QString message;
    };

    [[nodiscard]] QGroupBox *createRunBox();
    void updateEnabled();
    void runTest();
    void onTestFinished();

    QComboBox *m_schedule = nullptr;
    QSpinBox *m_retries = nullptr;
    QSpinBox *m_hangTimeout = nullptr;
    QSpinBox *m_startTimeout = nullptr;
    QSpinBox *m_memoryLimit = nullptr;
    QSpinBox *m_threads = nullptr;
    QSpinBox *m_chunkSize = nullptr;
    QCheckBox *m_recursive = nullptr;
    QComboBox *m_launcher = nullptr;
    QGroupBox *m_slurmBox = nullptr;
    QLineEdit *m_partition = nullptr;
    QSpinBox *m_cpus = nullptr;
    QLineEdit *m_time = nullptr;
    QLineEdit *m_extra = nullptr;
    QPushButton *m_testButton = nullptr;
    QLabel *m_testResult = nullptr;
    QFutureWatcher<CheckResult> m_test;
};

} // namespace fp
