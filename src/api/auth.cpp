// Accounts over the API: sign-up, sign-in, sign-out, the caller, their API keys, and their
// data (export, delete). Sessions travel in an HttpOnly cookie; API clients may use keys.
#include <spdlog/spdlog.h>

#include "api/api.h"
#include "api/caller.h"
#include "api/respond.h"
#include "base/strings.h"
#include "platform/recs/events.h"
#include "platform/recs/feed_service.h"

namespace meridian::api {
namespace {

using http::Method;
using http::Request;
using http::Response;

constexpr TextRule kEmailRule{.required = true, .max_chars = 254};
constexpr TextRule kPasswordRule{.required = true, .allow_empty = true, .max_chars = 1024};

Json UserJson(const User& u) {
  return {{"email", u.email},
          {"role", u.role},
          {"company", u.company_slug.empty() ? Json(nullptr) : Json(u.company_slug)},
          {"talent", u.talent_slug.empty() ? Json(nullptr) : Json(u.talent_slug)},
          {"created_at", FormatRfc3339(u.created_at)}};
}

Json KeyJson(const ApiKey& k) {
  auto ts = [](const std::optional<UnixSeconds>& t) {
    return t ? Json(FormatRfc3339(*t)) : Json(nullptr);
  };
  return {{"id", k.id},
          {"prefix", "mk_" + k.prefix},
          {"role", k.role},
          {"user", k.user_email.empty() ? Json(nullptr) : Json(k.user_email)},
          {"label", k.label},
          {"created_at", FormatRfc3339(k.created_at)},
          {"expires_at", ts(k.expires_at)},
          {"revoked_at", ts(k.revoked_at)}};
}

std::string SessionCookie(const ApiContext& ctx, const Request& req, const SignedIn& s) {
  int64_t max_age = std::max<int64_t>(0, s.expires_at - ctx.clock->Now());
  return http::SetCookieValue(kSessionCookie, s.session_id,
                              {.max_age_seconds = max_age, .secure = req.secure});
}

std::string ClearedCookie(const Request& req) {
  return http::SetCookieValue(kSessionCookie, "", {.max_age_seconds = 0, .secure = req.secure});
}

// What the browser did before signing in becomes the account's history.
void AdoptVisitor(const ApiContext& ctx, const Request& req, int64_t user_id) {
  auto moved =
      AdoptVisitorHistory(*ctx.store, http::Cookie(req, kVisitorCookie), user_id, ctx.feed);
  if (!moved.ok())
    spdlog::warn("request {}: visitor history kept apart: {}", req.request_id,
                 moved.status().ToString());
}

Response SignedInResponse(const ApiContext& ctx, const Request& req, const SignedIn& s,
                          int status) {
  AdoptVisitor(ctx, req, s.user.id);
  Response r = Data({{"user", UserJson(s.user)},
                     {"csrf_token", s.csrf_token},
                     {"expires_at", FormatRfc3339(s.expires_at)}},
                    Json::object(), status);
  r.headers.emplace_back("Set-Cookie", SessionCookie(ctx, req, s));
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

// {email, password[, role]} from a JSON body; unknown fields are errors.
StatusOr<SignupForm> Form(const Request& req, bool with_role) {
  ASSIGN_OR_RETURN(Json body, JsonBody(req, false));
  if (!body.is_object()) return InvalidArgumentError("body: expected a JSON object", "body");
  JsonReader r(body);
  SignupForm f;
  r.String("email", &f.email, kEmailRule);
  r.String("password", &f.password, kPasswordRule);
  if (with_role) r.String("role", &f.role, {.max_chars = 20});
  RETURN_IF_ERROR(r.Finish());
  if (f.role.empty()) f.role = "member";
  return f;
}

Response Fail(const Status& s, const Request& req) {
  Response r = Error(s, req);
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

// An account-bound caller, for the routes about "my" account.
StatusOr<Principal> AccountCaller(const ApiContext& ctx, const Request& req, bool writes) {
  ASSIGN_OR_RETURN(Principal who, writes ? Writer(ctx, req) : Caller(ctx, req));
  if (who.anonymous()) {
    return UnauthenticatedError("sign in or send an API key (Authorization: Bearer ...)");
  }
  if (who.user_id == 0) {
    return FailedPreconditionError("this credential (" + std::string(RoleName(who.role)) +
                                   " key or admin token) has no account");
  }
  return who;
}

}  // namespace

void RegisterAuthRoutes(http::Router& router, const ApiContext& ctx) {
  router.Add(Method::kPost, "/api/v1/auth/signup",
             [ctx](Request& req) -> Response {
               Status rate = TakeRate(ctx, "signup", ctx.limits.signup, req, nullptr);
               if (!rate.ok()) return Fail(rate, req);
               auto form = Form(req, true);
               if (!form.ok()) return Fail(form.status(), req);
               auto s = ctx.accounts->SignUp(*form, http::Cookie(req, kSessionCookie));
               if (!s.ok()) return Fail(s.status(), req);
               return SignedInResponse(ctx, req, *s, 201);
             },
             {.blocking = true});

  router.Add(Method::kPost, "/api/v1/auth/signin",
             [ctx](Request& req) -> Response {
               Status rate = TakeRate(ctx, "signin", ctx.limits.signin, req, nullptr);
               if (!rate.ok()) return Fail(rate, req);
               auto form = Form(req, false);
               if (!form.ok()) return Fail(form.status(), req);
               auto s = ctx.accounts->SignIn(form->email, form->password,
                                             http::Cookie(req, kSessionCookie));
               if (!s.ok()) return Fail(s.status(), req);
               return SignedInResponse(ctx, req, *s, 200);
             },
             {.blocking = true});

  router.Add(Method::kPost, "/api/v1/auth/signout", [ctx](Request& req) -> Response {
    // The session cookie ends, whatever else the request carries; a cookie that no longer
    // names a session needs no CSRF token.
    std::string cookie = http::Cookie(req, kSessionCookie);
    if (!cookie.empty()) {
      auto session = ctx.accounts->Authenticate({.bearer = "", .session_id = cookie});
      if (!session.ok()) return Fail(session.status(), req);
      if (session->via == Via::kSession) {
        Status csrf = CheckCsrf(*session, req);
        if (!csrf.ok()) return Fail(csrf, req);
      }
      Status s = ctx.accounts->SignOut(cookie);
      if (!s.ok()) return Fail(s, req);
    }
    Response r;
    r.status = 204;
    r.headers.emplace_back("Set-Cookie", ClearedCookie(req));
    return r;
  });

  router.Add(Method::kGet, "/api/v1/auth/me", [ctx](Request& req) -> Response {
    auto who = Caller(ctx, req);
    if (!who.ok()) return Fail(who.status(), req);
    if (who->anonymous()) {
      Response r = Fail(UnauthenticatedError("not signed in"), req);
      if (who->stale_session) r.headers.emplace_back("Set-Cookie", ClearedCookie(req));
      return r;
    }
    Json data = {{"role", RoleName(who->role)},
                 {"via", who->via == Via::kSession      ? "session"
                         : who->via == Via::kApiKey     ? "api_key"
                         : who->via == Via::kAdminToken ? "admin_token"
                                                        : "none"},
                 {"email", who->email.empty() ? Json(nullptr) : Json(who->email)},
                 {"company", who->company_slug.empty() ? Json(nullptr) : Json(who->company_slug)},
                 {"talent", who->talent_slug.empty() ? Json(nullptr) : Json(who->talent_slug)}};
    if (who->via == Via::kSession) data["csrf_token"] = who->csrf_token;
    Response r = Data(data);
    r.headers.emplace_back("Cache-Control", "no-store");
    return r;
  });

  router.Add(Method::kGet, "/api/v1/auth/keys", [ctx](Request& req) -> Response {
    auto who = Caller(ctx, req);
    if (!who.ok()) return Fail(who.status(), req);
    if (who->anonymous()) return Fail(UnauthenticatedError("sign in to list API keys"), req);
    if (!who->admin() && who->user_id == 0) {
      return Fail(FailedPreconditionError("this key has no account"), req);
    }
    auto keys = ctx.accounts->ListKeys(who->admin() ? 0 : who->user_id);
    if (!keys.ok()) return Fail(keys.status(), req);
    Json data = Json::array();
    for (const ApiKey& k : *keys) data.push_back(KeyJson(k));
    return Data(data, {{"count", data.size()}});
  });

  router.Add(Method::kPost, "/api/v1/auth/keys", [ctx](Request& req) -> Response {
    auto who = AccountCaller(ctx, req, true);
    if (!who.ok()) return Fail(who.status(), req);
    if (who->role == Role::kMember) {
      return Fail(PermissionDeniedError("member accounts have nothing to write with a key"), req);
    }
    // A key cannot mint keys: revoking or expiring a leaked key must be the end of it.
    if (who->via != Via::kSession) {
      return Fail(PermissionDeniedError("sign in to create API keys (a key cannot create keys; "
                                        "admins may also use meridian keys create)"),
                  req);
    }
    auto body = JsonBody(req, false);
    if (!body.ok()) return Fail(body.status(), req);
    if (!body->is_object()) return Fail(InvalidArgumentError("body: expected a JSON object"), req);
    JsonReader r(*body);
    KeyRequest kr;
    std::string expires;
    r.String("label", &kr.label, {.max_chars = 100});
    r.String("expires_at", &expires, {.max_chars = 40});
    Status st = r.Finish();
    if (!st.ok()) return Fail(st, req);
    if (!expires.empty()) {
      auto t = ParseTimestamp(expires);
      if (!t.ok()) {
        return Fail(InvalidArgumentError("expires_at: " + t.status().message(), "expires_at"), req);
      }
      kr.expires_at = *t;
    }
    kr.role = who->role;
    kr.user_email = who->email;
    auto created = ctx.accounts->CreateKey(kr);
    if (!created.ok()) return Fail(created.status(), req);
    Json data = KeyJson(created->key);
    data["key"] = created->secret;
    Response resp = Data(data, {{"note", "the key is shown once; store it now"}}, 201);
    resp.headers.emplace_back("Cache-Control", "no-store");
    return resp;
  });

  router.Add(Method::kDelete, "/api/v1/auth/keys/{id}", [ctx](Request& req) -> Response {
    auto who = Writer(ctx, req);
    if (!who.ok()) return Fail(who.status(), req);
    if (who->anonymous()) return Fail(UnauthenticatedError("sign in to revoke API keys"), req);
    auto id = ParseInt(req.Param("id"));
    if (!id || *id <= 0) return Fail(NotFoundError("no API key with that id"), req);
    if (!who->admin()) {
      auto keys = ctx.accounts->ListKeys(who->user_id);
      if (!keys.ok()) return Fail(keys.status(), req);
      bool mine = who->user_id != 0 && std::any_of(keys->begin(), keys->end(),
                                                   [&](const ApiKey& k) { return k.id == *id; });
      if (!mine) return Fail(NotFoundError("no API key of yours with id " + req.Param("id")), req);
    }
    Status s = ctx.accounts->RevokeKey(*id);
    if (!s.ok()) return Fail(s, req);
    Response r;
    r.status = 204;
    return r;
  });

  router.Add(Method::kGet, "/api/v1/account/export", [ctx](Request& req) -> Response {
    auto who = AccountCaller(ctx, req, false);
    if (!who.ok()) return Fail(who.status(), req);
    auto data = ctx.accounts->ExportAccount(*who);
    if (!data.ok()) return Fail(data.status(), req);
    Response r = Response::Json(200, DumpJson(*data));
    r.headers.emplace_back("Content-Disposition", "attachment; filename=\"meridian-account.json\"");
    r.headers.emplace_back("Cache-Control", "no-store");
    return r;
  });

  router.Add(Method::kDelete, "/api/v1/account", [ctx](Request& req) -> Response {
    auto who = AccountCaller(ctx, req, true);
    if (!who.ok()) return Fail(who.status(), req);
    Status s = ctx.accounts->DeleteAccount(*who);
    if (!s.ok()) return Fail(s, req);
    if (ctx.cache) {
      Change c;
      for (const auto& [entity, slug] :
           {std::pair{Entity::kCompany, who->company_slug}, {Entity::kTalent, who->talent_slug}}) {
        if (slug.empty()) continue;
        c.entity = std::string(EntityName(entity));
        c.slug = slug;
        ctx.cache->Apply({c});
      }
    }
    Response r;
    r.status = 204;
    r.headers.emplace_back("Set-Cookie", ClearedCookie(req));
    return r;
  });
}

}  // namespace meridian::api
