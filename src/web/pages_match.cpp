#include "web/pages_match.h"

#include <spdlog/spdlog.h>

#include <cmath>

namespace meridian::web {

namespace {

std::string Percent(double v) {
  return std::to_string(static_cast<int>(std::lround(v * 100))) + "%";
}

// "+25" points of the score (parts are fractions of 1).
std::string Points(double part) {
  long p = std::lround(part * 100);
  return (p >= 0 ? "+" : "\u2212") + std::to_string(std::labs(p));
}

}  // namespace

void SetMatchBox(Site::Data& d, const std::string& key, const std::string& heading,
                 const StatusOr<std::vector<MatchItem>>& items) {
  if (!items.ok()) {
    StatusCode c = items.status().code();
    if (c != StatusCode::kNotFound && c != StatusCode::kUnavailable) {
      spdlog::warn("{}: {}", key, items.status().ToString());
    }
    return;
  }
  if (items->empty()) return;
  Site::List list;
  for (const MatchItem& item : *items) {
    Site::Data row;
    row.set("href", ItemPath(item));
    row.set("title", item.title);
    row.set("subtitle", item.subtitle);
    row.set("score_pct", Percent(item.explanation.score));
    Site::List reasons;
    for (const MatchFactor& f : item.explanation.factors) {
      Site::Data r;
      r.set("text", f.reason);
      // A factor without weight (eligibility) is a check passed, not points.
      r.set("part", f.weight > 0 ? Points(f.part) : std::string("\u2713"));
      r.set("factor", f.name);
      reasons.push_back(r);
    }
    row.set("reasons", reasons);
    list.push_back(row);
  }
  Site::Data box;
  box.set("heading", heading);
  box.set("items", list);
  box.set("box_id", key);
  d.set(key, box);
}

}  // namespace meridian::web
