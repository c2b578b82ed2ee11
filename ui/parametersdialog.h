#pragma once

#include "analysisinfo.h"

#include <QDialog>

class QLabel;
class QTableWidget;

namespace fp {

// The values an analysis runs with, as KEY=VALUE rows: a built-in's declared parameters with
// their defaults (help and range as tooltips), or free rows for a user's script (its setup()
// receives them as strings). OK checks them with AnalysisInfo::resolveParameters and stays
// open, saying what is wrong, until they are accepted.
class ParametersDialog : public QDialog
{
    Q_OBJECT

public:
    ParametersDialog(const AnalysisInfo &analysis, const QStringList &assignments, QWidget *parent = nullptr);

    // The rows as KEY=VALUE, empty keys left out.
    [[nodiscard]] QStringList assignments() const;
    [[nodiscard]] QTableWidget *table() const { return m_table; }
    [[nodiscard]] QString errorText() const;

    void accept() override;

    // The values remembered for an analysis (by name: a built-in's, or a script's path).
    [[nodiscard]] static QStringList stored(const QString &analysisName);
    static void store(const QString &analysisName, const QStringList &assignments);

private:
    void addRow(const QString &key, const QString &value, bool keyEditable);

    AnalysisInfo m_analysis;
    QTableWidget *m_table;
    QLabel *m_error;
};

} // namespace fp
