#include "base/file.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace meridian {

Status ReplaceFile(const std::string& path, const std::function<bool(std::FILE*)>& write) {
  std::string tmp = path + ".tmp";
  std::FILE* f = std::fopen(tmp.c_str(), "wb");
  if (!f) return InternalError("cannot create " + tmp + ": " + std::strerror(errno));
  bool ok = write(f) && std::fflush(f) == 0 && ::fsync(::fileno(f)) == 0;
  ok = std::fclose(f) == 0 && ok;
  std::error_code ec;
  if (ok) std::filesystem::rename(tmp, path, ec);
  if (!ok || ec) {
    std::filesystem::remove(tmp, ec);
    return InternalError("cannot write " + path);
  }
  return OkStatus();
}

}  // namespace meridian
