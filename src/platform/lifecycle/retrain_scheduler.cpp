#include "platform/lifecycle/retrain_scheduler.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>

#include "base/memory.h"

namespace meridian {

const std::vector<std::string>& RetrainTables(std::string_view name) {
  static const std::vector<std::string> kScam = {"moderation_labels"};
  static const std::vector<std::string> kSalary = {"jobs"};
  static const std::vector<std::string> kEmbeddings = {"jobs", "talent", "articles", "companies"};
  static const std::vector<std::string> kRecs = {"events"};
  static const std::vector<std::string> kNone;
  if (name == kScamModelName) return kScam;
  if (name == kSalaryModelName) return kSalary;
  if (name == kEmbeddingsModelName) return kEmbeddings;
  if (name == kRecommendersModelName) return kRecs;
  return kNone;
}

RetrainDecision DecideRetrain(std::string_view name, const std::map<std::string, int64_t>& seen,
                              const std::map<std::string, int64_t>& now_rows, int64_t age,
                              const RetrainOptions& options) {
  if (seen.empty()) return {.due = true, .reason = "no version yet"};
  int64_t added = 0;
  for (const std::string& t : RetrainTables(name)) {
    auto now_it = now_rows.find(t);
    auto seen_it = seen.find(t);
    int64_t now = now_it == now_rows.end() ? 0 : now_it->second;
    int64_t then = seen_it == seen.end() ? 0 : seen_it->second;
    added += std::max<int64_t>(0, now - then);
  }
  if (added >= options.min_new_rows) {
    return {.due = true, .reason = fmt::format("{} new rows (>= {})", added, options.min_new_rows)};
  }
  if (options.max_age.count() > 0 && age >= options.max_age.count()) {
    return {.due = true,
            .reason = fmt::format("{} new rows, newest version {} h old", added, age / 3600)};
  }
  return {.due = false, .reason = fmt::format("{} new rows (< {})", added, options.min_new_rows)};
}

namespace {

std::map<std::string, int64_t> RowsOf(std::string_view name, const TableCounts& counts) {
  std::map<std::string, int64_t> out;
  for (const std::string& t : RetrainTables(name)) {
    auto it = counts.rows.find(t);
    out[t] = it == counts.rows.end() ? 0 : it->second;
  }
  return out;
}

}  // namespace

StatusOr<std::vector<TrainOutcome>> RunRetrainCheck(
    const TrainTarget& target, const Clock& clock, const RetrainOptions& options,
    std::map<std::string, std::map<std::string, int64_t>>* attempts) {
  std::vector<TrainOutcome> outcomes;
  // One count of the tables per check, before any training.
  ASSIGN_OR_RETURN(TableCounts counts, target.store.Counts());
  for (const std::string& name : options.models) {
    ASSIGN_OR_RETURN(std::vector<ModelVersion> versions, target.store.ListModelVersions(name, {}));
    std::map<std::string, int64_t> now_rows = RowsOf(name, counts);
    // What the newest version saw, or the last attempt if it saw more.
    std::map<std::string, int64_t> seen;
    int64_t age = 0;
    if (!versions.empty()) {
      const ModelVersion& newest = *std::max_element(
          versions.begin(), versions.end(),
          [](const ModelVersion& a, const ModelVersion& b) { return a.version < b.version; });
      for (const auto& [table, rows] : mlops::ParseMetrics(newest.data_counts)) {
        seen[table] = static_cast<int64_t>(rows);
      }
      age = clock.Now() - newest.created_at;
    }
    if (auto it = attempts->find(name); it != attempts->end()) {
      for (const auto& [table, rows] : it->second) seen[table] = std::max(seen[table], rows);
      age = 0;  // tried since
    }
    RetrainDecision d = DecideRetrain(name, seen, now_rows, age, options);
    if (!d.due) {
      spdlog::debug("retrain: {}: not due ({})", name, d.reason);
      continue;
    }
    spdlog::info("retrain: {}: training ({})", name, d.reason);
    (*attempts)[name] = now_rows;
    TrainRun run{.seed = options.seed, .gate = options.gate, .log = [](std::string_view line) {
                   spdlog::info("retrain: {}", line);
                 }};
    auto out = TrainModel(name, target, run);
    if (out.status().code() == StatusCode::kFailedPrecondition) {
      spdlog::info("retrain: {}: skipped ({})", name, out.status().message());
      continue;
    }
    if (!out.ok()) {
      spdlog::error("retrain: {}: {}", name, out.status().message());
      continue;
    }
    outcomes.push_back(std::move(*out));
  }
  return outcomes;
}

RetrainScheduler::RetrainScheduler(TrainTarget target, const Clock& clock, RetrainOptions options)
    : target_(target), clock_(clock), options_(std::move(options)) {}

RetrainScheduler::~RetrainScheduler() {
  Stop();
}

void RetrainScheduler::Start() {
  std::lock_guard lock(mu_);
  if (thread_.joinable() || options_.check_every.count() <= 0) return;
  stopping_ = false;
  thread_ = std::thread([this] {
    while (true) {
      {
        std::unique_lock wait(mu_);
        if (cv_.wait_for(wait, options_.check_every, [this] { return stopping_; })) return;
      }
      auto runs = RunRetrainCheck(target_, clock_, options_, &attempts_);
      ReleaseFreeMemory();  // training scratch
      if (!runs.ok()) spdlog::error("retrain: {}", runs.status().message());
    }
  });
}

void RetrainScheduler::Stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace meridian
