// `meridian serve`: the API, the web pages and the operational endpoints on one port.
#include <spdlog/spdlog.h>

#include <atomic>
#include <cstdio>
#include <optional>

#include "api/api.h"
#include "base/logging.h"
#include "cli/common.h"
#include "engine/search/search_service.h"
#include "engine/store/change_feed.h"
#include "engine/store/open_store.h"
#include "http/rate_limit.h"
#include "http/server.h"
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

int RunServe(const Settings& settings) {
  auto store = OpenStore(settings);
  if (!store.ok()) return Fail(store.status());
  SystemClock clock;
  Catalog catalog(**store, clock);
  if (Status s = InitCrypto(); !s.ok()) return Fail(s);
  Accounts accounts(**store, clock,
                    {.session_ttl_seconds = int64_t{settings.session_ttl_hours} * 3600,
                     .max_failed_signins = settings.max_failed_signins,
                     .lockout_seconds = settings.lockout_seconds,
                     .admin_token = settings.admin_token});
  // Trust (issue 7): every job write is screened for scams and given a salary estimate;
  // posts past valid_through expire.
  TrustService trust(**store, clock, TrustOptionsFor(settings));
  if (Status s = trust.Start(); !s.ok()) return Fail(s);
  AuthorizedCatalog writes(**store, catalog,
                           [&trust](const Principal& who, Job* job, const Job* existing) {
                             trust.Enrich(job, existing, {.flag = !who.admin()});
                           });
  http::RateLimiter limiter;
  auto per_minute = [](int n) {
    return http::RateLimit{.per_minute = static_cast<double>(n), .burst = static_cast<double>(n)};
  };
  http::AbuseLimits limits{.signin = per_minute(settings.signin_per_minute),
                           .signup = per_minute(settings.signup_per_minute),
                           .writes = per_minute(settings.writes_per_minute),
                           .events = per_minute(settings.writes_per_minute * 5)};
  http::Metrics metrics;
  std::atomic<bool> ready{false};
  // Public single-record responses are cached and kept current by the change log, which
  // also carries writes made by other processes (a CLI import into this database).
  api::ResponseCache cache(static_cast<size_t>(std::max(1, settings.response_cache_entries)));
  // Full-text search: built from the store after the feed has started, so that no change
  // falls between the build and the feed. Declared before the feed, which calls it.
  SearchService search(JobSearchSource(**store), {.index_path = SearchIndexPath(settings, "jobs")});
  SearchService site_search(SiteSearchSource(**store),
                            {.index_path = SearchIndexPath(settings, "site")});
  // Related items and matching: their model and vector indexes follow the same feed.
  MatchService match(**store, {.model_path = EmbeddingModelPath(settings),
                               .index_prefix = VectorIndexPrefix(settings),
                               .index = {.verify = settings.knn_verify},
                               .config = {.min_overlap_hours = settings.knn_min_overlap_hours}});
  // Online metrics (issue 8): the lists each model version served, and the scam and salary
  // challengers' shadow counts, added to the store every few seconds.
  OnlineRecorder online(**store, clock, {.shadow_totals = [&trust]() {
    TrustStatus st = trust.status();
    std::vector<ShadowCount> out;
    if (st.scam_shadow)
      out.push_back(ShadowTotals(kScamModelName, st.scam_version, *st.scam_shadow));
    if (st.salary_shadow) {
      out.push_back(ShadowTotals(kSalaryModelName, st.salary_version, *st.salary_shadow));
    }
    return out;
  }});
  // "For you": recommenders trained from the events, fold-in per event, content from match.
  FeedService for_you(**store, match,
                      {.retrain_min_events = static_cast<size_t>(settings.recs_retrain_min_events),
                       .retrain_interval = std::chrono::seconds(settings.recs_retrain_seconds),
                       .served = [&online](const Feed& f) {
                         online.CountList(f.model_id, "feed", f.items.size());
                       }});
  // Drift of the served trust models and embeddings, on a schedule (recorded in `drift`, on
  // /metrics).
  std::optional<DriftScheduler> drift;
  if (settings.drift_check_seconds > 0) {
    drift.emplace(
        **store, clock,
        MonitoredModels(
            trust, [&match] { return match.model(); }, [&for_you] { return for_you.model(); }),
        DriftCheckOptions{.window_days = settings.drift_window_days},
        std::chrono::seconds(settings.drift_check_seconds));
    drift->Start();
  }
  // The registry's champions (issue 8), installed now (before the services above start)
  // and swapped in whenever an alias moves (the change feed below carries the registry's
  // changes). Without an embeddings or recommenders champion, those services train their
  // own at start as before.
  ModelWatcher models(
      **store, clock,
      {{.name = kScamModelName,
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
  models.Start();
  // Retraining on new data or age (trainers.h); a new champion reaches `models` through
  // the change feed like a promote from the CLI.
  RetrainScheduler retrain({.store = **store, .trust = &trust}, clock,
                           {.check_every = std::chrono::seconds(settings.retrain_check_seconds),
                            .min_new_rows = settings.retrain_min_new_rows,
                            .max_age = std::chrono::hours(settings.retrain_max_age_hours)});
  // Other replicas' writes (PostgreSQL) arrive by notification; polling is the safety net.
  const bool notified = (*store)->Kind() == "postgresql";
  ChangeFeed feed(**store, {.poll_interval = std::chrono::milliseconds(notified ? 1000 : 200),
                            .notifier = notified ? std::function([&store] {
                              return (*store)->WatchChanges();
                            })
                                                 : nullptr});
  feed.Subscribe([&cache](const std::vector<Change>& batch) { cache.Apply(batch); });
  feed.Subscribe([&](const std::vector<Change>& batch) {
    search.Apply(batch);
    site_search.Apply(batch);
    match.Apply(batch);
    for_you.Apply(batch);
    trust.Apply(batch);
    models.Apply(batch);
  });
  if (Status s = feed.Start(); !s.ok()) return Fail(s);
  if (Status s = search.Start(); !s.ok()) return Fail(s);
  if (Status s = site_search.Start(); !s.ok()) return Fail(s);
  spdlog::info("search: jobs index from {}, site index from {}", search.start_report(),
               site_search.start_report());
  match.StartInBackground();
  for_you.StartInBackground();
  trust.StartBackground();
  retrain.Start();
  online.Start();
  bool use_cache = settings.response_cache_entries > 0;

  http::Router router;
  api::ApiContext api_ctx{.store = store->get(),
                          .catalog = &catalog,
                          .clock = &clock,
                          .metrics = &metrics,
                          .accounts = &accounts,
                          .writes = &writes,
                          .limiter = &limiter,
                          .limits = limits,
                          .version = MERIDIAN_VERSION,
                          .ready = [&ready] { return ready.load(); },
                          .cache = use_cache ? &cache : nullptr,
                          .search = &search,
                          .site_search = &site_search,
                          .match = &match,
                          .feed = &for_you,
                          .trust = &trust,
                          .models = &models};
  api::RegisterApi(router, api_ctx);
  web::WebContext web_ctx{.store = store->get(),
                          .clock = &clock,
                          .base_url = settings.base_url,
                          .accounts = &accounts,
                          .writes = &writes,
                          .limiter = &limiter,
                          .limits = limits,
                          .search = &search,
                          .match = &match,
                          .feed = &for_you,
                          .trust = &trust,
                          .models = &models,
                          .after_write = [&cache, use_cache](Entity e, const std::string& slug) {
                            if (!use_cache) return;
                            Change c;
                            c.entity = std::string(EntityName(e));
                            c.slug = slug;
                            cache.Apply({c});
                          }};
  auto web_status = web::RegisterPages(router, web_ctx);
  if (!web_status.ok()) return Fail(web_status);

  http::ServerOptions options{
      .host = settings.host,
      .port = settings.port,
      .threads = settings.threads,
      .max_header_bytes = settings.max_header_bytes,
      .max_body_bytes = settings.max_body_bytes,
      .read_timeout_seconds = settings.read_timeout_seconds,
      .idle_timeout_seconds = settings.idle_timeout_seconds,
      .shutdown_grace_seconds = settings.shutdown_grace_seconds,
      .blocking_threads = settings.blocking_threads,
      .access_log = settings.access_log
                        ? MakeLogger("access", {.level = "info", .format = settings.log_format})
                        : nullptr,
      .trust_proxy = settings.trust_proxy};
  if (!settings.admin_token.empty()) {
    spdlog::warn(
        "the interim admin token is enabled: anyone holding it is an admin. Prefer admin "
        "accounts and keys (meridian users create, meridian keys create)");
  }
  http::Server server(router, metrics, options);
  Status s = server.RunUntilSignal([&](int port) {
    ready = true;
    // Tests and scripts read this line to find the port.
    std::printf("meridian %s listening on http://%s:%d (db %s)\n", MERIDIAN_VERSION,
                settings.host.c_str(), port, RedactStoreUrl(settings.db).c_str());
    std::fflush(stdout);
  });
  ready = false;
  if (!s.ok()) return Fail(s);
  spdlog::info("stopped");
  return 0;
}

}  // namespace meridian::cli
