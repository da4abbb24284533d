// Generated visitor activity for the demo (issue 6), so that the "for you" list, its
// popularity and its collaborative parts have something to learn from on a fresh demo.
// Each fictional visitor has one or two interests (tags, drawn in proportion to the live
// jobs that carry them) and browses jobs of those interests over the last two weeks: views,
// then some saves, a few applications, and now and then a hide of a job outside them.
// Within an interest some jobs are far more visited than others (a Zipf-like skew), as on
// any real job board. Deterministic for a seed.
#include <algorithm>
#include <map>

#include "platform/demo/generators.h"

namespace meridian::demo {

std::vector<Event> GenerateEvents(const std::vector<Job>& jobs, int visitors, uint64_t seed,
                                  UnixSeconds now) {
  std::vector<Event> out;
  std::map<std::string, std::vector<const Job*>> by_tag;
  std::vector<const Job*> live;
  for (const Job& j : jobs) {
    if (j.status != "live" || j.tags.empty()) continue;
    live.push_back(&j);
    for (const std::string& t : j.tags) by_tag[t].push_back(&j);
  }
  if (live.empty()) return out;
  // Tags with a handful of jobs or more, drawn by how many jobs carry them.
  std::vector<std::pair<std::string, size_t>> tags;
  size_t total = 0;
  for (const auto& [tag, list] : by_tag) {
    if (list.size() < 5) continue;
    tags.emplace_back(tag, list.size());
    total += list.size();
  }
  if (tags.empty()) return out;
  Rng rng(DeriveSeed(seed, "events"));
  auto draw_tag = [&]() -> const std::string& {
    uint64_t r = Below(rng, total);
    for (const auto& [tag, n] : tags) {
      if (r < n) return tag;
      r -= n;
    }
    return tags.back().first;
  };
  // Zipf-like: the i-th job of an interest is visited in proportion to 1/(i+1).
  auto draw_job = [&](const std::vector<const Job*>& list) {
    double h = 0;
    for (size_t i = 0; i < list.size(); ++i) h += 1.0 / static_cast<double>(i + 1);
    double r = Unit(rng) * h;
    for (size_t i = 0; i < list.size(); ++i) {
      r -= 1.0 / static_cast<double>(i + 1);
      if (r <= 0) return list[i];
    }
    return list.back();
  };
  for (int v = 0; v < visitors; ++v) {
    std::string session = "demo-visitor-" + std::to_string(v + 1);
    std::vector<std::string> interests = {draw_tag()};
    if (Chance(rng, 0.4)) interests.push_back(draw_tag());
    int views = Between(rng, 4, 14);
    UnixSeconds at = now - Between(rng, 1, 14 * 86400);
    for (int i = 0; i < views; ++i) {
      const Job* job = draw_job(by_tag[interests[Below(rng, interests.size())]]);
      at = std::min<UnixSeconds>(now, at + Between(rng, 30, 6 * 3600));
      auto add = [&](const Job* j, const char* kind) {
        out.push_back(Event{.session_id = session,
                            .entity = Entity::kJob,
                            .entity_id = j->id,
                            .kind = kind,
                            .at = at,
                            .context = R"({"list":"demo"})"});
      };
      add(job, "view");
      if (Chance(rng, 0.25)) add(job, "save");
      if (Chance(rng, 0.08)) add(job, "apply");
      if (Chance(rng, 0.05)) add(live[Below(rng, live.size())], "hide");
    }
  }
  return out;
}

}  // namespace meridian::demo
