#pragma once

#include <QObject>

#include <array>

class QAction;
class QWidget;

namespace fp {

// The window's actions with their texts, icons, shortcuts and tips, in one table; the window
// connects them to what they do and decides when each is enabled.
class WindowActions : public QObject
{
    Q_OBJECT

public:
    enum class Id {
        AddFiles, AddFolder, RunParallel, RunSerial, Compare, PauseResume, CancelSelected,
        CancelAll, RetryFailed, Remove, Clear, MoveToTop, ViewLog, ShowDetails, ExportReport, ExportResults,
        Settings, About, Quit,
        Count
    };

    explicit WindowActions(QObject *parent);

    [[nodiscard]] QAction *get(Id id) const { return m_actions.at(size_t(id)); }
    // Pause or Resume, and why pausing is not offered when the launcher cannot pause.
    void showPaused(bool paused, bool canPause);
    // Help → About: what FramePool is, and its version.
    static void showAbout(QWidget *parent);

private:
    std::array<QAction *, size_t(Id::Count)> m_actions{};
};

} // namespace fp
