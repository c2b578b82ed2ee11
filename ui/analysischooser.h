#pragma once

#include "analysiscatalog.h"

#include <QComboBox>
#include <QFutureWatcher>

namespace fp {

// The Analysis box: the analyses the worker offers, asked once, off the GUI thread (a worker
// takes ~0.1 s to start). Items carry the analysis name as their data; a name chosen before the
// list arrives (restored settings) is selected when it does.
class AnalysisChooser : public QComboBox
{
    Q_OBJECT

public:
    explicit AnalysisChooser(QWidget *parent = nullptr);

    // Starts asking `workerProgram` for its analyses; catalogLoaded follows.
    void load(const QString &workerProgram);
    [[nodiscard]] bool isLoaded() const { return m_catalog.ok() && !m_catalog.analyses.isEmpty(); }
    [[nodiscard]] const AnalysisCatalog &catalog() const { return m_catalog; }

    void selectAnalysis(const QString &name);
    // The chosen analysis as declared, or the default one until the list has arrived.
    [[nodiscard]] AnalysisInfo currentAnalysis() const;

Q_SIGNALS:
    void catalogLoaded(bool ok);

private:
    void onCatalog();

    QFutureWatcher<AnalysisCatalog> m_query;
    AnalysisCatalog m_catalog;
    QString m_pendingName;
};

} // namespace fp
