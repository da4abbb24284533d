// Orchestration of the demo seeding: facts, then generated records, written in batches.
#include "platform/demo/demo.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "platform/demo/facts.h"
#include "platform/demo/generators.h"
#include "platform/trust/moderation.h"

namespace meridian {
namespace {

constexpr size_t kBatch = 2000;
// Jobs go in larger transactions: SQLite inserts them much faster that way (see
// GenerateAndWrite); 20,000 generated jobs take about 60 MB.
constexpr size_t kJobBatch = 20000;
constexpr WriteOptions kBulk{.durable = false};
// Earliest accepted "now": articles are back-dated up to a year.
constexpr UnixSeconds kMinNow = 2 * 365 * 86400;

using SteadyClock = std::chrono::steady_clock;

double SecondsSince(SteadyClock::time_point start) {
  return std::chrono::duration<double>(SteadyClock::now() - start).count();
}

void Report(const DemoOptions& o, std::string_view stage, int64_t done, int64_t total) {
  if (o.progress) o.progress(stage, done, total);
}

StatusOr<PutOutcome> Put(StoreWriter& w, Company* r) {
  return w.PutCompany(r, PutMode::kUpsert);
}
StatusOr<PutOutcome> Put(StoreWriter& w, City* r) {
  return w.PutCity(r, PutMode::kUpsert);
}
// Jobs are the bulk of a seed; into a store without jobs they are created outright, which
// spares a slug lookup per row (the unique index still guards against duplicates).
StatusOr<PutOutcome> Put(StoreWriter& w, Job* r, PutMode mode) {
  return w.PutJob(r, mode);
}
StatusOr<PutOutcome> Put(StoreWriter& w, Talent* r) {
  return w.PutTalent(r, PutMode::kUpsert);
}
StatusOr<PutOutcome> Put(StoreWriter& w, Article* r) {
  return w.PutArticle(r, PutMode::kUpsert);
}
template <typename T>
StatusOr<PutOutcome> Put(StoreWriter& w, T* r, PutMode) {
  return Put(w, r);
}

// Writes `records` in transactions of kBatch, reporting progress after each.
template <typename T>
Status WriteAll(Store& store, std::vector<T>* records, std::string_view stage,
                const DemoOptions& o) {
  const int64_t total = static_cast<int64_t>(records->size());
  for (size_t begin = 0; begin < records->size(); begin += kBatch) {
    size_t end = std::min(records->size(), begin + kBatch);
    RETURN_IF_ERROR(store.Write(
        [&](StoreWriter& w) -> Status {
          for (size_t i = begin; i < end; ++i) {
            auto put = Put(w, &(*records)[i]);
            if (!put.ok()) {
              return put.status().Annotate(std::string(stage) + " '" + (*records)[i].slug + "'");
            }
          }
          return OkStatus();
        },
        kBulk));
    Report(o, stage, static_cast<int64_t>(end), total);
  }
  if (total == 0) Report(o, stage, 0, 0);
  return OkStatus();
}

// Generates and writes `total` records from `next()` in transactions of `batch_size`.
//
// SQLite is the bottleneck at scale, so a second thread generates the next batch while this
// one writes, and also frees the batches already written. `next` runs on that thread only, in
// order, so the records are exactly those of a plain loop. Each batch is written in slug
// order: with large batches that turns the random inserts into the slug index into one ordered
// sweep. At most about two batches are alive at a time.
template <typename T, typename Next>
Status GenerateAndWrite(Store& store, int64_t total, size_t batch_size, Next next,
                        std::string_view stage, const DemoOptions& o, PutMode mode) {
  std::mutex mu;
  std::condition_variable cv;
  std::optional<std::vector<T>> ready;  // generated, waiting to be written
  std::vector<T> spent;                 // written, waiting to be freed
  bool stop = false;
  std::thread producer([&] {
    for (int64_t made = 0; made < total;) {
      std::vector<T> garbage;
      {
        std::unique_lock lock(mu);
        cv.wait(lock, [&] { return stop || !ready.has_value(); });
        if (stop) return;
        garbage.swap(spent);
      }
      garbage.clear();
      int64_t n = std::min<int64_t>(static_cast<int64_t>(batch_size), total - made);
      std::vector<T> batch;
      batch.reserve(static_cast<size_t>(n));
      for (int64_t i = 0; i < n; ++i) batch.push_back(next());
      std::sort(batch.begin(), batch.end(), [](const T& a, const T& b) { return a.slug < b.slug; });
      made += n;
      std::lock_guard lock(mu);
      ready = std::move(batch);
      cv.notify_all();
    }
  });
  Status status;
  int64_t done = 0;
  while (status.ok() && done < total) {
    std::vector<T> batch;
    {
      std::unique_lock lock(mu);
      cv.wait(lock, [&] { return ready.has_value(); });
      batch = std::move(*ready);
      ready.reset();
      cv.notify_all();
    }
    status = store.Write(
        [&](StoreWriter& w) -> Status {
          for (T& r : batch) {
            auto put = Put(w, &r, mode);
            if (!put.ok()) return put.status().Annotate(std::string(stage) + " '" + r.slug + "'");
          }
          return OkStatus();
        },
        kBulk);
    done += static_cast<int64_t>(batch.size());
    if (status.ok()) Report(o, stage, done, total);
    std::lock_guard lock(mu);
    if (spent.empty()) spent = std::move(batch);  // else freed here, as the producer lags
  }
  {
    std::lock_guard lock(mu);
    stop = true;
    cv.notify_all();
  }
  producer.join();
  RETURN_IF_ERROR(status);
  if (total == 0) Report(o, stage, 0, 0);
  return OkStatus();
}

}  // namespace

StatusOr<DemoSummary> SeedDemo(Store& store, const DemoOptions& options) {
  if (options.jobs < 0) return InvalidArgumentError("jobs: must not be negative", "jobs");
  if (options.talent < 0) return InvalidArgumentError("talent: must not be negative", "talent");
  if (options.visitors < 0) {
    return InvalidArgumentError("visitors: must not be negative", "visitors");
  }
  if (options.articles < 0) {
    return InvalidArgumentError("articles: must not be negative", "articles");
  }
  if (options.now < kMinNow) {
    return InvalidArgumentError("now: must be the current time (Unix seconds)", "now");
  }
  const SteadyClock::time_point start = SteadyClock::now();
  DemoSummary summary;
  ASSIGN_OR_RETURN(demo::Facts facts, demo::LoadFacts());

  // Facts: cities and companies (plus the fictional companies of the suspicious posts).
  std::vector<City> cities = facts.cities;
  for (City& c : cities) c.created_at = options.now;
  RETURN_IF_ERROR(WriteAll(store, &cities, "cities", options));
  summary.cities = static_cast<int64_t>(cities.size());
  std::vector<Company> companies;
  for (const demo::CompanyFact& f : facts.companies) companies.push_back(f.company);
  for (Company& c : demo::ScamCompanyRecords()) companies.push_back(std::move(c));
  for (Company& c : companies) c.created_at = options.now;
  RETURN_IF_ERROR(WriteAll(store, &companies, "companies", options));
  summary.companies = static_cast<int64_t>(companies.size());

  // Jobs.
  const SteadyClock::time_point jobs_start = SteadyClock::now();
  demo::JobGenerator jobs(facts.companies, options.seed, options.now);
  ASSIGN_OR_RETURN(TableCounts before, store.Counts());
  PutMode job_mode = before.rows["jobs"] == 0 ? PutMode::kCreate : PutMode::kUpsert;
  RETURN_IF_ERROR(GenerateAndWrite<Job>(
      store, options.jobs, kJobBatch, [&] { return jobs.Next(); }, "jobs", options, job_mode));
  summary.jobs = options.jobs;
  summary.jobs_seconds = SecondsSince(jobs_start);

  // Talent.
  demo::TalentGenerator talent(facts.cities, options.seed, options.now);
  RETURN_IF_ERROR(GenerateAndWrite<Talent>(
      store, options.talent, kBatch, [&] { return talent.Next(); }, "talent", options,
      PutMode::kUpsert));
  summary.talent = options.talent;

  // Articles, including the ones computed from the generated jobs and talent.
  std::vector<Article> articles = demo::GenerateArticles({.cities = &facts.cities,
                                                          .talent_per_city = &talent.per_city(),
                                                          .jobs = &jobs.stats(),
                                                          .count = options.articles,
                                                          .seed = options.seed,
                                                          .now = options.now});
  RETURN_IF_ERROR(WriteAll(store, &articles, "articles", options));
  summary.articles = static_cast<int64_t>(articles.size());

  // Visitors' activity, on a store that has none yet.
  ASSIGN_OR_RETURN(TableCounts now_counts, store.Counts());
  if (options.visitors > 0 && now_counts.rows["events"] == 0) {
    std::vector<Job> live;
    RETURN_IF_ERROR(store.ScanJobs([&](const Job& j) {
      if (j.status == "live") live.push_back(j);
      return OkStatus();
    }));
    std::vector<Event> events =
        demo::GenerateEvents(live, options.visitors, options.seed, options.now);
    RETURN_IF_ERROR(store.Write(
        [&](StoreWriter& w) -> Status {
          for (const Event& e : events) RETURN_IF_ERROR(w.AddEvent(e).status());
          return OkStatus();
        },
        kBulk));
    summary.events = static_cast<int64_t>(events.size());
  }

  // Labelled examples for the scam model, on a store that has no labels yet: posts of
  // their own generator stream, so none of them is a stored job.
  ASSIGN_OR_RETURN(std::vector<ModerationLabel> any_label, store.ListModerationLabels(0, 1));
  if (options.labels > 0 && any_label.empty()) {
    demo::JobGenerator examples(facts.companies, options.seed ^ 0x5CA7ULL, options.now);
    std::vector<ModerationLabel> labels;
    for (int i = 0; i < options.labels; ++i) {
      const bool scam = i % 5 == 0;
      labels.push_back(
          LabelOf(examples.NextOfKind(scam), scam ? "scam" : "legit", "generated", options.now));
    }
    RETURN_IF_ERROR(store.Write(
        [&](StoreWriter& w) -> Status {
          for (ModerationLabel& l : labels) RETURN_IF_ERROR(w.AddModerationLabel(&l));
          return OkStatus();
        },
        kBulk));
    summary.labels = static_cast<int64_t>(labels.size());
  }

  Status meta = store.Write(
      [&](StoreWriter& w) -> Status {
        Status s = w.SetMeta("demo.seed", std::to_string(options.seed));
        if (s.ok()) s = w.SetMeta("demo.generated_at", FormatRfc3339(options.now));
        if (s.ok()) s = w.SetMeta("demo.version", "1");
        return s;
      },
      kBulk);
  RETURN_IF_ERROR(meta);
  summary.seconds = SecondsSince(start);
  return summary;
}

bool IsDemoScamCompany(std::string_view slug) {
  for (const Company& c : demo::ScamCompanyRecords()) {
    if (c.slug == slug) return true;
  }
  return false;
}

}  // namespace meridian
