#include "engine/search/search_service.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <string>

#include "base/memory.h"
#include "base/strings.h"
#include "engine/search/index_file.h"

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

StatusOr<SearchResult> SearchSnapshot::Search(const SearchQuery& q) const {
  if (!base) return UnavailableError("the search index is not built yet");
  if (!delta && hidden_count == 0) return base->Search(q);
  // Each part is asked for everything up to the end of the page, then merged; typos are
  // decided over both parts together, as one index would.
  auto run = [&](TypoMode mode) -> StatusOr<SearchResult> {
    SearchQuery wide = q;
    wide.offset = 0;
    wide.limit = q.offset + q.limit;
    wide.typos = mode;
    std::vector<SearchResult> parts;
    ASSIGN_OR_RETURN(SearchResult b, base->Search(wide, {.hidden = &hidden}));
    parts.push_back(std::move(b));
    if (delta) {
      ASSIGN_OR_RETURN(SearchResult d, delta->Search(wide));
      parts.push_back(std::move(d));
    }
    return MergeSearchResults(std::move(parts), q);
  };
  return WithTypoFallback(q, run);
}

SearchService::~SearchService() {
  Stop();
}

Status SearchService::Start() {
  Status loaded =
      options_.index_path.empty() ? NotFoundError("no index file configured") : LoadFile();
  if (!loaded.ok()) {
    if (!options_.index_path.empty() && loaded.code() != StatusCode::kNotFound) {
      spdlog::warn("search: rebuilding from the store: {}", loaded.message());
    }
    RETURN_IF_ERROR(Rebuild());
    std::lock_guard<std::mutex> lock(state_mu_);
    start_report_ = "build (" + loaded.message() + ")";
  }
  worker_.Start();
  return OkStatus();
}

Status SearchService::file_write_status() const {
  std::lock_guard<std::mutex> lock(state_mu_);
  return file_write_status_;
}

std::string SearchService::start_report() const {
  std::lock_guard<std::mutex> lock(state_mu_);
  return start_report_;
}

Status SearchService::LoadFile() {
  auto start = std::chrono::steady_clock::now();
  ASSIGN_OR_RETURN(JobIndexFile::Loaded file, JobIndexFile::Read(options_.index_path));
  ASSIGN_OR_RETURN(int64_t head, source_.head_seq());
  if (head < file.change_seq) {
    return DataLossError("the index file is newer than the store's change log (" +
                         std::to_string(file.change_seq) + " > " + std::to_string(head) +
                         "): it belongs to another database");
  }
  // Catch up: every document the change log names since the file was written.
  std::set<std::string> keys;
  for (int64_t after = file.change_seq; after < head;) {
    ASSIGN_OR_RETURN(std::vector<Change> batch, source_.changes_since(after, 1000));
    if (batch.empty()) break;
    for (const Change& c : batch) {
      if (std::string key = source_.key_of(c); !key.empty()) keys.insert(std::move(key));
    }
    after = batch.back().seq;
  }
  if (keys.size() > options_.max_delta_docs) {
    return FailedPreconditionError("the index file is " + std::to_string(keys.size()) +
                                   " documents behind");
  }
  size_t documents = file.index.size();
  {
    std::lock_guard<std::mutex> lock(state_mu_);
    base_ = std::make_shared<const JobIndex>(std::move(file.index));
    delta_docs_.clear();
    PublishLocked();
  }
  if (!keys.empty()) RETURN_IF_ERROR(IndexChanges(keys));
  double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  std::lock_guard<std::mutex> lock(state_mu_);
  start_report_ = "file (" + std::to_string(documents) + " documents in " +
                  std::to_string(static_cast<int>(ms)) + " ms, " + std::to_string(keys.size()) +
                  " changed since)";
  return OkStatus();
}

void SearchService::Stop() {
  worker_.Stop();
  std::thread rebuild;
  {
    std::lock_guard<std::mutex> lock(state_mu_);
    rebuild = std::move(rebuild_thread_);
  }
  if (rebuild.joinable()) rebuild.join();
}

void SearchService::Apply(const std::vector<Change>& changes) {
  std::vector<std::string> keys;
  for (const Change& c : changes) {
    if (std::string key = source_.key_of(c); !key.empty()) keys.push_back(std::move(key));
  }
  worker_.Add(std::move(keys));
}

Status SearchService::Rebuild() {
  std::lock_guard<std::mutex> serial(rebuild_mu_);
  auto start = std::chrono::steady_clock::now();
  {
    std::lock_guard<std::mutex> lock(state_mu_);
    rebuilding_ = true;
    touched_during_rebuild_.clear();
  }
  // The change-log position is read before the scan: changes after it are replayed on
  // load, and replaying one the scan already saw is harmless.
  StatusOr<int64_t> seq = source_.head_seq();
  JobIndexBuilder builder;
  size_t count = 0;
  Status scanned = seq.status();
  if (scanned.ok()) {
    scanned = source_.scan([&](SearchDoc d) {
      builder.Add(d);
      ++count;
    });
  }
  std::shared_ptr<const JobIndex> index;
  if (scanned.ok()) index = std::make_shared<const JobIndex>(builder.Finish());
  // A full build frees hundreds of megabytes of scratch: hand it back at once.
  ReleaseFreeMemory();
  Status written;
  if (index && !options_.index_path.empty()) {
    written = JobIndexFile::Write(*index, *seq, options_.index_path);
    if (!written.ok()) spdlog::warn("search: {} (the next start rebuilds)", written.message());
  }
  std::lock_guard<std::mutex> lock(state_mu_);
  file_write_status_ = written;
  rebuilding_ = false;
  RETURN_IF_ERROR(scanned);
  base_ = std::move(index);
  base_builds_.fetch_add(1);
  // The new base saw every change made before the scan; later ones stay in the delta.
  for (auto it = delta_docs_.begin(); it != delta_docs_.end();) {
    it = touched_during_rebuild_.count(it->first) ? std::next(it) : delta_docs_.erase(it);
  }
  touched_during_rebuild_.clear();
  PublishLocked();
  double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  spdlog::debug("search index rebuilt: {} documents in {:.0f} ms ({} changed since)", count, ms,
                delta_docs_.size());
  return OkStatus();
}

void SearchService::PublishLocked() {
  auto snap = std::make_shared<SearchSnapshot>();
  snap->base = base_;
  if (base_) snap->hidden.assign(base_->size(), 0);
  std::vector<SearchDoc> live;
  for (const auto& [slug, doc] : delta_docs_) {
    if (base_) {
      if (auto d = base_->FindDoc(slug)) snap->hidden[*d] = 1;
    }
    if (doc) live.push_back(*doc);
  }
  if (!live.empty()) {
    snap->delta = std::make_shared<const JobIndex>(
        JobIndex::Build(live, {.stats_from = base_ ? base_.get() : nullptr}));
  }
  snap->hidden_count = static_cast<size_t>(std::count(snap->hidden.begin(), snap->hidden.end(), 1));
  snap->documents = (base_ ? base_->size() : 0) - snap->hidden_count + live.size();
  {
    std::lock_guard<std::mutex> lock(snapshot_mu_);
    snapshot_ = std::move(snap);
  }
  generation_.fetch_add(1);
}

Status SearchService::IndexChanges(const std::set<std::string>& keys) {
  std::map<std::string, std::optional<SearchDoc>> fresh;
  for (const std::string& key : keys) {
    ASSIGN_OR_RETURN(fresh[key], source_.get(key));
  }
  std::lock_guard<std::mutex> lock(state_mu_);
  for (auto& [slug, doc] : fresh) {
    delta_docs_[slug] = std::move(doc);
    if (rebuilding_) touched_during_rebuild_.insert(slug);
  }
  PublishLocked();
  MaybeStartRebuildLocked();
  return OkStatus();
}

void SearchService::MaybeStartRebuildLocked() {
  if (rebuilding_ || delta_docs_.size() <= options_.max_delta_docs) return;
  if (rebuild_thread_.joinable()) rebuild_thread_.join();  // the last one has finished
  rebuilding_ = true;  // Rebuild() sets it again; this keeps a second start out meanwhile
  rebuild_thread_ = std::thread([this] {
    if (Status s = Rebuild(); !s.ok()) {
      spdlog::warn("search index rebuild failed (the changes stay indexed): {}", s.ToString());
    }
  });
}

std::shared_ptr<const SearchSnapshot> SearchService::snapshot() const {
  std::lock_guard<std::mutex> lock(snapshot_mu_);
  return snapshot_;
}

StatusOr<SearchResult> SearchService::Search(const SearchQuery& query) const {
  std::shared_ptr<const SearchSnapshot> snap = snapshot();
  if (!snap) return UnavailableError("the search index is not built yet");
  return snap->Search(query);
}

}  // namespace meridian
