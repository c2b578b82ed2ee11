// The app in the user's language: started under LANG=zh_CN.UTF-8 (CTest sets it), the window
// speaks Simplified Chinese, and numbers and durations follow the locale.

#include "formatting.h"
#include "mainwindow.h"
#include "queueautosave.h"
#include "translations.h"

#include <QAction>
#include <QFile>
#include <QLibraryInfo>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <memory>

using namespace fp;

namespace {

bool hasChinese(const QString &text)
{
    return std::any_of(text.begin(), text.end(), [](QChar c) { return c.unicode() >= 0x4e00 && c.unicode() <= 0x9fff; });
}

QStringList menuTitles(const MainWindow &window)
{
    QStringList titles;
    for (const QAction *action : window.menuBar()->actions())
        titles << action->text();
    return titles;
}

} // namespace

class TestI18n : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void menuTitles_data();
    void menuTitles();
    void everyMenuEntryIsTranslated();
    void qtsOwnTextsAreTranslated();
    void durationsAndNumbersFollowTheLocale();
    // Last: it replaces the Chinese translation with the English plural forms.
    void englishPluralsUnderAnUntranslatedLanguage();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<QObject> m_translations = std::make_unique<QObject>();
    std::unique_ptr<MainWindow> m_window;
};

void TestI18n::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("FramePoolTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_i18n"));
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.filePath(QStringLiteral("settings")));
    qputenv("FRAMEPOOL_SAMPLES", m_dir.filePath(QStringLiteral("no-samples")).toLocal8Bit());

    // What the app does at start: the system locale, from LANG.
    QCOMPARE(QLocale().name(), QStringLiteral("zh_CN"));
    QVERIFY(installTranslations(QLocale(), m_translations.get()));
    m_window = std::make_unique<MainWindow>();
    m_window->queueAutosave()->setFile(m_dir.filePath(QStringLiteral("queue.json")));
    m_window->show();
}

void TestI18n::cleanupTestCase()
{
    m_window.reset();
}

void TestI18n::menuTitles_data()
{
    QTest::addColumn<QString>("title");
    QTest::newRow("File") << QStringLiteral("文件(&F)");
    QTest::newRow("Queue") << QStringLiteral("队列(&Q)");
    QTest::newRow("Run") << QStringLiteral("运行(&R)");
    QTest::newRow("Tools") << QStringLiteral("工具(&T)");
    QTest::newRow("View") << QStringLiteral("视图(&V)");
    QTest::newRow("Help") << QStringLiteral("帮助(&H)");
}

void TestI18n::menuTitles()
{
    QFETCH(QString, title);
    const QStringList titles = ::menuTitles(*m_window);
    QVERIFY2(titles.contains(title), qPrintable(titles.join(QLatin1String(" | "))));
}

void TestI18n::everyMenuEntryIsTranslated()
{
    // A string that missed tr() or its translation shows up here in English.
    int entries = 0;
    for (const QAction *menuAction : m_window->menuBar()->actions()) {
        QVERIFY2(hasChinese(menuAction->text()), qPrintable(menuAction->text()));
        for (const QAction *action : menuAction->menu()->actions()) {
            if (action->isSeparator())
                continue;
            ++entries;
            QVERIFY2(hasChinese(action->text()), qPrintable(menuAction->text() + QLatin1String(" > ") + action->text()));
            if (!action->toolTip().isEmpty() && action->toolTip() != action->text())
                QVERIFY2(hasChinese(action->toolTip()), qPrintable(action->toolTip()));
        }
    }
    QVERIFY(entries > 10);
}

void TestI18n::qtsOwnTextsAreTranslated()
{
    // Qt's own buttons and dialogs come from Debian's qt6-translations-l10n.
    const QString translationsPath = QLibraryInfo::path(QLibraryInfo::TranslationsPath);
    if (!QFile::exists(translationsPath + QLatin1String("/qtbase_zh_CN.qm")))
        QSKIP("qt6-translations-l10n is not installed: Qt's own texts stay in English");
    QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), QStringLiteral("取消"));
}

void TestI18n::durationsAndNumbersFollowTheLocale()
{
    QCOMPARE(formatDuration(7.3), QStringLiteral("7.3 秒"));
    QCOMPARE(formatDuration(3725), QStringLiteral("1:02:05"));
    QCOMPARE(QCoreApplication::translate("fp::TimingPanel", "%Ln frame(s)", nullptr, 12345),
             QStringLiteral("12,345 帧"));
}

void TestI18n::englishPluralsUnderAnUntranslatedLanguage()
{
    m_window.reset();
    m_translations.reset();
    QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
    QObject german;
    QVERIFY(!installTranslations(QLocale(), &german)); // FramePool has no German
    const auto items = [](int n) { return QCoreApplication::translate("fp::TimingPanel", "%Ln item(s)", nullptr, n); };
    QCOMPARE(items(1), QStringLiteral("1 item"));
    QCOMPARE(items(2), QStringLiteral("2 items"));
    QCOMPARE(items(1234), QStringLiteral("1.234 items"));
    QCOMPARE(formatDuration(7.3), QStringLiteral("7,3 s"));
}

QTEST_MAIN(TestI18n)
#include "tst_i18n.moc"
