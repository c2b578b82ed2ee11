#include "translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

#include <functional>

namespace fp {

namespace {

const QString kEmbedded = QStringLiteral(":/i18n");

// Installed translators are searched newest first, so the most specific one goes last.
bool install(QObject *owner, const std::function<bool(QTranslator &)> &load)
{
    auto *translator = new QTranslator(owner);
    if (!load(*translator)) {
        delete translator;
        return false;
    }
    QCoreApplication::installTranslator(translator);
    return true;
}

} // namespace

bool installTranslations(const QLocale &locale, QObject *owner)
{
    install(owner, [](QTranslator &t) { return t.load(QStringLiteral("framepool_en"), kEmbedded); });
    install(owner, [&locale](QTranslator &t) {
        return t.load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                      QLibraryInfo::path(QLibraryInfo::TranslationsPath));
    });
    return install(owner, [&locale](QTranslator &t) {
        return t.load(locale, QStringLiteral("framepool"), QStringLiteral("_"), kEmbedded);
    });
}

QString translatedAnalysisText(const QString &workerText)
{
    return QCoreApplication::translate("AnalysisInfo", workerText.toUtf8().constData());
}

} // namespace fp
