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
  // The first failing step's errno says why (a full disk, an I/O error); the old file, if
  // any, stays as it was.
  int err = 0;
  const char* step = "write";
  bool ok = write(f) && std::fflush(f) == 0;
  if (!ok) err = errno;
  if (ok && ::fsync(::fileno(f)) != 0) {
    ok = false;
    err = errno;
    step = "sync";
  }
  if (std::fclose(f) != 0 && ok) {
    ok = false;
    err = errno;
  }
  std::error_code ec;
  if (ok) std::filesystem::rename(tmp, path, ec);
  if (!ok || ec) {
    std::error_code ignored;
    std::filesystem::remove(tmp, ignored);
    std::string why = ec ? ec.message() : (err ? std::strerror(err) : "the writer failed");
    Status s = InternalError("cannot " + std::string(ok ? "rename onto" : step) + " " + path +
                             ": " + why + " (the previous file, if any, is unchanged)");
    if (err == ENOSPC || err == EDQUOT) return StorageFullError(s.message());
    if (err == EIO) return UnavailableError(s.message());
    return s;
  }
  return OkStatus();
}

}  // namespace meridian
