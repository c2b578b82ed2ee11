// The desktop app driven as a person would: drops, buttons, actions. Runs the real worker.

#include "engine.h"
#include "itemmodel.h"
#include "itemview.h"
#include "mainwindow.h"
#include "report.h"
#include "testmedia.h"
#include "timingpanel.h"

#include <QAbstractButton>
#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMimeData>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <memory>

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

private:
    [[nodiscard]] std::unique_ptr<MainWindow> newWindow() const;
    [[nodiscard]] static bool waitUntilIdle(const MainWindow &window);

    QTemporaryDir m_dir;
    QString m_clipA;
    QString m_clipB;
    QString m_images;
    QString m_tinyImages;
    QString m_longA;
    QString m_longB;
    QString m_notes;
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

std::unique_ptr<MainWindow> TestGui::newWindow() const
{
    auto window = std::make_unique<MainWindow>();
    window->show();
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
    QVERIFY2(window->refusedPaths().first().reason.contains(QLatin1String("unsupported")),
             qPrintable(window->refusedPaths().first().reason));
    QVERIFY(window->statusBar()->currentMessage().contains(QLatin1String("notes.txt")));

    // The same files again: nothing new, each refused as a duplicate.
    QCOMPARE(window->addPaths({m_clipA}), 0);
    QCOMPARE(model->rowCount(), 2);
    QVERIFY(window->refusedPaths().first().reason.contains(QLatin1String("already")));
}

void TestGui::runParallelFinishesEveryRow()
{
    const auto window = newWindow();
    QCOMPARE(window->addPaths({m_clipA, m_clipB, m_images}), 3);
    window->workerSpinBox()->setValue(2);
    QTest::mouseClick(window->runParallelButton(), Qt::LeftButton);
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
    QVERIFY2(window->overallProgressText().contains(QLatin1String("3 of 3")),
             qPrintable(window->overallProgressText()));
}

void TestGui::compareFillsTimingPanel()
{
    const auto window = newWindow();
    window->addPaths({m_clipA, m_images});
    window->workerSpinBox()->setValue(2);
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
    window->addPaths({m_tinyImages, m_longA, m_longB});
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
    window->addPaths({m_longA, m_longB});
    Engine *engine = window->engine();
    QAction *pause = window->action(ActionId::PauseResume);
    const QString pauseText = pause->text();
    // Pause as soon as a worker is on an item, so the pause lands mid-run.
    connect(engine, &Engine::itemStarted, window.get(), [pause] { pause->trigger(); }, Qt::SingleShotConnection);
    window->action(ActionId::RunParallel)->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(engine->isPaused(), kRunTimeoutMs);
    QVERIFY(pause->text() != pauseText);
    QVERIFY(window->isBusy());

    pause->trigger();
    QVERIFY(!engine->isPaused());
    QCOMPARE(pause->text(), pauseText);
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
    QVERIFY(!window->exportReport(path, &error)); // nothing has run yet
    QVERIFY(!error.isEmpty());

    window->addPaths({m_tinyImages, m_clipB});
    window->action(ActionId::Compare)->trigger();
    QVERIFY(waitUntilIdle(*window));
    QVERIFY2(window->exportReport(path, &error), qPrintable(error));

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

    window->addPaths({m_clipA, m_clipB, m_images, m_longA});
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
    const int workers = window->workerSpinBox()->maximum();
    window->workerSpinBox()->setValue(workers);
    window->analysisCombo()->setCurrentIndex(window->analysisCombo()->findData(QStringLiteral("brightness")));
    window->orderCombo()->setCurrentIndex(window->orderCombo()->findData(QStringLiteral("input")));
    window->resize(900, 700);
    QVERIFY(window->close());
    window.reset();

    window = newWindow();
    QCOMPARE(window->workerSpinBox()->value(), workers);
    QCOMPARE(window->analysisCombo()->currentData().toString(), QStringLiteral("brightness"));
    QCOMPARE(window->orderCombo()->currentData().toString(), QStringLiteral("input"));
    QCOMPARE(window->size(), QSize(900, 700));
}

QTEST_MAIN(TestGui)
#include "tst_gui.moc"
