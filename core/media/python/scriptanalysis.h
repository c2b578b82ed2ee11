#pragma once

#include "analysis.h"

#include <QMap>
#include <QString>

#include <map>
#include <memory>

namespace fp {

class PythonAnalysis;

// A user's Python script as an Analysis, so the worker runs it like a built-in: its
// analyze_frame sees the frames the worker decodes (or analyze_file the paths), a piece's
// state is its values in frame order, and a merge concatenates the pieces' values and hands
// them to the script's reduce(). Loaded once per worker process and set of parameters.
class ScriptAnalyses
{
public:
    explicit ScriptAnalyses(int threads) : m_threads(threads) {}
    ~ScriptAnalyses();

    // The analysis for a task's name when it names a .py file: null with `error` empty when it
    // does not, null with `error` set when the script cannot be used (file and line).
    // `parameters` are the task's, passed to the script's setup() as strings.
    [[nodiscard]] const Analysis *find(const QString &name, const QJsonObject &parameters, QString *error);

    // What `--describe SCRIPT` prints: the script, loaded and checked, as the engine sees it.
    [[nodiscard]] static AnalysisInfo infoOf(const QString &scriptPath, bool perFrame);

    // The analyses' setup() parameters: every value as a string, as typed after --param.
    [[nodiscard]] static QMap<QString, QString> setupParameters(const QJsonObject &parameters);

private:
    int m_threads;
    std::map<QString, std::unique_ptr<Analysis>> m_loaded; // by path and parameters
};

// One line for any JSON result of a user's analysis: for {"values": [...]} of numbers or flat
// objects of numbers, the mean of each field (and a sparkline of numbers); otherwise the JSON,
// shortened.
[[nodiscard]] ResultSummary summarizeUserResult(const QJsonObject &result);

} // namespace fp
