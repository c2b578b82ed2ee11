#pragma once

#include "engine.h"

namespace fp {

// How the GUI's runs behave beyond the Run toolbar's fields: the same choices as
// framepool-cli's run options (--retries, --hang-timeout, --start-timeout, --memory-limit-mb,
// --threads-per-worker, --chunk-size, --recursive) and the schedule. Kept in QSettings; Settings…
// edits them, and every run starts with them (applyTo).
struct RunSettings
{
    Schedule schedule = Schedule::FastestFinish;
    int maxRetries = EngineOptions{}.maxRetries;
    int hangTimeoutSeconds = EngineOptions{}.hangTimeoutMs / 1000;
    int startTimeoutSeconds = 0; // 0: the launcher's default, else the hang timeout
    int memoryLimitMb = -1;      // -1: automatic (RAM ÷ workers); 0: no limit
    int threadsPerWorker = 0;    // 0: usable cores ÷ workers
    int chunkSize = 0;           // 0: automatic
    bool recursive = false;

    // Sets the options these settings stand for; the rest of `options` stays.
    void applyTo(EngineOptions &options) const;

    [[nodiscard]] static RunSettings load();
    void save() const;

    [[nodiscard]] bool operator==(const RunSettings &other) const;
    [[nodiscard]] bool operator!=(const RunSettings &other) const { return !(*this == other); }
};

} // namespace fp
