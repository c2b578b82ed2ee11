#pragma once

#include <QObject>
#include <QString>
#include <QStringList>

class QMainWindow;
class QMimeData;

namespace fp {

class ItemModel;
class RefusedNotice;

// How media enters the queue: paths checked one by one (refused with a visible reason, or
// added to the model), the Add Files and Add Folder dialogs, the demo set, and dropped files.
// Says what it did in the window's status bar and in the refused-items notice.
class MediaIntake : public QObject
{
    Q_OBJECT

public:
    MediaIntake(ItemModel *model, RefusedNotice *refusedNotice, QMainWindow *window);

    // Adds videos, image folders and images; refuses the rest with a visible reason.
    // Returns how many were added.
    int addPaths(const QStringList &paths);
    void addFiles();
    void addFolder();
    // Loads every entry of the sample media folder; false (with a message) if there is none.
    bool loadDemoSet();
    // On the very first start, asks whether to load the demo set.
    void offerDemoSetOnFirstStart();

    // True when a drag carries local files the window can take.
    [[nodiscard]] static bool carriesFiles(const QMimeData *mime);
    // Adds the local files a drop carries; false when it carries none.
    bool addDropped(const QMimeData *mime);

    // Where the file dialogs open; the window keeps it across sessions.
    [[nodiscard]] const QString &lastFolder() const { return m_lastFolder; }
    void setLastFolder(const QString &folder) { m_lastFolder = folder; }

private:
    ItemModel *m_model;
    RefusedNotice *m_refusedNotice;
    QMainWindow *m_window;
    QString m_lastFolder;
};

} // namespace fp
