#include "cpubudget.h"

#include <atomic>

#include <unistd.h>

namespace {

std::atomic<long> reportedProcessors{0};

} // namespace

namespace fp {

void setReportedProcessorCount(int processors)
{
    reportedProcessors.store(processors > 0 ? processors : 0, std::memory_order_relaxed);
}

} // namespace fp

#if defined(__GLIBC__)
// glibc's sysconf under its internal name, which our definition below does not replace.
extern "C" long __sysconf(int name);

extern "C" long sysconf(int name) noexcept
{
    if (name == _SC_NPROCESSORS_ONLN) {
        if (const long processors = reportedProcessors.load(std::memory_order_relaxed); processors > 0)
            return processors;
    }
    return __sysconf(name);
}
#endif
