// `meridian train --all` and `meridian train NAME…` (issue 8): trains several models in one
// run, each evaluated on its fixed protocol and registered through the gate, with a progress
// bar over the models. The order matters: the salary model first (the scam signals compare
// a post's pay with the estimate), then the scam model, then the recommenders.
#include <cstdio>
#include <functional>

#include "base/progress.h"
#include "cli/trust_cmd.h"

namespace meridian::cli {

int RunTrainMany(const Settings& settings, const TrainManyOptions& options) {
  auto store = OpenStore(settings);
  if (!store.ok()) return Fail(store.status());
  SystemClock clock;
  TrustService trust(**store, clock, TrustOptionsFor(settings));
  if (Status s = trust.Start(); !s.ok()) return Fail(s);
  struct Step {
    std::string name;
    std::function<Status()> run;
  };
  std::vector<Step> steps = {
      {kSalaryModelName,
       [&] { return TrainSalary(**store, trust, {.seed = options.seed, .gate = options.gate}); }},
      {kScamModelName,
       [&] { return TrainScam(**store, trust, {.seed = options.seed, .gate = options.gate}); }},
      {"recommenders",
       [&] { return TrainRecommenders(**store, {.seed = options.seed, .gate = options.gate}); }},
  };
  std::vector<Step> chosen;
  for (const Step& s : steps) {
    if (options.names.empty() ||
        std::find(options.names.begin(), options.names.end(), s.name) != options.names.end()) {
      chosen.push_back(s);
    }
  }
  for (const std::string& n : options.names) {
    bool known = false;
    for (const Step& s : steps) known = known || s.name == n;
    if (!known) {
      return Fail(InvalidArgumentError("train: unknown model '" + n +
                                       "' (known: salary, scam, recommenders)"));
    }
  }
  Progress bar({.label = "models", .total = static_cast<int64_t>(chosen.size())});
  int failed = 0;
  for (const Step& s : chosen) {
    std::printf("== %s\n", s.name.c_str());
    std::fflush(stdout);
    Status st = s.run();
    bar.Add(1);
    if (st.code() == StatusCode::kFailedPrecondition) {
      std::printf("%s: skipped (%s)\n", s.name.c_str(), std::string(st.message()).c_str());
    } else if (!st.ok()) {
      std::fprintf(stderr, "%s: %s\n", s.name.c_str(), std::string(st.message()).c_str());
      ++failed;
    }
  }
  bar.Finish();
  return failed == 0 ? 0 : 1;
}

}  // namespace meridian::cli
