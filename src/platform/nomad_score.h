// The nomad score of a city (0..100) and its published method (docs/nomad-score.md):
// a weighted mean of the components that are known, each scaled to 0..100 —
//   cost      35%  100 at <= 800 USD/month, 0 at >= 4000, linear between
//   internet  25%  100 at >= 200 Mbps, 0 at <= 5 Mbps, logarithmic between
//   safety    20%  the safety index as given (0..100)
//   overlap   20%  hours a 09:00-17:00 local day overlaps 09:00-17:00 in New York and in
//                  London, averaged over a January and a July day (DST both ways), /8
// Weights are renormalized over the known components; the score says how many it used.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/store/records.h"

namespace meridian {

struct NomadComponent {
  std::string name;    // cost|internet|safety|overlap
  double weight = 0;   // nominal weight
  double score = 0;    // 0..100
  std::string detail;  // e.g. "1,450 USD/month", "5.5 h with New York, 8 h with London"
};

struct NomadScore {
  std::optional<double> score;             // nullopt when no component is known
  std::vector<NomadComponent> components;  // the known ones
};

NomadScore ComputeNomadScore(const City& city);

}  // namespace meridian
