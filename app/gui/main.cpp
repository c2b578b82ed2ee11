// framepool: the desktop app. Everything it shows comes from the engine in core/engine/.

#include "analysischooser.h"
#include "engine.h"
#include "itemmodel.h"
#include "mainwindow.h"
#include "mediaintake.h"
#include "queueautosave.h"
#include "runtoolbar.h"
#include "stallmeter.h"
#include "translations.h"

#include <QAction>
#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QSet>
#include <QTimer>

#include <cstdio>

namespace {

constexpr int kStallTailMs = 300;

// The options stay in English: --help is answered before any translation is loaded (it needs
// no display), and the manual page is made from it.
struct Options
{
    QCommandLineOption demo{QStringLiteral("demo"), QStringLiteral("Open with the bundled sample media.")};
    QCommandLineOption run{QStringLiteral("run"), QStringLiteral("Start a parallel run of the queue at once; items "
                                                                 "restored with their results keep them.")};
    QCommandLineOption runAll{QStringLiteral("run-all"), QStringLiteral("Like --run, but run every item again, finished ones too.")};
    QCommandLineOption queueFile{QStringLiteral("queue-file"),
                                 QStringLiteral("Keep the queue in FILE instead of the usual place."),
                                 QStringLiteral("FILE")};
    // For benchmarks (issue 5): the longest event-loop stall of a run, then quit.
    QCommandLineOption measureStalls{QStringLiteral("measure-stalls"),
                                     QStringLiteral("Measure event-loop stalls during the run, write them to FILE as "
                                                    "JSON when it ends, and quit."),
                                     QStringLiteral("FILE")};
};

void setApplicationNames()
{
    QCoreApplication::setOrganizationName(QStringLiteral("FramePool"));
    QCoreApplication::setApplicationName(QStringLiteral("framepool"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PROJECT_VERSION));
}

void describe(QCommandLineParser &parser, Options &options)
{
    parser.setApplicationDescription(QStringLiteral(
        "Analyses videos and image sets in parallel worker processes, with live progress.\n"
        "A PATH is a video file, a folder of images (an image set), or an image file.\n"
        "Without PATHs, the queue of the last session is restored."));
    parser.addHelpOption();
    parser.addVersionOption();
    options.measureStalls.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOptions({options.demo, options.run, options.runAll, options.queueFile, options.measureStalls});
    parser.addPositionalArgument(QStringLiteral("PATH"), QStringLiteral("Videos, image folders or images to queue."),
                                 QStringLiteral("[PATH...]"));
}

bool asksForHelpOrVersion(int argc, char **argv)
{
    static const QSet<QByteArray> flags{"-h", "--help", "--help-all", "-?", "-v", "--version"};
    for (int i = 1; i < argc; ++i)
        if (flags.contains(QByteArray(argv[i])))
            return true;
    return false;
}

// --help and --version are answered before the GUI exists, so that they work on a terminal
// without a display (QApplication aborts without one). Everything else is parsed after
// QApplication has taken its own options (-platform, -style, ...) out of the arguments.
void answerHelpOrVersion(int &argc, char **argv)
{
    QCoreApplication app(argc, argv);
    setApplicationNames();
    Options options;
    QCommandLineParser parser;
    describe(parser, options);
    parser.process(app); // prints and exits
}

} // namespace

int main(int argc, char *argv[])
{
    if (asksForHelpOrVersion(argc, argv))
        answerHelpOrVersion(argc, argv);

    QApplication app(argc, argv);
    setApplicationNames();
    fp::installTranslations(QLocale(), &app);
    QGuiApplication::setApplicationDisplayName(QStringLiteral("FramePool"));
    QGuiApplication::setDesktopFileName(QStringLiteral("framepool"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/framepool.png")));

    Options options;
    QCommandLineParser parser;
    describe(parser, options);
    parser.process(app);

    fp::MainWindow window;
    if (parser.isSet(options.queueFile))
        window.queueAutosave()->setFile(parser.value(options.queueFile));
    window.show();
    const QStringList paths = parser.positionalArguments();
    if (parser.isSet(options.demo))
        window.mediaIntake()->loadDemoSet();
    if (!paths.isEmpty())
        window.mediaIntake()->addPaths(paths);
    else if (!parser.isSet(options.demo))
        window.queueAutosave()->restoreWithNotice();
    if (!parser.isSet(options.demo) && paths.isEmpty()) {
        // After the window is up, so the question has a parent to sit on.
        QTimer::singleShot(0, window.mediaIntake(), &fp::MediaIntake::offerDemoSetOnFirstStart);
    }

    if (parser.isSet(options.measureStalls)) {
        auto *meter = new StallMeter(&window);
        const QString reportPath = parser.value(options.measureStalls);
        QObject::connect(window.engine(), &fp::Engine::runStarted, meter, &StallMeter::start,
                         Qt::SingleShotConnection);
        QObject::connect(window.engine(), &fp::Engine::runFinished, meter, [meter, reportPath, &window] {
            // A little longer, so that the window's own handling of the end of the run (the
            // last model flush, the timing panel, the queue save) is measured too.
            QTimer::singleShot(kStallTailMs, meter, [meter, reportPath, &window] {
                QString error;
                if (!meter->writeReport(reportPath, window.engine()->itemCount(), &error))
                    std::fprintf(stderr, "framepool: cannot write %s: %s\n", qPrintable(reportPath), qPrintable(error));
                QCoreApplication::quit();
            });
        });
    }
    if (parser.isSet(options.run) || parser.isSet(options.runAll) || parser.isSet(options.measureStalls)) {
        const bool everything = parser.isSet(options.runAll) || parser.isSet(options.measureStalls);
        const auto startRun = [&window, everything] {
            if (everything)
                window.action(fp::MainWindow::ActionId::RunParallel)->trigger();
            else
                window.runUnfinished();
            if (!window.isBusy()) {
                std::fprintf(stderr, everything ? "framepool: --run: nothing to run\n"
                                                : "framepool: --run: nothing to run (no items, or every item already has its result: --run-all runs them again)\n");
                // A measurement waits for a run's end: without a run it would wait forever.
                if (window.findChild<StallMeter *>())
                    QCoreApplication::exit(2);
            }
        };
        // The run takes the analysis the toolbar shows, which is the one saved from the last
        // session only once the worker has listed the analyses.
        fp::AnalysisChooser *analyses = window.runToolBar()->analysisCombo();
        if (analyses->isLoading())
            QObject::connect(analyses, &fp::AnalysisChooser::catalogLoaded, &window, startRun, Qt::SingleShotConnection);
        else
            QTimer::singleShot(0, &window, startRun);
    }
    return app.exec();
}
