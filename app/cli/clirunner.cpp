#include "clirunner.h"

#include "resultsexport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSysInfo>

#include <cerrno>
#include <cstring>

#include <unistd.h>

using namespace fp;

namespace {

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

} // namespace

CliRunner::CliRunner(Options options, QObject *parent)
    : QObject(parent), m_options(std::move(options)), m_comparison(&m_engine)
{
    m_progressOnTerminal = ::isatty(STDERR_FILENO);
    if (m_options.makeLauncher)
        m_engine.setLauncher(m_options.makeLauncher());
    // A comparison loads the workers of both runs first: both start warm, in every round.
    m_engine.setKeepWorkers(m_options.compare);
    connect(&m_engine, &Engine::itemFinished, this, &CliRunner::onItemDelivered);
    connect(&m_engine, &Engine::itemFailed, this, [this](int item, const QString &) { onItemDelivered(item); });
    connect(&m_engine, &Engine::itemCancelled, this, &CliRunner::onItemDelivered);
    connect(&m_engine, &Engine::itemProgress, this, [this] { drawProgress(); });
    connect(&m_engine, &Engine::itemRetried, this, [this](int item, const QString &reason) {
        std::fprintf(stderr, "%sretrying %s: %s\n", m_progressOnTerminal ? "\r\033[K" : "",
                     qPrintable(m_engine.item(item).path), qPrintable(reason));
    });
    connect(&m_engine, &Engine::runStarted, this, [this](RunMode mode, int workers, int items) {
        m_delivered = 0;
        const QByteArray round = m_comparison.rounds() > 1
            ? QStringLiteral("round %1 of %2: ").arg(m_comparison.currentRound()).arg(m_comparison.rounds()).toUtf8()
            : QByteArray();
        std::fprintf(stderr, "%s%s run: %d item%s on %d worker%s\n", round.constData(),
                     qPrintable(runModeName(mode)), items, items == 1 ? "" : "s", workers, workers == 1 ? "" : "s");
    });
    connect(&m_comparison, &ComparisonRunner::phaseStarted, this,
            [this](RunMode mode) { m_inSerialPhaseOfCompare = mode == RunMode::Serial; });
    connect(&m_comparison, &ComparisonRunner::finished, this, &CliRunner::onComparisonFinished);
    if (!m_options.compare)
        connect(&m_engine, &Engine::runFinished, this, &CliRunner::onRunFinished);
}

void CliRunner::start()
{
    const bool started = m_options.compare ? m_comparison.start(m_options.paths, m_options.engine, m_options.repeat)
                                           : m_engine.start(m_options.paths, m_options.engine);
    if (!started) {
        std::fprintf(stderr, "framepool-cli: nothing to run\n");
        Q_EMIT done(int(CliExit::UsageError));
    }
}

bool CliRunner::deliversToStdout() const
{
    // With --compare, stdout gets the (last) parallel run's items; the others show progress only.
    return !(m_options.compare && (m_inSerialPhaseOfCompare || !m_comparison.inLastRound()));
}

void CliRunner::printLine(const QByteArray &line)
{
    if (m_progressOnTerminal)
        std::fputs("\r\033[K", stderr);
    if (m_outputLost)
        return;
    // Qt ignores SIGPIPE, so a reader that quits (| head) shows only as a failed write.
    if (std::fwrite(line.constData(), 1, size_t(line.size()), stdout) != size_t(line.size())
        || std::fputc('\n', stdout) == EOF || std::fflush(stdout) != 0) {
        m_outputLost = true;
        std::fprintf(stderr, "%sframepool-cli: cannot write results to standard output: %s\n",
                     m_progressOnTerminal ? "\r\033[K" : "", std::strerror(errno));
    }
}

void CliRunner::onItemDelivered(int item)
{
    ++m_delivered;
    const ItemRecord &record = m_engine.item(item);
    const bool ok = record.state == ItemState::Done;
    if (!m_progressOnTerminal) {
        // One line per item, whatever characters the file name holds.
        QString shownPath = record.path;
        shownPath.replace(QLatin1Char('\n'), QLatin1String("\\n")).replace(QLatin1Char('\r'), QLatin1String("\\r"));
        std::fprintf(stderr, "[%d/%d] %s %s\n", m_delivered, m_engine.itemCount(), ok ? "ok" : "FAILED",
                     qPrintable(shownPath));
    }
    if (deliversToStdout()) {
        if (m_options.json) {
            printLine(compact(resultsexport::itemObject(record, m_engine.options().analysis.name)));
        } else {
            const QString detail = ok ? QStringLiteral("%1 frames  %2 s  %3").arg(record.framesDone)
                                            .arg(record.seconds(), 0, 'f', 2).arg(record.summary.text)
                                      : record.error;
            printLine(QStringLiteral("%1  %2  %3").arg(ok ? QStringLiteral("ok    ") : QStringLiteral("FAILED"),
                                                       record.path, detail).toUtf8());
        }
    }
    drawProgress(true);
}

void CliRunner::drawProgress(bool force)
{
    if (!m_progressOnTerminal)
        return;
    if (!force && m_lastDraw.isValid() && m_lastDraw.elapsed() < 100)
        return;
    m_lastDraw.start();
    qint64 done = 0, total = 0;
    int running = 0;
    for (const ItemRecord &r : m_engine.items()) {
        done += r.framesDone;
        total += std::max(r.framesTotal, r.framesDone);
        running += r.state == ItemState::Running;
    }
    const double fraction = total > 0 ? double(done) / total : 0;
    constexpr int width = 30;
    const int filled = int(fraction * width);
    const QString bar = QString(filled, QChar(0x2588)) + QString(width - filled, QChar(0x2591));
    const double seconds = m_engine.activeSeconds();
    std::fprintf(stderr, "\r\033[K%s %3.0f%%  %d/%d items  %d running  %.0f fps  %.1f s",
                 qPrintable(bar), fraction * 100, m_delivered, m_engine.itemCount(), running,
                 seconds > 0 ? done / seconds : 0.0, seconds);
    std::fflush(stderr);
}

void CliRunner::onRunFinished(const RunTiming &timing)
{
    TimingReport report;
    if (timing.mode == RunMode::Serial)
        report.serial = timing;
    else
        report.parallel = timing;
    if (m_options.json) {
        printLine(compact(QJsonObject{{QStringLiteral("summary"), QJsonObject{
            {QStringLiteral("mode"), runModeName(timing.mode)},
            {QStringLiteral("workers"), timing.workers},
            {QStringLiteral("wall_seconds"), timing.wallSeconds},
            {QStringLiteral("items"), timing.items.size()},
            {QStringLiteral("failed"), timing.failedCount()},
            {QStringLiteral("cancelled"), timing.cancelledCount()}}}}));
    } else {
        printLine(QStringLiteral("%1 run: %2 items, %3 failed, %4 workers, %5 s")
                      .arg(runModeName(timing.mode)).arg(timing.items.size()).arg(timing.failedCount())
                      .arg(timing.workers).arg(timing.wallSeconds, 0, 'f', 3).toUtf8());
    }
    finish(report, timing.unfinishedCount());
}

void CliRunner::onComparisonFinished(const RepeatedComparison &result)
{
    TimingReport report;
    if (!result.serialRuns.isEmpty())
        report.serial = result.serialRuns.last();
    if (!result.parallelRuns.isEmpty())
        report.parallel = result.parallelRuns.last();
    if (result.rounds > 1) {
        report.repeated = result;
        printRepeated(result);
    } else {
        printComparison(result.round(0));
    }
    int unfinished = 0;
    for (const auto *runs : {&result.serialRuns, &result.parallelRuns})
        for (const RunTiming &run : *runs)
            unfinished = std::max(unfinished, run.unfinishedCount());
    // A Compare that never got to its parallel run did not deliver its items.
    if (result.parallelRuns.isEmpty())
        unfinished = std::max(unfinished, int(m_options.paths.size()));
    finish(report, unfinished);
}

void CliRunner::printComparison(const Comparison &comparison)
{
    if (!comparison.isValid()) {
        // Runs that did different work have no speed-up; only the reason is printed.
        if (m_options.json)
            printLine(compact(QJsonObject{{QStringLiteral("comparison"), QJsonObject{
                {QStringLiteral("valid"), false}, {QStringLiteral("reason"), comparison.invalidReason()}}}}));
        else
            printLine(QStringLiteral("no speed-up: %1").arg(comparison.invalidReason()).toUtf8());
        return;
    }
    const double load = comparison.serial.loadAverage;
    const QString warning = report::oneShotWarning(load, comparison.cores);
    if (m_options.json) {
        QJsonObject o{
            {QStringLiteral("workers"), comparison.parallel.workers},
            {QStringLiteral("serial_seconds"), comparison.serial.wallSeconds},
            {QStringLiteral("parallel_seconds"), comparison.parallel.wallSeconds},
            {QStringLiteral("speedup"), comparison.speedup()},
            {QStringLiteral("efficiency"), comparison.efficiency()},
            {QStringLiteral("ideal_parallel_seconds"), comparison.idealParallelSeconds()},
            {QStringLiteral("load_average_at_start"), load >= 0 ? QJsonValue(load) : QJsonValue()}};
        if (!warning.isEmpty())
            o[QStringLiteral("warning")] = warning;
        printLine(compact(QJsonObject{{QStringLiteral("comparison"), o}}));
        return;
    }
    printLine(QStringLiteral("serial %1 s, parallel %2 s on %3 workers: speed-up %4x, efficiency %5%, ideal %6 s; load average %7 at start")
                  .arg(comparison.serial.wallSeconds, 0, 'f', 3).arg(comparison.parallel.wallSeconds, 0, 'f', 3)
                  .arg(comparison.parallel.workers).arg(comparison.speedup(), 0, 'f', 2)
                  .arg(comparison.efficiency() * 100, 0, 'f', 0)
                  .arg(comparison.idealParallelSeconds(), 0, 'f', 3)
                  .arg(load >= 0 ? QString::number(load, 'f', 2) : QStringLiteral("unknown")).toUtf8());
    if (!warning.isEmpty())
        std::fprintf(stderr, "framepool-cli: %s\n", qPrintable(warning));
}

void CliRunner::printRepeated(const RepeatedComparison &repeated)
{
    if (m_options.json) {
        printLine(compact(QJsonObject{{QStringLiteral("comparison"), report::repeatSummaryJson(repeated)}}));
        return;
    }
    if (!repeated.isValid()) {
        printLine(QStringLiteral("no speed-up: %1").arg(repeated.invalidReason()).toUtf8());
        return;
    }
    const auto spreadText = [](const Spread &spread, int decimals) {
        return QStringLiteral("%1 s (%2\u2013%3)").arg(spread.median, 0, 'f', decimals)
            .arg(spread.min, 0, 'f', decimals).arg(spread.max, 0, 'f', decimals);
    };
    const Spread speedups = repeated.roundSpeedups();
    const double load = repeated.loadAverageAtStart();
    printLine(QStringLiteral("%1 rounds: serial median %2, parallel median %3 on %4 workers: speed-up %5x "
                             "(%6\u2013%7) from the medians, efficiency %8%, ideal %9 s; load average %10 at start")
                  .arg(repeated.rounds)
                  .arg(spreadText(repeated.serialSeconds(), 3), spreadText(repeated.parallelSeconds(), 3))
                  .arg(repeated.parallelRuns.first().workers)
                  .arg(repeated.speedup(), 0, 'f', 2).arg(speedups.min, 0, 'f', 2).arg(speedups.max, 0, 'f', 2)
                  .arg(repeated.efficiency() * 100, 0, 'f', 0)
                  .arg(repeated.idealParallelSeconds(), 0, 'f', 3)
                  .arg(load >= 0 ? QString::number(load, 'f', 2) : QStringLiteral("unknown")).toUtf8());
}

void CliRunner::finish(const TimingReport &baseReport, int failed)
{
    if (m_progressOnTerminal)
        std::fputs("\r\033[K", stderr);
    int exitCode = int(failed > 0 ? CliExit::ItemFailed : CliExit::Ok);
    if (!m_options.reportPath.isEmpty())
        exitCode = std::max(exitCode, writeReport(baseReport));
    if (!m_options.resultsPath.isEmpty())
        exitCode = std::max(exitCode, writeResults(baseReport));
    if (m_outputLost)
        exitCode = std::max(exitCode, int(CliExit::OutputLost));
    Q_EMIT done(exitCode);
}

int CliRunner::writeResults(const TimingReport &report)
{
    // The run whose items went to stdout: with --compare, the parallel one.
    const RunTiming &delivered = report.parallel ? *report.parallel : *report.serial;
    QString error;
    if (!resultsexport::write(delivered.items, delivered.analysis, m_options.resultsPath, &error)) {
        std::fprintf(stderr, "framepool-cli: results not written (any previous file is unchanged): %s\n", qPrintable(error));
        return int(CliExit::ReportFailed);
    }
    std::fprintf(stderr, "results written to %s\n", qPrintable(m_options.resultsPath));
    return int(CliExit::Ok);
}

int CliRunner::writeReport(const TimingReport &baseReport)
{
    TimingReport report = baseReport;
    report.host = QSysInfo::machineHostName();
    report.cores = usableCores();
    QString error;
    if (!report::write(report, m_options.reportPath, &error)) {
        std::fprintf(stderr, "framepool-cli: report not written (any previous file is unchanged): %s\n", qPrintable(error));
        return int(CliExit::ReportFailed);
    }
    std::fprintf(stderr, "report written to %s\n", qPrintable(m_options.reportPath));
    return int(CliExit::Ok);
}
