#pragma once

#include <QString>
#include <QStringList>

namespace fp {

// The bundled demo media: $FRAMEPOOL_SAMPLES if set, else <program dir>/../samples (the build
// tree), else the installed share/framepool/samples (next to the program first, so an
// installed tree can move). Empty if none of them exists.
[[nodiscard]] QString sampleMediaDir();

// Every entry of that folder, sorted by name: files become items, subfolders image sets.
[[nodiscard]] QStringList sampleMediaPaths();

} // namespace fp
