// framepool: the desktop app. Everything it shows comes from the engine in core/.

#include "mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QTimer>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("FramePool"));
    QCoreApplication::setApplicationName(QStringLiteral("framepool"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PROJECT_VERSION));
    QGuiApplication::setApplicationDisplayName(QStringLiteral("FramePool"));
    QGuiApplication::setDesktopFileName(QStringLiteral("framepool"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/framepool.png")));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Analyses videos and image sets in parallel worker processes, with live progress.\n"
        "A PATH is a video file, a folder of images (an image set), or an image file."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption demo(QStringLiteral("demo"), QStringLiteral("Open with the bundled sample media."));
    parser.addOption(demo);
    parser.addPositionalArgument(QStringLiteral("PATH"), QStringLiteral("Videos, image folders or images to queue."),
                                 QStringLiteral("[PATH...]"));
    parser.process(app);

    fp::MainWindow window;
    window.show();
    const QStringList paths = parser.positionalArguments();
    if (parser.isSet(demo))
        window.loadDemoSet();
    if (!paths.isEmpty())
        window.addPaths(paths);
    if (!parser.isSet(demo) && paths.isEmpty()) {
        // After the window is up, so the question has a parent to sit on.
        QTimer::singleShot(0, &window, &fp::MainWindow::offerDemoSetOnFirstStart);
    }
    return app.exec();
}
