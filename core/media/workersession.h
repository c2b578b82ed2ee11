#pragma once

#include "protocol.h"
#include "runtypes.h"

#include <QString>

#include <cstdio>
#include <functional>
#include <optional>

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

    // Serves tasks from the file descriptor `input` until its end or a quit message. Returns the
    // process exit code. While a task runs, what has arrived is read between frames, so that a
    // `narrow` reaches it (a thread would cost the worker address space its memory limit counts).
    int serve(int input);
    // Runs one task to its result or error message.
    void runTask(const protocol::Task &task);
    // The engine asks task `request.task` to end early (work stealing), before or while that
    // task runs; the task answers between two frames. serve() calls it for `narrow` messages.
    void requestNarrow(const protocol::Narrow &request) { m_narrowRequest = request; }

    // Writes messages to a C stream, one flushed line each.
    [[nodiscard]] static Sink lineSink(std::FILE *out);

    // Analyses beyond the built-ins (a user's script): the analysis a task names, or null
    // with `error` empty when the name is not one of them (then the built-ins are asked), or
    // null with `error` set when it is one but cannot be used.
    using AnalysisSource = std::function<const Analysis *(const QString &name, const QJsonObject &parameters, QString *error)>;
    void setUserAnalyses(AnalysisSource source) { m_userAnalyses = std::move(source); }

private:
    [[nodiscard]] const Analysis *findAnalysis(const protocol::Task &task, QString *error) const;
    // Sends the video's Probe (or the Error that it cannot be read); its StreamInfo when it can.
    std::optional<StreamInfo> probe(const protocol::Task &task);
    void merge(const protocol::Task &task, const Analysis &analysis);
    void analyse(protocol::Task task, const Analysis &analysis);

    Settings m_settings;
    Sink m_sink;
    std::optional<protocol::Narrow> m_narrowRequest;
    std::function<void()> m_readArrivedInput; // set while serving: reads what the engine sent
    // The end a request asks of task `task` (reading what has arrived first), once.
    [[nodiscard]] std::optional<qint64> takeNarrowRequest(qint64 task);
    AnalysisSource m_userAnalyses;
};

} // namespace fp
