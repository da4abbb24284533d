// Places: ISO 3166-1 countries, UN M49 regions and IANA time zones, all from ICU's data (no
// tables of our own to go stale).
//
// An "area" is where a job is open to or a company hires: "WW" (worldwide), a country code
// ("PT"), an M49 region code ("150" Europe, "419" Latin America and the Caribbean) or the
// grouping "EU".
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/statusor.h"
#include "base/time.h"

namespace meridian {

inline constexpr std::string_view kWorldwide = "WW";

// Resolves user input to area codes: "worldwide"/"anywhere" -> WW; "pt"/"Portugal" -> PT;
// "Europe"/"150" -> 150; a few market names expand to several regions ("EMEA",
// "APAC"/"asia-pacific", "americas-europe"). kInvalidArgument for anything else.
StatusOr<std::vector<std::string>> ResolveArea(std::string_view input);

// True when `code` is an ISO 3166-1 alpha-2 territory code known to ICU (uppercase).
bool IsCountryCode(std::string_view code);
// Uppercases and validates a country code ("pt" -> "PT"); accepts English names too.
StatusOr<std::string> ResolveCountry(std::string_view input);

// English name of an area or country: "PT" -> "Portugal", "150" -> "Europe", "WW" -> "Worldwide".
std::string AreaName(std::string_view code);

// Whether someone in `country` may apply to something open to `area`.
bool AreaContains(std::string_view area, std::string_view country);

// All ISO territory codes, sorted.
std::vector<std::string> CountryCodes();

// The canonical IANA zones people pick from ("Europe/Lisbon", "Asia/Kolkata", ... and
// "UTC"), sorted; computed once.
const std::vector<std::string>& TimezoneIds();
// True when `zone` is an IANA time zone id known to ICU ("Europe/Lisbon", "UTC").
bool IsValidTimezone(std::string_view zone);
// Offset from UTC in minutes of `zone` at instant `at` (DST-aware). 0 for unknown zones.
int UtcOffsetMinutes(std::string_view zone, UnixSeconds at);

// Minutes two daily local windows overlap on the day containing `at`. Windows are
// [start, end) minutes after local midnight in their zones; end < start crosses midnight.
int OverlapMinutes(std::string_view zone_a, int start_a, int end_a, std::string_view zone_b,
                   int start_b, int end_b, UnixSeconds at);

// The overlap itself: its length, and where it starts and ends in zone b's local time
// (minutes after midnight; end < start when it crosses midnight). Empty when none.
struct OverlapSpan {
  int minutes = 0;
  int start_b = 0;
  int end_b = 0;
};
OverlapSpan OverlapInterval(std::string_view zone_a, int start_a, int end_a,
                            std::string_view zone_b, int start_b, int end_b, UnixSeconds at);

}  // namespace meridian
