#include "addressspace.h"

#include <algorithm>
#include <cstdio>

#include <sys/resource.h>
#include <unistd.h>

namespace fp {

namespace {

rlim_t mappedBytes()
{
    long pages = 0;
    if (std::FILE *statm = std::fopen("/proc/self/statm", "r")) {
        if (std::fscanf(statm, "%ld", &pages) != 1)
            pages = 0;
        std::fclose(statm);
    }
    return rlim_t(pages) * rlim_t(::sysconf(_SC_PAGESIZE));
}

void setSoftLimit(rlimit limit, rlim_t bytes)
{
    limit.rlim_cur = std::min(bytes, limit.rlim_max);
    if (::setrlimit(RLIMIT_AS, &limit) != 0)
        std::perror("framepool-worker: setrlimit(RLIMIT_AS)");
}

} // namespace

void capAddressSpaceBeyondNow(long megabytes)
{
    rlimit limit{};
    ::getrlimit(RLIMIT_AS, &limit);
    setSoftLimit(limit, mappedBytes() + rlim_t(megabytes) * 1024 * 1024);
}

void loadBeyondAddressSpaceCap(const std::function<void()> &load)
{
    rlimit limit{};
    ::getrlimit(RLIMIT_AS, &limit);
    const bool capped = limit.rlim_cur != RLIM_INFINITY;
    if (capped)
        setSoftLimit(limit, limit.rlim_max);
    const rlim_t before = mappedBytes();
    load();
    const rlim_t after = mappedBytes();
    if (capped)
        setSoftLimit(limit, limit.rlim_cur + (after > before ? after - before : 0));
}

} // namespace fp
