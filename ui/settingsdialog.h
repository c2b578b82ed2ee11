#pragma once

#include "launchersettings.h"

#include <QDialog>
#include <QFutureWatcher>

class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace fp {

// Edit → Settings…: where workers run. For Slurm, the srun options and a Test button that asks
// the cluster (srun --test-only) whether it would start a worker with them.
class SettingsDialog : public QDialog
{
    Q_OBJECT

public:
    explicit SettingsDialog(const LauncherSettings &settings, QWidget *parent = nullptr);
    ~SettingsDialog() override;

    [[nodiscard]] LauncherSettings settings() const;

    // For tests.
    [[nodiscard]] QComboBox *launcherCombo() const { return m_launcher; }
    [[nodiscard]] QLineEdit *partitionEdit() const { return m_partition; }
    [[nodiscard]] QSpinBox *cpusPerTaskSpin() const { return m_cpus; }
    [[nodiscard]] QLineEdit *timeEdit() const { return m_time; }
    [[nodiscard]] QLineEdit *extraArgumentsEdit() const { return m_extra; }
    [[nodiscard]] QPushButton *testButton() const { return m_testButton; }
    [[nodiscard]] QString testResult() const;

Q_SIGNALS:
    void testFinished(bool ok, const QString &message);

private:
    struct CheckResult
    {
        bool ok = false;
        QString message;
    };

    void updateEnabled();
    void runTest();
    void onTestFinished();

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
