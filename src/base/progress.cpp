#include "base/progress.h"

#include <unistd.h>

#include <algorithm>

#include "base/strings.h"

namespace meridian {

Progress::Progress(ProgressOptions options)
    : options_(std::move(options)),
      enabled_(options_.force || isatty(fileno(options_.stream)) == 1),
      start_(std::chrono::steady_clock::now()),
      last_draw_(start_) {}

Progress::~Progress() {
  Finish();
}

double Progress::ElapsedSeconds() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

double Progress::Rate() const {
  double s = ElapsedSeconds();
  return s > 0 ? static_cast<double>(count_) / s : 0.0;
}

void Progress::Add(int64_t n) {
  count_ += n;
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  if (now - last_draw_ >= std::chrono::milliseconds(100)) {
    last_draw_ = now;
    Draw();
  }
}

std::string Progress::Render() const {
  std::string line = options_.label;
  line += ' ';
  if (options_.total > 0) {
    constexpr int kWidth = 30;
    double frac = std::min(1.0, static_cast<double>(count_) / static_cast<double>(options_.total));
    int filled = static_cast<int>(frac * kWidth);
    line += '[';
    line.append(static_cast<size_t>(filled), '#');
    line.append(static_cast<size_t>(kWidth - filled), '-');
    line += "] ";
    line += std::to_string(static_cast<int>(frac * 100));
    line += "% ";
    line += WithThousands(count_);
    line += '/';
    line += WithThousands(options_.total);
  } else {
    line += WithThousands(count_);
  }
  line += "  ";
  line += WithThousands(static_cast<int64_t>(Rate()));
  line += "/s";
  return line;
}

void Progress::Draw() {
  std::fprintf(options_.stream, "\r\033[2K%s", Render().c_str());
  std::fflush(options_.stream);
}

void Progress::Finish() {
  if (finished_) return;
  finished_ = true;
  if (!enabled_) return;
  std::fprintf(options_.stream, "\r\033[2K");
  std::fflush(options_.stream);
}

}  // namespace meridian
