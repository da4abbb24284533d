// CRUD routes for the five catalogue entities: list, get, create, patch, delete.
#include <algorithm>
#include <functional>

#include "api/api.h"
#include "api/caller.h"
#include "api/respond.h"
#include "base/slug.h"
#include "base/strings.h"
#include "base/utf8.h"
#include "platform/geo.h"
#include "platform/vocab.h"

namespace meridian::api {

// Full-text search over jobs (search.cpp): the list filters in `f` plus q, sort, facets and
// salary_min; offset cursors.
StatusOr<std::pair<Json, Json>> SearchJobs(const ApiContext& ctx, const http::Request& req,
                                           const Principal& who, const JobFilter& f,
                                           const PageRequest& p);

namespace {

using http::Method;
using http::Request;
using http::Response;

Status SlugParam(std::string_view name, const std::string& value) {
  return ValidateSlug(value, name);
}

// Optional vocabulary filter from the query string.
template <typename Fn>
StatusOr<std::string> VocabParam(const Request& req, std::string_view name, Fn normalize,
                                 std::span<const std::string_view> vocab) {
  auto v = req.Query(name);
  if (!v || v->empty()) return std::string();
  auto n = normalize(*v);
  if (!n) {
    return InvalidArgumentError(std::string(name) + ": expected one of " + JoinVocabulary(vocab),
                                std::string(name));
  }
  return *n;
}

StatusOr<std::string> TagParam(std::string_view name, const std::string& value) {
  auto t = NormalizeTag(value);
  if (!t)
    return InvalidArgumentError(std::string(name) + ": must be 1 to 40 characters",
                                std::string(name));
  return *t;
}

StatusOr<std::string> TextParam(const Request& req, std::string_view name) {
  auto v = req.Query(name);
  if (!v) return std::string();
  if (Utf8Length(*v) > 100)
    return InvalidArgumentError(std::string(name) + ": is longer than 100 characters",
                                std::string(name));
  return std::string(Trim(*v));
}

// The view of one record for the caller: private fields for owners and admins.
template <typename T>
View ViewOf(const Principal& who, const T&) {
  return who.admin() ? View::kPrivate : View::kPublic;
}
template <>
View ViewOf(const Principal& who, const Job& job) {
  return JobView(who, job);
}
template <>
View ViewOf(const Principal& who, const Talent& talent) {
  return TalentView(who, talent);
}

// A page as (data, meta), each record in the caller's view of it.
template <typename T>
std::pair<Json, Json> PageJson(const Page<T>& page, const PageRequest& p, const Principal& who) {
  Json data = Json::array();
  for (const T& record : page.items) data.push_back(EncodeRecord(record, ViewOf(who, record)));
  return {std::move(data), PageMeta(page, p)};
}

// Lists: each returns the page as JSON (data array + meta).
using ListFn = std::function<StatusOr<std::pair<Json, Json>>(const ApiContext&, const Request&,
                                                             const Principal& who)>;

StatusOr<std::pair<Json, Json>> ListJobs(const ApiContext& ctx, const Request& req,
                                         const Principal& who) {
  // Parameters only full-text search understands; any of them (or a q) selects it.
  static constexpr std::string_view kSearchOnly[] = {"sort",        "facets",        "salary_min",
                                                     "salary_max",  "eligible_from", "tz",
                                                     "min_overlap", "tag_all"};
  for (const auto& [k, v] : req.query) {
    bool search_param =
        std::find(std::begin(kSearchOnly), std::end(kSearchOnly), k) != std::end(kSearchOnly);
    if (search_param && !ctx.search) {
      return InvalidArgumentError(k + ": needs full-text search, which is off", k);
    }
  }
  RETURN_IF_ERROR(
      OnlyParams(req, {"limit", "cursor", "company", "tag", "seniority", "employment_type",
                       "status", "posted_since", "q", "sort", "facets", "salary_min", "salary_max",
                       "eligible_from", "tz", "min_overlap", "tag_all"}));
  bool search = ctx.search && (!Trim(req.Query("q").value_or("")).empty() ||
                               std::any_of(std::begin(kSearchOnly), std::end(kSearchOnly),
                                           [&](std::string_view n) { return req.Query(n); }));
  ASSIGN_OR_RETURN(PageRequest p, PageFrom(req));
  JobFilter f;
  if (auto c = req.Query("company"); c && !c->empty()) {
    RETURN_IF_ERROR(SlugParam("company", *c));
    f.company_slug = *c;
  }
  for (const std::string& t : req.QueryAll("tag")) {
    for (const std::string& part : Split(t, ',')) {
      if (Trim(part).empty()) continue;
      ASSIGN_OR_RETURN(std::string tag, TagParam("tag", part));
      f.tags_any.push_back(tag);
    }
  }
  if (f.tags_any.size() > 20) return InvalidArgumentError("tag: at most 20 tags", "tag");
  ASSIGN_OR_RETURN(f.seniority, VocabParam(req, "seniority", NormalizeSeniority, Seniorities()));
  ASSIGN_OR_RETURN(f.employment_type,
                   VocabParam(req, "employment_type", NormalizeEmploymentType, EmploymentTypes()));
  std::string status = req.Query("status").value_or("live");
  // Admins see every job; employers see every job of their own company.
  bool admin = CanListAll(who) || (who.role == Role::kEmployer && !who.company_slug.empty() &&
                                   f.company_slug == who.company_slug);
  if (status == "any") {
    if (!admin)
      return PermissionDeniedError(
          "status: only admins (and employers for their own company) may list jobs in every "
          "status");
  } else {
    auto s = NormalizeJobStatus(status);
    if (!s)
      return InvalidArgumentError("status: expected any|" + JoinVocabulary(JobStatuses()),
                                  "status");
    if (*s != "live" && !admin)
      return PermissionDeniedError(
          "status: only admins (and employers for their own company) may list jobs that are not "
          "live");
    f.statuses = {*s};
    if (*s == "live") f.valid_at = ctx.clock->Now();
  }
  if (auto since = req.Query("posted_since"); since && !since->empty()) {
    auto t = ParseTimestamp(*since);
    if (!t.ok())
      return InvalidArgumentError("posted_since: " + t.status().message(), "posted_since");
    f.posted_since = *t;
  }
  if (search) return SearchJobs(ctx, req, who, f, p);
  ASSIGN_OR_RETURN(f.title_contains, TextParam(req, "q"));
  ASSIGN_OR_RETURN(Page<Job> page, ctx.store->ListJobs(f, p));
  return PageJson(page, p, who);
}

StatusOr<std::pair<Json, Json>> ListCompanies(const ApiContext& ctx, const Request& req,
                                              const Principal& who) {
  RETURN_IF_ERROR(
      OnlyParams(req, {"limit", "cursor", "region", "remote_policy", "technology", "q"}));
  ASSIGN_OR_RETURN(PageRequest p, PageFrom(req));
  CompanyFilter f;
  if (auto r = req.Query("region"); r && !r->empty()) {
    auto codes = ResolveArea(*r);
    if (!codes.ok()) return InvalidArgumentError("region: " + codes.status().message(), "region");
    if (codes->size() != 1) return InvalidArgumentError("region: name a single region", "region");
    f.region = (*codes)[0];
  }
  ASSIGN_OR_RETURN(f.remote_policy,
                   VocabParam(req, "remote_policy", NormalizeRemotePolicy, RemotePolicies()));
  if (auto t = req.Query("technology"); t && !t->empty()) {
    ASSIGN_OR_RETURN(f.technology, TagParam("technology", *t));
  }
  ASSIGN_OR_RETURN(f.name_contains, TextParam(req, "q"));
  ASSIGN_OR_RETURN(Page<Company> page, ctx.store->ListCompanies(f, p));
  return PageJson(page, p, who);
}

StatusOr<std::pair<Json, Json>> ListTalent(const ApiContext& ctx, const Request& req,
                                           const Principal& who) {
  RETURN_IF_ERROR(
      OnlyParams(req, {"limit", "cursor", "skill", "seniority", "country", "include_hidden"}));
  ASSIGN_OR_RETURN(PageRequest p, PageFrom(req));
  TalentFilter f;
  if (auto s = req.Query("skill"); s && !s->empty()) {
    ASSIGN_OR_RETURN(f.skill, TagParam("skill", *s));
  }
  ASSIGN_OR_RETURN(f.seniority, VocabParam(req, "seniority", NormalizeSeniority, Seniorities()));
  if (auto c = req.Query("country"); c && !c->empty()) {
    auto code = ResolveCountry(*c);
    if (!code.ok()) return InvalidArgumentError("country: " + code.status().message(), "country");
    f.country = *code;
  }
  if (auto h = req.Query("include_hidden"); h && *h == "true") {
    if (!CanListAll(who))
      return PermissionDeniedError("include_hidden: only admins may list hidden profiles");
    f.include_hidden = true;
  }
  ASSIGN_OR_RETURN(Page<Talent> page, ctx.store->ListTalent(f, p));
  return PageJson(page, p, who);
}

StatusOr<std::pair<Json, Json>> ListCities(const ApiContext& ctx, const Request& req,
                                           const Principal& who) {
  RETURN_IF_ERROR(OnlyParams(req, {"limit", "cursor", "country", "q"}));
  ASSIGN_OR_RETURN(PageRequest p, PageFrom(req));
  CityFilter f;
  if (auto c = req.Query("country"); c && !c->empty()) {
    auto code = ResolveCountry(*c);
    if (!code.ok()) return InvalidArgumentError("country: " + code.status().message(), "country");
    f.country = *code;
  }
  ASSIGN_OR_RETURN(f.name_contains, TextParam(req, "q"));
  ASSIGN_OR_RETURN(Page<City> page, ctx.store->ListCities(f, p));
  return PageJson(page, p, who);
}

StatusOr<std::pair<Json, Json>> ListArticles(const ApiContext& ctx, const Request& req,
                                             const Principal& who) {
  RETURN_IF_ERROR(OnlyParams(req, {"limit", "cursor", "tag"}));
  ASSIGN_OR_RETURN(PageRequest p, PageFrom(req));
  ArticleFilter f;
  if (auto t = req.Query("tag"); t && !t->empty()) {
    ASSIGN_OR_RETURN(f.tag, TagParam("tag", *t));
  }
  ASSIGN_OR_RETURN(Page<Article> page, ctx.store->ListArticles(f, p));
  return PageJson(page, p, who);
}

// Hidden talent profiles are not found except by their owner and admins.
template <typename T>
bool Visible(const Principal&, const T&) {
  return true;
}
template <>
bool Visible(const Principal& who, const Talent& t) {
  return CanReadTalent(who, t);
}
// Jobs not yet (or no longer) public: drafts, jobs awaiting moderation, flagged and
// rejected ones are shown only to their employer and admins. Filled and expired jobs stay
// readable.
template <>
bool Visible(const Principal& who, const Job& j) {
  bool unpublished = j.status != "live" && j.status != "expired" && j.status != "filled";
  return !unpublished || JobView(who, j) != View::kPublic;
}

// Whether a record of `entity` may look different to `who` than to the public (so the
// shared cache of public responses must not answer).
bool MayBePrivate(const Principal& who, Entity entity) {
  if (who.admin()) return true;
  return (entity == Entity::kJob && who.role == Role::kEmployer) ||
         (entity == Entity::kTalent && who.role == Role::kTalent);
}

// A catalogue write's caller: authenticated, CSRF-checked, rate-limited, and allowed by role
// to attempt `action` at all (401/403 before any body is read).
StatusOr<Principal> CatalogWriter(const ApiContext& ctx, const Request& req, Entity entity,
                                  Action action) {
  ASSIGN_OR_RETURN(Principal who, Writer(ctx, req));
  RETURN_IF_ERROR(AuthorizedCatalog::MayAttempt(who, entity, action));
  return who;
}

template <typename T>
void RegisterResource(http::Router& router, const ApiContext& ctx, const std::string& plural,
                      ListFn list) {
  const std::string base = "/api/v1/" + plural;
  const std::string item = base + "/{slug}";
  constexpr Entity entity = EntityOf<T>::value;

  router.Add(Method::kGet, base, [ctx, list](Request& req) -> Response {
    auto who = Caller(ctx, req);
    if (!who.ok()) return Error(who.status(), req);
    auto page = list(ctx, req, *who);
    if (!page.ok()) return Error(page.status(), req);
    return Data(page->first, page->second);
  });

  router.Add(Method::kGet, item, [ctx](Request& req) -> Response {
    std::string slug = req.Param("slug");
    if (auto bad = MalformedSlug(req, entity, slug)) return *bad;
    auto who = Caller(ctx, req);
    if (!who.ok()) return Error(who.status(), req);
    // Public reads come from the response cache when they can.
    bool cacheable = ctx.cache && !MayBePrivate(*who, entity);
    if (cacheable) {
      if (auto hit = ctx.cache->Get(entity, slug)) {
        Response r;
        r.shared_body = std::move(hit);
        return r;
      }
    }
    uint64_t generation = cacheable ? ctx.cache->generation() : 0;
    auto record = GetRecord<T>(*ctx.store, slug);
    if (!record.ok()) return Error(record.status(), req);
    if (!Visible(*who, *record)) {
      return Error(
          NotFoundError("no " + std::string(EntityName(entity)) + " with slug '" + slug + "'"),
          req);
    }
    View view = ViewOf(*who, *record);
    Response r = Data(EncodeRecord(*record, view));
    if (cacheable && view == View::kPublic) {
      r.shared_body = std::make_shared<const std::string>(std::move(r.body));
      r.body.clear();
      ctx.cache->Put(entity, slug, r.shared_body, generation);
    }
    return r;
  });

  router.Add(Method::kPost, base, [ctx, base](Request& req) -> Response {
    auto who = CatalogWriter(ctx, req, entity, Action::kCreate);
    if (!who.ok()) return Error(who.status(), req);
    auto body = JsonBody(req, false);
    if (!body.ok()) return Error(body.status(), req);
    auto created = ctx.writes->Create<T>(*who, *body);
    if (!created.ok()) return Error(created.status(), req);
    Response r = Data(EncodeRecord(*created, View::kPrivate), Json::object(), 201);
    r.headers.emplace_back("Location", base + "/" + created->slug);
    return r;
  });

  router.Add(Method::kPatch, item, [ctx](Request& req) -> Response {
    std::string slug = req.Param("slug");
    auto who = CatalogWriter(ctx, req, entity, Action::kUpdate);
    if (!who.ok()) return Error(who.status(), req);
    if (auto bad = MalformedSlug(req, entity, slug)) return *bad;
    auto body = JsonBody(req, true);
    if (!body.ok()) return Error(body.status(), req);
    auto updated = ctx.writes->Patch<T>(*who, slug, *body);
    if (!updated.ok()) return Error(updated.status(), req);
    EvictAfterWrite(ctx, entity, slug);
    return Data(EncodeRecord(*updated, View::kPrivate));
  });

  router.Add(Method::kDelete, item, [ctx](Request& req) -> Response {
    std::string slug = req.Param("slug");
    auto who = CatalogWriter(ctx, req, entity, Action::kDelete);
    if (!who.ok()) return Error(who.status(), req);
    if (auto bad = MalformedSlug(req, entity, slug)) return *bad;
    Status s = ctx.writes->Delete(*who, entity, slug);
    if (!s.ok()) return Error(s, req);
    EvictAfterWrite(ctx, entity, slug);
    Response r;
    r.status = 204;
    r.content_type = "application/json";
    return r;
  });
}

}  // namespace

void RegisterEntityRoutes(http::Router& router, const ApiContext& ctx) {
  RegisterResource<Job>(router, ctx, "jobs", ListJobs);
  RegisterResource<Company>(router, ctx, "companies", ListCompanies);
  RegisterResource<Talent>(router, ctx, "talent", ListTalent);
  RegisterResource<City>(router, ctx, "cities", ListCities);
  RegisterResource<Article>(router, ctx, "articles", ListArticles);
}

}  // namespace meridian::api
