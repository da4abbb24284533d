// Moderation and freshness (issue 7).
//
//   GET  /api/v1/moderation/jobs                ?status=flagged|rejected&limit&cursor (admins)
//   POST /api/v1/moderation/jobs/{slug}/approve  flagged -> live, labelled legit (admins)
//   POST /api/v1/moderation/jobs/{slug}/reject   -> rejected, labelled scam (admins)
//   GET  /api/v1/moderation/status               the scam screen's method, models (admins)
//   POST /api/v1/jobs/{slug}/confirm             still open: confirmed_at = now (owner, admin)
//   POST /api/v1/jobs/{slug}/filled              the job is filled (owner, admin)
//
// Queue items carry the scam score and its reasons; employers never see the reasons.
#include "platform/trust/moderation.h"

#include <algorithm>
#include <string>

#include "api/api.h"
#include "api/caller.h"
#include "api/respond.h"

namespace meridian::api {
namespace {

using http::Method;
using http::Request;
using http::Response;

Response Queue(const ApiContext& ctx, Request& req) {
  auto who = AdminOnly(Caller(ctx, req), "moderate job posts");
  if (!who.ok()) return Error(who.status(), req);
  if (Status s = OnlyParams(req, {"status", "limit", "cursor"}); !s.ok()) return Error(s, req);
  std::string status = req.Query("status").value_or("flagged");
  if (status != "flagged" && status != "rejected") {
    return Error(InvalidArgumentError("status: must be flagged or rejected", "status"), req);
  }
  auto p = PageFrom(req);
  if (!p.ok()) return Error(p.status(), req);
  auto page = ctx.store->ListJobs({.statuses = {status}}, *p);
  if (!page.ok()) return Error(page.status(), req);
  Json data = Json::array();
  for (const Job& j : page->items) data.push_back(EncodeRecord(j, View::kModerator));
  return Data(data, PageMeta(*page, *p));
}

Response Decide(const ApiContext& ctx, Request& req, ModerationVerdict verdict) {
  auto who = AdminOnly(Writer(ctx, req), "moderate job posts");
  if (!who.ok()) return Error(who.status(), req);
  std::string slug = req.Param("slug");
  if (auto bad = MalformedSlug(req, Entity::kJob, slug)) return *bad;
  auto job =
      ModerateJob(*ctx.store, *ctx.clock, slug, {.verdict = verdict, .moderator_id = who->user_id});
  if (!job.ok()) return Error(job.status(), req);
  EvictAfterWrite(ctx, Entity::kJob, slug);
  return Data(EncodeRecord(*job, View::kModerator));
}

Response TrustState(const ApiContext& ctx, Request& req) {
  auto who = AdminOnly(Caller(ctx, req), "moderate job posts");
  if (!who.ok()) return Error(who.status(), req);
  if (!ctx.trust) return Error(UnavailableError("the trust service is not running"), req);
  TrustStatus s = ctx.trust->status();
  // The challengers scoring in the shadow, if any.
  auto shadow_json = [](const std::optional<ShadowStats>& stats) {
    if (!stats) return Json(nullptr);
    const ShadowStats& st = *stats;
    const double n = static_cast<double>(std::max<int64_t>(st.posts, 1));
    return Json{
        {"version", st.version},
        {"posts", st.posts},
        {"agreement", st.posts ? Json(static_cast<double>(st.agreements) / n) : Json(nullptr)},
        {"challenger_flags", st.challenger_flags},
        {"champion_flags", st.champion_flags},
        {"mean_abs_score_diff", st.posts ? Json(st.abs_score_diff_sum / n) : Json(nullptr)}};
  };
  Json shadow = shadow_json(s.scam_shadow);
  return Data(
      {{"scam_shadow", shadow},
       {"salary_shadow", shadow_json(s.salary_shadow)},
       {"scam_screen", s.scam_method},
       {"scam_threshold", ctx.trust->screener().options().threshold},
       {"scam_model_version", s.scam_version.empty() ? Json(nullptr) : Json(s.scam_version)},
       {"salary_model", s.salary_model},
       {"salary_model_version", s.salary_version.empty() ? Json(nullptr) : Json(s.salary_version)},
       {"fingerprints", s.fingerprints},
       {"last_error", s.last_error.empty() ? Json(nullptr) : Json(s.last_error)}});
}

Response Confirm(const ApiContext& ctx, Request& req) {
  auto who = Writer(ctx, req);
  if (!who.ok()) return Error(who.status(), req);
  std::string slug = req.Param("slug");
  if (auto bad = MalformedSlug(req, Entity::kJob, slug)) return *bad;
  auto job = ctx.writes->ConfirmOpen(*who, slug, ctx.clock->Now());
  if (!job.ok()) return Error(job.status(), req);
  EvictAfterWrite(ctx, Entity::kJob, slug);
  return Data(EncodeRecord(*job, JobView(*who, *job)));
}

Response Filled(const ApiContext& ctx, Request& req) {
  auto who = Writer(ctx, req);
  if (!who.ok()) return Error(who.status(), req);
  std::string slug = req.Param("slug");
  if (auto bad = MalformedSlug(req, Entity::kJob, slug)) return *bad;
  auto job = ctx.writes->Patch<Job>(*who, slug, Json{{"status", "filled"}});
  if (!job.ok()) return Error(job.status(), req);
  EvictAfterWrite(ctx, Entity::kJob, slug);
  return Data(EncodeRecord(*job, JobView(*who, *job)));
}

}  // namespace

void RegisterModerationRoutes(http::Router& router, const ApiContext& ctx) {
  router.Add(Method::kGet, "/api/v1/moderation/jobs",
             [ctx](Request& req) { return Queue(ctx, req); });
  router.Add(Method::kPost, "/api/v1/moderation/jobs/{slug}/approve",
             [ctx](Request& req) { return Decide(ctx, req, ModerationVerdict::kApprove); });
  router.Add(Method::kPost, "/api/v1/moderation/jobs/{slug}/reject",
             [ctx](Request& req) { return Decide(ctx, req, ModerationVerdict::kReject); });
  router.Add(Method::kGet, "/api/v1/moderation/status",
             [ctx](Request& req) { return TrustState(ctx, req); });
  router.Add(Method::kPost, "/api/v1/jobs/{slug}/confirm",
             [ctx](Request& req) { return Confirm(ctx, req); });
  router.Add(Method::kPost, "/api/v1/jobs/{slug}/filled",
             [ctx](Request& req) { return Filled(ctx, req); });
}

}  // namespace meridian::api
