#include "platform/nomad_score.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "base/strings.h"
#include "platform/geo.h"

namespace meridian {
namespace {

constexpr double kCostWeight = 0.35, kInternetWeight = 0.25, kSafetyWeight = 0.20,
                 kOverlapWeight = 0.20;
// Reference days for the overlap component: one in northern winter, one in summer.
constexpr UnixSeconds kJanuary = 1767225600;  // 2026-01-01
constexpr UnixSeconds kJuly = 1782864000;     // 2026-07-01

std::string Hours(double minutes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f h", minutes / 60.0);
  return buf;
}

}  // namespace

NomadScore ComputeNomadScore(const City& city) {
  NomadScore out;
  if (city.cost_of_living_usd) {
    double c = *city.cost_of_living_usd;
    double s = std::clamp((4000.0 - c) / (4000.0 - 800.0), 0.0, 1.0) * 100;
    out.components.push_back({"cost", kCostWeight, s,
                              WithThousands(static_cast<int64_t>(std::lround(c))) + " USD/month"});
  }
  if (city.internet_mbps) {
    double m = std::max(*city.internet_mbps, 0.001);
    double s = std::clamp(std::log(m / 5.0) / std::log(200.0 / 5.0), 0.0, 1.0) * 100;
    char detail[32];
    std::snprintf(detail, sizeof detail, "%.0f Mbps", m);
    out.components.push_back({"internet", kInternetWeight, s, detail});
  }
  if (city.safety_index) {
    double s = std::clamp(*city.safety_index, 0.0, 100.0);
    char detail[32];
    std::snprintf(detail, sizeof detail, "safety index %.0f", s);
    out.components.push_back({"safety", kSafetyWeight, s, detail});
  }
  if (IsValidTimezone(city.timezone)) {
    double ny = 0, lon = 0;
    for (UnixSeconds day : {kJanuary, kJuly}) {
      ny += OverlapMinutes(city.timezone, 540, 1020, "America/New_York", 540, 1020, day) / 2.0;
      lon += OverlapMinutes(city.timezone, 540, 1020, "Europe/London", 540, 1020, day) / 2.0;
    }
    double s = (ny + lon) / (2 * 480.0) * 100;
    out.components.push_back({"overlap", kOverlapWeight, s,
                              Hours(ny) + " with New York, " + Hours(lon) + " with London"});
  }
  double wsum = 0, total = 0;
  for (const auto& c : out.components) {
    wsum += c.weight;
    total += c.weight * c.score;
  }
  if (wsum > 0) out.score = std::round(total / wsum * 10) / 10;
  return out;
}

}  // namespace meridian
