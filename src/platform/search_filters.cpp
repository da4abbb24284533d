#include "platform/search_filters.h"

#include "engine/search/search_service.h"
#include "platform/geo.h"

namespace meridian {

std::function<bool(std::string_view)> EligibleFrom(std::string country) {
  return
      [country = std::move(country)](std::string_view area) { return AreaContains(area, country); };
}

std::function<bool(std::string_view)> OverlapsOfficeHours(std::string zone, int hours,
                                                          UnixSeconds at) {
  return [zone = std::move(zone), hours, at](std::string_view key) {
    if (key.empty()) return true;  // the job asks for no particular hours
    std::optional<TimezoneWindow> w = ParseWindowKey(key);
    if (!w) return true;
    if (!w->zone.empty()) {
      return OverlapMinutes(w->zone, w->start_minute, w->end_minute, zone, 9 * 60, 17 * 60, at) >=
             hours * 60;
    }
    int offset = UtcOffsetMinutes(zone, at);
    return offset >= w->utc_min_minutes.value_or(-12 * 60) &&
           offset <= w->utc_max_minutes.value_or(14 * 60);
  };
}

}  // namespace meridian
