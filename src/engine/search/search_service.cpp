#include "engine/search/search_service.h"

#include <spdlog/spdlog.h>

#include <string>

#include "base/strings.h"

namespace meridian {

SearchDoc ToSearchDoc(const Job& job) {
  SearchDoc d;
  d.slug = job.slug;
  d.title = job.title;
  d.tags = job.tags;
  d.description = job.description;
  d.company = job.company_slug;
  d.seniority = job.seniority;
  d.employment_type = job.employment_type;
  d.status = job.status;
  d.salary_min_usd = job.salary.annual_usd_min;
  d.salary_max_usd = job.salary.annual_usd_max;
  d.posted_at = job.posted_at;
  d.valid_through = job.valid_through;
  d.eligible_areas = job.eligible_areas;
  d.window_key = WindowKey(job.timezone);
  return d;
}

// "z|Europe/Berlin|540|1020" for a local window, "u|-300|120" for a UTC offset range.
std::string WindowKey(const std::optional<TimezoneWindow>& w) {
  if (!w) return "";
  if (!w->zone.empty()) {
    return "z|" + w->zone + "|" + std::to_string(w->start_minute) + "|" +
           std::to_string(w->end_minute);
  }
  return "u|" + std::to_string(w->utc_min_minutes.value_or(0)) + "|" +
         std::to_string(w->utc_max_minutes.value_or(0));
}

std::optional<TimezoneWindow> ParseWindowKey(std::string_view key) {
  std::vector<std::string> parts = Split(key, '|');
  auto num = [](const std::string& text) -> std::optional<int> {
    auto v = ParseInt(text);
    if (!v || *v < -100000 || *v > 100000) return std::nullopt;
    return static_cast<int>(*v);
  };
  TimezoneWindow w;
  if (parts.size() == 4 && parts[0] == "z") {
    auto a = num(parts[2]), b = num(parts[3]);
    if (!a || !b) return std::nullopt;
    w.zone = parts[1];
    w.start_minute = *a;
    w.end_minute = *b;
    return w;
  }
  if (parts.size() == 3 && parts[0] == "u") {
    auto a = num(parts[1]), b = num(parts[2]);
    if (!a || !b) return std::nullopt;
    w.utc_min_minutes = *a;
    w.utc_max_minutes = *b;
    return w;
  }
  return std::nullopt;
}

SearchService::~SearchService() {
  Stop();
}

Status SearchService::Start() {
  RETURN_IF_ERROR(Rebuild());
  thread_ = std::thread([this] { Run(); });
  return OkStatus();
}

void SearchService::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void SearchService::Apply(const std::vector<Change>& changes) {
  bool relevant = false;
  for (const Change& c : changes) {
    relevant = relevant || c.entity == EntityName(Entity::kJob) ||
               c.entity == EntityName(Entity::kCompany);
  }
  if (!relevant) return;
  {
    std::lock_guard<std::mutex> lock(mu_);
    dirty_ = true;
  }
  cv_.notify_all();
}

Status SearchService::Rebuild() {
  auto start = std::chrono::steady_clock::now();
  std::vector<SearchDoc> docs;
  RETURN_IF_ERROR(store_.ScanJobs([&](const Job& j) {
    docs.push_back(ToSearchDoc(j));
    return OkStatus();
  }));
  auto index = std::make_shared<const JobIndex>(JobIndex::Build(docs));
  {
    std::lock_guard<std::mutex> lock(index_mu_);
    index_ = std::move(index);
  }
  generation_.fetch_add(1);
  double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  spdlog::debug("search index rebuilt: {} jobs in {:.0f} ms", docs.size(), ms);
  return OkStatus();
}

std::shared_ptr<const JobIndex> SearchService::index() const {
  std::lock_guard<std::mutex> lock(index_mu_);
  return index_;
}

StatusOr<SearchResult> SearchService::Search(const SearchQuery& query) const {
  std::shared_ptr<const JobIndex> snapshot = index();
  if (!snapshot) return UnavailableError("the search index is not built yet");
  return snapshot->Search(query);
}

void SearchService::Run() {
  std::unique_lock<std::mutex> lock(mu_);
  while (!stop_) {
    cv_.wait(lock, [&] { return stop_ || dirty_; });
    if (stop_) break;
    // Let a burst of writes settle, then rebuild once for all of them.
    cv_.wait_for(lock, options_.debounce, [&] { return stop_; });
    if (stop_) break;
    dirty_ = false;
    lock.unlock();
    Status s = Rebuild();
    if (!s.ok()) {
      spdlog::warn("search index rebuild failed (will retry on the next change): {}", s.ToString());
    }
    lock.lock();
  }
}

}  // namespace meridian
