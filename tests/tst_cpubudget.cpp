// The processor count a worker reports to its libraries caps FFmpeg's decoding threads, which
// OpenCV 4.6 otherwise sizes from the machine's processor count (cpubudget.h).

#include "cpubudget.h"

#include <QDir>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <opencv2/videoio.hpp>

#include <sys/sysinfo.h>
#include <unistd.h>

namespace {

int threadsOfThisProcess()
{
    return int(QDir(QStringLiteral("/proc/self/task")).entryList(QDir::Dirs | QDir::NoDotAndDotDot).size());
}

} // namespace

class TestCpuBudget : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void sysconfReportsTheBudget();
    void decoderThreadsFollowTheBudget_data();
    void decoderThreadsFollowTheBudget();

private:
    QTemporaryDir m_dir;
    QString m_clip;
};

void TestCpuBudget::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // H.264, whose FFmpeg decoder runs one thread per processor it is told about.
    m_clip = m_dir.filePath(QStringLiteral("h264.mp4"));
    QProcess ffmpeg;
    ffmpeg.start(QStringLiteral("ffmpeg"),
                 {QStringLiteral("-loglevel"), QStringLiteral("error"), QStringLiteral("-y"), QStringLiteral("-f"),
                  QStringLiteral("lavfi"), QStringLiteral("-i"), QStringLiteral("testsrc2=size=160x120:rate=25"),
                  QStringLiteral("-t"), QStringLiteral("2"), QStringLiteral("-c:v"), QStringLiteral("libx264"),
                  QStringLiteral("-pix_fmt"), QStringLiteral("yuv420p"), m_clip});
    QVERIFY(ffmpeg.waitForFinished(60000));
    QCOMPARE(ffmpeg.exitCode(), 0);
}

void TestCpuBudget::cleanup()
{
    fp::setReportedProcessorCount(0);
}

void TestCpuBudget::sysconfReportsTheBudget()
{
    const long real = get_nprocs();
    QCOMPARE(sysconf(_SC_NPROCESSORS_ONLN), real);
    fp::setReportedProcessorCount(3);
    QCOMPARE(sysconf(_SC_NPROCESSORS_ONLN), 3L);
    QCOMPARE(sysconf(_SC_NPROCESSORS_CONF), long(get_nprocs_conf())); // other queries pass through
    QVERIFY(sysconf(_SC_PAGESIZE) > 0);
    fp::setReportedProcessorCount(0);
    QCOMPARE(sysconf(_SC_NPROCESSORS_ONLN), real);
}

void TestCpuBudget::decoderThreadsFollowTheBudget_data()
{
    QTest::addColumn<int>("processors");
    QTest::addColumn<int>("decoderThreads");

    QTest::newRow("one: decodes on the calling thread") << 1 << 0;
    QTest::newRow("two") << 2 << 2;
    QTest::newRow("four, more than this machine may have") << 4 << 4;
}

void TestCpuBudget::decoderThreadsFollowTheBudget()
{
    QFETCH(int, processors);
    QFETCH(int, decoderThreads);

    fp::setReportedProcessorCount(processors);
    const int before = threadsOfThisProcess();
    cv::VideoCapture capture(m_clip.toStdString(), cv::CAP_FFMPEG);
    QVERIFY(capture.isOpened());
    cv::Mat frame;
    QVERIFY(capture.read(frame));
    QCOMPARE(threadsOfThisProcess() - before, decoderThreads);
}

QTEST_GUILESS_MAIN(TestCpuBudget)
#include "tst_cpubudget.moc"
