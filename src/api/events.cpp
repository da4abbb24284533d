// Behavioural events and the "for you" feed (issue 6).
//
//   POST   /api/v1/events           {"kind", "entity", "slug", "context": {list, position, model}}
//   GET    /api/v1/me/events        ?limit   the caller's history, newest last
//   DELETE /api/v1/me/events                 forget it
//   GET    /api/v1/me/tracking               whether events are recorded
//   PUT    /api/v1/me/tracking      {"enabled": false}
//   GET    /api/v1/me/feed          ?limit   "for you"
//   GET    /api/v1/users/{id}/feed  ?limit   (admins)
//
// The caller is their account when signed in, else an anonymous visitor known by a
// first-party cookie (issued by the first event). Nothing is recorded for a visitor who
// opted out, nor when the browser sends Global Privacy Control (Sec-GPC: 1) or DNT: 1.
#include "platform/recs/events.h"

#include <string>

#include "api/api.h"
#include "api/caller.h"
#include "api/respond.h"
#include "base/strings.h"
#include "platform/accounts/password.h"
#include "platform/recs/feed_service.h"

namespace meridian::api {

namespace {

constexpr int kMaxFeed = 50;
constexpr int kMaxHistory = 500;
constexpr int64_t kVisitorCookieSeconds = 365 * 86400;

// Who an event or a feed belongs to.
struct Visitor {
  Principal who;
  EventOwner owner;          // empty for a visitor without a cookie yet
  std::string issue_cookie;  // a fresh visitor id to set
};

StatusOr<Visitor> VisitorOf(const ApiContext& ctx, const http::Request& req) {
  Visitor v;
  ASSIGN_OR_RETURN(v.who, Caller(ctx, req));
  if (v.who.user_id > 0) {
    v.owner.user_id = v.who.user_id;
  } else if (std::string id = http::Cookie(req, kVisitorCookie); IsVisitorId(id)) {
    v.owner.session_id = id;
  }
  return v;
}

bool HasOwner(const EventOwner& o) {
  return o.user_id > 0 || !o.session_id.empty();
}

// Why nothing is recorded for this caller ("" = recorded).
// Why nothing is recorded for this caller ("" = recorded).
StatusOr<std::string> NotRecordedBecause(const ApiContext& ctx, const http::Request& req,
                                         const Visitor& v) {
  std::string cookie = http::Cookie(req, kTrackingCookie);
  std::string gpc = req.Header("sec-gpc"), dnt = req.Header("dnt");
  ASSIGN_OR_RETURN(
      Recording r,
      RecordingFor(*ctx.store, v.owner, {.tracking_cookie = cookie, .sec_gpc = gpc, .dnt = dnt}));
  return r.reason;
}

http::Response WithCookie(http::Response r, const http::Request& req, const Visitor& v) {
  if (!v.issue_cookie.empty()) {
    r.headers.emplace_back(
        "Set-Cookie",
        http::SetCookieValue(kVisitorCookie, v.issue_cookie,
                             {.max_age_seconds = kVisitorCookieSeconds, .secure = req.secure}));
  }
  return r;
}

// The entity an event names: its id, after checking it exists.
StatusOr<int64_t> EntityId(Store& store, Entity e, const std::string& slug) {
  switch (e) {
    case Entity::kJob: {
      ASSIGN_OR_RETURN(Job j, store.GetJob(slug));
      return j.id;
    }
    case Entity::kCompany: {
      ASSIGN_OR_RETURN(Company c, store.GetCompany(slug));
      return c.id;
    }
    case Entity::kTalent: {
      ASSIGN_OR_RETURN(Talent t, store.GetTalent(slug));
      if (t.visibility != "public") return NotFoundError("no talent profile '" + slug + "'");
      return t.id;
    }
    case Entity::kCity: {
      ASSIGN_OR_RETURN(City c, store.GetCity(slug));
      return c.id;
    }
    case Entity::kArticle: {
      ASSIGN_OR_RETURN(Article a, store.GetArticle(slug));
      return a.id;
    }
    case Entity::kEvent:
      break;
  }
  return InvalidArgumentError("entity: not something events are about", "entity");
}

// The parsed body of POST /api/v1/events.
struct EventInput {
  Entity entity = Entity::kJob;
  std::string slug, kind;
  Json context = Json::object();
};

StatusOr<EventInput> ParseEvent(const Json& body) {
  JsonReader r(body);
  EventInput in;
  std::string entity = "job";
  r.String("kind", &in.kind, {.required = true, .max_chars = 16});
  r.String("entity", &entity, {.max_chars = 16});
  r.String("slug", &in.slug, {.required = true, .max_chars = 200});
  if (const Json* context = r.Raw("context")) {
    JsonReader c(*context, "context");
    std::string list, model;
    std::optional<int64_t> position;
    c.String("list", &list, {.max_chars = 100});
    c.String("model", &model, {.max_chars = 100});
    c.Int("position", &position, {.min = 0, .max = 100000});
    if (Status s = c.Finish(); !s.ok()) r.FailStatus(s);
    if (!list.empty()) in.context["list"] = list;
    if (!model.empty()) in.context["model"] = model;
    if (position) in.context["position"] = *position;
  }
  RETURN_IF_ERROR(r.Finish());
  if (!IsEventKind(in.kind)) {
    return InvalidArgumentError("kind: expected one of " + std::string(EventKinds()), "kind");
  }
  bool known = false;
  for (Entity e :
       {Entity::kJob, Entity::kCompany, Entity::kTalent, Entity::kCity, Entity::kArticle}) {
    if (EntityName(e) == entity) {
      in.entity = e;
      known = true;
    }
  }
  if (!known) {
    return InvalidArgumentError("entity: expected job, company, talent, city or article", "entity");
  }
  return in;
}

http::Response PostEvent(const ApiContext& ctx, const http::Request& req) {
  auto v = VisitorOf(ctx, req);
  if (!v.ok()) return Error(v.status(), req);
  if (Status s = CheckCsrf(v->who, req); !s.ok()) return Error(s, req);
  if (Status s = TakeRate(ctx, "events", ctx.limits.events, req, &v->who); !s.ok()) {
    return Error(s, req);
  }
  auto body = JsonBody(req, false);
  if (!body.ok()) return Error(body.status(), req);
  auto in = ParseEvent(*body);
  if (!in.ok()) return Error(in.status(), req);
  auto id = EntityId(*ctx.store, in->entity, in->slug);
  if (!id.ok()) return Error(id.status(), req);
  auto why = NotRecordedBecause(ctx, req, *v);
  if (!why.ok()) return Error(why.status(), req);
  if (!why->empty()) return Data({{"recorded", false}, {"reason", *why}});
  if (!HasOwner(v->owner)) {
    v->issue_cookie = RandomToken(kVisitorIdBytes);
    v->owner.session_id = v->issue_cookie;
  }
  Event e;
  if (v->owner.user_id > 0) e.user_id = v->owner.user_id;
  e.session_id = v->owner.session_id;
  e.entity = in->entity;
  e.entity_id = *id;
  e.kind = in->kind;
  e.at = ctx.clock->Now();
  in->context["slug"] = in->slug;  // the history names what it was about
  e.context = DumpJson(in->context);
  int64_t event_id = 0;
  Status s = ctx.store->Write([&](StoreWriter& w) -> Status {
    ASSIGN_OR_RETURN(event_id, w.AddEvent(e));
    return OkStatus();
  });
  if (!s.ok()) return Error(s, req);
  if (ctx.feed && in->entity == Entity::kJob)
    ctx.feed->OnEvent(v->owner, e.entity_id, e.kind, e.at);
  return WithCookie(Data({{"recorded", true}, {"id", event_id}}, Json::object(), 201), req, *v);
}

Json EventJson(const Event& e) {
  Json context = Json::object();
  if (auto parsed = ParseJson(e.context); parsed.ok() && parsed->is_object()) context = *parsed;
  Json out = {{"id", e.id},
              {"kind", e.kind},
              {"entity", EntityName(e.entity)},
              {"at", e.at},
              {"context", context}};
  if (context.contains("slug")) out["slug"] = context["slug"];
  return out;
}

http::Response History(const ApiContext& ctx, const http::Request& req) {
  if (Status s = OnlyParams(req, {"limit"}); !s.ok()) return Error(s, req);
  auto limit = LimitFrom(req, 100, kMaxHistory);
  if (!limit.ok()) return Error(limit.status(), req);
  auto v = VisitorOf(ctx, req);
  if (!v.ok()) return Error(v.status(), req);
  Json items = Json::array();
  if (HasOwner(v->owner)) {
    auto events = ctx.store->ListEventsOf(v->owner, *limit);
    if (!events.ok()) return Error(events.status(), req);
    for (const Event& e : *events) items.push_back(EventJson(e));
  }
  auto why = NotRecordedBecause(ctx, req, *v);
  if (!why.ok()) return Error(why.status(), req);
  return Data(items, {{"count", items.size()}, {"recording", why->empty()}});
}

http::Response ClearHistory(const ApiContext& ctx, const http::Request& req) {
  auto v = VisitorOf(ctx, req);
  if (!v.ok()) return Error(v.status(), req);
  if (Status s = CheckCsrf(v->who, req); !s.ok()) return Error(s, req);
  int64_t removed = 0;
  if (HasOwner(v->owner)) {
    Status s = ctx.store->Write([&](StoreWriter& w) -> Status {
      ASSIGN_OR_RETURN(removed, w.DeleteEventsOf(v->owner));
      return OkStatus();
    });
    if (!s.ok()) return Error(s, req);
    if (ctx.feed) ctx.feed->Forget(v->owner);
  }
  return Data({{"removed", removed}});
}

http::Response Tracking(const ApiContext& ctx, const http::Request& req) {
  auto v = VisitorOf(ctx, req);
  if (!v.ok()) return Error(v.status(), req);
  auto why = NotRecordedBecause(ctx, req, *v);
  if (!why.ok()) return Error(why.status(), req);
  Json out = {{"enabled", why->empty()}};
  if (!why->empty()) out["reason"] = *why;
  return Data(out);
}

http::Response SetTracking(const ApiContext& ctx, const http::Request& req) {
  auto v = VisitorOf(ctx, req);
  if (!v.ok()) return Error(v.status(), req);
  if (Status s = CheckCsrf(v->who, req); !s.ok()) return Error(s, req);
  auto body = JsonBody(req, false);
  if (!body.ok()) return Error(body.status(), req);
  if (!body->is_object() || body->size() != 1 || !body->contains("enabled") ||
      !(*body)["enabled"].is_boolean()) {
    return Error(InvalidArgumentError("enabled: expected {\"enabled\": true|false}", "enabled"),
                 req);
  }
  bool enabled = (*body)["enabled"].get<bool>();
  http::Response r = Data({{"enabled", enabled}});
  if (v->owner.user_id > 0) {
    Status s = ctx.store->Write([&](StoreWriter& w) -> Status {
      ASSIGN_OR_RETURN(User u, ctx.store->GetUser(v->owner.user_id));
      u.events_opt_out = !enabled;
      return w.PutUser(&u, PutMode::kUpdate);
    });
    if (!s.ok()) return Error(s, req);
  } else {
    r.headers.emplace_back(
        "Set-Cookie", http::SetCookieValue(kTrackingCookie, enabled ? "" : "off",
                                           {.max_age_seconds = enabled ? 0 : kVisitorCookieSeconds,
                                            .secure = req.secure}));
  }
  return r;
}

Json FeedJson(const Feed& feed) {
  Json items = Json::array();
  for (const FeedItem& item : feed.items) {
    Json parts = Json::array();
    for (const FeedPart& p : item.parts) {
      parts.push_back(
          {{"factor", p.name}, {"weight", p.weight}, {"value", p.value}, {"part", p.part}});
    }
    Json j = {{"kind", "job"},
              {"slug", item.slug},
              {"title", item.title},
              {"company", item.company_name},
              {"company_slug", item.company_slug},
              {"url", "/jobs/" + item.slug},
              {"score", item.score},
              {"reason", item.reason},
              {"reason_kind", item.reason_kind},
              {"explanation", {{"score", item.score}, {"factors", std::move(parts)}}}};
    if (!item.because.empty()) j["because"] = item.because;
    items.push_back(std::move(j));
  }
  return items;
}

http::Response FeedResponse(const ApiContext& ctx, const http::Request& req, FeedQuery q) {
  if (Status s = OnlyParams(req, {"limit"}); !s.ok()) return Error(s, req);
  auto limit = LimitFrom(req, static_cast<int>(q.limit), kMaxFeed);
  if (!limit.ok()) return Error(limit.status(), req);
  q.limit = static_cast<size_t>(*limit);
  if (!ctx.feed) return Error(UnavailableError("the feed is off on this server"), req);
  q.at = ctx.clock->Now();
  auto feed = ctx.feed->ForYou(q);
  if (!feed.ok()) return Error(feed.status(), req);
  return Data(FeedJson(*feed), {{"model", feed->model_id},
                                {"snapshot", feed->snapshot_id},
                                {"history", feed->history},
                                {"personalized", feed->personalized},
                                {"count", feed->items.size()}});
}

}  // namespace

void RegisterEventRoutes(http::Router& router, const ApiContext& ctx) {
  router.Add(http::Method::kPost, "/api/v1/events",
             [ctx](http::Request& req) { return PostEvent(ctx, req); });
  router.Add(http::Method::kGet, "/api/v1/me/events",
             [ctx](http::Request& req) { return History(ctx, req); });
  router.Add(http::Method::kDelete, "/api/v1/me/events",
             [ctx](http::Request& req) { return ClearHistory(ctx, req); });
  router.Add(http::Method::kGet, "/api/v1/me/tracking",
             [ctx](http::Request& req) { return Tracking(ctx, req); });
  router.Add(http::Method::kPut, "/api/v1/me/tracking",
             [ctx](http::Request& req) { return SetTracking(ctx, req); });
  router.Add(http::Method::kGet, "/api/v1/me/feed", [ctx](http::Request& req) {
    auto v = VisitorOf(ctx, req);
    if (!v.ok()) return Error(v.status(), req);
    return FeedResponse(ctx, req, {.owner = v->owner, .talent_slug = v->who.talent_slug});
  });
  router.Add(http::Method::kGet, "/api/v1/users/{id}/feed", [ctx](http::Request& req) {
    auto who = Caller(ctx, req);
    if (!who.ok()) return Error(who.status(), req);
    if (who->anonymous()) return Error(UnauthenticatedError("sign in as an admin"), req);
    if (!who->admin()) return Error(PermissionDeniedError("admins only"), req);
    auto id = ParseInt(req.Param("id"));
    if (!id || *id < 1) return Error(InvalidArgumentError("id: a user id", "id"), req);
    auto user = ctx.store->GetUser(*id);
    if (!user.ok()) return Error(user.status(), req);
    return FeedResponse(ctx, req,
                        {.owner = {.user_id = user->id}, .talent_slug = user->talent_slug});
  });
}

}  // namespace meridian::api
