// framepool-cli: the engine without a window, for scripts and benchmarks.

#include "analysiscatalog.h"
#include "clirunner.h"
#include "launcher.h"
#include "resultsexport.h"
#include "runtypes.h"
#include "safefile.h"
#include "slurmlauncher.h"
#include "workerprocess.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>
#include <QProcess>

#include <cstdio>
#include <optional>

using namespace fp;

namespace {

[[noreturn]] void usageError(const QString &message)
{
    std::fprintf(stderr, "framepool-cli: %s\nTry 'framepool-cli --help'.\n", qPrintable(message));
    std::exit(int(CliExit::UsageError));
}

int positiveInt(const QCommandLineParser &parser, const QString &name, int minimum)
{
    bool ok = false;
    const int value = parser.value(name).toInt(&ok);
    if (!ok || value < minimum)
        usageError(QStringLiteral("--%1 needs a whole number >= %2, got \"%3\"").arg(name).arg(minimum).arg(parser.value(name)));
    return value;
}

// An output file that cannot be written is found now, not after an hour of decoding.
void checkDestination(const QString &path)
{
    QString error;
    if (!canCreateFile(path, &error)) {
        std::fprintf(stderr, "framepool-cli: %s\n", qPrintable(error));
        std::exit(int(CliExit::ReportFailed));
    }
}

// "  motion  fraction of pixels ... \n      --param threshold=25  gray-level change ...": for --help
// and --list-analyses.
QString analysesText(const AnalysisCatalog &catalog)
{
    QString text;
    for (const AnalysisInfo &info : catalog.analyses) {
        text += QStringLiteral("  %1  %2\n").arg(info.name, -14).arg(info.description);
        for (const ParameterSpec &spec : info.parameters)
            text += QStringLiteral("      --param %1=%2  %3\n").arg(spec.key, spec.defaultValue.toVariant().toString(), spec.help);
    }
    return text;
}

// The analysis -a names, as the worker declares it, with its --param values resolved: a
// built-in by name, or a user's Python script (a path ending in .py), which the worker loads
// and checks before any work starts (syntax, imports, analyze_frame/analyze_file).
AnalysisInfo chosenAnalysis(const AnalysisCatalog &builtIns, const QString &name, const QStringList &assignments,
                            QJsonObject *parameters)
{
    const bool isScript = name.endsWith(QLatin1String(".py"), Qt::CaseInsensitive);
    AnalysisCatalog scripts;
    if (isScript) {
        const QFileInfo script(name);
        if (!script.isFile())
            usageError(QStringLiteral("no analysis script at %1").arg(name));
        scripts = AnalysisCatalog::query(LocalLauncher::defaultWorkerProgram(), {script.absoluteFilePath()});
        if (!scripts.ok())
            usageError(QStringLiteral("%1 cannot be used: %2").arg(name, scripts.error));
    }
    const AnalysisCatalog &catalog = isScript ? scripts : builtIns;
    if (!catalog.ok())
        usageError(QStringLiteral("cannot list the analyses: %1").arg(catalog.error));
    const AnalysisInfo *info = isScript ? &catalog.analyses.first() : catalog.find(name);
    if (!info)
        usageError(QStringLiteral("unknown analysis \"%1\" (choose: %2, or a .py file)").arg(name, catalog.names().join(QStringLiteral(", "))));
    QString error;
    const std::optional<QJsonObject> resolved = info->resolveParameters(assignments, &error);
    if (!resolved)
        usageError(error);
    *parameters = *resolved;
    return *info;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("framepool-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PROJECT_VERSION));

    // The analyses are the worker's: ask it (about 0.1 s, once per worker program) for their
    // names and parameters.
    const AnalysisCatalog catalog = AnalysisCatalog::cachedQuery(LocalLauncher::defaultWorkerProgram());

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Analyses videos and image sets in parallel worker processes.\n"
        "A PATH is a video file, a folder of images (an image set), or an image file.\n"
        "Put -- before paths that begin with '-'.\n"
        "Exit status (the most serious that applies):\n"
        "  0  every item ok\n"
        "  1  some item failed (or Slurm refused to start workers)\n"
        "  2  usage error, nothing run\n"
        "  3  the --report or --results file cannot be written (checked before the run; a previous file is left unchanged)\n"
        "  4  standard output was closed or failed before all results were written\n"
        "\nAnalyses (-a NAME, parameters with --param KEY=VALUE):\n%1").arg(analysesText(catalog)));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOptions({
        {{QStringLiteral("a"), QStringLiteral("analysis")},
         QStringLiteral("%1 (default: dominant-color), or your own analysis: a Python file (.py); see Analyses below.").arg(catalog.names().join(QStringLiteral(" | "))),
         QStringLiteral("NAME"), QStringLiteral("dominant-color")},
        {QStringLiteral("param"), QStringLiteral("A parameter of the analysis, KEY=VALUE; repeatable."), QStringLiteral("KEY=VALUE")},
        {QStringLiteral("list-analyses"), QStringLiteral("List the analyses with their parameters and exit.")},
        {{QStringLiteral("j"), QStringLiteral("workers")}, QStringLiteral("Worker processes (default: usable cores)."), QStringLiteral("N")},
        {QStringLiteral("serial"), QStringLiteral("One worker, items one after another.")},
        {QStringLiteral("compare"), QStringLiteral("Run serially, then in parallel; report both and the speed-up.")},
        {QStringLiteral("repeat"), QStringLiteral("With --compare: run serial and parallel N times, alternating; report the median and range (min-max) of each and the speed-up from the medians (default: 1)."), QStringLiteral("N")},
        {QStringLiteral("order"), QStringLiteral("completed (default) | input | batch"), QStringLiteral("MODE"), QStringLiteral("completed")},
        {QStringLiteral("chunk-size"), QStringLiteral("Images per task when an image set is split across workers (default: automatic)."), QStringLiteral("N")},
        {QStringLiteral("recursive"), QStringLiteral("Image-set folders include subfolders.")},
        {QStringLiteral("json"), QStringLiteral("One JSON object per line on stdout.")},
        {{QStringLiteral("o"), QStringLiteral("report")}, QStringLiteral("Timing report; format from the extension: .json .csv .html"), QStringLiteral("FILE")},
        {QStringLiteral("results"), QStringLiteral("What was computed, per item, when the run ends (with --compare: the parallel run's items); format from the extension: .json (the --json item objects in a list) .csv (one row per item; lists of per-frame values in FILE-frames.csv)"), QStringLiteral("FILE")},
        {QStringLiteral("retries"), QStringLiteral("Retries of an item whose worker dies (default: 1)."), QStringLiteral("N")},
        {QStringLiteral("hang-timeout"), QStringLiteral("Seconds without progress before a worker counts as hung (default: 60)."), QStringLiteral("S")},
        {QStringLiteral("start-timeout"), QStringLiteral("Seconds a worker may take to start before it is retried (default: --hang-timeout; with --launcher slurm, 600, as an allocation may wait in the queue)."), QStringLiteral("S")},
        {QStringLiteral("memory-limit-mb"), QStringLiteral("Memory a worker may map for its work, in MiB, on top of what it maps to start (its libraries); 0 = none (default: this machine's RAM / workers, at least 1024; here %1 for %2 workers).")
                                                .arg(defaultMemoryLimitMb(usableCores())).arg(usableCores()), QStringLiteral("MB")},
        {QStringLiteral("threads-per-worker"), QStringLiteral("OpenCV/FFmpeg threads per worker (default: cores / workers)."), QStringLiteral("N")},
        {QStringLiteral("launcher"), QStringLiteral("Where workers run: local (default) | slurm (each worker an srun job step)."),
         QStringLiteral("KIND"), QStringLiteral("local")},
        {QStringLiteral("slurm-partition"), QStringLiteral("Slurm partition for the workers (default: the cluster's default)."), QStringLiteral("P")},
        {QStringLiteral("slurm-cpus-per-task"), QStringLiteral("CPUs per worker on the cluster, also its threads (default: --threads-per-worker, else 1)."), QStringLiteral("K")},
        {QStringLiteral("slurm-time"), QStringLiteral("Time limit per worker, in srun --time format (default: the partition's)."), QStringLiteral("T")},
        {QStringLiteral("slurm-extra"), QStringLiteral("More srun options, split like a command line (no shell), e.g. \"--account=lab --mem=2G\"."), QStringLiteral("ARGS")},
    });
    parser.addPositionalArgument(QStringLiteral("PATH"), QStringLiteral("Videos, image folders or images."), QStringLiteral("PATH..."));
    if (!parser.parse(QCoreApplication::arguments()))
        usageError(parser.errorText());
    if (parser.isSet(QStringLiteral("help")))
        parser.showHelp(0);
    if (parser.isSet(QStringLiteral("version")))
        parser.showVersion();
    if (parser.isSet(QStringLiteral("list-analyses"))) {
        if (!catalog.ok())
            usageError(QStringLiteral("cannot list the analyses: %1").arg(catalog.error));
        std::fputs(qPrintable(analysesText(catalog)), stdout);
        return 0;
    }

    CliRunner::Options options;
    options.paths = parser.positionalArguments();
    if (options.paths.isEmpty())
        usageError(QStringLiteral("no PATH given"));

    options.engine.analysis = chosenAnalysis(catalog, parser.value(QStringLiteral("analysis")),
                                             parser.values(QStringLiteral("param")), &options.engine.parameters);

    const auto order = runModeFromName(parser.value(QStringLiteral("order")));
    if (!order || *order == RunMode::Serial)
        usageError(QStringLiteral("unknown --order \"%1\" (choose: completed, input, batch)").arg(parser.value(QStringLiteral("order"))));
    options.engine.mode = *order;
    options.compare = parser.isSet(QStringLiteral("compare"));
    if (parser.isSet(QStringLiteral("serial"))) {
        if (options.compare)
            usageError(QStringLiteral("--serial and --compare exclude each other"));
        options.engine.mode = RunMode::Serial;
    }
    if (parser.isSet(QStringLiteral("repeat"))) {
        if (!options.compare)
            usageError(QStringLiteral("--repeat needs --compare"));
        options.repeat = positiveInt(parser, QStringLiteral("repeat"), 1);
    }
    if (parser.isSet(QStringLiteral("workers")))
        options.engine.workers = positiveInt(parser, QStringLiteral("workers"), 1);
    if (parser.isSet(QStringLiteral("chunk-size")))
        options.engine.chunkSize = positiveInt(parser, QStringLiteral("chunk-size"), 1);
    if (parser.isSet(QStringLiteral("retries")))
        options.engine.maxRetries = positiveInt(parser, QStringLiteral("retries"), 0);
    if (parser.isSet(QStringLiteral("hang-timeout")))
        options.engine.hangTimeoutMs = positiveInt(parser, QStringLiteral("hang-timeout"), 1) * 1000;
    if (parser.isSet(QStringLiteral("start-timeout")))
        options.engine.startTimeoutMs = positiveInt(parser, QStringLiteral("start-timeout"), 1) * 1000;
    if (parser.isSet(QStringLiteral("memory-limit-mb")))
        options.engine.memoryLimitMb = positiveInt(parser, QStringLiteral("memory-limit-mb"), 0);
    if (parser.isSet(QStringLiteral("threads-per-worker")))
        options.engine.threadsPerWorker = positiveInt(parser, QStringLiteral("threads-per-worker"), 1);
    options.engine.recursive = parser.isSet(QStringLiteral("recursive"));
    options.json = parser.isSet(QStringLiteral("json"));
    options.reportPath = parser.value(QStringLiteral("report"));
    if (!options.reportPath.isEmpty()) {
        const auto format = report::formatForPath(options.reportPath);
        if (format != report::Format::Json && format != report::Format::Csv && format != report::Format::Html)
            usageError(QStringLiteral("--report needs a .json, .csv or .html file name"));
        checkDestination(options.reportPath);
    }

    // --results: what was computed, written when the run ends.
    options.resultsPath = parser.value(QStringLiteral("results"));
    if (!options.resultsPath.isEmpty()) {
        if (!resultsexport::isSupportedPath(options.resultsPath))
            usageError(QStringLiteral("--results needs a .json or .csv file name"));
        checkDestination(options.resultsPath);
    }

    const auto launcher = launcherKindFromName(parser.value(QStringLiteral("launcher")));
    if (!launcher)
        usageError(QStringLiteral("unknown --launcher \"%1\" (choose: %2)").arg(parser.value(QStringLiteral("launcher")), launcherKindNames().join(QStringLiteral(", "))));
    const QStringList slurmOptionNames{QStringLiteral("slurm-partition"), QStringLiteral("slurm-cpus-per-task"),
                                       QStringLiteral("slurm-time"), QStringLiteral("slurm-extra")};
    if (*launcher != LauncherKind::Slurm) {
        for (const QString &name : slurmOptionNames) {
            if (parser.isSet(name))
                usageError(QStringLiteral("--%1 needs --launcher slurm").arg(name));
        }
    } else {
        SlurmOptions slurm;
        slurm.partition = parser.value(QStringLiteral("slurm-partition"));
        slurm.time = parser.value(QStringLiteral("slurm-time"));
        if (parser.isSet(QStringLiteral("slurm-cpus-per-task")))
            slurm.cpusPerTask = positiveInt(parser, QStringLiteral("slurm-cpus-per-task"), 1);
        else
            slurm.cpusPerTask = options.engine.threadsPerWorker > 0 ? options.engine.threadsPerWorker : 1;
        // Each worker's threads are its Slurm CPUs, not a share of this machine's cores.
        options.engine.threadsPerWorker = slurm.cpusPerTask;
        if (parser.isSet(QStringLiteral("slurm-extra"))) {
            slurm.extraArguments = QProcess::splitCommand(parser.value(QStringLiteral("slurm-extra")));
            if (slurm.extraArguments.isEmpty() && !parser.value(QStringLiteral("slurm-extra")).trimmed().isEmpty())
                usageError(QStringLiteral("--slurm-extra: cannot split \"%1\"").arg(parser.value(QStringLiteral("slurm-extra"))));
        }
        // Fail fast with Slurm's own words (bad partition, too many CPUs, no controller)
        // rather than have every worker's srun refuse the same way.
        QString reason;
        if (!SlurmLauncher(slurm).check(&reason)) {
            std::fprintf(stderr, "framepool-cli: Slurm would not start a worker: %s\n", qPrintable(reason));
            return int(CliExit::ItemFailed);
        }
        options.makeLauncher = [slurm] { return makeLauncher(LauncherKind::Slurm, slurm); };
    }

    CliRunner runner(options);
    QObject::connect(&runner, &CliRunner::done, &app, [](int code) { QCoreApplication::exit(code); });
    QMetaObject::invokeMethod(&runner, &CliRunner::start, Qt::QueuedConnection);
    return app.exec();
}
