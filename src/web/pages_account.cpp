// /signup, /signin, /signout and /account (overview, data export, deletion).
#include <spdlog/spdlog.h>

#include "base/strings.h"
#include "platform/accounts/password.h"
#include "platform/recs/events.h"
#include "platform/recs/feed_service.h"
#include "web/forms.h"
#include "web/pages.h"

namespace meridian::web {
namespace {

// What the browser did before signing in becomes the account's history.
void AdoptVisitor(const Site& site, const http::Request& req, int64_t user_id) {
  auto moved = AdoptVisitorHistory(site.store(), http::Cookie(req, kVisitorCookie), user_id,
                                   site.ctx().feed);
  if (!moved.ok())
    spdlog::warn("request {}: visitor history kept apart: {}", req.request_id,
                 moved.status().ToString());
}

constexpr std::pair<std::string_view, std::string_view> kSignupInputs[] = {
    {"email", "email"}, {"password", "password"}, {"role", "role"}};
constexpr std::pair<std::string_view, std::string_view> kSigninInputs[] = {
    {"email", "email"}, {"password", "password"}};

// Where to go after signing in: only account pages, so the parameter cannot send a visitor
// elsewhere.
std::string SafeNext(std::string_view next) {
  if (!StartsWith(next, "/account") || next.size() > 200) return "/account";
  for (char c : next) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '/' || c == '-' ||
              c == '_' || c == '.';
    if (!ok) return "/account";
  }
  if (next.find("//") != std::string_view::npos || next.find("..") != std::string_view::npos) {
    return "/account";
  }
  return std::string(next);
}

http::Response WithCookie(http::Response r, const std::string& set_cookie) {
  if (!set_cookie.empty()) r.headers.emplace_back("Set-Cookie", set_cookie);
  return NoStore(std::move(r));
}

// ---- sign-up ----

http::Response SignupForm(const Site& site, const http::Request& req, const Form& form,
                          const FieldErrors& errors, int status) {
  std::string set_cookie;
  Site::Data d;
  d.set("csrf", AnonymousCsrfToken(req, &set_cookie));
  d.set("v_email", form.Get("email"));
  std::string role = form.Get("role");
  d.set("role_employer", role == "employer");
  d.set("role_talent", role == "talent");
  d.set("role_member", role.empty() || role == "member");
  errors.Fill(&d);
  return WithCookie(site.Page(req,
                              {.title = "Create an account",
                               .description = "Create a Meridian account to post remote jobs "
                                              "or publish your developer profile.",
                               .path = "/signup",
                               .status = status},
                              "signup", d),
                    set_cookie);
}

http::Response SignupPage(const Site& site, const http::Request& req) {
  if (!site.Caller(req).anonymous()) return SeeOther("/account");
  return SignupForm(site, req, Form(), FieldErrors(), 200);
}

std::string StartPage(const User& user) {
  if (user.role == "employer") return "/account/company";
  if (user.role == "talent") return "/account/profile";
  return "/account";
}

http::Response SignupPost(const Site& site, const http::Request& req) {
  const WebContext& ctx = site.ctx();
  if (int wait = TakeRateLimit(site, "signup:ip:" + http::ClientKey(req.remote), ctx.limits.signup);
      wait > 0) {
    return TooManyRequests(site, req, wait,
                           "Too many accounts were created from your address recently.");
  }
  std::optional<Form> form = Form::Parse(req);
  if (!form || !AnonymousCsrfOk(req, *form)) return CsrfRefused(site, req);
  FieldErrors errors;
  std::string role = form->Get("role");
  if (role != "employer" && role != "talent" && role != "member") {
    errors.Add("role", "choose employer, talent or member");
    return SignupForm(site, req, *form, errors, 422);
  }
  StatusOr<SignedIn> s = ctx.accounts->SignUp(
      {.email = form->Get("email"), .password = form->Raw("password"), .role = role},
      http::Cookie(req, kSessionCookie));
  if (!s.ok()) {
    StatusCode code = s.status().code();
    if (code == StatusCode::kAlreadyExists) {
      errors.Add("email", "an account with this email already exists; sign in instead");
      return SignupForm(site, req, *form, errors, 422);
    }
    if (code == StatusCode::kInvalidArgument) {
      errors.AddStatus(s.status(), kSignupInputs);
      return SignupForm(site, req, *form, errors, 422);
    }
    return site.Error(req, s.status());
  }
  spdlog::info("request {}: account {} signed up as {}", req.request_id, s->user.id, role);
  AdoptVisitor(site, req, s->user.id);
  http::Response r = SeeOther(StartPage(s->user));
  r.headers.emplace_back("Set-Cookie",
                         SessionCookie(req, s->session_id, s->expires_at, site.Now()));
  return r;
}

// ---- sign-in ----

http::Response SigninForm(const Site& site, const http::Request& req, const Form& form,
                          const FieldErrors& errors, int status) {
  std::string set_cookie;
  Site::Data d;
  d.set("csrf", AnonymousCsrfToken(req, &set_cookie));
  d.set("v_email", form.Get("email"));
  std::string next = form.Get("next");
  if (next.empty()) next = req.Query("next").value_or("");
  d.set("next", SafeNext(next));
  std::string notice = req.Query("notice").value_or("");
  std::string notice_text;
  if (notice == "deleted") notice_text = "Your account and everything it owned were deleted.";
  if (notice == "signedout") notice_text = "You are signed out.";
  d.set("notice", Opt(notice_text));
  errors.Fill(&d);
  return WithCookie(site.Page(req,
                              {.title = "Sign in",
                               .description = "Sign in to your Meridian account.",
                               .path = "/signin",
                               .status = status},
                              "signin", d),
                    set_cookie);
}

http::Response SigninPage(const Site& site, const http::Request& req) {
  if (!site.Caller(req).anonymous()) {
    return SeeOther(SafeNext(req.Query("next").value_or("")));
  }
  return SigninForm(site, req, Form(), FieldErrors(), 200);
}

http::Response SigninPost(const Site& site, const http::Request& req) {
  const WebContext& ctx = site.ctx();
  if (int wait = TakeRateLimit(site, "signin:ip:" + http::ClientKey(req.remote), ctx.limits.signin);
      wait > 0) {
    return TooManyRequests(site, req, wait, "Too many sign-in attempts from your address.");
  }
  std::optional<Form> form = Form::Parse(req);
  if (!form || !AnonymousCsrfOk(req, *form)) return CsrfRefused(site, req);
  StatusOr<SignedIn> s = ctx.accounts->SignIn(form->Get("email"), form->Raw("password"),
                                              http::Cookie(req, kSessionCookie));
  if (!s.ok()) {
    FieldErrors errors;
    switch (s.status().code()) {
      case StatusCode::kResourceExhausted:
        if (s.status().retry_after() == 0) return site.Error(req, s.status());
        return TooManyRequests(site, req, std::max(1, s.status().retry_after()),
                               "This account is locked for a while after too many failed "
                               "sign-in attempts.");
      case StatusCode::kUnauthenticated:
      case StatusCode::kNotFound:
        errors.AddSummary("Wrong email or password.");
        return SigninForm(site, req, *form, errors, 401);
      case StatusCode::kInvalidArgument:
        errors.AddStatus(s.status(), kSigninInputs);
        return SigninForm(site, req, *form, errors, 422);
      default:
        return site.Error(req, s.status());
    }
  }
  AdoptVisitor(site, req, s->user.id);
  http::Response r = SeeOther(SafeNext(form->Get("next")));
  r.headers.emplace_back("Set-Cookie",
                         SessionCookie(req, s->session_id, s->expires_at, site.Now()));
  return r;
}

http::Response SignoutPost(const Site& site, const http::Request& req) {
  AccountRequest ar;
  if (auto refused = OpenAccountRequest(site, req, {.post = true, .rate_limited = false}, &ar)) {
    return *refused;
  }
  Status s = site.ctx().accounts->SignOut(http::Cookie(req, kSessionCookie));
  if (!s.ok()) return site.Error(req, s);
  http::Response r = SeeOther("/signin?notice=signedout");
  r.headers.emplace_back("Set-Cookie", ClearSessionCookie(req));
  return r;
}

// ---- the account overview, export and deletion ----

http::Response AccountView(const Site& site, const http::Request& req, const Principal& who,
                           const std::string& confirm, const FieldErrors& errors, int status) {
  Site::Data d;
  d.set("email", who.email);
  d.set("role", std::string(RoleName(who.role)));
  d.set("csrf", who.csrf_token);
  d.set("employer", who.role == Role::kEmployer);
  d.set("talent", who.role == Role::kTalent);
  d.set("member", who.role == Role::kMember);
  d.set("admin", who.admin());
  d.set("company_slug", Opt(who.company_slug));
  d.set("talent_slug", Opt(who.talent_slug));
  if (!who.company_slug.empty()) {
    StatusOr<Company> c = site.store().GetCompany(who.company_slug);
    if (c.ok()) d.set("company_name", c->name);
  }
  if (!who.talent_slug.empty()) {
    StatusOr<Talent> t = site.store().GetTalent(who.talent_slug);
    if (t.ok()) {
      d.set("talent_name", t->name);
      d.set("talent_hidden", t->visibility == "hidden");
    }
  }
  d.set("v_confirm", confirm);
  errors.Fill(&d);
  return NoStore(site.Page(
      req,
      {.title = "Your account", .path = "/account", .noindex = true, .status = status, .who = &who},
      "account", d));
}

http::Response AccountPage(const Site& site, const http::Request& req) {
  AccountRequest ar;
  if (auto refused = OpenAccountRequest(site, req, {}, &ar)) return *refused;
  return AccountView(site, req, ar.who, "", FieldErrors(), 200);
}

http::Response ExportPage(const Site& site, const http::Request& req) {
  AccountRequest ar;
  if (auto refused = OpenAccountRequest(site, req, {}, &ar)) return *refused;
  StatusOr<Json> doc = site.ctx().accounts->ExportAccount(ar.who);
  if (!doc.ok()) return site.Error(req, doc.status());
  http::Response r = http::Response::Json(200, doc->dump(2) + "\n");
  r.headers.emplace_back("Content-Disposition", "attachment; filename=\"meridian-account-" +
                                                    std::to_string(ar.who.user_id) + ".json\"");
  return NoStore(std::move(r));
}

http::Response DeletePost(const Site& site, const http::Request& req) {
  AccountRequest ar;
  if (auto refused = OpenAccountRequest(site, req, {.post = true}, &ar)) return *refused;
  std::string confirm = ar.form.Get("confirm");
  if (AsciiLower(confirm) != ar.who.email) {
    FieldErrors errors;
    errors.Add("confirm", "type your email address exactly to confirm");
    return AccountView(site, req, ar.who, confirm, errors, 422);
  }
  const WebContext& ctx = site.ctx();
  Status s = ctx.accounts->DeleteAccount(ar.who);
  if (!s.ok()) return site.Error(req, s);
  spdlog::info("request {}: account {} deleted", req.request_id, ar.who.user_id);
  if (ctx.after_write) {
    if (!ar.who.company_slug.empty()) ctx.after_write(Entity::kCompany, ar.who.company_slug);
    if (!ar.who.talent_slug.empty()) ctx.after_write(Entity::kTalent, ar.who.talent_slug);
  }
  http::Response r = SeeOther("/signin?notice=deleted");
  r.headers.emplace_back("Set-Cookie", ClearSessionCookie(req));
  return r;
}

}  // namespace

void RegisterAccountPages(http::Router& router, std::shared_ptr<const Site> site) {
  using http::Method;
  router.Add(Method::kGet, "/signup", [site](http::Request& r) { return SignupPage(*site, r); });
  // Sign-up and sign-in hash passwords (argon2id): they run on the server's blocking pool.
  router.Add(Method::kPost, "/signup", [site](http::Request& r) { return SignupPost(*site, r); },
             {.blocking = true});
  router.Add(Method::kGet, "/signin", [site](http::Request& r) { return SigninPage(*site, r); });
  router.Add(Method::kPost, "/signin", [site](http::Request& r) { return SigninPost(*site, r); },
             {.blocking = true});
  router.Add(Method::kPost, "/signout", [site](http::Request& r) { return SignoutPost(*site, r); });
  router.Add(Method::kGet, "/account", [site](http::Request& r) { return AccountPage(*site, r); });
  router.Add(Method::kGet, "/account/export",
             [site](http::Request& r) { return ExportPage(*site, r); });
  router.Add(Method::kPost, "/account/delete",
             [site](http::Request& r) { return DeletePost(*site, r); });
}

}  // namespace meridian::web
