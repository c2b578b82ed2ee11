#include "workermodule.h"

#include "addressspace.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <map>
#include <string>

#include <dlfcn.h>
#include <unistd.h>

namespace fp {

namespace {

// The folder of the running program, whatever name or link it was started by.
QString programFolder()
{
    char path[4096];
    const ssize_t length = ::readlink("/proc/self/exe", path, sizeof path - 1);
    return length > 0 ? QFileInfo(QString::fromLocal8Bit(path, length)).absolutePath() : QString();
}

struct Loaded
{
    const void *table = nullptr;
    QString error;
};

Loaded load(const char *name, int version, bool global)
{
    Loaded loaded;
    const QString file = QDir::cleanPath(programFolder() + QStringLiteral("/" FRAMEPOOL_MODULE_DIR_FROM_BIN "/")
                                         + QString::fromLatin1(name) + QStringLiteral(".so"));
    void *handle = nullptr;
    loadBeyondAddressSpaceCap([&] {
        handle = ::dlopen(QFile::encodeName(file).constData(), RTLD_NOW | (global ? RTLD_GLOBAL : RTLD_LOCAL));
    });
    if (!handle) {
        // dlerror names the file and says what is wrong: missing, or a library it needs.
        loaded.error = QStringLiteral("cannot load FramePool's module %1: %2").arg(QString::fromLatin1(name), QString::fromLocal8Bit(::dlerror()));
        return loaded;
    }
    // Kept open: what it gave out (analyses, decoded images) lives as long as the process.
    using Entry = const void *(*)(int);
    const auto entry = reinterpret_cast<Entry>(::dlsym(handle, "framepool_module"));
    loaded.table = entry ? entry(version) : nullptr;
    if (!loaded.table)
        loaded.error = QStringLiteral("%1 is not the module %2 of this FramePool build (reinstall FramePool)").arg(file, QString::fromLatin1(name));
    return loaded;
}

} // namespace

const void *loadWorkerModule(const char *name, int version, bool global, QString *error)
{
    // A module that cannot be loaded is not tried again for every image.
    static std::map<std::string, Loaded> modules;
    auto known = modules.find(name);
    if (known == modules.end())
        known = modules.emplace(name, load(name, version, global)).first;
    if (!known->second.table)
        *error = known->second.error;
    return known->second.table;
}

} // namespace fp
