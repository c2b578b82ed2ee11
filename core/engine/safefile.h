#pragma once

#include <QByteArray>
#include <QString>

namespace fp {

// Replaces the file at `path` with `content`, or leaves it exactly as it was. The bytes go to
// a temporary file beside it, every write and the final flush are checked (a full disk often
// shows only when the last buffered bytes are flushed), and only then is the temporary file
// renamed over the old one. On failure `error` says which file and why ("No space left on
// device"), and no temporary file is left behind.
[[nodiscard]] bool writeFileAtomically(const QString &path, const QByteArray &content, QString *error = nullptr);

// Whether a file could be created at `path` now: its folder exists and takes new files.
// Checked before a long run whose result goes there, so a typo fails at once, not at the end.
[[nodiscard]] bool canCreateFile(const QString &path, QString *error = nullptr);

} // namespace fp
