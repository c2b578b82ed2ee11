#pragma once

#include <functional>

namespace fp {

// The worker's cap on its address space (RLIMIT_AS, --memory-limit-mb): what it has mapped to
// start, its libraries, plus what its work may take, so that a decompression bomb or a runaway
// script fails its own item instead of exhausting the machine. Only the soft limit is set, so
// that it can be set again.

// Caps the address space at what is mapped now plus `megabytes`: a small limit does not stop
// the worker from starting at all.
void capAddressSpaceBeyondNow(long megabytes);

// Runs `load` with the cap lifted, then puts it back raised by what `load` mapped: libraries
// loaded on first use (workermodule.h) are start-up too, not the work's memory.
void loadBeyondAddressSpaceCap(const std::function<void()> &load);

} // namespace fp
