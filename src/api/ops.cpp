// Operational endpoints: liveness, readiness, Prometheus metrics, and the API index.
#include <cstdio>

#include "api/api.h"
#include "api/respond.h"

namespace meridian::api {

void RegisterEntityRoutes(http::Router& router, const ApiContext& ctx);
void RegisterSearchRoutes(http::Router& router, const ApiContext& ctx);
void RegisterRecommendRoutes(http::Router& router, const ApiContext& ctx);
void RegisterAuthRoutes(http::Router& router, const ApiContext& ctx);
void RegisterEventRoutes(http::Router& router, const ApiContext& ctx);
void RegisterModerationRoutes(http::Router& router, const ApiContext& ctx);

namespace {

using http::Method;
using http::Request;
using http::Response;

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
          "# HELP meridian_store_last_change_seq Newest change-log sequence number.\n"
          "# TYPE meridian_store_last_change_seq gauge\n";
      extra += "meridian_store_last_change_seq " + std::to_string(counts->last_change_seq) + "\n";
    }
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
  if (ctx.writes) RegisterModerationRoutes(router, ctx);
  if (ctx.accounts) RegisterAuthRoutes(router, ctx);
}

}  // namespace meridian::api
