// Replacing a file so that readers see the old contents or the new ones, never a mix.
#pragma once

#include <cstdio>
#include <functional>
#include <string>

#include "base/status.h"

namespace meridian {

// `write` fills a temporary file beside `path` (returning false on failure); the file is
// then flushed, synced and renamed over `path`. On any failure the temporary file is
// removed, `path` is left as it was, and the error names `path`.
Status ReplaceFile(const std::string& path, const std::function<bool(std::FILE*)>& write);

}  // namespace meridian
