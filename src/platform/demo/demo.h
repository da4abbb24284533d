// `meridian demo`: seeds a store with deterministic demo data. Companies and cities are real
// facts embedded in the binary (data/companies.csv, data/cities.csv; see data/README.md);
// jobs, talent profiles and articles are generated and fictional.
//
//   ASSIGN_OR_RETURN(DemoSummary s, SeedDemo(*store, {.jobs = 5000, .now = clock.Now()}));
#pragma once

#include <cstdint>
#include <functional>
#include <string_view>

#include "base/statusor.h"
#include "base/time.h"
#include "engine/store/store.h"

namespace meridian {

struct DemoOptions {
  int jobs = 5000;  // >= 0
  int talent = 1000;
  int articles = 120;  // total articles, guides included
  int visitors = 400;  // fictional visitors whose job events the "for you" list learns from
  // Generated posts (not stored as jobs) recorded as moderation labels, a fifth of them
  // scams, so that the demo can train its scam model; added only to a store without labels.
  int labels = 750;
  uint64_t seed = 42;
  UnixSeconds now = 0;  // "today" for posting dates; callers pass clock.Now()
  std::function<void(std::string_view stage, int64_t done, int64_t total)>
      progress;  // may be empty
};

struct DemoSummary {
  int64_t companies = 0, cities = 0, jobs = 0, talent = 0, articles = 0, events = 0, labels = 0;
  double seconds = 0;
  double jobs_seconds = 0;
};

// Seeds `store` (normally empty; re-running upserts the same slugs). Deterministic: same
// options (incl. seed and now) -> identical rows. Writes in batched transactions with
// WriteOptions{.durable=false}. Stages reported to `progress`: cities, companies, jobs,
// talent, articles. Visitor events are added only to a store without events (re-running
// must not double them). kInvalidArgument for negative counts or an unset `now`.
StatusOr<DemoSummary> SeedDemo(Store& store, const DemoOptions& options);

// Whether a company slug is one of the fictional companies the demo's suspicious posts are
// attributed to (for reporting how many of them the scam screen caught).
bool IsDemoScamCompany(std::string_view slug);

}  // namespace meridian
