#pragma once

#include "runtypes.h"

#include <QString>

namespace fp {

// What a dropped or chosen path becomes in the queue, or why it is refused. Quick enough for
// the GUI thread: files are classified by name (fp::listStream decodes nothing) and a folder
// only until its first image.
struct PathCheck
{
    QString path; // absolute
    StreamKind kind = StreamKind::Video;
    QString refusal;

    [[nodiscard]] bool accepted() const { return refusal.isEmpty(); }
};

[[nodiscard]] PathCheck checkPath(const QString &path);

} // namespace fp
