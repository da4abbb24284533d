// Clock and calendar helpers. Times are Unix seconds (UTC) everywhere inside Meridian;
// text forms are RFC 3339 / ISO 8601.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/statusor.h"

namespace meridian {

using UnixSeconds = int64_t;

// Source of "now", injected so tests can control time.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual UnixSeconds Now() const = 0;
};

class SystemClock final : public Clock {
 public:
  UnixSeconds Now() const override;
};

class FakeClock final : public Clock {
 public:
  explicit FakeClock(UnixSeconds now) : now_(now) {}
  UnixSeconds Now() const override { return now_; }
  void Advance(int64_t seconds) { now_ += seconds; }

 private:
  UnixSeconds now_;
};

// "2026-11-27T09:30:00Z".
std::string FormatRfc3339(UnixSeconds t);
// "2026-11-27".
std::string FormatDate(UnixSeconds t);
// Accepts "YYYY-MM-DD" (midnight UTC), "YYYY-MM-DDTHH:MM[:SS[.fff]]" followed by "Z" or
// "±HH:MM" (or nothing, meaning UTC). Years 1970..9999.
StatusOr<UnixSeconds> ParseTimestamp(std::string_view text);

// Days since 1970-01-01 for a proleptic Gregorian date, and back.
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d);
void CivilFromDays(int64_t days, int64_t* y, unsigned* m, unsigned* d);

}  // namespace meridian
