#include "platform/lifecycle/online_metrics.h"

#include <spdlog/spdlog.h>

#include <unordered_map>

#include "base/json.h"
#include "platform/recs/events.h"

namespace meridian {

namespace {

constexpr int64_t kDay = 86400;

int64_t DayOf(UnixSeconds t) {
  return t >= 0 ? t / kDay : (t - kDay + 1) / kDay;
}

int64_t VersionOf(std::string_view label) {
  if (label.size() < 2 || label[0] != 'v') return 0;
  int64_t v = 0;
  for (char c : label.substr(1)) {
    if (c < '0' || c > '9' || v > 1'000'000'000) return 0;
    v = v * 10 + (c - '0');
  }
  return v;
}

}  // namespace

ShadowCount ShadowTotals(std::string_view model, std::string_view champion_label,
                         const ShadowStats& stats) {
  return {.model = std::string(model),
          .version = VersionOf(stats.version),
          .champion = VersionOf(champion_label),
          .posts = stats.posts,
          .agreements = stats.agreements,
          .challenger_flags = stats.challenger_flags,
          .champion_flags = stats.champion_flags,
          .abs_diff_sum = stats.abs_score_diff_sum};
}

OnlineRecorder::OnlineRecorder(Store& store, const Clock& clock, OnlineRecorderOptions options)
    : store_(store), clock_(clock), options_(std::move(options)) {}

OnlineRecorder::~OnlineRecorder() {
  Stop();
}

void OnlineRecorder::CountList(const std::string& model, const std::string& list, size_t items) {
  if (model.empty() || list.empty()) return;
  const int64_t day = DayOf(clock_.Now());
  std::lock_guard lock(mu_);
  ImpressionCount& c = pending_[{model, list, day}];
  if (c.model.empty()) c = {.model = model, .list = list, .day = day};
  c.lists += 1;
  c.items += static_cast<int64_t>(items);
}

Status OnlineRecorder::Flush() {
  std::lock_guard flush(flush_mu_);
  std::map<std::tuple<std::string, std::string, int64_t>, ImpressionCount> taken;
  {
    std::lock_guard lock(mu_);
    taken.swap(pending_);
  }
  // The shadow's growth since the last look.
  std::vector<ShadowCount> grown, totals;
  if (options_.shadow_totals) totals = options_.shadow_totals();
  for (const ShadowCount& now : totals) {
    {
      const ShadowCount& seen = shadow_seen_[{now.model, now.version, now.champion}];
      ShadowCount d = now;
      d.posts -= seen.posts;
      d.agreements -= seen.agreements;
      d.challenger_flags -= seen.challenger_flags;
      d.champion_flags -= seen.champion_flags;
      d.abs_diff_sum -= seen.abs_diff_sum;
      if (d.posts < 0) d = now;  // its counts started over (reloaded): all of them are new
      if (d.posts > 0 && d.version > 0) grown.push_back(d);
    }
  }
  if (taken.empty() && grown.empty()) return OkStatus();
  Status s = store_.Write([&](StoreWriter& w) -> Status {
    for (const auto& [key, c] : taken) RETURN_IF_ERROR(w.AddImpressions(c));
    for (const ShadowCount& c : grown) RETURN_IF_ERROR(w.AddShadowCounts(c));
    return OkStatus();
  });
  if (s.ok()) {
    for (const ShadowCount& now : totals)
      shadow_seen_[{now.model, now.version, now.champion}] = now;
  } else {
    // Kept for the next flush rather than lost (the shadow's growth too: it is measured
    // from the totals last stored).
    std::lock_guard lock(mu_);
    for (auto& [key, c] : taken) {
      ImpressionCount& p = pending_[key];
      if (p.model.empty()) {
        p = c;
      } else {
        p.lists += c.lists;
        p.items += c.items;
      }
    }
  }
  return s;
}

void OnlineRecorder::Start() {
  std::lock_guard lock(mu_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] {
    while (true) {
      bool stop;
      {
        std::unique_lock wait(mu_);
        stop = cv_.wait_for(wait, options_.flush_every, [this] { return stopping_; });
      }
      if (Status s = Flush(); !s.ok()) spdlog::warn("online metrics: {}", s.message());
      if (stop) return;
    }
  });
}

void OnlineRecorder::Stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

StatusOr<std::vector<ModelOnlineMetrics>> ComputeOnlineMetrics(
    StoreReader& store, const OnlineMetricsOptions& options) {
  std::map<std::pair<std::string, std::string>, ModelOnlineMetrics> by;
  auto row = [&](const std::string& model, const std::string& list) -> ModelOnlineMetrics& {
    ModelOnlineMetrics& m = by[{model, list}];
    if (m.model.empty()) {
      m.model = model;
      m.list = list;
    }
    return m;
  };
  ASSIGN_OR_RETURN(std::vector<ImpressionCount> shown, store.ListImpressions(DayOf(options.since)));
  for (const ImpressionCount& c : shown) {
    ModelOnlineMetrics& m = row(c.model, c.list);
    m.lists += c.lists;
    m.items += c.items;
  }
  // The events, oldest first: clicks name their list and model; a later apply of the same
  // visitor on the same job is the click's model's.
  struct Click {
    std::string model, list;
    UnixSeconds at = 0;
  };
  std::unordered_map<std::string, Click> clicked;  // owner + job -> newest click from a list
  int64_t after = 0;
  constexpr int kPage = 5000;
  while (true) {
    ASSIGN_OR_RETURN(std::vector<Event> page, store.ListEvents(after, kPage));
    for (const Event& e : page) {
      if (e.at < options.since || e.entity != Entity::kJob) continue;
      std::string model, list;
      if (auto ctx = ParseJson(e.context); ctx.ok() && ctx->is_object()) {
        if (auto it = ctx->find("model"); it != ctx->end() && it->is_string())
          model = it->get<std::string>();
        if (auto it = ctx->find("list"); it != ctx->end() && it->is_string())
          list = it->get<std::string>();
      }
      const std::string key =
          EventOwnerKey({.user_id = e.user_id.value_or(0), .session_id = e.session_id}) + "\n" +
          std::to_string(e.entity_id);
      if (model.empty() && e.kind == "apply") {
        auto it = clicked.find(key);
        if (it != clicked.end() && e.at - it->second.at <= options.attribution_seconds) {
          model = it->second.model;
          list = it->second.list;
        }
      }
      if (model.empty()) continue;
      if (list.empty()) list = "feed";
      ModelOnlineMetrics& m = row(model, list);
      if (e.kind == "click") {
        ++m.clicks;
        clicked[key] = {model, list, e.at};
      } else if (e.kind == "save") {
        ++m.saves;
      } else if (e.kind == "apply") {
        ++m.applies;
      } else if (e.kind == "hide") {
        ++m.hides;
      }
    }
    if (page.size() < static_cast<size_t>(kPage)) break;
    after = page.back().id;
  }
  std::vector<ModelOnlineMetrics> out;
  for (auto& [key, m] : by) {
    if (m.items > 0) {
      const double n = static_cast<double>(m.items);
      m.ctr = static_cast<double>(m.clicks) / n;
      m.save_rate = static_cast<double>(m.saves) / n;
      m.apply_rate = static_cast<double>(m.applies) / n;
    }
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace meridian
