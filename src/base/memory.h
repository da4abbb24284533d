// The process's memory as the allocator sees it, and handing free memory back to the system.
//
// glibc's malloc keeps memory that was freed in its arenas (one per thread that allocates,
// up to 8 per core) and returns it to the system only from the top of a heap. A server that
// keeps building and dropping large structures (retrained models, rebuilt indexes, whole
// event scans) while answering requests on several threads ends up holding much more than
// it uses: in the ten-minute soak, heap in use grew 15 MB but resident memory 47 MB.
// malloc_trim(0) releases the free pages inside every arena (madvise), which the
// MemoryReleaser does on a schedule. Other allocators: the calls do nothing.
//
//   MemoryReleaser releaser({.interval = std::chrono::seconds(60)});
//   releaser.Start();
//   ...
//   MemoryReleaserStats s = releaser.stats();  // on /metrics
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>

namespace meridian {

struct HeapStats {
  uint64_t in_use_bytes = 0;     // allocated and not freed
  uint64_t free_held_bytes = 0;  // freed, still held by the allocator
};

// The allocator's view (glibc mallinfo2; zeros elsewhere). Walks every arena's free lists:
// for monitoring, not for hot paths.
HeapStats ReadHeapStats();

// This process's resident memory in bytes (/proc/self/statm; 0 where that is unreadable).
uint64_t ResidentBytes();

// Hands the allocator's free pages back to the system (glibc malloc_trim(0)).
void ReleaseFreeMemory();

struct MemoryReleaserOptions {
  std::chrono::milliseconds interval{std::chrono::seconds(60)};
};

struct MemoryReleaserStats {
  uint64_t releases = 0;
  double seconds = 0;           // spent releasing, in all
  uint64_t released_bytes = 0;  // resident memory that went away during the releases
};

// Calls ReleaseFreeMemory every `interval` on its own thread, from Start until Stop (or
// destruction).
class MemoryReleaser {
 public:
  explicit MemoryReleaser(MemoryReleaserOptions options);
  ~MemoryReleaser();
  MemoryReleaser(const MemoryReleaser&) = delete;
  MemoryReleaser& operator=(const MemoryReleaser&) = delete;

  void Start();
  void Stop();
  // Releases now (also between the scheduled ones); thread-safe.
  void ReleaseNow();
  MemoryReleaserStats stats() const;

 private:
  MemoryReleaserOptions options_;
  mutable std::mutex mu_;  // guards everything below
  MemoryReleaserStats stats_;
  bool stopping_ = false;
  std::condition_variable cv_;
  std::thread thread_;
};

}  // namespace meridian
