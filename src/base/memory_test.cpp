#include "base/memory.h"

#include <gtest/gtest.h>

#include <cstring>
#include <memory>
#include <thread>
#include <vector>

namespace meridian {
namespace {

// The sanitizers bring their own allocator: glibc's statistics and trimming do not see it.
#if defined(__SANITIZE_ADDRESS__)
constexpr bool kGlibcMalloc = false;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kGlibcMalloc = false;
#else
constexpr bool kGlibcMalloc = true;
#endif
#else
constexpr bool kGlibcMalloc = true;
#endif

constexpr uint64_t kMiB = 1024 * 1024;

TEST(MemoryTest, ResidentBytesSeesTouchedMemory) {
  const uint64_t before = ResidentBytes();
  ASSERT_GT(before, 0u);
  constexpr size_t kSize = 64 * kMiB;
  std::unique_ptr<char[]> block(new char[kSize]);
  std::memset(block.get(), 1, kSize);
  EXPECT_GE(ResidentBytes(), before + 48 * kMiB);
  EXPECT_EQ(block[kSize - 1], 1);
}

TEST(MemoryTest, HeapStatsCountWhatIsAllocatedAndWhatIsHeldFree) {
  if (!kGlibcMalloc) GTEST_SKIP() << "not glibc's allocator (sanitizer build)";
  const HeapStats before = ReadHeapStats();
  std::vector<std::unique_ptr<char[]>> chunks;
  for (int i = 0; i < 16 * 1024; ++i) chunks.emplace_back(new char[1000]);
  const HeapStats allocated = ReadHeapStats();
  EXPECT_GE(allocated.in_use_bytes, before.in_use_bytes + 15 * kMiB);
  // Freed with every 64th kept in place: the space between them stays with the allocator.
  for (size_t i = 0; i < chunks.size(); ++i) {
    if (i % 64 != 63) chunks[i].reset();
  }
  const HeapStats freed = ReadHeapStats();
  EXPECT_LE(freed.in_use_bytes, allocated.in_use_bytes - 14 * kMiB);
  EXPECT_GE(freed.free_held_bytes, before.free_held_bytes + 14 * kMiB);
}

// Memory freed between live allocations is not returned by free(); ReleaseFreeMemory gives
// its pages back while every allocation stays intact.
TEST(MemoryTest, ReleaseFreeMemoryHandsBackPagesBetweenLiveAllocations) {
  if (!kGlibcMalloc) GTEST_SKIP() << "not glibc's allocator (sanitizer build)";
  constexpr int kChunks = 64 * 1024;  // 64 MB in 1,000-byte chunks: on the heap, not mmapped
  std::vector<std::unique_ptr<char[]>> chunks;
  chunks.reserve(kChunks);
  for (int i = 0; i < kChunks; ++i) {
    chunks.emplace_back(new char[1000]);
    std::memset(chunks.back().get(), static_cast<int>(i % 251), 1000);
  }
  for (size_t i = 0; i < chunks.size(); ++i) {
    if (i % 64 != 63) chunks[i].reset();
  }
  const uint64_t held = ResidentBytes();
  ReleaseFreeMemory();
  const uint64_t released = ResidentBytes();
  EXPECT_LE(released + 32 * kMiB, held)
      << "resident " << held / kMiB << " MB -> " << released / kMiB << " MB";
  for (size_t i = 63; i < chunks.size(); i += 64) {
    ASSERT_EQ(chunks[i][0], static_cast<char>(i % 251));
    ASSERT_EQ(chunks[i][999], static_cast<char>(i % 251));
  }
}

TEST(MemoryTest, ReleaserRunsOnItsScheduleUntilStopped) {
  MemoryReleaser releaser({.interval = std::chrono::milliseconds(5)});
  EXPECT_EQ(releaser.stats().releases, 0u);
  releaser.Start();
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (releaser.stats().releases < 3 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  releaser.Stop();
  const MemoryReleaserStats stopped = releaser.stats();
  EXPECT_GE(stopped.releases, 3u);
  EXPECT_GE(stopped.seconds, 0.0);
  std::this_thread::sleep_for(std::chrono::milliseconds(30));
  EXPECT_EQ(releaser.stats().releases, stopped.releases) << "released after Stop";
  releaser.ReleaseNow();
  EXPECT_EQ(releaser.stats().releases, stopped.releases + 1);
}

TEST(MemoryTest, AReleaserNeverStartedStopsAtOnce) {
  MemoryReleaser releaser({.interval = std::chrono::hours(1)});
  releaser.Stop();
  releaser.Start();  // after Stop: stays stopped
  EXPECT_EQ(releaser.stats().releases, 0u);
}

}  // namespace
}  // namespace meridian
