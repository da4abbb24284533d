// A progress bar for long CLI work (imports, demo seeding). It draws on a terminal only;
// when the stream is not a TTY (CI, pipes, logs) it stays silent and the caller prints a
// summary line instead.
//
//   Progress bar({.label = "jobs", .total = n});
//   for (...) bar.Add(1);
//   bar.Finish();   // clears the line; bar.Rate() gives items/s
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>

namespace meridian {

struct ProgressOptions {
  std::string label = "rows";
  int64_t total = 0;  // 0 when unknown: shows a count and a rate only
  std::FILE* stream = stderr;
  bool force = false;  // draw even when the stream is not a terminal (tests)
};

class Progress {
 public:
  explicit Progress(ProgressOptions options);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  void Add(int64_t n);
  // Changes the expected total (0 = unknown), e.g. when it is only estimated as work goes.
  void SetTotal(int64_t total) { options_.total = total; }
  void Finish();
  int64_t count() const { return count_; }
  double ElapsedSeconds() const;
  double Rate() const;  // items per second since construction
  bool enabled() const { return enabled_; }
  // The line as it would be drawn now (exposed for tests).
  std::string Render() const;

 private:
  void Draw();

  ProgressOptions options_;
  bool enabled_;
  bool finished_ = false;
  int64_t count_ = 0;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
};

}  // namespace meridian
