#include "engine/search/search_service.h"

#include <spdlog/spdlog.h>

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
  return d;
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
