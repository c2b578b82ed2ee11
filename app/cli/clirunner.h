#pragma once

#include "comparisonrunner.h"
#include "engine.h"
#include "report.h"

#include <QElapsedTimer>
#include <QObject>
#include <QStringList>

#include <cstdio>
#include <functional>
#include <memory>

// framepool-cli's exit statuses, from the least to the most serious; documented in --help and
// the README.
enum class CliExit : int {
    Ok = 0,             // every item ok
    ItemFailed = 1,     // some item failed (or Slurm refused to start workers)
    UsageError = 2,     // bad command line, nothing to run
    ReportFailed = 3,   // the report or the results could not be written (checked before the run, and after)
    OutputLost = 4,     // standard output was closed or failed (e.g. a pipe reader quit)
};

// Runs the engine for framepool-cli: results to stdout (text, or one JSON object per line),
// live progress to stderr, the timing report and the results to files.
class CliRunner : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        fp::EngineOptions engine;
        QStringList paths;
        bool compare = false;
        int repeat = 1; // rounds of a Compare (serial and parallel alternated)
        bool json = false;
        QString reportPath;
        QString resultsPath; // what was computed (resultsexport.h); empty = not written
        // Makes the launcher the engine starts workers with (e.g. Slurm); unset = local workers.
        std::function<std::unique_ptr<fp::WorkerLauncher>()> makeLauncher;
    };

    explicit CliRunner(Options options, QObject *parent = nullptr);
    void start();

Q_SIGNALS:
    void done(int exitCode);

private:
    void onItemDelivered(int item);
    void onRunFinished(const fp::RunTiming &timing);
    void onComparisonFinished(const fp::RepeatedComparison &result);
    void printComparison(const fp::Comparison &comparison);
    void printRepeated(const fp::RepeatedComparison &repeated);
    void finish(const fp::TimingReport &report, int failed);
    void drawProgress(bool force = false);
    void printLine(const QByteArray &line);
    [[nodiscard]] int writeReport(const fp::TimingReport &report);
    [[nodiscard]] int writeResults(const fp::TimingReport &report);
    [[nodiscard]] bool deliversToStdout() const;

    Options m_options;
    fp::Engine m_engine;
    fp::ComparisonRunner m_comparison;
    bool m_inSerialPhaseOfCompare = false;
    bool m_progressOnTerminal = false;
    QElapsedTimer m_lastDraw;
    int m_delivered = 0;
    bool m_outputLost = false; // stdout failed once: the results printed from then on are lost
};
