// The desktop app driven as a person would: drops, buttons, actions. Runs the real worker.

#include "analysischooser.h"
#include "engine.h"
#include "itemmodel.h"
#include "itemview.h"
#include "launcherchoice.h"
#include "launchersettings.h"
#include "mainwindow.h"
#include "mediaintake.h"
#include "overallprogress.h"
#include "parametersdialog.h"
#include "progressdelegate.h"
#include "queueautosave.h"
#include "queuestore.h"
#include "reportexport.h"
#include "resultdetailsdialog.h"
#include "report.h"
#include "runtoolbar.h"
#include "settingsdialog.h"
#include "testmedia.h"
#include "timingpanel.h"
#include "whendone.h"

#include <QAbstractButton>
#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDockWidget>
#include <QMessageBox>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QProgressBar>
#include <QProcess>
#include <QPushButton>
#include <QSet>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableWidget>
#include <QTimer>
#include <QToolButton>
#include <QTemporaryDir>
#include <QTest>
#include <QSignalSpy>
#include <QUrl>

#include <memory>

#include <csignal>
#include <sys/types.h>

using namespace fp;
using RowStatus = ItemModel::RowStatus;
using ActionId = MainWindow::ActionId;

namespace {

// Whole runs with worker start-up: generous, never a timing assertion.
constexpr int kRunTimeoutMs = 60000;

QString cleanPath(const QString &path)
{
    return QFileInfo(path).absoluteFilePath();
}

QStringList rowNames(const ItemModel &model)
{
    QStringList names;
    for (int r = 0; r < model.rowCount(); ++r)
        names << model.path(r);
    return names;
}

int rowOf(const ItemModel &model, const QString &path)
{
    return int(rowNames(model).indexOf(cleanPath(path)));
}

bool writeText(const QString &path, const QByteArray &text)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(text) == text.size();
}

// The timing panel holds a comparison that does not compare, whose reason says `reason`, and
// shows no speed-up.
bool showsNoSpeedupBecause(const MainWindow &window, const QString &reason)
{
    const auto comparison = window.timingPanel()->comparison();
    const auto *speedup = window.timingPanel()->findChild<QLabel *>(QStringLiteral("speedupValue"));
    if (!comparison || !speedup || comparison->isValid() || !comparison->invalidReason().contains(reason)) {
        qWarning("comparison: %s", comparison ? qPrintable(comparison->invalidReason()) : "none");
        return false;
    }
    return speedup->text() == QStringLiteral("\u2014");
}

// Runs in "queue order" (a run setting) on `workers` workers.
void runInQueueOrder(MainWindow &window, int workers)
{
    RunSettings queueOrder;
    queueOrder.schedule = Schedule::QueueOrder;
    window.launcherChoice()->setRunSettings(queueOrder);
    window.runToolBar()->workerSpinBox()->setValue(workers);
}

// A user analysis as small as they come: one number per frame.
const QByteArray kMeanScript = "def analyze_frame(frame):\n    return float(frame.mean())\n";

QList<QueueEntry> loadQueue(const QString &file)
{
    QString error;
    const QList<QueueEntry> entries = QueueStore(file).load(&error);
    if (!error.isEmpty())
        qWarning("%s", qPrintable(error));
    return entries;
}


} // namespace

class TestGui : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();

    void dropAddsMediaAndRefusesText();
    void runParallelFinishesEveryRow();
    void compareFillsTimingPanel();
    void cancelAllStopsWorkersAndKeepsFinishedResults();
    void pauseAndResumeFinishTheRun();
    void exportWritesReportThatParses_data();
    void exportWritesReportThatParses();
    void modelStaysConsistentWhileRunning();
    void moveRowsKeepsTheirOrder_data();
    void moveRowsKeepsTheirOrder();
    void settingsSurviveRestart();
    void runClickedWhileAnalysesLoadTakesTheSavedOne();

    void queueSurvivesRestart();
    void runningItemComesBackInterrupted();
    void killedAppRestoresQueue();
    void runUnfinishedKeepsFinishedResults();
    void closeMidRunAsksStopsWorkersAndSavesQueue();
    void escapeAsksBeforeCancellingTheRun();
    void overallCountsOutcomesAndLeavesRemovedItemsOut();
    void overallBarKeepsItsWidthAsItsTextChanges();
    void exportIsDisabledUntilThereIsAReport();
    void helpAndVersionWorkWithoutADisplay_data();
    void helpAndVersionWorkWithoutADisplay();
    void settingsDialogRoundTripsLauncher();
    void slurmWithoutSrunFailsItemsClearly();
    void moveToTopRunsThatItemNext();
    void compareCutShortShowsNoSpeedup();
    void rowsAddedMidRunJoinIt();
    void compareThatGrewShowsNoSpeedup();
    void heldRowIsLeftOutOfTheRun();
    void heldRowStaysHeldAfterARestart();
    void holdAndReleaseMidRun();
    void finishRunningLeavesTheRestQueued();
    void whenDoneQuitClosesTheWindow();
    void truncatedClipShowsItsWarningInTheRow();
    void smallWindowKeepsQueueRowsInView();
    void settingsRoundTripIntoEngineOptions();
    void runToolBarFitsAt1400Pixels();

    void userScriptRunsEveryRow();
    void brokenScriptIsRefusedAndPreviousAnalysisStays();
    void parametersDialogRejectsBadBuiltInValue();
    void exportResultsWritesRowPerItem();
    void recentScriptsSurviveRestart();

private:
    enum class Analyses { Listed, Loading };
    // By default once the worker has listed the analyses, as a person sees the window.
    [[nodiscard]] std::unique_ptr<MainWindow> newWindow(Analyses analyses = Analyses::Listed) const;
    [[nodiscard]] static bool waitUntilIdle(const MainWindow &window);

    QTemporaryDir m_dir;
    QString m_clipA;
    QString m_clipB;
    QString m_images;
    QString m_tinyImages;
    QString m_longA;
    QString m_longB;
    QString m_notes;
    QString m_slow;
};

void TestGui::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // Settings go to the temporary folder, never to the person's own configuration.
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("FramePoolTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_gui"));
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.filePath(QStringLiteral("settings")));
    // No real sample media: the first-start offer must not depend on a build tree.
    qputenv("FRAMEPOOL_SAMPLES", m_dir.filePath(QStringLiteral("no-samples")).toLocal8Bit());

    m_clipA = m_dir.filePath(QStringLiteral("clip a.mkv"));
    m_clipB = m_dir.filePath(QStringLiteral("clip_b.mkv"));
    m_images = m_dir.filePath(QStringLiteral("photos"));
    m_tinyImages = m_dir.filePath(QStringLiteral("tiny"));
    m_longA = m_dir.filePath(QStringLiteral("long_a.mkv"));
    m_longB = m_dir.filePath(QStringLiteral("long_b.mkv"));
    m_notes = m_dir.filePath(QStringLiteral("notes.txt"));
    QVERIFY(testmedia::writeVideo(m_clipA, 30, 64, 48, testmedia::noise(1)));
    QVERIFY(testmedia::writeVideo(m_clipB, 20, 64, 48, testmedia::solid(200, 40, 10)));
    QCOMPARE(testmedia::writeImages(m_images, 6, 48, 32, testmedia::solid(10, 200, 30)).size(), 6);
    QCOMPARE(testmedia::writeImages(m_tinyImages, 2, 16, 16, testmedia::solid(0, 0, 255)).size(), 2);
    QVERIFY(testmedia::writeVideo(m_longA, 120, 160, 120, testmedia::noise(2)));
    QVERIFY(testmedia::writeVideo(m_longB, 120, 160, 120, testmedia::noise(3)));
    QFile notes(m_notes);
    QVERIFY(notes.open(QIODevice::WriteOnly));
    notes.write("not media\n");
}

void TestGui::init()
{
    QSettings().clear();
}

std::unique_ptr<MainWindow> TestGui::newWindow(Analyses analyses) const
{
    auto window = std::make_unique<MainWindow>();
    // Each test window keeps its queue apart from the others (and from a person's own).
    window->queueAutosave()->setFile(m_dir.filePath(QStringLiteral("queue-%1.json").arg(QTest::currentTestFunction())));
    window->show();
    if (analyses == Analyses::Listed
        && !QTest::qWaitFor([&window] { return !window->runToolBar()->analysisCombo()->isLoading(); }, kRunTimeoutMs))
        qWarning("the worker has not listed its analyses");
    return window;
}

bool TestGui::waitUntilIdle(const MainWindow &window)
{
    return QTest::qWaitFor([&window] { return !window.isBusy() && window.engine()->aliveWorkers() == 0; },
                           kRunTimeoutMs);
}

void TestGui::dropAddsMediaAndRefusesText()
{
    const auto window = newWindow();
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(m_clipA), QUrl::fromLocalFile(m_images), QUrl::fromLocalFile(m_notes)});
    // Onto the queue list, where a person drops: the list takes only its own rows, so the
    // files must reach the window.
    QWidget *target = window->view()->viewport();
    const QPoint pos = target->rect().center();

    QDragEnterEvent enter(pos, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(pos, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &drop);
    QVERIFY(drop.isAccepted());

    const ItemModel *model = window->model();
    QCOMPARE(model->rowCount(), 2);
    QCOMPARE(model->path(0), cleanPath(m_clipA));
    QCOMPARE(model->index(0, 0).data(ItemModel::KindRole).toInt(), int(StreamKind::Video));
    QCOMPARE(model->path(1), cleanPath(m_images));
    QCOMPARE(model->index(1, 0).data(ItemModel::KindRole).toInt(), int(StreamKind::Images));
    QCOMPARE(model->status(0), RowStatus::Idle);

    QCOMPARE(window->refusedPaths().size(), 1);
    QCOMPARE(window->refusedPaths().first().path, cleanPath(m_notes));
    QVERIFY2(window->refusedPaths().first().reason.contains(QLatin1String("plain text, not a video or image")),
             qPrintable(window->refusedPaths().first().reason));
    QVERIFY(window->statusBar()->currentMessage().contains(QLatin1String("notes.txt")));

    // The same files again: nothing new, each refused as a duplicate.
    QCOMPARE(window->mediaIntake()->addPaths({m_clipA}), 0);
    QCOMPARE(model->rowCount(), 2);
    QVERIFY(window->refusedPaths().first().reason.contains(QLatin1String("already")));
}

void TestGui::runParallelFinishesEveryRow()
{
    const auto window = newWindow();
    QCOMPARE(window->mediaIntake()->addPaths({m_clipA, m_clipB, m_images}), 3);
    window->runToolBar()->workerSpinBox()->setValue(2);
    QTest::mouseClick(window->runToolBar()->primaryButton(), Qt::LeftButton);
    QVERIFY(window->isBusy());

    const ItemModel *model = window->model();
    for (int row = 0; row < model->rowCount(); ++row)
        QTRY_COMPARE_WITH_TIMEOUT(model->status(row), RowStatus::Done, kRunTimeoutMs);
    QVERIFY(waitUntilIdle(*window));
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex index = model->index(row, ItemModel::Result);
        QCOMPARE(index.data(ItemModel::ProgressRole).toDouble(), 1.0);
        QVERIFY(index.data(ItemModel::ResultColorRole).value<QColor>().isValid());
        QVERIFY(!index.data(Qt::DisplayRole).toString().isEmpty());
    }
    // Solid frames have one colour: the swatch shows exactly it.
    QCOMPARE(model->index(1, 0).data(ItemModel::ResultColorRole).value<QColor>(), QColor(10, 40, 200));
    QVERIFY2(window->overallProgressText().contains(QLatin1String("3 of 3 done")),
             qPrintable(window->overallProgressText()));
}

void TestGui::compareFillsTimingPanel()
{
    const auto window = newWindow();
    window->mediaIntake()->addPaths({m_clipA, m_images});
    window->runToolBar()->workerSpinBox()->setValue(2);
    window->action(ActionId::Compare)->trigger();
    QVERIFY(window->isBusy());

    QTRY_VERIFY_WITH_TIMEOUT(!window->isBusy(), kRunTimeoutMs);
    const TimingReport report = window->timingPanel()->report();
    QVERIFY(report.serial);
    QVERIFY(report.parallel);
    QCOMPARE(report.serial->mode, RunMode::Serial);
    QCOMPARE(report.serial->workers, 1);
    QCOMPARE(report.parallel->workers, 2);
    QCOMPARE(report.serial->items.size(), 2);
    QCOMPARE(report.parallel->items.size(), 2);
    const auto comparison = report.comparison();
    QVERIFY(comparison);
    QVERIFY(comparison->speedup() > 0);
    for (int row = 0; row < window->model()->rowCount(); ++row)
        QTRY_COMPARE(window->model()->status(row), RowStatus::Done);
    QVERIFY(window->statusBar()->currentMessage().contains(QLatin1String("speed-up")));
}

void TestGui::cancelAllStopsWorkersAndKeepsFinishedResults()
{
    const auto window = newWindow();
    window->mediaIntake()->addPaths({m_tinyImages, m_longA, m_longB});
    window->setCancelConfirmation([] { return true; });
    Engine *engine = window->engine();
    // Cancel the moment the first item is delivered: the others cannot have finished yet,
    // whatever the speed of this machine.
    const auto cancelAfterFirst = connect(engine, &Engine::itemFinished, window.get(), [&window](int item) {
        if (item == 0)
            window->action(ActionId::CancelAll)->trigger();
    });
    window->action(ActionId::RunSerial)->trigger();
    QVERIFY(window->isBusy());

    QVERIFY(waitUntilIdle(*window));
    QTRY_COMPARE(engine->aliveWorkers(), 0);
    const ItemModel *model = window->model();
    QTRY_COMPARE(model->status(0), RowStatus::Done);
    QCOMPARE(model->index(0, 0).data(ItemModel::ResultColorRole).value<QColor>(), QColor(255, 0, 0));
    QCOMPARE(model->status(1), RowStatus::Cancelled);
    QCOMPARE(model->status(2), RowStatus::Cancelled);
    QVERIFY(window->action(ActionId::RetryFailed)->isEnabled());
    disconnect(cancelAfterFirst);

    // Retry runs just the cancelled rows; their results land in the same rows.
    window->action(ActionId::RetryFailed)->trigger();
    QVERIFY(window->isBusy());
    QCOMPARE(model->runItem(0), -1);
    QTRY_COMPARE_WITH_TIMEOUT(model->status(1), RowStatus::Done, kRunTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(model->status(2), RowStatus::Done, kRunTimeoutMs);
    QCOMPARE(model->status(0), RowStatus::Done);
    QVERIFY(waitUntilIdle(*window));
}

void TestGui::pauseAndResumeFinishTheRun()
{
    const auto window = newWindow();
    window->mediaIntake()->addPaths({m_longA, m_longB});
    Engine *engine = window->engine();
    QAction *pause = window->action(ActionId::PauseResume);
    const QString pauseText = pause->text();
    // Pause as soon as a worker is on an item, so the pause lands mid-run.
    connect(engine, &Engine::itemStarted, window.get(), [pause] { pause->trigger(); }, Qt::SingleShotConnection);
    window->action(ActionId::RunParallel)->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(engine->isPaused(), kRunTimeoutMs);
    QVERIFY(pause->text() != pauseText);
    QVERIFY(window->isBusy());
    // The item a worker was on says so, not "running".
    const ItemModel *model = window->model();
    QTRY_VERIFY(!model->rowsWithStatus(RowStatus::Paused).isEmpty());
    QVERIFY(model->rowsWithStatus(RowStatus::Running).isEmpty());
    const int pausedRow = model->rowsWithStatus(RowStatus::Paused).first();
    QCOMPARE(model->index(pausedRow, ItemModel::Status).data().toString(), QStringLiteral("paused"));
    QCOMPARE(window->overallProgress()->timeText(), QStringLiteral("paused"));

    pause->trigger();
    QVERIFY(!engine->isPaused());
    QCOMPARE(pause->text(), pauseText);
    QTRY_VERIFY(model->rowsWithStatus(RowStatus::Paused).isEmpty());
    QVERIFY(waitUntilIdle(*window));
    QCOMPARE(window->model()->status(0), RowStatus::Done);
    QCOMPARE(window->model()->status(1), RowStatus::Done);
}

void TestGui::exportWritesReportThatParses_data()
{
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<QByteArray>("mustContain");
    QTest::newRow("json") << QStringLiteral("report.json") << QByteArray("\"comparison\"");
    QTest::newRow("html") << QStringLiteral("report.html") << QByteArray("<svg");
    QTest::newRow("csv") << QStringLiteral("report.csv") << QByteArray("run,mode,path");
    QTest::newRow("pdf") << QStringLiteral("report.pdf") << QByteArray("%PDF");
}

void TestGui::exportWritesReportThatParses()
{
    QFETCH(QString, fileName);
    QFETCH(QByteArray, mustContain);
    const auto window = newWindow();
    const QString path = m_dir.filePath(fileName);
    QString error;
    QVERIFY(!window->reportExport()->writeReport(path, &error)); // nothing has run yet
    QVERIFY(!error.isEmpty());

    window->mediaIntake()->addPaths({m_tinyImages, m_clipB});
    window->action(ActionId::Compare)->trigger();
    QVERIFY(waitUntilIdle(*window));
    QVERIFY2(window->reportExport()->writeReport(path, &error), qPrintable(error));

    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray content = file.readAll();
    QVERIFY2(content.contains(mustContain), content.left(200).constData());
    if (fileName.endsWith(QLatin1String(".json"))) {
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(content, &parseError);
        QCOMPARE(parseError.error, QJsonParseError::NoError);
        QVERIFY(doc.object().value(QLatin1String("serial")).isObject());
        QVERIFY(doc.object().value(QLatin1String("parallel")).isObject());
        QVERIFY(doc.object().value(QLatin1String("comparison")).isObject());
    }
}

void TestGui::modelStaysConsistentWhileRunning()
{
    const auto window = newWindow();
    ItemModel *model = window->model();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);

    window->mediaIntake()->addPaths({m_clipA, m_clipB, m_images, m_longA});
    window->action(ActionId::RunParallel)->trigger();
    QVERIFY(window->isBusy());
    // Reorder and remove while progress streams in: updates must follow the rows.
    model->moveRowsTo({2}, 0);
    window->view()->selectionModel()->select(model->index(3, 0),
                                             QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    window->action(ActionId::Remove)->trigger();
    QCOMPARE(model->rowCount(), 3);
    QVERIFY(!rowNames(*model).contains(cleanPath(m_longA)));
    QVERIFY(model->moveRows({}, 2, 1, {}, 0));

    QVERIFY(waitUntilIdle(*window));
    for (int row = 0; row < model->rowCount(); ++row) {
        QTRY_COMPARE(model->status(row), RowStatus::Done);
        const int item = model->runItem(row);
        QVERIFY(item >= 0);
        QCOMPARE(window->engine()->item(item).path, model->path(row));
    }
    model->moveRowsTo({0}, model->rowCount());
    window->action(ActionId::Clear)->trigger();
    QCOMPARE(model->rowCount(), 0);
}

void TestGui::moveRowsKeepsTheirOrder_data()
{
    QTest::addColumn<QList<int>>("rows");
    QTest::addColumn<int>("destination");
    QTest::addColumn<QString>("expected");
    QTest::newRow("one to top") << QList<int>{3} << 0 << QStringLiteral("dabce");
    QTest::newRow("two to top") << QList<int>{1, 3} << 0 << QStringLiteral("bdace");
    QTest::newRow("two down") << QList<int>{0, 2} << 4 << QStringLiteral("bdace");
    QTest::newRow("around the destination") << QList<int>{0, 4} << 2 << QStringLiteral("baecd");
    QTest::newRow("to the end") << QList<int>{0} << 5 << QStringLiteral("bcdea");
    QTest::newRow("already in place") << QList<int>{1, 2} << 1 << QStringLiteral("abcde");
    QTest::newRow("unsorted input") << QList<int>{4, 1} << 0 << QStringLiteral("beacd");
}

void TestGui::moveRowsKeepsTheirOrder()
{
    QFETCH(QList<int>, rows);
    QFETCH(int, destination);
    QFETCH(QString, expected);
    Engine engine;
    ItemModel model(&engine);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QList<QPair<QString, StreamKind>> items;
    for (const QChar c : QStringLiteral("abcde"))
        items << qMakePair(QString(c), StreamKind::Video);
    QCOMPARE(model.addItems(items), 5);

    model.moveRowsTo(rows, destination);
    QCOMPARE(rowNames(model).join(QString()), expected);

    // The same move as a drag inside the view: it must not delete the dragged rows.
    ItemModel dragged(&engine);
    dragged.addItems(items);
    QModelIndexList indexes;
    for (int row : rows)
        indexes << dragged.index(row, 0);
    std::unique_ptr<QMimeData> mime(dragged.mimeData(indexes));
    dragged.dropMimeData(mime.get(), Qt::MoveAction, destination, 0, {});
    QCOMPARE(rowNames(dragged).join(QString()), expected);
}

void TestGui::settingsSurviveRestart()
{
    auto window = newWindow();
    const int workers = window->runToolBar()->workerSpinBox()->maximum();
    window->runToolBar()->workerSpinBox()->setValue(workers);
    QTRY_VERIFY(window->runToolBar()->analysisCombo()->isLoaded());
    window->runToolBar()->analysisCombo()->setCurrentIndex(window->runToolBar()->analysisCombo()->findData(QStringLiteral("brightness")));
    window->runToolBar()->orderCombo()->setCurrentIndex(window->runToolBar()->orderCombo()->findData(QStringLiteral("input")));
    window->resize(900, 700);
    QVERIFY(window->close());
    window.reset();

    window = newWindow(Analyses::Loading);
    QCOMPARE(window->runToolBar()->workerSpinBox()->value(), workers);
    // Until the worker has listed the analyses, the saved one is not chosen yet: options taken
    // then would carry the default, so they are refused and say why.
    QVERIFY(window->runToolBar()->analysisCombo()->isLoading());
    QString error;
    QVERIFY(!window->runToolBar()->engineOptions(RunMode::Completed, &error));
    QVERIFY2(error.contains(QLatin1String("loading")), qPrintable(error));
    QTRY_VERIFY(window->runToolBar()->analysisCombo()->isLoaded());
    QVERIFY(!window->runToolBar()->analysisCombo()->isLoading());
    QCOMPARE(window->runToolBar()->engineOptions(RunMode::Completed, &error)->analysis.name, QStringLiteral("brightness"));
    QCOMPARE(window->runToolBar()->analysisCombo()->currentData().toString(), QStringLiteral("brightness"));
    QCOMPARE(window->runToolBar()->orderCombo()->currentData().toString(), QStringLiteral("input"));
    QCOMPARE(window->size(), QSize(900, 700));
}

void TestGui::runClickedWhileAnalysesLoadTakesTheSavedOne()
{
    QSettings().setValue(QStringLiteral("run/analysis"), QStringLiteral("brightness"));
    const auto window = newWindow(Analyses::Loading);
    QCOMPARE(window->mediaIntake()->addPaths({m_clipA}), 1);
    QVERIFY(window->runToolBar()->analysisCombo()->isLoading());
    QTest::mouseClick(window->runToolBar()->primaryButton(), Qt::LeftButton);
    QVERIFY(!window->isBusy());
    QVERIFY(window->statusBar()->currentMessage().contains(QLatin1String("Loading the analyses")));
    // A second click while it waits starts no second run.
    QTest::mouseClick(window->runToolBar()->primaryButton(), Qt::LeftButton);
    QTRY_VERIFY(window->isBusy());
    QCOMPARE(window->engine()->options().analysis.name, QStringLiteral("brightness"));
    QTRY_COMPARE_WITH_TIMEOUT(window->model()->status(0), RowStatus::Done, kRunTimeoutMs);
    QVERIFY(waitUntilIdle(*window));
    // Brightness: a value per frame, no dominant colour.
    const QModelIndex result = window->model()->index(0, ItemModel::Result);
    QVERIFY(!result.data(ItemModel::SeriesRole).toList().isEmpty());
    QVERIFY(!result.data(ItemModel::ResultColorRole).value<QColor>().isValid());
}

void TestGui::queueSurvivesRestart()
{
    const QString queueFile = m_dir.filePath(QStringLiteral("restart-queue.json"));
    QFile::remove(queueFile);
    auto window = newWindow();
    window->queueAutosave()->setFile(queueFile);
    QCOMPARE(window->mediaIntake()->addPaths({m_clipB, m_images, m_clipA}), 3);
    window->action(ActionId::RunParallel)->trigger();
    QVERIFY(waitUntilIdle(*window));
    const ItemModel *model = window->model();
    QStringList texts;
    QList<QColor> colors;
    for (int row = 0; row < model->rowCount(); ++row) {
        QTRY_COMPARE(model->status(row), RowStatus::Done);
        texts << model->index(row, ItemModel::Result).data().toString();
        colors << model->index(row, 0).data(ItemModel::ResultColorRole).value<QColor>();
        // Which machine ran it: the worker says so in its hello.
        QVERIFY(!model->index(row, 0).data(ItemModel::HostRole).toStringList().isEmpty());
    }
    const QStringList paths = rowNames(*model);
    QVERIFY(window->close());
    window.reset();

    const QList<QueueEntry> saved = loadQueue(queueFile);
    QCOMPARE(saved.size(), 3);
    for (const QueueEntry &e : saved) {
        QCOMPARE(e.state, ItemState::Done);
        QVERIFY(!e.result.isEmpty());
        QVERIFY(e.frames > 0);
    }

    window = std::make_unique<MainWindow>();
    window->queueAutosave()->setFile(queueFile);
    QCOMPARE(window->queueAutosave()->restoreWithNotice(), 3);
    window->show();
    model = window->model();
    QCOMPARE(rowNames(*model), paths);
    for (int row = 0; row < model->rowCount(); ++row) {
        QCOMPARE(model->status(row), RowStatus::Done);
        QCOMPARE(model->index(row, ItemModel::Result).data().toString(), texts.at(row));
        QCOMPARE(model->index(row, 0).data(ItemModel::ResultColorRole).value<QColor>(), colors.at(row));
        QCOMPARE(model->index(row, 0).data(ItemModel::ProgressRole).toDouble(), 1.0);
    }
    QCOMPARE(model->index(0, 0).data(ItemModel::ResultColorRole).value<QColor>(), QColor(10, 40, 200));
    // A restored queue is not written back unchanged, and a second restore adds nothing.
    QCOMPARE(window->queueAutosave()->restoreWithNotice(), 0);
}

void TestGui::runningItemComesBackInterrupted()
{
    // What a killed app leaves behind: one item finished, one running, one not started.
    const QString queueFile = m_dir.filePath(QStringLiteral("killed-queue.json"));
    QueueEntry done;
    done.path = cleanPath(m_clipB);
    done.state = ItemState::Done;
    done.result = QJsonObject{{QStringLiteral("rgb"), QJsonArray{200, 40, 10}}, {QStringLiteral("hex"), QStringLiteral("#c8280a")}};
    done.summary = ResultSummary{QStringLiteral("#c8280a 40.00%"), {{QStringLiteral("#c8280a"), 1.0}}, {}};
    done.frames = 20;
    done.seconds = 0.5;
    QueueEntry running;
    running.path = cleanPath(m_clipA);
    running.state = ItemState::Running;
    running.frames = 12;
    QueueEntry queued;
    queued.path = cleanPath(m_images);
    queued.kind = StreamKind::Images;
    QString error;
    QVERIFY2(QueueStore(queueFile).save({done, running, queued}, &error), qPrintable(error));

    const auto window = newWindow();
    window->queueAutosave()->setFile(queueFile);
    QCOMPARE(window->queueAutosave()->restoreWithNotice(), 3);
    const ItemModel *model = window->model();
    QCOMPARE(model->status(0), RowStatus::Done);
    QCOMPARE(model->index(0, 0).data(ItemModel::ResultColorRole).value<QColor>(), QColor(200, 40, 10));
    QCOMPARE(model->status(1), RowStatus::Interrupted);
    QCOMPARE(model->index(1, ItemModel::Status).data().toString(), QStringLiteral("interrupted"));
    QVERIFY(model->index(1, ItemModel::Status).data(Qt::ToolTipRole).toString().contains(QLatin1String("interrupted")));
    QCOMPARE(model->status(2), RowStatus::Idle);
    QCOMPARE(model->index(2, 0).data(ItemModel::KindRole).toInt(), int(StreamKind::Images));
    QVERIFY(window->statusBar()->currentMessage().contains(QLatin1String("interrupted")));

    // Retry Failed takes the interrupted row (and only the rows that need it).
    QVERIFY(window->action(ActionId::RetryFailed)->isEnabled());
    window->action(ActionId::RetryFailed)->trigger();
    QVERIFY(window->isBusy());
    QCOMPARE(model->runItem(0), -1);
    QCOMPARE(model->runItem(2), -1);
    QVERIFY(waitUntilIdle(*window));
    QTRY_COMPARE(model->status(1), RowStatus::Done);
    QCOMPARE(model->status(0), RowStatus::Done);
    QCOMPARE(model->status(2), RowStatus::Idle);

    // The file follows: the re-run result is saved.
    const QList<QueueEntry> saved = loadQueue(queueFile);
    QCOMPARE(saved.size(), 3);
    QCOMPARE(saved.at(1).state, ItemState::Done);
    QVERIFY(!saved.at(1).result.isEmpty());
    QCOMPARE(saved.at(2).state, ItemState::Queued);
}

void TestGui::runUnfinishedKeepsFinishedResults()
{
    // What `framepool --queue-file Q --run` does after a crash: the finished row keeps its
    // result (one no decode of this clip gives), the others run.
    const QString queueFile = m_dir.filePath(QStringLiteral("unfinished-queue.json"));
    QueueEntry done;
    done.path = cleanPath(m_clipB);
    done.state = ItemState::Done;
    done.result = QJsonObject{{QStringLiteral("rgb"), QJsonArray{1, 2, 3}}, {QStringLiteral("hex"), QStringLiteral("#010203")}};
    done.frames = 20;
    QueueEntry interrupted = done;
    interrupted.path = cleanPath(m_clipA);
    interrupted.state = ItemState::Running;
    QueueEntry queued;
    queued.path = cleanPath(m_images);
    queued.kind = StreamKind::Images;
    QString error;
    QVERIFY2(QueueStore(queueFile).save({done, interrupted, queued}, &error), qPrintable(error));

    const auto window = newWindow();
    window->queueAutosave()->setFile(queueFile);
    QCOMPARE(window->queueAutosave()->restoreWithNotice(), 3);
    QVERIFY(window->runUnfinished());
    const ItemModel *model = window->model();
    QCOMPARE(model->runItem(0), -1);
    QVERIFY(model->runItem(1) >= 0);
    QVERIFY(model->runItem(2) >= 0);
    QVERIFY(waitUntilIdle(*window));
    QTRY_COMPARE(model->status(2), RowStatus::Done);
    QCOMPARE(model->status(1), RowStatus::Done);
    QCOMPARE(model->queueEntries().at(0).result, done.result);
    // Nothing left to run: it says so by refusing.
    QVERIFY(!window->runUnfinished());
}

void TestGui::killedAppRestoresQueue()
{
    const QString framepool = testmedia::binDir() + QStringLiteral("/framepool");
    if (!QFileInfo(framepool).isExecutable())
        QSKIP("the framepool binary is not built");
    const QString ffmpeg = QStandardPaths::findExecutable(QStringLiteral("ffmpeg"));
    if (ffmpeg.isEmpty())
        QSKIP("needs ffmpeg to make a video that cannot be split");
    if (m_slow.isEmpty()) {
        // One keyframe only, so the engine cannot split it across workers: it keeps one worker
        // busy for seconds while the short item finishes on the other, on any machine.
        m_slow = m_dir.filePath(QStringLiteral("slow.mkv"));
        QProcess encoder;
        encoder.start(ffmpeg, {QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-y"),
                               QStringLiteral("-f"), QStringLiteral("lavfi"),
                               QStringLiteral("-i"), QStringLiteral("testsrc2=size=640x480:rate=25"),
                               QStringLiteral("-frames:v"), QStringLiteral("3000"), QStringLiteral("-c:v"),
                               QStringLiteral("libx264"), QStringLiteral("-preset"), QStringLiteral("ultrafast"),
                               QStringLiteral("-x264-params"), QStringLiteral("keyint=100000:scenecut=0"), m_slow});
        QVERIFY(encoder.waitForFinished(kRunTimeoutMs));
        QVERIFY2(encoder.exitCode() == 0, encoder.readAllStandardError().constData());
    }
    const QString queueFile = m_dir.filePath(QStringLiteral("kill-queue.json"));
    QFile::remove(queueFile);

    QProcess app;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    // The app's own settings and data go to the test's folder.
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("app-config")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("app-data")));
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    app.setProcessEnvironment(env);
    app.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    app.start(framepool, {QStringLiteral("-platform"), QStringLiteral("offscreen"), QStringLiteral("--queue-file"),
                          queueFile, QStringLiteral("--run"), m_slow, m_tinyImages});
    QVERIFY2(app.waitForStarted(), qPrintable(app.errorString()));

    // Kill it the moment its queue file shows the short item finished.
    const auto oneDone = [&queueFile] {
        const QList<QueueEntry> entries = QueueStore(queueFile).load();
        return std::any_of(entries.begin(), entries.end(), [](const QueueEntry &e) { return e.state == ItemState::Done; });
    };
    QVERIFY(QTest::qWaitFor(oneDone, kRunTimeoutMs));
    const QList<qint64> workers = testmedia::childProcesses(app.processId()).pids;
    ::kill(pid_t(app.processId()), SIGKILL);
    QVERIFY(app.waitForFinished());
    QCOMPARE(app.exitStatus(), QProcess::CrashExit);

    // Its workers die with it (parent-death signal), and nothing else of it runs.
    QVERIFY(!workers.isEmpty());
    for (qint64 pid : workers)
        QTRY_VERIFY2_WITH_TIMEOUT(testmedia::processEnded(pid), qPrintable(QStringLiteral("worker %1 outlived the app").arg(pid)), 5000);

    const auto window = newWindow();
    window->queueAutosave()->setFile(queueFile);
    QCOMPARE(window->queueAutosave()->restoreWithNotice(), 2);
    const ItemModel *model = window->model();
    const int tiny = rowOf(*model, m_tinyImages);
    const int slow = rowOf(*model, m_slow);
    QVERIFY(tiny >= 0 && slow >= 0);
    QCOMPARE(model->status(tiny), RowStatus::Done);
    QCOMPARE(model->index(tiny, 0).data(ItemModel::ResultColorRole).value<QColor>(), QColor(255, 0, 0));
    if (model->status(slow) == RowStatus::Done)
        QSKIP("this machine finished the long video before the kill; nothing was interrupted");
    QCOMPARE(model->status(slow), RowStatus::Interrupted);
}

void TestGui::closeMidRunAsksStopsWorkersAndSavesQueue()
{
    const QString queueFile = m_dir.filePath(QStringLiteral("close-queue.json"));
    const auto window = newWindow();
    window->queueAutosave()->setFile(queueFile);
    int asked = 0;
    bool answer = false;
    window->setStopConfirmation([&asked, &answer] {
        ++asked;
        return answer;
    });
    window->mediaIntake()->addPaths({m_tinyImages, m_longA, m_longB, m_clipA});
    Engine *engine = window->engine();
    window->runToolBar()->workerSpinBox()->setValue(2);
    window->action(ActionId::RunSerial)->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(engine->aliveWorkers() > 0, kRunTimeoutMs);

    // "No": the window stays and the run goes on.
    QVERIFY(!window->close());
    QCOMPARE(asked, 1);
    QVERIFY(window->isVisible());
    QVERIFY(window->isBusy());

    // "Yes": the workers are stopped and the queue file holds nothing as running.
    answer = true;
    QVERIFY(window->close());
    QCOMPARE(asked, 2);
    QTRY_COMPARE_WITH_TIMEOUT(engine->aliveWorkers(), 0, 5000);
    QVERIFY(waitUntilIdle(*window));
    const QList<QueueEntry> saved = loadQueue(queueFile);
    QCOMPARE(saved.size(), 4);
    int cancelled = 0;
    for (const QueueEntry &e : saved) {
        QVERIFY2(e.state == ItemState::Done || e.state == ItemState::Cancelled,
                 qPrintable(e.path + QLatin1Char(' ') + itemStateName(e.state)));
        cancelled += e.state == ItemState::Cancelled;
    }
    QVERIFY(cancelled > 0);

    // Closing an idle window does not ask.
    QVERIFY(window->close());
    QCOMPARE(asked, 2);
}

void TestGui::escapeAsksBeforeCancellingTheRun()
{
    const auto window = newWindow();
    int asked = 0;
    bool answer = false;
    window->setCancelConfirmation([&asked, &answer] {
        ++asked;
        return answer;
    });
    window->mediaIntake()->addPaths({m_longA, m_longB});
    window->action(ActionId::RunSerial)->trigger();
    QVERIFY(QTest::qWaitForWindowActive(window.get()));
    QTRY_VERIFY_WITH_TIMEOUT(window->engine()->aliveWorkers() > 0, kRunTimeoutMs);

    // "No": the run goes on.
    QTest::keyClick(window->view(), Qt::Key_Escape);
    QCOMPARE(asked, 1);
    QVERIFY(window->isBusy());
    QVERIFY(window->model()->rowsWithStatus(RowStatus::Cancelled).isEmpty());

    // "Yes": everything not finished is cancelled.
    answer = true;
    QTest::keyClick(window->view(), Qt::Key_Escape);
    QCOMPARE(asked, 2);
    QVERIFY(waitUntilIdle(*window));
    QTRY_COMPARE(window->model()->status(1), RowStatus::Cancelled);

    // Idle: Esc has nothing to cancel and asks nothing.
    QTest::keyClick(window->view(), Qt::Key_Escape);
    QCOMPARE(asked, 2);
}

void TestGui::overallCountsOutcomesAndLeavesRemovedItemsOut()
{
    const auto window = newWindow();
    window->setCancelConfirmation([] { return true; });
    window->mediaIntake()->addPaths({m_tinyImages, m_longA, m_longB, m_clipA});
    ItemModel *model = window->model();
    const int removed = rowOf(*model, m_clipA);
    // When the first item is delivered: remove a queued row, then cancel the rest.
    connect(window->engine(), &Engine::itemFinished, window.get(), [&window, removed](int item) {
        if (item != 0)
            return;
        window->view()->setCurrentIndex(window->model()->index(removed, 0));
        window->action(ActionId::Remove)->trigger();
        window->action(ActionId::CancelAll)->trigger();
    });
    window->action(ActionId::RunSerial)->trigger();
    QVERIFY(waitUntilIdle(*window));

    QCOMPARE(model->rowCount(), 3);
    const RunProgress progress = model->runProgress();
    QCOMPARE(progress.done, 1);
    QCOMPARE(progress.cancelled, 2);
    QCOMPARE(progress.failed, 0);
    QCOMPARE(progress.remaining, 0);
    QCOMPARE(progress.total(), model->rowCount());
    const QString text = window->overallProgressText();
    QVERIFY2(text.contains(QLatin1String("1 of 3 done")) && text.contains(QLatin1String("2 cancelled")),
             qPrintable(text));
    QVERIFY2(!text.contains(QLatin1String("100%")), qPrintable(text));
}

void TestGui::overallBarKeepsItsWidthAsItsTextChanges()
{
    const auto window = newWindow();
    window->mediaIntake()->addPaths({m_longA, m_longB, m_clipA, m_images});
    window->runToolBar()->workerSpinBox()->setValue(2);
    QVERIFY(QTest::qWaitForWindowExposed(window.get()));
    const QProgressBar *bar = window->overallProgress()->bar();
    const int width = bar->width();
    QSet<QString> texts;
    QList<int> widths;
    const auto sample = [&] {
        texts.insert(window->overallProgress()->timeText());
        widths << bar->width();
    };
    connect(window->engine(), &Engine::itemProgress, window.get(), sample);
    window->action(ActionId::RunParallel)->trigger();
    QVERIFY(waitUntilIdle(*window));
    QCoreApplication::processEvents(); // the layout after the last text
    sample();
    QVERIFY2(texts.size() >= 2, qPrintable(QStringList(texts.values()).join(QLatin1String(" | "))));
    for (int w : std::as_const(widths))
        QCOMPARE(w, width);
}

void TestGui::exportIsDisabledUntilThereIsAReport()
{
    const auto window = newWindow();
    QAction *exportReport = window->action(ActionId::ExportReport);
    QVERIFY(!exportReport->isEnabled());
    window->mediaIntake()->addPaths({m_tinyImages});
    QVERIFY(!exportReport->isEnabled());
    window->action(ActionId::RunParallel)->trigger();
    QVERIFY(!exportReport->isEnabled());
    QVERIFY(waitUntilIdle(*window));
    QTRY_VERIFY(exportReport->isEnabled());
}

void TestGui::helpAndVersionWorkWithoutADisplay_data()
{
    QTest::addColumn<QString>("option");
    QTest::addColumn<QString>("expected");
    QTest::newRow("--help") << QStringLiteral("--help") << QStringLiteral("Usage:");
    QTest::newRow("-h") << QStringLiteral("-h") << QStringLiteral("--queue-file");
    QTest::newRow("--version") << QStringLiteral("--version") << QStringLiteral("framepool ");
}

void TestGui::helpAndVersionWorkWithoutADisplay()
{
    QFETCH(QString, option);
    QFETCH(QString, expected);
    QProcess app;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    // No display at all, and no platform override: QApplication would abort here.
    for (const char *name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
        env.remove(QString::fromLatin1(name));
    app.setProcessEnvironment(env);
    app.start(QDir(testmedia::binDir()).filePath(QStringLiteral("framepool")), {option});
    QVERIFY(app.waitForFinished(30000));
    const QString out = QString::fromLocal8Bit(app.readAllStandardOutput());
    QCOMPARE(app.exitStatus(), QProcess::NormalExit);
    QCOMPARE(app.exitCode(), 0);
    QVERIFY2(out.contains(expected), qPrintable(out + QString::fromLocal8Bit(app.readAllStandardError())));
}

void TestGui::settingsDialogRoundTripsLauncher()
{
    LauncherSettings initial;
    SettingsDialog dialog(initial);
    QCOMPARE(dialog.settings(), initial);
    QVERIFY(!dialog.testButton()->isEnabled()); // local: nothing to test

    dialog.launcherCombo()->setCurrentIndex(dialog.launcherCombo()->findData(QStringLiteral("slurm")));
    QVERIFY(dialog.testButton()->isEnabled());
    dialog.partitionEdit()->setText(QStringLiteral("gpu"));
    dialog.cpusPerTaskSpin()->setValue(4);
    dialog.timeEdit()->setText(QStringLiteral("1:00:00"));
    dialog.extraArgumentsEdit()->setText(QStringLiteral("--account=lab --comment \"two words\""));
    const LauncherSettings chosen = dialog.settings();
    QCOMPARE(chosen.kind, LauncherKind::Slurm);
    const SlurmOptions slurm = chosen.slurmOptions();
    QCOMPARE(slurm.partition, QStringLiteral("gpu"));
    QCOMPARE(slurm.cpusPerTask, 4);
    QCOMPARE(slurm.time, QStringLiteral("1:00:00"));
    QCOMPARE(slurm.extraArguments,
             (QStringList{QStringLiteral("--account=lab"), QStringLiteral("--comment"), QStringLiteral("two words")}));

    // "Test" asks off the GUI thread; without srun the answer is a clear no.
    qputenv("FRAMEPOOL_SRUN", m_dir.filePath(QStringLiteral("no-such-srun")).toLocal8Bit());
    QSignalSpy tested(&dialog, &SettingsDialog::testFinished);
    QTest::mouseClick(dialog.testButton(), Qt::LeftButton);
    QVERIFY(!dialog.testButton()->isEnabled());
    QVERIFY(tested.wait(35000));
    qunsetenv("FRAMEPOOL_SRUN");
    QCOMPARE(tested.first().at(0).toBool(), false);
    QVERIFY2(dialog.testResult().startsWith(QLatin1String("Not OK")), qPrintable(dialog.testResult()));
    QVERIFY(dialog.testButton()->isEnabled());

    // Applied in a window: saved, and read back by the next window.
    auto window = newWindow();
    QVERIFY(window->view()->isColumnHidden(ItemModel::Host));
    const int localMaximum = window->runToolBar()->workerSpinBox()->maximum();
    window->launcherChoice()->set(chosen);
    QVERIFY(window->runToolBar()->workerSpinBox()->maximum() > localMaximum);
    QCOMPARE(window->runToolBar()->workerSpinBox()->maximum(), 256);
    window->runToolBar()->workerSpinBox()->setValue(64);
    QVERIFY(!window->view()->isColumnHidden(ItemModel::Host));
    QVERIFY(window->close());
    window.reset();
    QCOMPARE(LauncherSettings::load(), chosen);
    window = newWindow();
    QCOMPARE(window->launcherChoice()->settings(), chosen);
    QCOMPARE(window->runToolBar()->workerSpinBox()->value(), 64);

    // And back to local: the worker limit follows the cores again.
    window->launcherChoice()->set(initial);
    QCOMPARE(window->runToolBar()->workerSpinBox()->maximum(), localMaximum);
    QCOMPARE(LauncherSettings::load(), initial);
}

void TestGui::slurmWithoutSrunFailsItemsClearly()
{
    qputenv("FRAMEPOOL_SRUN", m_dir.filePath(QStringLiteral("no-such-srun")).toLocal8Bit());
    const auto window = newWindow();
    LauncherSettings slurm;
    slurm.kind = LauncherKind::Slurm;
    window->launcherChoice()->set(slurm);
    window->mediaIntake()->addPaths({m_clipA, m_images});
    window->action(ActionId::RunParallel)->trigger();
    QVERIFY(window->isBusy());
    // A Slurm step cannot be paused by signalling srun.
    QVERIFY(!window->action(ActionId::PauseResume)->isEnabled());
    const bool idle = waitUntilIdle(*window);
    qunsetenv("FRAMEPOOL_SRUN");
    window->launcherChoice()->set({});
    QVERIFY(idle);

    const ItemModel *model = window->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        QTRY_COMPARE(model->status(row), RowStatus::Failed);
        const QString error = model->index(row, 0).data(ItemModel::ErrorRole).toString();
        QVERIFY2(error.contains(QLatin1String("no-such-srun")), qPrintable(error));
    }
    QVERIFY(window->action(ActionId::RetryFailed)->isEnabled());
}

void TestGui::userScriptRunsEveryRow()
{
    const QString script = m_dir.filePath(QStringLiteral("mean_value.py"));
    QVERIFY(writeText(script, kMeanScript));
    const auto window = newWindow();
    RunToolBar *bar = window->runToolBar();
    AnalysisChooser *chooser = bar->analysisCombo();
    QTRY_VERIFY(chooser->isLoaded());
    QVERIFY(!bar->editButton()->isEnabled());

    QSignalSpy checked(chooser, &AnalysisChooser::scriptChecked);
    chooser->chooseScript(script);
    QVERIFY(checked.wait(kRunTimeoutMs));
    QCOMPARE(chooser->currentData().toString(), cleanPath(script));
    QCOMPARE(chooser->currentText(), QStringLiteral("mean_value.py"));
    QCOMPARE(chooser->itemData(chooser->currentIndex(), Qt::ToolTipRole).toString(), cleanPath(script));
    QCOMPARE(chooser->currentAnalysis().script, cleanPath(script));
    QCOMPARE(AnalysisChooser::recentScripts(), QStringList{cleanPath(script)});
    QVERIFY(bar->editButton()->isEnabled());

    QCOMPARE(window->mediaIntake()->addPaths({m_clipB, m_tinyImages}), 2);
    window->action(ActionId::RunParallel)->trigger();
    const ItemModel *model = window->model();
    for (int row = 0; row < model->rowCount(); ++row)
        QTRY_COMPARE_WITH_TIMEOUT(model->status(row), RowStatus::Done, kRunTimeoutMs);
    QVERIFY(waitUntilIdle(*window));
    QCOMPARE(window->engine()->options().analysis.script, cleanPath(script));
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex index = model->index(row, ItemModel::Result);
        const QString text = index.data(ItemModel::ResultTextRole).toString();
        QVERIFY2(text.startsWith(QLatin1String("mean ")) && text.contains(QLatin1String(" values")), qPrintable(text));
        QVERIFY(!index.data(ItemModel::SeriesRole).toList().isEmpty());
    }
    // 20 solid frames, one number each.
    QVERIFY2(model->index(0, ItemModel::Result).data(ItemModel::ResultTextRole).toString().contains(QLatin1String("over 20 values")),
             qPrintable(model->index(0, ItemModel::Result).data(ItemModel::ResultTextRole).toString()));
    QCOMPARE(window->engine()->items().at(0).result.value(QStringLiteral("values")).toArray().size(), 20);

    // Double-clicking a row shows its whole result.
    const QModelIndex first = model->index(0, ItemModel::Name);
    window->view()->setCurrentIndex(first);
    Q_EMIT window->view()->doubleClicked(first);
    auto *details = window->findChild<ResultDetailsDialog *>();
    QVERIFY(details);
    QTRY_VERIFY(details->isVisible());
    const QJsonObject shown = QJsonDocument::fromJson(details->text().toUtf8()).object();
    QCOMPARE(shown, window->engine()->items().at(0).result);
    details->close();
}

void TestGui::brokenScriptIsRefusedAndPreviousAnalysisStays()
{
    const QString script = m_dir.filePath(QStringLiteral("broken.py"));
    QVERIFY(writeText(script, "import cv2\n\ndef analyze_frame(frame:\n    return 0\n"));
    const auto window = newWindow();
    AnalysisChooser *chooser = window->runToolBar()->analysisCombo();
    QTRY_VERIFY(chooser->isLoaded());
    chooser->setCurrentIndex(chooser->findData(QStringLiteral("brightness")));

    // The refusal is a modal dialog: read it and close it, as a person would.
    QString dialogText;
    QTimer answer;
    connect(&answer, &QTimer::timeout, this, [&] {
        if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
            dialogText = box->text();
            box->accept();
        }
    });
    answer.start(50);
    QSignalSpy refused(chooser, &AnalysisChooser::scriptRefused);
    chooser->chooseScript(script);
    QVERIFY(refused.wait(kRunTimeoutMs));
    QTRY_VERIFY(!dialogText.isEmpty());
    QVERIFY2(dialogText.contains(QLatin1String("broken.py")) && dialogText.contains(QLatin1String("line")),
             qPrintable(dialogText));
    QCOMPARE(chooser->currentData().toString(), QStringLiteral("brightness"));
    QCOMPARE(chooser->currentAnalysis().name, QStringLiteral("brightness"));
    QVERIFY(AnalysisChooser::recentScripts().isEmpty());
    QCOMPARE(chooser->findData(cleanPath(script)), -1);
}

void TestGui::parametersDialogRejectsBadBuiltInValue()
{
    const auto window = newWindow();
    AnalysisChooser *chooser = window->runToolBar()->analysisCombo();
    QTRY_VERIFY(chooser->isLoaded());
    chooser->setCurrentIndex(chooser->findData(QStringLiteral("motion")));
    const AnalysisInfo motion = chooser->currentAnalysis();
    QCOMPARE(motion.name, QStringLiteral("motion"));

    ParametersDialog dialog(motion, {});
    QTableWidget *table = dialog.table();
    const QList<QTableWidgetItem *> keys = table->findItems(QStringLiteral("threshold"), Qt::MatchExactly);
    QCOMPARE(keys.size(), 1);
    const int row = keys.first()->row();
    QCOMPARE(table->item(row, 1)->text(), motion.parameter(QStringLiteral("threshold"))->defaultValue.toVariant().toString());
    QVERIFY(!(table->item(row, 0)->flags() & Qt::ItemIsEditable));
    QVERIFY(!table->item(row, 0)->toolTip().isEmpty());

    table->item(row, 1)->setText(QStringLiteral("999"));
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    QVERIFY2(dialog.errorText().contains(QLatin1String("threshold")), qPrintable(dialog.errorText()));
    table->item(row, 1)->setText(QStringLiteral("40"));
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QVERIFY(dialog.assignments().contains(QStringLiteral("threshold=40")));

    // A bad remembered value stops the run before it starts, with the reason.
    ParametersDialog::store(QStringLiteral("motion"), {QStringLiteral("threshold=999")});
    QString error;
    QVERIFY(!window->runToolBar()->engineOptions(RunMode::Completed, &error));
    QVERIFY2(error.contains(QLatin1String("threshold")), qPrintable(error));
    ParametersDialog::store(QStringLiteral("motion"), {QStringLiteral("threshold=40")});
    const std::optional<EngineOptions> options = window->runToolBar()->engineOptions(RunMode::Completed, &error);
    QVERIFY(options);
    QCOMPARE(options->parameters.value(QStringLiteral("threshold")).toInt(), 40);
}

void TestGui::exportResultsWritesRowPerItem()
{
    const auto window = newWindow();
    QAction *exportResults = window->action(ActionId::ExportResults);
    QVERIFY(!exportResults->isEnabled());
    const QString path = m_dir.filePath(QStringLiteral("results.csv"));
    QString error;
    QVERIFY(!window->reportExport()->writeResults(path, &error));
    QVERIFY(!error.isEmpty());

    QTRY_VERIFY(window->runToolBar()->analysisCombo()->isLoaded());
    QCOMPARE(window->mediaIntake()->addPaths({m_clipA, m_clipB, m_tinyImages}), 3);
    window->action(ActionId::RunParallel)->trigger();
    QVERIFY(waitUntilIdle(*window));
    QTRY_VERIFY(exportResults->isEnabled());
    QVERIFY2(window->reportExport()->writeResults(path, &error), qPrintable(error));

    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
    QCOMPARE(lines.size(), 4); // header + one row per item
    QVERIFY2(lines.first().startsWith("path,kind,status,frames,error"), lines.first().constData());
    for (const QString &clip : {m_clipA, m_clipB, m_tinyImages}) {
        const auto row = std::find_if(lines.cbegin() + 1, lines.cend(),
                                      [&](const QByteArray &line) { return line.contains(QFileInfo(clip).fileName().toUtf8()); });
        QVERIFY2(row != lines.cend(), qPrintable(clip));
        QVERIFY(row->contains(",ok,"));
    }
}

void TestGui::recentScriptsSurviveRestart()
{
    QStringList scripts;
    for (const QString &name : {QStringLiteral("first.py"), QStringLiteral("second.py")}) {
        scripts << cleanPath(m_dir.filePath(name));
        QVERIFY(writeText(scripts.last(), kMeanScript));
    }
    auto window = newWindow();
    AnalysisChooser *chooser = window->runToolBar()->analysisCombo();
    QTRY_VERIFY(chooser->isLoaded());
    for (const QString &script : scripts) {
        QSignalSpy checked(chooser, &AnalysisChooser::scriptChecked);
        chooser->chooseScript(script);
        QVERIFY(checked.wait(kRunTimeoutMs));
    }
    QCOMPARE(AnalysisChooser::recentScripts(), (QStringList{scripts.at(1), scripts.at(0)}));
    QVERIFY(window->close());
    window.reset();

    window = newWindow();
    chooser = window->runToolBar()->analysisCombo();
    QTRY_VERIFY(chooser->isLoaded());
    for (const QString &script : scripts) {
        const int index = chooser->findData(script);
        QVERIFY(index > 0);
        QCOMPARE(chooser->itemText(index), QFileInfo(script).fileName());
    }
    // The last choice comes back, checked again by the worker.
    QCOMPARE(chooser->currentData().toString(), scripts.at(1));
    QTRY_VERIFY_WITH_TIMEOUT(!chooser->isCheckingScript(), kRunTimeoutMs);
    QCOMPARE(chooser->currentAnalysis().script, scripts.at(1));
}

void TestGui::moveToTopRunsThatItemNext()
{
    const auto window = newWindow();
    window->mediaIntake()->addPaths({m_tinyImages, m_clipA, m_clipB, m_images});
    runInQueueOrder(*window, 1);
    QList<int> started;
    connect(window->engine(), &Engine::itemStarted, window.get(), [&](int item) {
        started << item;
        // While the first row runs, the last row is moved to the top.
        if (started.size() == 1) {
            const int row = rowOf(*window->model(), m_images);
            window->view()->selectionModel()->select(window->model()->index(row, 0),
                                                     QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
            window->action(ActionId::MoveToTop)->trigger();
        }
    });
    window->action(ActionId::RunParallel)->trigger();
    QVERIFY(waitUntilIdle(*window));
    // Items are numbered in the order the rows had at the start: the photos (item 3) ran next.
    QCOMPARE(started, (QList<int>{0, 3, 1, 2}));
    QCOMPARE(window->model()->path(0), m_images);
}

void TestGui::compareCutShortShowsNoSpeedup()
{
    const auto window = newWindow();
    window->mediaIntake()->addPaths({m_tinyImages, m_longA, m_longB});
    // In queue order the tiny item starts first and is done while the last one still waits.
    runInQueueOrder(*window, 2);
    bool parallelPhase = false;
    connect(window->engine(), &Engine::runStarted, window.get(), [&](RunMode mode) {
        parallelPhase = mode != RunMode::Serial;
    });
    // In the parallel phase, the first delivery cancels the long item that waits for a worker.
    connect(window->engine(), &Engine::itemFinished, window.get(), [&](int item) {
        if (!parallelPhase || item != 0)
            return;
        window->view()->selectionModel()->select(window->model()->index(rowOf(*window->model(), m_longB), 0),
                                                 QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        window->action(ActionId::CancelSelected)->trigger();
    });
    window->action(ActionId::Compare)->trigger();
    QVERIFY(waitUntilIdle(*window));

    QVERIFY(showsNoSpeedupBecause(*window, QStringLiteral("partial run: 2 of 3 items completed")));
    QVERIFY(window->timingPanel()->modelText().contains(QLatin1String("partial run")));
    QVERIFY(!window->statusBar()->currentMessage().contains(QLatin1String("speed-up")));
}

namespace {

void selectRow(MainWindow &window, int row)
{
    window.view()->selectionModel()->select(window.model()->index(row, 0),
                                            QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

QString statusText(const ItemModel &model, int row)
{
    return model.index(row, ItemModel::Status).data().toString();
}

} // namespace

void TestGui::rowsAddedMidRunJoinIt()
{
    const auto window = newWindow();
    QAbstractItemModelTester tester(window->model());
    window->mediaIntake()->addPaths({m_longA});
    window->runToolBar()->workerSpinBox()->setValue(2);
    connect(window->engine(), &Engine::itemStarted, window.get(), [&](int item) {
        if (item == 0)
            window->mediaIntake()->addPaths({m_clipA, m_tinyImages});
    });
    window->action(ActionId::RunParallel)->trigger();
    QVERIFY(waitUntilIdle(*window));

    ItemModel *model = window->model();
    QCOMPARE(model->rowCount(), 3);
    QCOMPARE(window->engine()->itemCount(), 3);
    for (int row = 0; row < 3; ++row) {
        QCOMPARE(model->runItem(row), row);
        QTRY_COMPARE(model->status(row), RowStatus::Done);
    }
    QCOMPARE(window->engine()->timing().addedMidRunCount(), 2);
    const RunProgress progress = model->runProgress();
    QCOMPARE(progress.done, 3);
    QCOMPARE(progress.total(), 3);
}

void TestGui::compareThatGrewShowsNoSpeedup()
{
    const auto window = newWindow();
    window->mediaIntake()->addPaths({m_tinyImages, m_longA});
    window->runToolBar()->workerSpinBox()->setValue(2);
    connect(window->engine(), &Engine::itemStarted, window.get(), [&](int item) {
        if (item == 0 && window->engine()->options().mode == RunMode::Serial && window->model()->rowCount() == 2)
            window->mediaIntake()->addPaths({m_clipB});
    });
    window->action(ActionId::Compare)->trigger();
    QVERIFY(waitUntilIdle(*window));

    const auto comparison = window->timingPanel()->comparison();
    QVERIFY(comparison);
    QCOMPARE(comparison->serial.items.size(), 3);
    QCOMPARE(comparison->parallel.items.size(), 3);
    QCOMPARE(comparison->parallel.completedCount(), 3);
    QVERIFY(showsNoSpeedupBecause(*window, QStringLiteral("added while it ran")));
    QTRY_COMPARE(window->model()->status(2), RowStatus::Done);
}

void TestGui::heldRowIsLeftOutOfTheRun()
{
    const auto window = newWindow();
    QAction *hold = window->action(ActionId::Hold);
    QVERIFY(!hold->isEnabled()); // nothing selected
    window->mediaIntake()->addPaths({m_tinyImages, m_clipA, m_clipB});
    ItemModel *model = window->model();
    const int held = rowOf(*model, m_clipA);
    selectRow(*window, held);
    QVERIFY(hold->isEnabled());
    QVERIFY(!hold->isChecked());
    hold->trigger();
    QVERIFY(hold->isChecked());
    QCOMPARE(model->status(held), RowStatus::OnHold);
    QCOMPARE(statusText(*model, held), QStringLiteral("held"));

    window->action(ActionId::RunParallel)->trigger();
    QVERIFY(waitUntilIdle(*window));
    QCOMPARE(window->engine()->itemCount(), 2);
    QCOMPARE(model->runItem(held), -1);
    QCOMPARE(model->status(held), RowStatus::OnHold);
    QCOMPARE(model->rowsWithStatus(RowStatus::Done).size(), 2);

    // Released, it is ready for the next run; holding every row leaves nothing to run.
    hold->trigger();
    QVERIFY(!hold->isChecked());
    QCOMPARE(model->status(held), RowStatus::Idle);
    window->view()->selectAll();
    hold->trigger();
    QCOMPARE(model->rowsWithStatus(RowStatus::OnHold).size(), 3);
    window->action(ActionId::RunParallel)->trigger();
    QVERIFY(!window->isBusy());
    QVERIFY2(window->statusBar()->currentMessage().contains(QLatin1String("held")),
             qPrintable(window->statusBar()->currentMessage()));
}

void TestGui::heldRowStaysHeldAfterARestart()
{
    const QString queueFile = m_dir.filePath(QStringLiteral("held-restart-queue.json"));
    QStringList paths;
    {
        MainWindow window;
        window.queueAutosave()->setFile(queueFile);
        window.show();
        window.mediaIntake()->addPaths({m_tinyImages, m_clipA, m_clipB});
        selectRow(window, rowOf(*window.model(), m_clipA));
        window.action(ActionId::Hold)->trigger();
        paths = rowNames(*window.model());
        QVERIFY(window.close());
    }
    MainWindow window;
    window.queueAutosave()->setFile(queueFile);
    QCOMPARE(window.queueAutosave()->restoreWithNotice(), 3);
    window.show();
    ItemModel *model = window.model();
    QCOMPARE(rowNames(*model), paths);
    const int held = rowOf(*model, m_clipA);
    QCOMPARE(model->status(held), RowStatus::OnHold);
    QCOMPARE(statusText(*model, held), QStringLiteral("held"));
    QCOMPARE(model->rowsWithStatus(RowStatus::OnHold).size(), 1);
    selectRow(window, held);
    QVERIFY(window.action(ActionId::Hold)->isChecked());
    // Still left out of a run, as before the restart.
    QTRY_VERIFY(!window.runToolBar()->analysisCombo()->isLoading());
    window.action(ActionId::RunParallel)->trigger();
    QVERIFY(waitUntilIdle(window));
    QCOMPARE(window.engine()->itemCount(), 2);
    QCOMPARE(model->runItem(held), -1);
    QCOMPARE(model->status(held), RowStatus::OnHold);
}

void TestGui::holdAndReleaseMidRun()
{
    const auto window = newWindow();
    window->mediaIntake()->addPaths({m_longA, m_clipA, m_clipB});
    runInQueueOrder(*window, 1);
    ItemModel *model = window->model();
    QList<int> started;
    bool heldWhileOthersRan = false;
    connect(window->engine(), &Engine::itemStarted, window.get(), [&](int item) {
        started << item;
        if (item == 0) {
            // The running row cannot be held; the queued one can.
            selectRow(*window, 0);
            heldWhileOthersRan = !window->action(ActionId::Hold)->isEnabled();
            selectRow(*window, 1);
            window->action(ActionId::Hold)->trigger();
        } else if (item == 2) {
            heldWhileOthersRan = heldWhileOthersRan && model->status(1) == RowStatus::OnHold
                                 && statusText(*model, 1) == QLatin1String("held");
            selectRow(*window, 1);
            window->action(ActionId::Hold)->trigger(); // release: it runs after the one under way
        }
    });
    window->action(ActionId::RunParallel)->trigger();
    QVERIFY(waitUntilIdle(*window));
    QVERIFY(heldWhileOthersRan);
    QCOMPARE(started, (QList<int>{0, 2, 1}));
    for (int row = 0; row < 3; ++row)
        QTRY_COMPARE(model->status(row), RowStatus::Done);
}

void TestGui::finishRunningLeavesTheRestQueued()
{
    const auto window = newWindow();
    QAction *finish = window->action(ActionId::FinishRunning);
    QVERIFY(!finish->isEnabled());
    window->mediaIntake()->addPaths({m_longA, m_clipA, m_clipB});
    window->runToolBar()->workerSpinBox()->setValue(1);
    bool enabledWhileRunning = false;
    bool disabledOnceAsked = false;
    bool asked = false;
    connect(window->engine(), &Engine::itemStarted, window.get(), [&](int item) {
        if (item != 0 || asked)
            return;
        asked = true;
        enabledWhileRunning = finish->isEnabled();
        finish->trigger();
        disabledOnceAsked = !finish->isEnabled() && window->isBusy();
    });
    window->action(ActionId::RunSerial)->trigger();
    QVERIFY(waitUntilIdle(*window));
    QVERIFY(enabledWhileRunning);
    QVERIFY(disabledOnceAsked);
    QVERIFY(!finish->isEnabled());

    ItemModel *model = window->model();
    QTRY_COMPARE(model->status(0), RowStatus::Done);
    QCOMPARE(model->status(1), RowStatus::Queued);
    QCOMPARE(model->status(2), RowStatus::Queued);
    QVERIFY(model->rowsWithStatus(RowStatus::Cancelled).isEmpty());
    const QString message = window->statusBar()->currentMessage();
    QVERIFY2(message.contains(QLatin1String("1 ok")) && message.contains(QLatin1String("0 cancelled"))
                 && message.contains(QLatin1String("2 item")) && message.contains(QLatin1String("left queued")),
             qPrintable(message));
    const RunProgress progress = model->runProgress();
    QCOMPARE(progress.done, 1);
    QCOMPARE(progress.remaining, 2);
    QCOMPARE(progress.cancelled, 0);
    QVERIFY2(window->overallProgressText().contains(QLatin1String("2 left queued")), qPrintable(window->overallProgressText()));

    // Retry runs what was left.
    QVERIFY(window->action(ActionId::RetryFailed)->isEnabled());
    window->view()->clearSelection();
    window->action(ActionId::RetryFailed)->trigger();
    QCOMPARE(window->engine()->itemCount(), 2);
    QVERIFY(waitUntilIdle(*window));
    for (int row = 0; row < 3; ++row)
        QTRY_COMPARE(model->status(row), RowStatus::Done);
}

void TestGui::whenDoneQuitClosesTheWindow()
{
    const auto window = newWindow();
    window->whenDone()->setAction(WhenDone::Action::Quit);
    window->mediaIntake()->addPaths({m_tinyImages});
    window->action(ActionId::RunParallel)->trigger();
    QVERIFY(waitUntilIdle(*window));
    QTRY_VERIFY(!window->isVisible());
    // The queue was saved on the way out.
    const QList<QueueEntry> saved = loadQueue(window->queueAutosave()->file());
    QCOMPARE(saved.size(), 1);
    QCOMPARE(saved.first().state, ItemState::Done);
}

// The worker reads what is there of a cut file and warns that frames are missing: the item is
// done, and its row says so with the warning sign and the warning in its tooltip.
void TestGui::truncatedClipShowsItsWarningInTheRow()
{
    const QString whole = m_dir.filePath(QStringLiteral("whole.mkv"));
    const QString cut = m_dir.filePath(QStringLiteral("cut in half.mkv"));
    QVERIFY(testmedia::writeVideo(whole, 100, 64, 48, testmedia::noise(4)));
    QFile source(whole);
    QVERIFY(source.open(QIODevice::ReadOnly));
    const QByteArray bytes = source.readAll();
    QVERIFY(writeText(cut, bytes.left(bytes.size() / 2)));

    const auto window = newWindow();
    QCOMPARE(window->mediaIntake()->addPaths({m_clipB, cut}), 2);
    window->action(ActionId::RunParallel)->trigger();
    QVERIFY(waitUntilIdle(*window));
    const ItemModel *model = window->model();
    const int cutRow = rowOf(*model, cut);
    const int goodRow = rowOf(*model, m_clipB);
    QTRY_COMPARE(model->status(cutRow), RowStatus::Done);
    QCOMPARE(model->status(goodRow), RowStatus::Done);

    const QModelIndex status = model->index(cutRow, ItemModel::Status);
    const QStringList warnings = status.data(ItemModel::WarningsRole).toStringList();
    QVERIFY(!warnings.isEmpty());
    QVERIFY2(warnings.join(QLatin1Char('\n')).contains(QLatin1String("header declares 100")),
             qPrintable(warnings.join(QLatin1Char('\n'))));
    QCOMPARE(warnings, window->engine()->item(window->model()->runItem(cutRow)).warnings());
    QCOMPARE(status.data().toString(), QStringLiteral("done"));
    const QString toolTip = status.data(Qt::ToolTipRole).toString();
    QVERIFY2(toolTip.startsWith(QStringLiteral("done, with %1 warning").arg(warnings.size())), qPrintable(toolTip));
    QVERIFY(toolTip.contains(warnings.first()));
    QVERIFY(model->index(goodRow, ItemModel::Status).data(ItemModel::WarningsRole).toStringList().isEmpty());

    // The delegate reads the role: the warning sign beside "done", nothing beside a clean row.
    struct Probe : ProgressDelegate
    {
        using ProgressDelegate::initStyleOption;
    } delegate;
    QStyleOptionViewItem option;
    option.widget = window->view();
    delegate.initStyleOption(&option, status);
    QVERIFY(option.features & QStyleOptionViewItem::HasDecoration);
    QVERIFY(!option.icon.isNull());
    QStyleOptionViewItem clean;
    clean.widget = window->view();
    delegate.initStyleOption(&clean, model->index(goodRow, ItemModel::Status));
    QVERIFY(!(clean.features & QStyleOptionViewItem::HasDecoration));

    // The timing report carries it too.
    const QString report = m_dir.filePath(QStringLiteral("warned.json"));
    QString error;
    QVERIFY2(window->reportExport()->writeReport(report, &error), qPrintable(error));
    QFile file(report);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonArray items = QJsonDocument::fromJson(file.readAll())["parallel"]["items"].toArray();
    QCOMPARE(items.at(window->model()->runItem(cutRow))["warnings"].toArray().size(), warnings.size());
}

// However small the window (800 × 600 here) and however tall the timing dock was left, the
// queue keeps a few rows in view: the dock gives way.
void TestGui::smallWindowKeepsQueueRowsInView()
{
    const auto window = newWindow();
    QCOMPARE(window->mediaIntake()->addPaths({m_clipA, m_clipB, m_images, m_tinyImages, m_longA, m_longB}), 6);
    auto *timingDock = window->findChild<QDockWidget *>(QStringLiteral("timingDock"));
    QVERIFY(timingDock);
    window->resize(1280, 900);
    window->resizeDocks({timingDock}, {700}, Qt::Vertical);
    QVERIFY(QTest::qWaitForWindowExposed(window.get()));

    window->resize(800, 600);
    QTRY_COMPARE(window->size(), QSize(800, 600));
    const ItemView *view = window->view();
    const int rowPitch = view->rowPitch();
    QVERIFY(rowPitch > 0);
    QTRY_VERIFY2(view->viewport()->height() >= ItemView::kMinimumVisibleRows * rowPitch,
                 qPrintable(QStringLiteral("viewport %1 px, rows of %2 px").arg(view->viewport()->height()).arg(rowPitch)));
    // The rows are really there to see, not only the space for them.
    for (int row = 0; row < ItemView::kMinimumVisibleRows; ++row)
        QVERIFY(view->viewport()->rect().contains(view->visualRect(window->model()->index(row, 0))));
    QVERIFY(timingDock->isVisible());
    QVERIFY(timingDock->height() < 700);
}

// Every run option of framepool-cli is in Settings…: what is accepted there is saved, comes
// back in the next session and is what the engine runs with.
void TestGui::settingsRoundTripIntoEngineOptions()
{
    auto window = newWindow();
    window->action(ActionId::Settings)->trigger();
    auto *dialog = window->findChild<SettingsDialog *>();
    QVERIFY(dialog);
    QCOMPARE(dialog->runSettings(), RunSettings());
    dialog->scheduleCombo()->setCurrentIndex(dialog->scheduleCombo()->findText(QStringLiteral("queue order")));
    dialog->retriesSpin()->setValue(3);
    dialog->hangTimeoutSpin()->setValue(90);
    dialog->startTimeoutSpin()->setValue(45);
    dialog->memoryLimitSpin()->setValue(2048);
    dialog->threadsPerWorkerSpin()->setValue(2);
    dialog->chunkSizeSpin()->setValue(5);
    dialog->recursiveCheck()->setChecked(true);
    RunSettings chosen;
    chosen.schedule = Schedule::QueueOrder;
    chosen.maxRetries = 3;
    chosen.hangTimeoutSeconds = 90;
    chosen.startTimeoutSeconds = 45;
    chosen.memoryLimitMb = 2048;
    chosen.threadsPerWorker = 2;
    chosen.chunkSize = 5;
    chosen.recursive = true;
    QCOMPARE(dialog->runSettings(), chosen);
    dialog->accept();
    QCOMPARE(window->launcherChoice()->runSettings(), chosen);
    QVERIFY(window->close());
    window.reset();

    window = newWindow();
    QCOMPARE(window->launcherChoice()->runSettings(), chosen);
    window->action(ActionId::Settings)->trigger();
    auto *reopened = window->findChild<SettingsDialog *>();
    QVERIFY(reopened);
    QCOMPARE(reopened->runSettings(), chosen);
    QCOMPARE(reopened->memoryLimitSpin()->text(), QStringLiteral("2048 MiB"));
    reopened->reject();

    QCOMPARE(window->mediaIntake()->addPaths({m_tinyImages}), 1);
    window->action(ActionId::RunParallel)->trigger();
    QVERIFY(waitUntilIdle(*window));
    QCOMPARE(window->model()->status(0), RowStatus::Done);
    const EngineOptions &options = window->engine()->options();
    QCOMPARE(options.schedule, Schedule::QueueOrder);
    QCOMPARE(options.maxRetries, 3);
    QCOMPARE(options.hangTimeoutMs, 90000);
    QCOMPARE(options.startTimeoutMs, 45000);
    QCOMPARE(options.memoryLimitMb, 2048);
    QCOMPARE(options.threadsPerWorker, 2);
    QCOMPARE(options.chunkSize, 5);
    QVERIFY(options.recursive);

    // The special values mean the CLI's defaults.
    RunSettings automatic;
    EngineOptions defaults;
    automatic.applyTo(defaults);
    QCOMPARE(defaults.memoryLimitMb, EngineOptions{}.memoryLimitMb);
    QCOMPARE(defaults.startTimeoutMs, EngineOptions{}.startTimeoutMs);
    QCOMPARE(defaults.threadsPerWorker, EngineOptions{}.threadsPerWorker);
    QCOMPARE(defaults.hangTimeoutMs, EngineOptions{}.hangTimeoutMs);
}

// At 1,400 pixels every run control is on the toolbar, none in its overflow menu.
void TestGui::runToolBarFitsAt1400Pixels()
{
    const auto window = newWindow();
    window->resize(1400, 900);
    QVERIFY(QTest::qWaitForWindowExposed(window.get()));
    QTRY_COMPARE(window->width(), 1400);
    RunToolBar *bar = window->runToolBar();
    for (ActionId id : {ActionId::PauseResume, ActionId::CancelSelected, ActionId::CancelAll, ActionId::RetryFailed}) {
        QWidget *button = bar->widgetForAction(window->action(id));
        QVERIFY(button);
        QTRY_VERIFY2(button->isVisible(), qPrintable(window->action(id)->text()));
        QVERIFY(bar->rect().contains(button->geometry()));
    }
    auto *overflow = bar->findChild<QToolButton *>(QStringLiteral("qt_toolbar_ext_button"));
    QVERIFY(overflow);
    QVERIFY(!overflow->isVisible());
}

QTEST_MAIN(TestGui)
#include "tst_gui.moc"
