#include "analysischooser.h"

#include "engine.h"
#include "translations.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QScopedValueRollback>
#include <QSettings>
#include <QSignalBlocker>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

#include <utility>

namespace fp {

namespace {

const QString kRecentKey = QStringLiteral("run/recentScripts");

// What an item of the box stands for (its data is the analysis name or the script's path).
enum class ItemKind { BuiltIn, Script, Browse };
constexpr int kKindRole = Qt::UserRole + 1;

} // namespace

AnalysisChooser::AnalysisChooser(QWidget *parent)
    : QComboBox(parent)
{
    setSizeAdjustPolicy(QComboBox::AdjustToContents);
    addItem(tr("Loading analyses…"));
    setEnabled(false);
    connect(&m_query, &QFutureWatcher<AnalysisCatalog>::finished, this, &AnalysisChooser::onCatalog);
    connect(&m_scriptCheck, &QFutureWatcher<AnalysisCatalog>::finished, this, &AnalysisChooser::onScriptChecked);
    connect(this, &QComboBox::currentIndexChanged, this, &AnalysisChooser::onIndexChanged);
}

void AnalysisChooser::load(const QString &workerProgram)
{
    m_workerProgram = workerProgram;
    m_loading = true;
    m_query.setFuture(QtConcurrent::run([workerProgram] { return AnalysisCatalog::query(workerProgram); }));
}

void AnalysisChooser::onCatalog()
{
    m_catalog = m_query.result();
    m_loading = false;
    const QString wanted = m_pendingName.isEmpty() ? currentData().toString() : m_pendingName;
    // Listeners hear one change, to the chosen analysis, not the refill on the way there.
    QSignalBlocker quiet(this);
    clear();
    if (!m_catalog.ok()) {
        addItem(tr("No analyses: %1").arg(m_catalog.error));
        setToolTip(m_catalog.error);
        quiet.unblock();
        Q_EMIT catalogLoaded(false);
        return;
    }
    for (const AnalysisInfo &info : std::as_const(m_catalog.analyses)) {
        addItem(info.title.isEmpty() ? info.name : translatedAnalysisText(info.title), info.name);
        setItemData(count() - 1, translatedAnalysisText(info.description), Qt::ToolTipRole);
        setItemData(count() - 1, int(ItemKind::BuiltIn), kKindRole);
    }
    addScriptItems();
    setEnabled(true);
    setCurrentIndex(-1);
    quiet.unblock();
    const int index = findData(wanted.isEmpty() ? defaultAnalysis().name : wanted);
    setCurrentIndex(std::max(0, index));
    m_pendingName.clear();
    Q_EMIT catalogLoaded(true);
}

// After the built-ins: "Your analysis…" and the recent scripts, newest first.
void AnalysisChooser::addScriptItems()
{
    const int builtIns = int(m_catalog.analyses.size());
    while (count() > builtIns)
        removeItem(count() - 1);
    insertSeparator(count());
    addItem(tr("Your analysis…"));
    setItemData(count() - 1, tr("Choose a Python file with analyze_frame() or analyze_file()"), Qt::ToolTipRole);
    setItemData(count() - 1, int(ItemKind::Browse), kKindRole);
    for (const QString &path : recentScripts()) {
        addItem(QFileInfo(path).fileName(), path);
        setItemData(count() - 1, QDir::toNativeSeparators(path), Qt::ToolTipRole);
        setItemData(count() - 1, int(ItemKind::Script), kKindRole);
    }
}

void AnalysisChooser::onIndexChanged(int index)
{
    if (m_selecting || index < 0 || !isLoaded())
        return;
    switch (ItemKind(itemData(index, kKindRole).toInt())) {
    case ItemKind::BuiltIn:
        m_accepted = itemData(index).toString();
        break;
    case ItemKind::Script:
        chooseScript(itemData(index).toString());
        break;
    case ItemKind::Browse:
        // The box shows what is in use until a file is chosen and checked; the dialog opens once
        // the popup has closed.
        restoreSelection(m_accepted);
        QTimer::singleShot(0, this, &AnalysisChooser::browseForScript);
        break;
    }
}

void AnalysisChooser::browseForScript()
{
    const QStringList recent = recentScripts();
    const QString folder = recent.isEmpty() ? QDir::homePath() : QFileInfo(recent.first()).absolutePath();
    const QString path = QFileDialog::getOpenFileName(this, tr("Your Analysis"), folder, tr("Python analysis (*.py)"));
    if (!path.isEmpty())
        chooseScript(path);
}

void AnalysisChooser::chooseScript(const QString &path)
{
    m_checkingPath = QFileInfo(path).absoluteFilePath();
    const QString worker = m_workerProgram;
    const QString script = m_checkingPath;
    m_scriptCheck.setFuture(QtConcurrent::run([worker, script] { return AnalysisCatalog::query(worker, {script}); }));
}

void AnalysisChooser::onScriptChecked()
{
    const AnalysisCatalog answer = m_scriptCheck.result();
    const QString path = std::exchange(m_checkingPath, QString());
    if (answer.ok() && !answer.analyses.isEmpty()) {
        m_scripts.insert(path, answer.analyses.first());
        rememberScript(path);
        restoreSelection(path);
        m_accepted = path;
        Q_EMIT scriptChecked(path);
        return;
    }
    const QString error = answer.ok() ? tr("the worker declared no analysis in it") : answer.error;
    restoreSelection(m_accepted);
    Q_EMIT scriptRefused(path, error);
    QMessageBox::warning(this, tr("Your Analysis"),
                         tr("%1 cannot be used:\n\n%2").arg(QDir::toNativeSeparators(path), error));
}

void AnalysisChooser::rememberScript(const QString &path)
{
    QStringList recent = recentScripts();
    recent.removeAll(path);
    recent.prepend(path);
    while (recent.size() > kMaxRecentScripts)
        recent.removeLast();
    QSettings().setValue(kRecentKey, recent);
    const QScopedValueRollback selecting(m_selecting, true);
    const QSignalBlocker quiet(this);
    addScriptItems();
}

QStringList AnalysisChooser::recentScripts()
{
    return QSettings().value(kRecentKey).toStringList();
}

void AnalysisChooser::restoreSelection(const QString &name)
{
    const QScopedValueRollback selecting(m_selecting, true);
    int index = name.isEmpty() ? -1 : findData(name);
    if (index < 0)
        index = findData(defaultAnalysis().name);
    setCurrentIndex(std::max(0, index));
}

void AnalysisChooser::selectAnalysis(const QString &name)
{
    const int index = findData(name);
    if (index >= 0)
        setCurrentIndex(index);
    else
        m_pendingName = name;
}

AnalysisInfo AnalysisChooser::currentAnalysis() const
{
    const QString name = currentData().toString();
    if (const auto script = m_scripts.constFind(name); script != m_scripts.cend())
        return *script;
    const AnalysisInfo *info = m_catalog.find(name);
    return info ? *info : defaultAnalysis();
}

} // namespace fp
