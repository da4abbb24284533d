// `meridian train --all` and `meridian train NAME…` (issue 8): trains several models in one
// run, each evaluated on its fixed protocol and registered through the gate
// (platform/lifecycle/trainers.h), with a progress bar over the models. They train in
// TrainableModels() order whatever order they were named in.
#include <algorithm>
#include <cstdio>

#include "base/progress.h"
#include "cli/trust_cmd.h"

namespace meridian::cli {

int RunTrainMany(const Settings& settings, const TrainManyOptions& options) {
  for (const std::string& n : options.names) {
    if (Status s = CheckTrainableModel(n); !s.ok()) return Fail(s);
  }
  auto store = OpenStore(settings);
  if (!store.ok()) return Fail(store.status());
  SystemClock clock;
  TrustService trust(**store, clock, TrustOptionsFor(settings));
  if (Status s = trust.Start(); !s.ok()) return Fail(s);
  std::vector<std::string> chosen;
  for (const std::string& n : TrainableModels()) {
    if (options.names.empty() ||
        std::find(options.names.begin(), options.names.end(), n) != options.names.end()) {
      chosen.push_back(n);
    }
  }
  Progress bar({.label = "models", .total = static_cast<int64_t>(chosen.size())});
  int failed = 0;
  for (const std::string& name : chosen) {
    std::printf("== %s\n", name.c_str());
    std::fflush(stdout);
    auto out = TrainModel(name, {.store = **store, .trust = &trust},
                          CliTrainRun({.seed = options.seed, .gate = options.gate}));
    bar.Add(1);
    if (out.status().code() == StatusCode::kFailedPrecondition) {
      std::printf("%s: skipped (%s)\n", name.c_str(), std::string(out.status().message()).c_str());
    } else if (!out.ok()) {
      std::fprintf(stderr, "%s: %s\n", name.c_str(), std::string(out.status().message()).c_str());
      ++failed;
    }
  }
  bar.Finish();
  return failed == 0 ? 0 : 1;
}

}  // namespace meridian::cli
