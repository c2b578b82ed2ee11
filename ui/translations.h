#pragma once

#include <QLocale>

class QObject;

namespace fp {

// Installs FramePool's translation for `locale` (embedded as :/i18n/framepool_<lang>.qm) and
// Qt's own for its dialogs and buttons (Debian's qt6-translations-l10n, where installed).
// English plural forms ("1 item", "2 items") are installed under every language, so that a
// language without a translation still reads well. The translators are children of `owner`:
// deleting it uninstalls them. Returns whether FramePool has a translation for `locale`.
bool installTranslations(const QLocale &locale, QObject *owner);

// A built-in analysis's title, description or parameter help as the worker declares it (in
// English), in the user's language. A user script's own words come back as they are.
[[nodiscard]] QString translatedAnalysisText(const QString &workerText);

} // namespace fp
