// Serving job search (docs/search.md): a big base index built from the store, plus a small
// index of the jobs changed since, kept current from the change log by one indexer thread.
// Readers never wait (DESIGN §1): each change publishes a new snapshot with one pointer swap.
//
//   SearchService search(store, {});
//   RETURN_IF_ERROR(search.Start());                       // first build, then the indexer
//   feed.Subscribe([&](const auto& batch) { search.Apply(batch); });
//   ASSIGN_OR_RETURN(SearchResult r, search.Search(query));
//
// A change costs a store read and a rebuild of the small index (milliseconds), so a write
// is searchable well within a second at any catalogue size. When the changed jobs pass
// `max_delta_docs`, a full rebuild runs on its own thread and folds them into a new base;
// the indexer keeps publishing changes meanwhile.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "base/statusor.h"
#include "engine/search/job_index.h"
#include "engine/store/key_worker.h"
#include "engine/store/store.h"

namespace meridian {

struct SearchServiceOptions {
  // After a change, wait this long for more before indexing (a burst costs one pass).
  std::chrono::milliseconds debounce{20};
  // Fold the changed jobs into a new base once there are more than this many (each
  // change rebuilds the small index of them: ~30 µs a job).
  size_t max_delta_docs = 2000;
  // The base index's file (index_file.h): loaded at start when valid, then caught up from
  // the change log; written after every full build. "" = memory only.
  std::string index_path;
};

// Where a service's documents come from: a full scan, and the current version of one
// document when the change log names it. Document slugs are the keys.
struct SearchSource {
  // The key of the document a change concerns; "" when it does not concern this index.
  std::function<std::string(const Change&)> key_of;
  std::function<Status(const std::function<void(SearchDoc)>&)> scan;
  // nullopt when the document is gone or not searchable (a hidden profile).
  std::function<StatusOr<std::optional<SearchDoc>>(const std::string& key)> get;
  // The change log: its newest sequence number, and the changes after one (to catch up
  // an index loaded from its file).
  std::function<StatusOr<int64_t>()> head_seq;
  std::function<StatusOr<std::vector<Change>>(int64_t after_seq, int limit)> changes_since;
};

// Jobs, every status (queries filter by status), keyed by slug.
SearchSource JobSearchSource(StoreReader& store);
// The site-wide index: companies, public talent profiles, articles and cities, keyed
// "company/<slug>", "talent/<slug>", "article/<slug>", "city/<slug>"; the kind is the
// document's status, so queries filter and facet by kind.
SearchSource SiteSearchSource(StoreReader& store);

// One published state: the base index minus the documents changed since it was built,
// plus the index of their current versions.
struct SearchSnapshot {
  std::shared_ptr<const JobIndex> base;
  std::vector<uint8_t> hidden;  // per base document: replaced or deleted
  size_t hidden_count = 0;
  std::shared_ptr<const JobIndex> delta;  // null when no changed job is still present
  size_t documents = 0;

  StatusOr<SearchResult> Search(const SearchQuery& query) const;
};

class SearchService {
 public:
  SearchService(SearchSource source, SearchServiceOptions options)
      : source_(std::move(source)), options_(options) {}
  // Job search.
  SearchService(StoreReader& store, SearchServiceOptions options)
      : SearchService(JobSearchSource(store), options) {}
  ~SearchService();
  SearchService(const SearchService&) = delete;
  SearchService& operator=(const SearchService&) = delete;

  // Loads the index file or builds the first index (synchronously), catches up from the
  // change log, and starts the indexer thread.
  Status Start();
  void Stop();
  // Feed of store changes: the source's changes are indexed by the indexer thread.
  void Apply(const std::vector<Change>& changes);
  // Rebuilds the base from the store now, on the calling thread.
  Status Rebuild();

  std::shared_ptr<const SearchSnapshot> snapshot() const;
  StatusOr<SearchResult> Search(const SearchQuery& query) const;
  // How many snapshots have been published (tests wait on it).
  uint64_t generation() const { return generation_.load(); }
  // How many full builds of the base have run (a start from the index file is none).
  uint64_t base_builds() const { return base_builds_.load(); }
  // How the last start went: "file" (loaded and caught up) or "build", with the reason.
  std::string start_report() const;
  // Whether the last Rebuild() could write its index file (a server only warns when it
  // cannot: the index in memory is whole; `meridian reindex` fails).
  Status file_write_status() const;

 private:
  // Indexes the current versions of `keys` into the delta and publishes.
  Status IndexChanges(const std::set<std::string>& keys);
  void PublishLocked();  // needs state_mu_
  void MaybeStartRebuildLocked();
  // Loads the index file and indexes the changes made since it was written; an error
  // means the caller builds from the store instead.
  Status LoadFile();

  SearchSource source_;
  SearchServiceOptions options_;

  mutable std::mutex snapshot_mu_;  // guards snapshot_ (the pointer, not the snapshot)
  std::shared_ptr<const SearchSnapshot> snapshot_;
  std::atomic<uint64_t> generation_{0};
  std::atomic<uint64_t> base_builds_{0};

  std::mutex rebuild_mu_;        // one full rebuild at a time
  mutable std::mutex state_mu_;  // guards the fields below
  std::shared_ptr<const JobIndex> base_;
  std::map<std::string, std::optional<SearchDoc>> delta_docs_;  // nullopt = deleted
  bool rebuilding_ = false;
  std::set<std::string> touched_during_rebuild_;
  std::thread rebuild_thread_;
  std::string start_report_;
  Status file_write_status_;

  // The indexer: the keys of changed documents, indexed in batches.
  KeyWorker worker_{{.debounce = options_.debounce, .name = "search"},
                    [this](const std::set<std::string>& keys) { return IndexChanges(keys); }};
};

// The index's view of a stored job.
SearchDoc ToSearchDoc(const Job& job);

// A job's working-hours window as the index keys it ("" for none), and back.
std::string WindowKey(const std::optional<TimezoneWindow>& window);
std::optional<TimezoneWindow> ParseWindowKey(std::string_view key);

}  // namespace meridian
