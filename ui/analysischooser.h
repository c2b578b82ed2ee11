#pragma once

#include "analysiscatalog.h"

#include <QComboBox>
#include <QFutureWatcher>
#include <QHash>

namespace fp {

// The Analysis box: the analyses the worker offers, asked once, off the GUI thread (a worker
// takes ~0.1 s to start), then "Your analysis…" (a .py file of the person's own) and the scripts
// used recently. Items carry the analysis name as their data (a script's absolute path); a name
// chosen before the list arrives (restored settings) is selected when it does.
//
// A script is checked by the worker, off the GUI thread, each time it is chosen; one that cannot
// be used is refused with the worker's message and the previous analysis comes back. Only the
// path is kept: the worker loads the file again for every run, so edits count at once.
class AnalysisChooser : public QComboBox
{
    Q_OBJECT

public:
    static constexpr int kMaxRecentScripts = 5;

    explicit AnalysisChooser(QWidget *parent = nullptr);

    // Starts asking `workerProgram` for its analyses; catalogLoaded follows.
    void load(const QString &workerProgram);
    [[nodiscard]] bool isLoaded() const { return m_catalog.ok() && !m_catalog.analyses.isEmpty(); }
    // Between load() and catalogLoaded: the analysis saved from the last session is not chosen yet.
    [[nodiscard]] bool isLoading() const { return m_loading; }
    [[nodiscard]] const AnalysisCatalog &catalog() const { return m_catalog; }

    void selectAnalysis(const QString &name);
    // The chosen analysis as declared, or the default one until the list has arrived.
    [[nodiscard]] AnalysisInfo currentAnalysis() const;
    // True while the worker checks a chosen script; a run waits for the answer.
    [[nodiscard]] bool isCheckingScript() const { return !m_checkingPath.isEmpty(); }

    // Checks `path` with the worker and, if it can be used, selects it and puts it first among
    // the recent scripts; otherwise says why (scriptRefused, and a dialog) and keeps the
    // previous analysis.
    void chooseScript(const QString &path);
    // The recent scripts, newest first, as QSettings keeps them.
    [[nodiscard]] static QStringList recentScripts();

Q_SIGNALS:
    void catalogLoaded(bool ok);
    void scriptChecked(const QString &path);
    void scriptRefused(const QString &path, const QString &error);

private:
    void onCatalog();
    void onIndexChanged(int index);
    void onScriptChecked();
    void browseForScript();
    void addScriptItems();
    void rememberScript(const QString &path);
    void restoreSelection(const QString &name);

    QString m_workerProgram;
    QFutureWatcher<AnalysisCatalog> m_query;
    QFutureWatcher<AnalysisCatalog> m_scriptCheck;
    AnalysisCatalog m_catalog;
    QHash<QString, AnalysisInfo> m_scripts; // checked scripts by path
    QString m_pendingName;
    QString m_checkingPath;
    QString m_accepted; // the analysis chosen last that could be used
    bool m_loading = false;
    bool m_selecting = false; // the box itself moves the selection: no check, no dialog
};

} // namespace fp
