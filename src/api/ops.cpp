// Operational endpoints: liveness, readiness, Prometheus metrics, and the API index.
#include <cstdio>
#include <map>

#include "api/api.h"
#include "api/respond.h"

namespace meridian::api {

// The served models' versions and the newest drift checks, in Prometheus text format.
std::string ModelMetrics(const ModelWatcher& models, Store& store, UnixSeconds now);

void RegisterEntityRoutes(http::Router& router, const ApiContext& ctx);
void RegisterSearchRoutes(http::Router& router, const ApiContext& ctx);
void RegisterRecommendRoutes(http::Router& router, const ApiContext& ctx);
void RegisterAuthRoutes(http::Router& router, const ApiContext& ctx);
void RegisterEventRoutes(http::Router& router, const ApiContext& ctx);
void RegisterModerationRoutes(http::Router& router, const ApiContext& ctx);
void RegisterModelRoutes(http::Router& router, const ApiContext& ctx);

namespace {

using http::Method;
using http::Request;
using http::Response;

// One unlabelled metric with its help and type lines.
std::string Metric(const std::string& name, const std::string& type, const std::string& help,
                   double value) {
  char number[32];
  std::snprintf(number, sizeof number, "%.17g", value);
  return "# HELP " + name + " " + help + "\n# TYPE " + name + " " + type + "\n" + name + " " +
         number + "\n";
}

// Resident and heap memory, the scheduled releases of free heap memory, and the "for you"
// feed's cache of histories: what to watch for memory growth (issue 10).
std::string MemoryMetrics(const ApiContext& ctx) {
  const HeapStats heap = ReadHeapStats();
  std::string out =
      Metric("process_resident_memory_bytes", "gauge", "Resident memory size in bytes.",
             static_cast<double>(ResidentBytes())) +
      Metric("meridian_heap_in_use_bytes", "gauge", "Heap memory allocated and not freed.",
             static_cast<double>(heap.in_use_bytes)) +
      Metric("meridian_heap_free_held_bytes", "gauge",
             "Heap memory freed but still held by the allocator.",
             static_cast<double>(heap.free_held_bytes)) +
      Metric("meridian_database_memory_bytes", "gauge",
             "Heap memory the database library holds (SQLite: page caches, statements).",
             static_cast<double>(ctx.store->MemoryBytes()));
  if (ctx.memory) {
    const MemoryReleaserStats s = ctx.memory->stats();
    out += Metric("meridian_memory_releases_total", "counter",
                  "Scheduled hand-backs of free heap memory to the system "
                  "(server.memory_release_seconds).",
                  static_cast<double>(s.releases)) +
           Metric("meridian_memory_release_seconds_total", "counter",
                  "Time the scheduled hand-backs took.", s.seconds) +
           Metric("meridian_memory_released_bytes_total", "counter",
                  "Resident memory that went away during those releases.",
                  static_cast<double>(s.released_bytes));
  }
  if (ctx.feed) {
    const FeedCacheStats s = ctx.feed->cache_stats();
    out +=
        Metric("meridian_feed_cached_owners", "gauge",
               "Owners whose history the \"for you\" feed caches.", static_cast<double>(s.owners)) +
        Metric("meridian_feed_cached_events", "gauge", "Events in those cached histories.",
               static_cast<double>(s.events)) +
        Metric("meridian_feed_cache_restarts_total", "counter",
               "Times the history cache reached its bounds and started over.",
               static_cast<double>(s.restarts));
  }
  return out;
}

}  // namespace

void RegisterApi(http::Router& router, const ApiContext& ctx) {
  router.Add(Method::kGet, "/healthz", [ctx](Request&) {
    return Response::Json(200, DumpJson({{"status", "ok"}, {"version", ctx.version}}));
  });

  router.Add(Method::kGet, "/readyz", [ctx](Request& req) {
    if (ctx.ready && !ctx.ready()) {
      return Response::Json(
          503, DumpJson({{"status", "not ready"}, {"reason", "starting or shutting down"}}));
    }
    Status s = ctx.store->Ping();
    if (!s.ok()) {
      Response r = Error(UnavailableError("store: " + s.message()), req);
      return r;
    }
    return Response::Json(200, DumpJson({{"status", "ready"}}));
  });

  router.Add(Method::kGet, "/metrics", [ctx](Request&) {
    std::string extra;
    if (auto counts = ctx.store->Counts(); counts.ok()) {
      extra +=
          "# HELP meridian_store_rows Rows per table in the store.\n# TYPE meridian_store_rows "
          "gauge\n";
      for (const auto& [table, n] : counts->rows) {
        extra += "meridian_store_rows{table=\"" + table + "\"} " + std::to_string(n) + "\n";
      }
      extra +=
          Metric("meridian_store_last_change_seq", "gauge", "Newest change-log sequence number.",
                 static_cast<double>(counts->last_change_seq));
    }
    if (ctx.models) extra += ModelMetrics(*ctx.models, *ctx.store, ctx.clock->Now());
    if (ctx.trust) {
      const TrustStatus st = ctx.trust->status();
      std::string posts, agreements;
      for (const auto& [model, shadow] :
           {std::pair{"scam", st.scam_shadow}, std::pair{"salary", st.salary_shadow}}) {
        if (!shadow) continue;
        const std::string labels =
            std::string("{model=\"") + model + "\",version=\"" + shadow->version + "\"}";
        posts += "meridian_shadow_posts" + labels + " " + std::to_string(shadow->posts) + "\n";
        agreements +=
            "meridian_shadow_agreements" + labels + " " + std::to_string(shadow->agreements) + "\n";
      }
      if (!posts.empty()) {
        extra +=
            "# HELP meridian_shadow_posts Posts the challenger scored in the shadow.\n"
            "# TYPE meridian_shadow_posts counter\n" +
            posts +
            "# HELP meridian_shadow_agreements Of those, the ones it judged as the champion did "
            "(scam: the same flag; salary: medians within 10 %).\n"
            "# TYPE meridian_shadow_agreements counter\n" +
            agreements;
      }
    }
    extra += MemoryMetrics(ctx);
    Response r = Response::Text(200, ctx.metrics->Render(extra));
    r.content_type = "text/plain; version=0.0.4; charset=utf-8";
    return r;
  });

  router.Add(Method::kGet, "/api/v1", [ctx](Request&) {
    Json resources = Json::array();
    for (const char* name : {"jobs", "companies", "talent", "cities", "articles"}) {
      resources.push_back({{"name", name}, {"url", std::string("/api/v1/") + name}});
    }
    return Data({{"name", "Meridian API"}, {"version", ctx.version}, {"resources", resources}});
  });

  RegisterEntityRoutes(router, ctx);
  RegisterSearchRoutes(router, ctx);
  RegisterRecommendRoutes(router, ctx);
  RegisterEventRoutes(router, ctx);
  if (ctx.writes) {
    RegisterModerationRoutes(router, ctx);
    RegisterModelRoutes(router, ctx);
  }
  if (ctx.accounts) RegisterAuthRoutes(router, ctx);
}

std::string ModelMetrics(const ModelWatcher& models, Store& store, UnixSeconds now) {
  std::string out =
      "# HELP meridian_model_version The model version this process serves (0 = none) and the "
      "registry's champion.\n# TYPE meridian_model_version gauge\n";
  for (const ServedModel& m : models.status()) {
    out += "meridian_model_version{model=\"" + m.name + "\",alias=\"serving\"} " +
           std::to_string(m.version) + "\n";
    out += "meridian_model_version{model=\"" + m.name + "\",alias=\"champion\"} " +
           std::to_string(m.champion) + "\n";
  }
  // The newest drift check of each model and column within the last 8 days.
  auto rows = store.ListDrift("", now - 8 * 86400, 100000);
  if (!rows.ok()) return out;
  std::map<std::pair<std::string, std::string>, const DriftRecord*> newest;
  for (const DriftRecord& r : *rows) newest[{r.model, r.feature}] = &r;
  out +=
      "# HELP meridian_drift_score The newest drift check per model and column: the p-value "
      "(ks, z, chisquare) or distance (wasserstein, jensenshannon) compared with the threshold; "
      "feature=\"(dataset)\" is the share of drifted columns.\n# TYPE meridian_drift_score "
      "gauge\n";
  std::string drifted =
      "# HELP meridian_drift_detected 1 when the newest check found drift.\n# TYPE "
      "meridian_drift_detected gauge\n";
  for (const auto& [key, r] : newest) {
    const std::string labels = "{model=\"" + r->model + "\",feature=\"" + r->feature +
                               "\",statistic=\"" + r->statistic + "\"}";
    out += "meridian_drift_score" + labels + " " + std::to_string(r->value) + "\n";
    drifted += "meridian_drift_detected" + labels + " " + (r->drifted ? "1" : "0") + "\n";
  }
  return out + drifted;
}

}  // namespace meridian::api
