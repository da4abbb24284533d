#include "api/caller.h"

#include "api/respond.h"
#include "base/slug.h"
#include "base/strings.h"

namespace meridian::api {

StatusOr<Principal> Caller(const ApiContext& ctx, const http::Request& req) {
  if (!ctx.accounts) return Principal{};
  Credentials c;
  c.bearer = http::BearerToken(req);
  if (c.bearer.empty() && !req.Header("authorization").empty()) {
    return UnauthenticatedError("Authorization: expected 'Bearer <API key>'");
  }
  c.session_id = http::Cookie(req, kSessionCookie);
  if (c.bearer.empty() && c.session_id.empty()) return Principal{};
  return ctx.accounts->Authenticate(c);
}

Status CheckCsrf(const Principal& who, const http::Request& req) {
  if (who.via != Via::kSession) return OkStatus();
  std::string token = req.Header("x-csrf-token");
  if (token.empty()) {
    return PermissionDeniedError(
        "X-CSRF-Token: requests signed in by cookie must send the csrf_token from sign-in");
  }
  if (!ConstantTimeEquals(token, who.csrf_token)) {
    return PermissionDeniedError("X-CSRF-Token: does not match this session");
  }
  return OkStatus();
}

Status TakeRate(const ApiContext& ctx, std::string_view what, const http::RateLimit& limit,
                const http::Request& req, const Principal* who) {
  if (!ctx.limiter) return OkStatus();
  std::string base(what);
  int wait = ctx.limiter->Take(base + ":ip:" + http::ClientKey(req.remote), limit);
  if (wait == 0 && who && !who->anonymous()) {
    std::string id =
        who->key_id ? "key:" + std::to_string(who->key_id) : "user:" + std::to_string(who->user_id);
    wait = ctx.limiter->Take(base + ":" + id, limit);
  }
  if (wait == 0) return OkStatus();
  return ResourceExhaustedError("too many " + base + " requests; try again in " +
                                std::to_string(wait) + " seconds")
      .WithRetryAfter(wait);
}

StatusOr<Principal> AdminOnly(StatusOr<Principal> who, std::string_view doing) {
  if (!who.ok()) return who.status();
  if (who->role == Role::kAnonymous) return UnauthenticatedError("sign in as an admin");
  if (!who->admin()) return PermissionDeniedError("only admins " + std::string(doing));
  return who;
}

StatusOr<Principal> Writer(const ApiContext& ctx, const http::Request& req) {
  ASSIGN_OR_RETURN(Principal who, Caller(ctx, req));
  RETURN_IF_ERROR(CheckCsrf(who, req));
  RETURN_IF_ERROR(TakeRate(ctx, "writes", ctx.limits.writes, req, &who));
  return who;
}

std::optional<http::Response> MalformedSlug(const http::Request& req, Entity entity,
                                            const std::string& slug) {
  if (ValidateSlug(slug).ok()) return std::nullopt;
  return Error(NotFoundError("no " + std::string(EntityName(entity)) + " with that slug"), req);
}

void EvictAfterWrite(const ApiContext& ctx, Entity entity, const std::string& slug) {
  if (!ctx.cache) return;
  Change c;
  c.entity = std::string(EntityName(entity));
  c.slug = slug;
  ctx.cache->Apply({c});
}

}  // namespace meridian::api
