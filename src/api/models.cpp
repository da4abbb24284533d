// The model registry for admins (issue 8), the JSON twin of /admin/models.
//
//   GET  /api/v1/models                  every model: aliases, served versions, versions
//   GET  /api/v1/models/{name}           one model, with its alias history and newest drift
//   POST /api/v1/models/{name}/promote   {"version": N, "force": false}: through the gate
//   POST /api/v1/models/{name}/rollback  {} or no body: the previous champion comes back
//
// A gate refusal, or a rollback with nothing to go back to, is 409 with the registry's
// reason; an unknown model or version 404.
#include <cmath>

#include "api/api.h"
#include "api/caller.h"
#include "api/respond.h"
#include "base/slug.h"
#include "base/strings.h"
#include "base/utf8.h"
#include "engine/mlops/drift.h"
#include "engine/mlops/registry.h"
#include "platform/lifecycle/model_overview.h"

namespace meridian::api {
namespace {

using http::Method;
using http::Request;
using http::Response;

Json OrNull(std::optional<int64_t> v) {
  return v ? Json(*v) : Json(nullptr);
}
Json OrNull(const std::string& s) {
  return s.empty() ? Json(nullptr) : Json(s);
}
Json Number(double v) {
  return std::isfinite(v) ? Json(v) : Json(nullptr);
}

Json VersionJson(const ModelOverview& m, const ModelVersion& v) {
  Json metrics = Json::object();
  for (const auto& [k, x] : mlops::ParseMetrics(v.metrics)) metrics[k] = Number(x);
  Json counts = Json::object();
  for (const auto& [k, x] : mlops::ParseMetrics(v.data_counts)) counts[k] = static_cast<int64_t>(x);
  Json params = Json::object();
  for (const auto& [k, x] : mlops::ParseParams(v.params)) params[k] = x;
  return {{"version", v.version},
          {"created_at", FormatRfc3339(v.created_at)},
          {"status", v.status},
          {"aliases", AliasesOf(m, v.version)},
          {"primary_metric", OrNull(v.primary_metric)},
          {"higher_is_better", v.higher_is_better},
          {"metrics", metrics},
          {"params", params},
          {"data_seq", v.data_seq},
          {"data_counts", counts},
          {"artifact_size", v.artifact_size},
          {"sha256", v.sha256},
          {"note", OrNull(v.note)}};
}

Json ServedJson(const std::optional<ServedModel>& s) {
  if (!s) return nullptr;
  auto nonzero = [](int64_t v) { return v ? Json(v) : Json(nullptr); };
  return {{"version", nonzero(s->version)},
          {"champion_seen", nonzero(s->champion)},
          {"shadowing", nonzero(s->shadowing)},
          {"swapped_at", s->swapped_at ? Json(FormatRfc3339(s->swapped_at)) : Json(nullptr)},
          {"last_error", OrNull(s->last_error)}};
}

Json SummaryJson(const ModelOverview& m) {
  Json versions = Json::array();
  for (const ModelVersion& v : m.versions) versions.push_back(VersionJson(m, v));
  return {{"name", m.name},
          {"champion", OrNull(m.champion)},
          {"challenger", OrNull(m.challenger)},
          {"served", ServedJson(m.served)},
          {"versions", versions}};
}

Json DriftJson(const std::vector<StoredDriftCheck>& checks) {
  if (checks.empty()) return nullptr;
  const StoredDriftCheck& c = checks.back();
  Json columns = Json::array();
  for (const DriftRecord& r : c.columns) {
    columns.push_back(
        {{"feature", r.feature},
         {"statistic", r.statistic},
         {"score", Number(r.value)},
         {"threshold", Number(r.threshold)},
         {"drifted", r.drifted},
         {"psi", r.psi ? Number(*r.psi) : Json(nullptr)},
         {"psi_band", r.psi ? Json(mlops::PsiBandName(mlops::PsiBandOf(*r.psi))) : Json(nullptr)}});
  }
  Json out = {{"at", FormatRfc3339(c.at)},
              {"version", c.version},
              {"columns", columns},
              {"dataset", nullptr}};
  if (c.dataset) {
    out["window_from"] = FormatRfc3339(c.dataset->window_from);
    out["window_to"] = FormatRfc3339(c.dataset->window_to);
    out["rows"] = c.dataset->rows;
    out["dataset"] = {{"share_drifted", Number(c.dataset->value)},
                      {"threshold", Number(c.dataset->threshold)},
                      {"drifted", c.dataset->drifted}};
  }
  return out;
}

Response List(const ApiContext& ctx, Request& req) {
  auto who = AdminOnly(Caller(ctx, req), "manage models");
  if (!who.ok()) return Error(who.status(), req);
  if (Status s = OnlyParams(req, std::span<const std::string_view>()); !s.ok())
    return Error(s, req);
  auto models = ListModelOverviews(*ctx.store, ctx.models,
                                   {.detail = OverviewDetail::kSummary, .now = ctx.clock->Now()});
  if (!models.ok()) return Error(models.status(), req);
  Json data = Json::array();
  for (const ModelOverview& m : *models) data.push_back(SummaryJson(m));
  return Data(data, {{"count", data.size()}});
}

// The model name of the path; kNotFound for one that cannot exist.
StatusOr<std::string> ModelName(const Request& req) {
  std::string name = req.Param("name");
  if (!ValidateSlug(name).ok()) return NotFoundError("no model named " + SanitizeUtf8(name));
  return name;
}

Response Show(const ApiContext& ctx, Request& req) {
  auto who = AdminOnly(Caller(ctx, req), "manage models");
  if (!who.ok()) return Error(who.status(), req);
  if (Status s = OnlyParams(req, std::span<const std::string_view>()); !s.ok())
    return Error(s, req);
  auto name = ModelName(req);
  if (!name.ok()) return Error(name.status(), req);
  auto m = GetModelOverview(*ctx.store, ctx.models, *name, {.now = ctx.clock->Now()});
  if (!m.ok()) return Error(m.status(), req);
  Json data = SummaryJson(*m);
  Json history = Json::array();
  for (const ModelAliasMove& mv : m->moves) {
    history.push_back({{"alias", mv.alias},
                       {"from_version", OrNull(mv.from_version)},
                       {"to_version", OrNull(mv.to_version)},
                       {"reason", mv.reason},
                       {"actor", mv.actor},
                       {"at", FormatRfc3339(mv.at)}});
  }
  data["alias_history"] = history;
  data["drift"] = DriftJson(GroupDriftChecks(m->drift));
  return Data(data);
}

std::string Actor(const Principal& who) {
  return who.email.empty() ? std::string("admin") : "admin:" + who.email;
}

Response Promote(const ApiContext& ctx, Request& req) {
  auto who = AdminOnly(Writer(ctx, req), "manage models");
  if (!who.ok()) return Error(who.status(), req);
  auto name = ModelName(req);
  if (!name.ok()) return Error(name.status(), req);
  auto body = JsonBody(req, false);
  if (!body.ok()) return Error(body.status(), req);
  if (!body->is_object()) {
    return Error(InvalidArgumentError("body: expected a JSON object", "body"), req);
  }
  JsonReader r(*body);
  std::optional<int64_t> version;
  mlops::GateOptions gate{.actor = Actor(*who)};
  r.Int("version", &version, {.required = true, .min = 1});
  r.Bool("force", &gate.force);
  if (Status s = r.Finish(); !s.ok()) return Error(s, req);
  mlops::ModelRegistry registry(*ctx.store, *ctx.clock);
  auto d = registry.Promote(*name, *version, gate);
  if (!d.ok()) return Error(d.status(), req);
  return Data({{"name", *name}, {"champion", *version}, {"reason", d->reason}});
}

Response Rollback(const ApiContext& ctx, Request& req) {
  auto who = AdminOnly(Writer(ctx, req), "manage models");
  if (!who.ok()) return Error(who.status(), req);
  auto name = ModelName(req);
  if (!name.ok()) return Error(name.status(), req);
  if (!Trim(req.body).empty()) {  // no body, or {}: there is nothing to choose
    auto body = JsonBody(req, false);
    if (!body.ok()) return Error(body.status(), req);
    if (!body->is_object()) {
      return Error(InvalidArgumentError("body: expected a JSON object", "body"), req);
    }
    JsonReader r(*body);
    if (Status s = r.Finish(); !s.ok()) return Error(s, req);
  }
  mlops::ModelRegistry registry(*ctx.store, *ctx.clock);
  auto champion = registry.AliasVersion(*name, mlops::kChampion);
  auto back = registry.Rollback(*name, {.actor = Actor(*who)});
  if (!back.ok()) return Error(back.status(), req);
  return Data({{"name", *name},
               {"champion", *back},
               {"rolled_back", champion.ok() ? Json(*champion) : Json(nullptr)}});
}

}  // namespace

void RegisterModelRoutes(http::Router& router, const ApiContext& ctx) {
  router.Add(Method::kGet, "/api/v1/models", [ctx](Request& req) { return List(ctx, req); });
  router.Add(Method::kGet, "/api/v1/models/{name}", [ctx](Request& req) { return Show(ctx, req); });
  router.Add(Method::kPost, "/api/v1/models/{name}/promote",
             [ctx](Request& req) { return Promote(ctx, req); });
  router.Add(Method::kPost, "/api/v1/models/{name}/rollback",
             [ctx](Request& req) { return Rollback(ctx, req); });
}

}  // namespace meridian::api
