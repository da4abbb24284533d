#include "base/memory.h"

#include <unistd.h>

#include <cstdio>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace meridian {

HeapStats ReadHeapStats() {
  HeapStats s;
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 33))
  struct mallinfo2 m = ::mallinfo2();
  s.in_use_bytes = m.uordblks + m.hblkhd;  // in arenas + mmapped chunks
  s.free_held_bytes = m.fordblks;
#endif
  return s;
}

uint64_t ResidentBytes() {
  std::FILE* f = std::fopen("/proc/self/statm", "r");
  if (!f) return 0;
  unsigned long long size = 0, resident = 0;
  const int read = std::fscanf(f, "%llu %llu", &size, &resident);
  std::fclose(f);
  if (read != 2) return 0;
  const long page = ::sysconf(_SC_PAGESIZE);
  return page > 0 ? resident * static_cast<uint64_t>(page) : 0;
}

void ReleaseFreeMemory() {
#if defined(__GLIBC__)
  ::malloc_trim(0);
#endif
}

MemoryReleaser::MemoryReleaser(MemoryReleaserOptions options) : options_(options) {}

MemoryReleaser::~MemoryReleaser() {
  Stop();
}

void MemoryReleaser::Start() {
  std::lock_guard lock(mu_);
  if (thread_.joinable() || stopping_) return;
  thread_ = std::thread([this] {
    std::unique_lock held(mu_);
    while (!cv_.wait_for(held, options_.interval, [&] { return stopping_; })) {
      held.unlock();
      ReleaseNow();
      held.lock();
    }
  });
}

void MemoryReleaser::Stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void MemoryReleaser::ReleaseNow() {
  const uint64_t before = ResidentBytes();
  const auto start = std::chrono::steady_clock::now();
  ReleaseFreeMemory();
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
  const uint64_t after = ResidentBytes();
  std::lock_guard lock(mu_);
  ++stats_.releases;
  stats_.seconds += took.count();
  if (before > after) stats_.released_bytes += before - after;
}

MemoryReleaserStats MemoryReleaser::stats() const {
  std::lock_guard lock(mu_);
  return stats_;
}

}  // namespace meridian
