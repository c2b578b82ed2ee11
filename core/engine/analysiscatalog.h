#pragma once

#include "analysisinfo.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace fp {

// The analyses a worker program offers, as it declares them. The programs that run workers
// (CLI, GUI) link none of the analyses: they ask the worker, once.
struct AnalysisCatalog
{
    QList<AnalysisInfo> analyses;
    QString error; // set when the worker could not be asked or refused (e.g. a script's syntax error)

    [[nodiscard]] bool ok() const { return error.isEmpty(); }
    [[nodiscard]] const AnalysisInfo *find(const QString &name) const;
    [[nodiscard]] QStringList names() const;

    // Runs `workerProgram --describe [extra...]` and reads its answer. Blocks for as long as a
    // worker takes to start (about 0.1 s); the GUI calls it off its thread.
    [[nodiscard]] static AnalysisCatalog query(const QString &workerProgram, const QStringList &extraArguments = {},
                                               int timeoutMs = 30000);
    // The built-in analyses of `workerProgram`: its answer as kept in the user's cache folder for
    // this very program file (path, size and modification time), else query() and keep it. Spares
    // every CLI run a worker start before its own work begins.
    [[nodiscard]] static AnalysisCatalog cachedQuery(const QString &workerProgram);

private:
    [[nodiscard]] static AnalysisCatalog fromAnswer(const QString &workerProgram, const QByteArray &answer);
};

} // namespace fp
