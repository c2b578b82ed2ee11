// The module python: users' analyses, loaded by the first task that names a script.

#include "scriptmodule.h"

#include "scriptanalysis.h"
#include "workermodule.h"

namespace {

const fp::Analysis *find(const QString &name, const QJsonObject &parameters, int threads, QString *error)
{
    // Lives as long as the process, as the interpreter does: nothing to clean up at its exit.
    static auto *scripts = new fp::ScriptAnalyses(threads);
    return scripts->find(name, parameters, error);
}

const fp::ScriptModule kPython{&find};

} // namespace

FRAMEPOOL_MODULE_ENTRY(fp::ScriptModule, kPython)
