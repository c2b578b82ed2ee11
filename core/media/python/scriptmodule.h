#pragma once

#include <QJsonObject>
#include <QString>

namespace fp {

class Analysis;

// The module python (workermodule.h): users' analyses in Python (scriptanalysis.h), with the
// interpreter they run in. Global, as Python's extension modules (NumPy, cv2) take the
// interpreter's symbols from the process.
struct ScriptModule
{
    static constexpr const char *name = "python";
    static constexpr int version = 1;
    static constexpr bool global = true;

    // ScriptAnalyses::find, of the scripts this process has loaded. `threads`, the worker's
    // budget, counts at the first call (PythonAnalysis::load).
    const Analysis *(*find)(const QString &name, const QJsonObject &parameters, int threads, QString *error);
};

} // namespace fp
