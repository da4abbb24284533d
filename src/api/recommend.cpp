// Related and matching items (issue 5): each list item carries its explanation, the
// factors of its score with their parts and reasons (platform/matching/matching.h).
//
//   GET /api/v1/articles/{slug}/related   ?limit&tag
//   GET /api/v1/jobs/{slug}/similar       ?limit&tag&seniority&eligible_from&salary_min
//   GET /api/v1/jobs/{slug}/articles      ?limit&tag
//   GET /api/v1/jobs/{slug}/talent        ?limit&skill&seniority&country
//   GET /api/v1/talent/{slug}/jobs        ?limit&tag&seniority&eligible_from&salary_min
//   GET /api/v1/companies/{slug}/similar  ?limit&technology
//   GET /api/v1/cities/{slug}/similar     ?limit&country
//   GET /api/v1/cities/{slug}/articles    ?limit&tag
//   GET /api/v1/matching/weights
#include <string>

#include "api/api.h"
#include "api/respond.h"
#include "base/slug.h"
#include "base/strings.h"
#include "platform/geo.h"
#include "platform/matching/match_service.h"
#include "platform/vocab.h"

namespace meridian::api {

namespace {

constexpr int kMaxLimit = 50;

Json FactorJson(const MatchFactor& f) {
  return {{"factor", f.name},
          {"weight", f.weight},
          {"value", f.value},
          {"part", f.part},
          {"reason", f.reason}};
}

Json ItemJson(const MatchItem& item) {
  Json factors = Json::array();
  for (const MatchFactor& f : item.explanation.factors) factors.push_back(FactorJson(f));
  return {{"kind", item.kind},
          {"slug", item.slug},
          {"title", item.title},
          {"subtitle", item.subtitle},
          {"url", ItemPath(item)},
          {"score", item.explanation.score},
          {"similarity", item.similarity},
          {"explanation", {{"score", item.explanation.score}, {"factors", std::move(factors)}}}};
}

// The query string into a MatchQuery; `allowed` names the parameters this route takes
// (tag, skill and technology all set `tag`; eligible_from and country both `country`).
StatusOr<MatchQuery> QueryFrom(const ApiContext& ctx, const http::Request& req,
                               const std::vector<std::string_view>& allowed) {
  RETURN_IF_ERROR(OnlyParams(req, allowed));
  MatchQuery q{.at = ctx.clock->Now()};
  ASSIGN_OR_RETURN(int limit, LimitFrom(req, static_cast<int>(q.limit), kMaxLimit));
  q.limit = static_cast<size_t>(limit);
  for (const char* name : {"tag", "skill", "technology"}) {
    if (auto v = req.Query(name)) {
      auto tag = NormalizeTag(*v);
      if (!tag) return InvalidArgumentError(std::string(name) + ": not a valid tag", name);
      q.tag = *tag;
    }
  }
  if (auto v = req.Query("seniority")) {
    auto s = NormalizeSeniority(*v);
    if (!s) {
      return InvalidArgumentError("seniority: expected " + JoinVocabulary(Seniorities()),
                                  "seniority");
    }
    q.seniority = *s;
  }
  for (const char* name : {"eligible_from", "country"}) {
    if (auto v = req.Query(name)) {
      auto c = ResolveCountry(*v);
      if (!c.ok())
        return InvalidArgumentError(std::string(name) + ": " + c.status().message(), name);
      q.country = *c;
    }
  }
  if (auto v = req.Query("salary_min")) {
    auto d = ParseDouble(*v);
    if (!d || *d < 0 || *d > 1e8) {
      return InvalidArgumentError("salary_min: annual USD from 0 to 100000000", "salary_min");
    }
    q.salary_min_usd = *d;
  }
  return q;
}

using Finder = StatusOr<std::vector<MatchItem>> (MatchService::*)(const std::string&,
                                                                  const MatchQuery&) const;

void AddRoute(http::Router& router, const ApiContext& ctx, const std::string& pattern, Finder find,
              std::initializer_list<std::string_view> params) {
  std::vector<std::string_view> allowed(params);
  allowed.push_back("limit");
  router.Add(http::Method::kGet, pattern, [ctx, find, allowed](http::Request& req) {
    auto run = [&]() -> StatusOr<Json> {
      if (!ctx.match) return UnavailableError("recommendations are off on this server");
      std::string slug = req.Param("slug");
      if (!ValidateSlug(slug).ok()) return NotFoundError("no item with that slug");
      ASSIGN_OR_RETURN(MatchQuery q, QueryFrom(ctx, req, allowed));
      ASSIGN_OR_RETURN(std::vector<MatchItem> items, (ctx.match->*find)(slug, q));
      Json data = Json::array();
      for (const MatchItem& item : items) data.push_back(ItemJson(item));
      return Json{
          {"data", std::move(data)},
          {"meta",
           {{"limit", q.limit}, {"count", items.size()}, {"model", ctx.match->model_id()}}}};
    };
    StatusOr<Json> out = run();
    if (!out.ok()) return Error(out.status(), req);
    return Data((*out)["data"], (*out)["meta"]);
  });
}

Json WeightsJson(const MatchingConfig& c) {
  return {{"match",
           {{"text", c.match.text},
            {"skills", c.match.skills},
            {"seniority", c.match.seniority},
            {"salary", c.match.salary},
            {"overlap", c.match.overlap}}},
          {"similar", {{"text", c.similar.text}, {"tags", c.similar.tags}}},
          {"cities",
           [] {
             Json w = Json::object();
             double total = 0;
             for (const CityFeatureWeight& f : CityFeatureWeights()) total += f.weight;
             for (const CityFeatureWeight& f : CityFeatureWeights()) w[f.name] = f.weight / total;
             return w;
           }()},
          {"dealbreakers",
           {{"eligibility", "the profile's country must be in the job's areas"},
            {"min_overlap_hours", c.min_overlap_hours},
            {"salary_floor", "the job's top salary must reach the profile's desired minimum"}}}};
}

}  // namespace

void RegisterRecommendRoutes(http::Router& router, const ApiContext& ctx) {
  AddRoute(router, ctx, "/api/v1/articles/{slug}/related", &MatchService::RelatedArticles, {"tag"});
  AddRoute(router, ctx, "/api/v1/jobs/{slug}/similar", &MatchService::SimilarJobs,
           {"tag", "seniority", "eligible_from", "salary_min"});
  AddRoute(router, ctx, "/api/v1/jobs/{slug}/articles", &MatchService::ArticlesForJob, {"tag"});
  AddRoute(router, ctx, "/api/v1/jobs/{slug}/talent", &MatchService::TalentForJob,
           {"skill", "seniority", "country"});
  AddRoute(router, ctx, "/api/v1/talent/{slug}/jobs", &MatchService::JobsForTalent,
           {"tag", "seniority", "eligible_from", "salary_min"});
  AddRoute(router, ctx, "/api/v1/companies/{slug}/similar", &MatchService::SimilarCompanies,
           {"technology"});
  AddRoute(router, ctx, "/api/v1/cities/{slug}/similar", &MatchService::SimilarCities, {"country"});
  AddRoute(router, ctx, "/api/v1/cities/{slug}/articles", &MatchService::ArticlesForCity, {"tag"});
  router.Add(http::Method::kGet, "/api/v1/matching/weights", [ctx](http::Request& req) {
    if (!ctx.match) return Error(UnavailableError("recommendations are off on this server"), req);
    return Data(WeightsJson(ctx.match->config()));
  });
}

}  // namespace meridian::api
