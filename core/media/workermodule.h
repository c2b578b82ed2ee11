#pragma once

#include <QString>

namespace fp {

// Parts of the worker that only some tasks need are modules of their own, loaded by the first
// task that needs them: OpenCV's image codecs, for images other than plain JPEGs (they bring
// GDAL and some 110 more libraries), and the Python interpreter, for users' analyses. A worker
// starts without them: most of a worker's start is the dynamic linker binding its libraries.
//
// Module NAME is the file NAME.so in the folder framepool/ beside the worker's libraries,
// found from the folder of the running program: bin/../lib/<arch>/framepool/, in the build
// tree as installed. It exports `const void *framepool_module(int version)`
// (FRAMEPOOL_MODULE_ENTRY), which gives its table of functions if it was built for that
// version of the table, null otherwise.

// The table of module `name`, loaded once per process (from the thread that runs tasks), or
// null with the reason in `*error`: which file, and why it cannot be used. `global`: the
// symbols of its libraries are seen by libraries loaded after it (Python's extension modules
// need the interpreter's).
[[nodiscard]] const void *loadWorkerModule(const char *name, int version, bool global, QString *error);

// The same for a table type `Module`, which says its module's `name`, its `version` and
// whether the module is `global`.
template <class Module>
[[nodiscard]] const Module *workerModule(QString *error)
{
    return static_cast<const Module *>(loadWorkerModule(Module::name, Module::version, Module::global, error));
}

} // namespace fp

// In a module: its entry, which gives `table`, a `Module`, to a worker built for its version.
#define FRAMEPOOL_MODULE_ENTRY(Module, table)                                                   \
    extern "C" __attribute__((visibility("default"))) const void *framepool_module(int version) \
    {                                                                                           \
        return version == Module::version ? &(table) : nullptr;                                 \
    }
