// The geographic filters of job search, as predicates for SearchQuery (engine/search): the
// index asks them once per distinct area or working-hours window.
//
//   q.area_ok = EligibleFrom("PT");                      // open to PT, 150, or worldwide
//   q.window_ok = OverlapsOfficeHours("Europe/Lisbon", 3, now);
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "base/time.h"

namespace meridian {

// Accepts the areas someone in `country` (ISO code) may apply to: the country, a UN M49
// region containing it, or worldwide.
std::function<bool(std::string_view area)> EligibleFrom(std::string country);

// Accepts job windows (engine/search WindowKey) that overlap 09:00-17:00 in `zone` by at
// least `hours` on the day of `at` (DST-correct). Jobs given as a UTC offset range qualify
// when the zone's offset at `at` lies within it; jobs without a window always qualify.
std::function<bool(std::string_view window_key)> OverlapsOfficeHours(std::string zone, int hours,
                                                                     UnixSeconds at);

}  // namespace meridian
