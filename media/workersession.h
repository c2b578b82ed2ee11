#pragma once

#include "protocol.h"

#include <QString>

#include <cstdio>
#include <functional>
#include <istream>

namespace fp {

class Analysis;

// The worker side of the protocol: reads tasks line by line, decodes and analyses each one,
// and answers with progress, partial results, thumbnails and a result or an error. Lives in
// core so that it can be tested in-process; framepool-worker is a thin main around it.
class WorkerSession
{
public:
    using Sink = std::function<void(const protocol::Message &)>;

    struct Settings
    {
        int threads = 1;
        int memoryLimitMb = 0;        // for messages only: the worker's main applies the limit
        int progressIntervalMs = 100; // throttles progress messages
        int partialIntervalMs = 500;  // throttles partial results (they cost a finalisation)
    };

    WorkerSession(Settings settings, Sink sink);

    // Serves tasks from `in` until EOF or a quit message. Returns the process exit code.
    int serve(std::istream &in);
    // Runs one task to its result or error message.
    void runTask(const protocol::Task &task);

    // Writes messages to a C stream, one flushed line each.
    [[nodiscard]] static Sink lineSink(std::FILE *out);

    // Analyses beyond the built-ins (a user's script): the analysis a task names, or null
    // with `error` empty when the name is not one of them (then the built-ins are asked), or
    // null with `error` set when it is one but cannot be used.
    using AnalysisSource = std::function<const Analysis *(const QString &name, const QJsonObject &parameters, QString *error)>;
    void setUserAnalyses(AnalysisSource source) { m_userAnalyses = std::move(source); }

private:
    [[nodiscard]] const Analysis *findAnalysis(const protocol::Task &task, QString *error) const;
    void probe(const protocol::Task &task);
    void merge(const protocol::Task &task, const Analysis &analysis);
    void analyse(const protocol::Task &task, const Analysis &analysis);

    Settings m_settings;
    Sink m_sink;
    AnalysisSource m_userAnalyses;
};

} // namespace fp
