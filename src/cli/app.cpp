#include "cli/app.h"

#include <spdlog/spdlog.h>

#include <atomic>
#include <optional>

#include "api/api.h"
#include "base/memory.h"
#include "cli/common.h"
#include "engine/search/search_service.h"
#include "engine/store/change_feed.h"
#include "http/rate_limit.h"
#include "platform/accounts/accounts.h"
#include "platform/accounts/authorized_catalog.h"
#include "platform/catalog.h"
#include "platform/lifecycle/drift_monitor.h"
#include "platform/lifecycle/drift_recs.h"
#include "platform/lifecycle/model_watcher.h"
#include "platform/lifecycle/online_metrics.h"
#include "platform/lifecycle/retrain_scheduler.h"
#include "platform/lifecycle/trainers.h"
#include "platform/matching/match_service.h"
#include "platform/recs/feed_service.h"
#include "web/web.h"

#ifndef MERIDIAN_VERSION
#define MERIDIAN_VERSION "dev"
#endif

namespace meridian::cli {

// In construction order: members are destroyed in reverse, so every service outlives the
// ones that call it and the change feed stops before the services it feeds.
struct App::Parts {
  std::unique_ptr<Store> store;
  SystemClock clock;
  std::optional<Catalog> catalog;
  std::optional<Accounts> accounts;
  std::optional<TrustService> trust;
  std::optional<AuthorizedCatalog> writes;
  http::RateLimiter limiter;
  http::Metrics metrics;
  std::atomic<bool> ready{false};
  std::optional<api::ResponseCache> cache;
  std::optional<SearchService> search;
  std::optional<SearchService> site_search;
  std::optional<MatchService> match;
  std::optional<OnlineRecorder> online;
  std::optional<FeedService> for_you;
  std::optional<DriftScheduler> drift;
  std::optional<ModelWatcher> models;
  std::optional<RetrainScheduler> retrain;
  std::optional<ChangeFeed> feed;
  std::optional<MemoryReleaser> memory;
  http::Router router;
};

App::App() : parts_(std::make_unique<Parts>()) {}
App::~App() = default;

const http::Router& App::router() const {
  return parts_->router;
}
http::Metrics& App::metrics() {
  return parts_->metrics;
}
Store& App::store() {
  return *parts_->store;
}
void App::SetReady(bool ready) {
  parts_->ready = ready;
}

StatusOr<std::unique_ptr<App>> App::Start(const Settings& settings) {
  std::unique_ptr<App> app(new App());
  Parts& p = *app->parts_;
  ASSIGN_OR_RETURN(p.store, OpenStore(settings));
  Store& store = *p.store;
  p.catalog.emplace(store, p.clock);
  RETURN_IF_ERROR(InitCrypto());
  p.accounts.emplace(
      store, p.clock,
      AccountsOptions{.session_ttl_seconds = int64_t{settings.session_ttl_hours} * 3600,
                      .max_failed_signins = settings.max_failed_signins,
                      .lockout_seconds = settings.lockout_seconds,
                      .admin_token = settings.admin_token});
  // Trust (issue 7): every job write is screened for scams and given a salary estimate;
  // posts past valid_through expire.
  p.trust.emplace(store, p.clock, TrustOptionsFor(settings));
  RETURN_IF_ERROR(p.trust->Start());
  TrustService& trust = *p.trust;
  p.writes.emplace(store, *p.catalog,
                   [&trust](const Principal& who, Job* job, const Job* existing) {
                     trust.Enrich(job, existing, {.flag = !who.admin()});
                   });
  auto per_minute = [](int n) {
    return http::RateLimit{.per_minute = static_cast<double>(n), .burst = static_cast<double>(n)};
  };
  http::AbuseLimits limits{.signin = per_minute(settings.signin_per_minute),
                           .signup = per_minute(settings.signup_per_minute),
                           .writes = per_minute(settings.writes_per_minute),
                           .events = per_minute(settings.writes_per_minute * 5)};
  // Public single-record responses are cached and kept current by the change log, which
  // also carries writes made by other processes (a CLI import into this database).
  p.cache.emplace(static_cast<size_t>(std::max(1, settings.response_cache_entries)));
  // Full-text search: built from the store after the feed has started, so that no change
  // falls between the build and the feed.
  p.search.emplace(JobSearchSource(store),
                   SearchServiceOptions{.index_path = SearchIndexPath(settings, "jobs")});
  p.site_search.emplace(SiteSearchSource(store),
                        SearchServiceOptions{.index_path = SearchIndexPath(settings, "site")});
  // Related items and matching: their model and vector indexes follow the same feed.
  p.match.emplace(
      store, MatchServiceOptions{.model_path = EmbeddingModelPath(settings),
                                 .index_prefix = VectorIndexPrefix(settings),
                                 .index = {.verify = settings.knn_verify},
                                 .config = {.min_overlap_hours = settings.knn_min_overlap_hours}});
  MatchService& match = *p.match;
  // Online metrics (issue 8): the lists each model version served, and the scam and salary
  // challengers' shadow counts, added to the store every few seconds.
  p.online.emplace(
      store, p.clock, OnlineRecorderOptions{.shadow_totals = [&trust]() {
        TrustStatus st = trust.status();
        std::vector<ShadowCount> out;
        if (st.scam_shadow)
          out.push_back(ShadowTotals(kScamModelName, st.scam_version, *st.scam_shadow));
        if (st.salary_shadow) {
          out.push_back(ShadowTotals(kSalaryModelName, st.salary_version, *st.salary_shadow));
        }
        return out;
      }});
  OnlineRecorder& online = *p.online;
  // "For you": recommenders trained from the events, fold-in per event, content from match.
  p.for_you.emplace(store, match,
                    FeedServiceOptions{
                        .retrain_min_events = static_cast<size_t>(settings.recs_retrain_min_events),
                        .retrain_interval = std::chrono::seconds(settings.recs_retrain_seconds),
                        .served = [&online](const Feed& f) {
                          online.CountList(f.model_id, "feed", f.items.size());
                        }});
  FeedService& for_you = *p.for_you;
  // Drift of the served trust models and embeddings, on a schedule (recorded in `drift`, on
  // /metrics).
  if (settings.drift_check_seconds > 0) {
    p.drift.emplace(
        store, p.clock,
        MonitoredModels(
            trust, [&match] { return match.model(); }, [&for_you] { return for_you.model(); }),
        DriftCheckOptions{.window_days = settings.drift_window_days},
        std::chrono::seconds(settings.drift_check_seconds));
    p.drift->Start();
  }
  // The registry's champions (issue 8), installed now (before the services above start)
  // and swapped in whenever an alias moves (the change feed below carries the registry's
  // changes). Without an embeddings or recommenders champion, those services train their
  // own at start as before.
  p.models.emplace(
      store, p.clock,
      std::vector<ModelSlot>{
          {.name = kScamModelName,
           .install =
               [&trust](const ModelVersion& v) {
                 return trust.InstallScamModel(v.artifact, VersionLabel(v));
               },
           // The challenger scores every screened post in the shadow.
           .shadow =
               [&trust](const ModelVersion* v) {
                 if (!v) return trust.ShadowScamModel(std::nullopt, "");
                 return trust.ShadowScamModel(v->artifact, VersionLabel(*v));
               }},
          {.name = kSalaryModelName,
           .install =
               [&trust](const ModelVersion& v) {
                 return trust.InstallSalaryModel(v.artifact, VersionLabel(v));
               },
           .shadow =
               [&trust](const ModelVersion* v) {
                 if (!v) return trust.ShadowSalaryModel(std::nullopt, "");
                 return trust.ShadowSalaryModel(v->artifact, VersionLabel(*v));
               }},
          {.name = kEmbeddingsModelName,
           .install = [&match](const ModelVersion& v) -> Status {
             ASSIGN_OR_RETURN(EmbeddingModel m, EmbeddingModel::Deserialize(v.artifact));
             match.InstallModel(std::make_shared<const EmbeddingModel>(std::move(m)),
                                ModelRefLabel(v));
             return OkStatus();
           }},
          {.name = kRecommendersModelName, .install = [&for_you](const ModelVersion& v) -> Status {
             ASSIGN_OR_RETURN(std::shared_ptr<const RecModel> m, RecModel::Deserialize(v.artifact));
             for_you.InstallModel(std::move(m), ModelRefLabel(v));
             return OkStatus();
           }}});
  p.models->Start();
  // Retraining on new data or age (trainers.h); a new champion reaches `models` through
  // the change feed like a promote from the CLI.
  p.retrain.emplace(
      TrainTarget{.store = store, .trust = &trust}, p.clock,
      RetrainOptions{.check_every = std::chrono::seconds(settings.retrain_check_seconds),
                     .min_new_rows = settings.retrain_min_new_rows,
                     .max_age = std::chrono::hours(settings.retrain_max_age_hours)});
  // Other replicas' writes (PostgreSQL) arrive by notification; polling is the safety net.
  const bool notified = store.Kind() == "postgresql";
  p.feed.emplace(store,
                 ChangeFeedOptions{
                     .poll_interval = std::chrono::milliseconds(notified ? 1000 : 200),
                     .notifier = notified ? std::function([&store] { return store.WatchChanges(); })
                                          : nullptr});
  api::ResponseCache& cache = *p.cache;
  p.feed->Subscribe([&cache](const std::vector<Change>& batch) { cache.Apply(batch); });
  p.feed->Subscribe([&p](const std::vector<Change>& batch) {
    p.search->Apply(batch);
    p.site_search->Apply(batch);
    p.match->Apply(batch);
    p.for_you->Apply(batch);
    p.trust->Apply(batch);
    p.models->Apply(batch);
  });
  RETURN_IF_ERROR(p.feed->Start());
  RETURN_IF_ERROR(p.search->Start());
  RETURN_IF_ERROR(p.site_search->Start());
  spdlog::info("search: jobs index from {}, site index from {}", p.search->start_report(),
               p.site_search->start_report());
  match.StartInBackground();
  for_you.StartInBackground();
  trust.StartBackground();
  p.retrain->Start();
  online.Start();
  if (settings.memory_release_seconds > 0) {
    p.memory.emplace(
        MemoryReleaserOptions{.interval = std::chrono::seconds(settings.memory_release_seconds)});
    p.memory->Start();
  }
  const bool use_cache = settings.response_cache_entries > 0;

  api::ApiContext api_ctx{.store = &store,
                          .catalog = &*p.catalog,
                          .clock = &p.clock,
                          .metrics = &p.metrics,
                          .accounts = &*p.accounts,
                          .writes = &*p.writes,
                          .limiter = &p.limiter,
                          .limits = limits,
                          .version = MERIDIAN_VERSION,
                          .ready = [&p] { return p.ready.load(); },
                          .cache = use_cache ? &cache : nullptr,
                          .search = &*p.search,
                          .site_search = &*p.site_search,
                          .match = &match,
                          .feed = &for_you,
                          .trust = &trust,
                          .models = &*p.models,
                          .memory = p.memory ? &*p.memory : nullptr};
  api::RegisterApi(p.router, api_ctx);
  web::WebContext web_ctx{.store = &store,
                          .clock = &p.clock,
                          .base_url = settings.base_url,
                          .accounts = &*p.accounts,
                          .writes = &*p.writes,
                          .limiter = &p.limiter,
                          .limits = limits,
                          .search = &*p.search,
                          .match = &match,
                          .feed = &for_you,
                          .trust = &trust,
                          .models = &*p.models,
                          .after_write = [&cache, use_cache](Entity e, const std::string& slug) {
                            if (!use_cache) return;
                            Change c;
                            c.entity = std::string(EntityName(e));
                            c.slug = slug;
                            cache.Apply({c});
                          }};
  RETURN_IF_ERROR(web::RegisterPages(p.router, web_ctx));
  return app;
}

}  // namespace meridian::cli
