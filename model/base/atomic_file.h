// Whole files: writing one so that it is either fully replaced or left as it was (the content
// goes to PATH.partial, which is renamed over PATH only when everything was written: a full
// disk, a writer that throws, or a killed process never leaves a half-written PATH), and
// reading one into memory.
// Thread-safety: free function.
#pragma once

#include <functional>
#include <ostream>
#include <string>

namespace unilearn {

// Calls `write` with a stream to the temporary file. Throws unilearn::Error (kIo) on any write
// failure, and rethrows whatever `write` throws; in both cases the temporary file is removed.
// A symbolic link is followed (its target is replaced, the link kept); a pipe or device that
// exists at `path` is written through directly.
void writeFileAtomically(const std::string& path, const std::function<void(std::ostream&)>& write,
                         bool binary = true);

// The whole file, bytes as they are. Throws unilearn::Error (kIo) "cannot read the WHAT 'PATH'"
// when it cannot be opened or read; `what` says what the file was meant to be ("training job").
std::string readFile(const std::string& path, const std::string& what);

}  // namespace unilearn
