/* File-system fault injection for the integration tests (issue 10), loaded with LD_PRELOAD
 * into a `meridian` process. While the file named by MERIDIAN_FAULT_SWITCH exists, calls on
 * files whose path contains MERIDIAN_FAULT_PATH fail:
 *   MERIDIAN_FAULT_WRITE=ENOSPC|EIO   write, pwrite, pwrite64, writev fail with that errno
 *                                     (the disk is full; the device reports an error)
 *   MERIDIAN_FAULT_FSYNC=EIO          fsync and fdatasync fail with EIO
 * Without the switch file every call goes through, so a test can let the process start,
 * turn the fault on, and turn it off again ("space freed"). Calls that are not on a matching
 * file are never touched. Test-only: the product never loads this. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

static int errno_named(const char* name) {
  if (!name) return 0;
  if (strcmp(name, "ENOSPC") == 0) return ENOSPC;
  if (strcmp(name, "EIO") == 0) return EIO;
  if (strcmp(name, "EDQUOT") == 0) return EDQUOT;
  return 0;
}

/* The errno to fail with for `fd` under rule `rule_env`, or 0 to let the call through. */
static int fault_for(int fd, const char* rule_env) {
  int err = errno_named(getenv(rule_env));
  if (err == 0) return 0;
  const char* sw = getenv("MERIDIAN_FAULT_SWITCH");
  const char* part = getenv("MERIDIAN_FAULT_PATH");
  if (!sw || !part) return 0;
  struct stat st;
  if (stat(sw, &st) != 0) return 0;
  char link[64], path[PATH_MAX];
  snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
  ssize_t n = readlink(link, path, sizeof path - 1);
  if (n <= 0) return 0;
  path[n] = '\0';
  return strstr(path, part) ? err : 0;
}

#define REAL(name)                         \
  static __typeof__(&name) real_##name; \
  if (!real_##name) real_##name = (__typeof__(&name))dlsym(RTLD_NEXT, #name)

ssize_t write(int fd, const void* buf, size_t count) {
  REAL(write);
  int err = fault_for(fd, "MERIDIAN_FAULT_WRITE");
  if (err) {
    errno = err;
    return -1;
  }
  return real_write(fd, buf, count);
}

ssize_t pwrite(int fd, const void* buf, size_t count, off_t offset) {
  REAL(pwrite);
  int err = fault_for(fd, "MERIDIAN_FAULT_WRITE");
  if (err) {
    errno = err;
    return -1;
  }
  return real_pwrite(fd, buf, count, offset);
}

ssize_t pwrite64(int fd, const void* buf, size_t count, off64_t offset) {
  REAL(pwrite64);
  int err = fault_for(fd, "MERIDIAN_FAULT_WRITE");
  if (err) {
    errno = err;
    return -1;
  }
  return real_pwrite64(fd, buf, count, offset);
}

ssize_t writev(int fd, const struct iovec* iov, int iovcnt) {
  REAL(writev);
  int err = fault_for(fd, "MERIDIAN_FAULT_WRITE");
  if (err) {
    errno = err;
    return -1;
  }
  return real_writev(fd, iov, iovcnt);
}

int fsync(int fd) {
  REAL(fsync);
  int err = fault_for(fd, "MERIDIAN_FAULT_FSYNC");
  if (err) {
    errno = err;
    return -1;
  }
  return real_fsync(fd);
}

int fdatasync(int fd) {
  REAL(fdatasync);
  int err = fault_for(fd, "MERIDIAN_FAULT_FSYNC");
  if (err) {
    errno = err;
    return -1;
  }
  return real_fdatasync(fd);
}
