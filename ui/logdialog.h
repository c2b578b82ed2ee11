#pragma once

#include <QDialog>

namespace fp {

// What a worker wrote while it analysed one item, read-only, in a fixed-width font.
class LogDialog : public QDialog
{
    Q_OBJECT

public:
    LogDialog(const QString &itemName, const QString &text, QWidget *parent = nullptr);

    // The text to show: the item's error first, then the end of a long log. `inLatestRun`
    // says whether the engine could have a log for the item at all.
    [[nodiscard]] static QString compose(const QString &log, const QString &error, bool inLatestRun);
    // Longer logs are cut from the front; the engine keeps at most 1 MiB per item anyway.
    static constexpr qsizetype kDisplayChars = 256 * 1024;
};

} // namespace fp
