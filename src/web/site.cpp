#include "web/site.h"

#include <spdlog/spdlog.h>

#include "base/assets.h"
#include "base/strings.h"
#include "base/utf8.h"

namespace meridian::web {
namespace {

// Every template; names starting with '_' are partials available to all of them.
constexpr std::string_view kTemplateNames[] = {
    "layout",
    "home",
    "jobs",
    "jobs_search",
    "job",
    "companies",
    "company",
    "cities",
    "city",
    "talent",
    "talent_list",
    "articles",
    "article",
    "notfound",
    "error",
    "_job_card",
    "_pager",
    "_notes",
    "_matches",
    "_form_errors",
    // Accounts (issue 3).
    "signin",
    "signup",
    "message",
    "account",
    "account_company",
    "account_jobs",
    "account_job",
    "account_profile",
    // "For you" (issue 6).
    "_feed",
    "activity",
    "moderation",
    // The ML lifecycle (issue 8).
    "models",
};

bool HostCharOk(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '-' || c == ':' || c == '[' || c == ']';
}

}  // namespace

Site::Data Opt(const std::string& s) {
  return s.empty() ? Site::Data(false) : Site::Data(s);
}

StatusOr<std::unique_ptr<Site>> Site::Create(const WebContext& ctx) {
  if (ctx.store == nullptr || ctx.clock == nullptr) {
    return InternalError("web: WebContext needs a store and a clock");
  }
  std::unique_ptr<Site> site(new Site(ctx));
  while (!site->ctx_.base_url.empty() && site->ctx_.base_url.back() == '/') {
    site->ctx_.base_url.pop_back();
  }
  for (std::string_view name : kTemplateNames) {
    std::string asset = "templates/" + std::string(name) + ".mustache";
    std::optional<std::string_view> text = FindAsset(asset);
    if (!text) return InternalError("web: template " + asset + " is not embedded");
    kainjow::mustache::mustache tmpl{std::string(*text)};
    if (!tmpl.is_valid()) {
      return InternalError("web: template " + asset + " does not compile: " + tmpl.error_message());
    }
    site->templates_.emplace(std::string(name), std::string(*text));
  }
  return site;
}

std::string Site::BaseUrl(const http::Request& req) const {
  if (!ctx_.base_url.empty()) return ctx_.base_url;
  std::string host = req.Header("host");
  bool ok = !host.empty() && host.size() <= 255;
  for (char c : host) ok = ok && HostCharOk(c);
  if (!ok) host = "localhost";
  return (req.secure ? "https://" : "http://") + host;
}

StatusOr<std::string> Site::Render(std::string_view name, const Data& data) const {
  auto it = templates_.find(name);
  if (it == templates_.end()) return InternalError("web: unknown template " + std::string(name));
  // Partials resolve through the context stack: push them above the page's data.
  Data partials;
  for (const auto& [pname, text] : templates_) {
    if (!StartsWith(pname, "_")) continue;
    const std::string* ptext = &text;
    partials.set(pname, kainjow::mustache::partial([ptext] { return *ptext; }));
  }
  kainjow::mustache::mustache tmpl{it->second};
  kainjow::mustache::context<std::string> context{&data};
  context.push(&partials);
  std::string out = tmpl.render(context);
  if (!tmpl.is_valid()) {
    return InternalError("web: rendering " + std::string(name) + ": " + tmpl.error_message());
  }
  return out;
}

Principal Site::Caller(const http::Request& req) const {
  if (ctx_.accounts == nullptr) return {};
  std::string session = http::Cookie(req, kSessionCookie);
  if (session.empty()) return {};
  StatusOr<Principal> p = ctx_.accounts->Authenticate({.session_id = session});
  return p.ok() ? std::move(*p) : Principal{};
}

http::Response Site::Page(const http::Request& req, const PageInfo& info, std::string_view name,
                          Data data) const {
  StatusOr<std::string> body = Render(name, data);
  if (!body.ok()) {
    spdlog::error("request {}: {}", req.request_id, body.status().ToString());
    return name == "error" ? Plain500() : Error(req, body.status());
  }
  Data layout;
  layout.set("title", info.title.empty() ? std::string("Meridian") : info.title + " · Meridian");
  layout.set("description", info.description.empty()
                                ? std::string("Remote jobs, remote-friendly companies, city guides "
                                              "for remote workers and developers to hire.")
                                : info.description);
  layout.set("canonical", BaseUrl(req) + (info.path.empty() ? "/" : info.path) + info.query);
  layout.set("noindex", info.noindex);
  layout.set("json_ld", Opt(info.json_ld));
  List feeds;
  for (const PageInfo::Feed& f : info.feeds) {
    Data d;
    d.set("type", f.type);
    d.set("title", f.title);
    d.set("href", f.href);
    feeds.push_back(d);
  }
  layout.set("feeds", feeds);
  layout.set("live_search", info.live_search);
  layout.set("capture_events", info.capture_events && ctx_.feed != nullptr);
  layout.set("model_charts", info.model_charts);
  layout.set("content", *body);
  for (std::string_view nav : {"jobs", "cities", "articles", "talent", "companies"}) {
    layout.set("nav_" + std::string(nav), info.nav == nav);
  }
  // The banner is shown on databases seeded by `meridian demo`; a failed read only hides it.
  StatusOr<std::optional<std::string>> demo = ctx_.store->GetMeta("demo.seed");
  layout.set("demo", demo.ok() && demo->has_value());
  // The account links. Anonymous visitors without a session cookie cost no store access.
  // A failed lookup shows the page signed out but keeps the cookie: it may be transient.
  Principal looked_up;
  const Principal* who = info.who;
  if (who == nullptr && ctx_.accounts != nullptr) {
    looked_up = Caller(req);
    who = &looked_up;
  }
  bool signed_in = who != nullptr && !who->anonymous() && who->via == Via::kSession;
  layout.set("accounts", ctx_.accounts != nullptr);
  layout.set("signed_in", signed_in);
  layout.set("account_email", signed_in ? who->email : std::string());
  layout.set("csrf", signed_in ? who->csrf_token : std::string());
  StatusOr<std::string> page = Render("layout", layout);
  if (!page.ok()) {
    spdlog::error("request {}: {}", req.request_id, page.status().ToString());
    return Plain500();
  }
  http::Response r = http::Response::Html(info.status, std::move(*page));
  if (signed_in) r.headers.emplace_back("Cache-Control", "private, no-store");
  if (who != nullptr && who->stale_session) {
    r.headers.emplace_back(
        "Set-Cookie",
        http::SetCookieValue(kSessionCookie, "", {.max_age_seconds = 0, .secure = req.secure}));
  }
  return r;
}

http::Response Site::NotFound(const http::Request& req) const {
  std::string path = SanitizeUtf8(req.path);
  Data d;
  d.set("path", path);
  return Page(req,
              {.title = "Page not found",
               .description = "This page does not exist.",
               .path = path,
               .noindex = true,
               .status = 404},
              "notfound", d);
}

http::Response Site::Error(const http::Request& req, const Status& status) const {
  if (status.code() == StatusCode::kNotFound) return NotFound(req);
  // The caller's mistake: say what it was (our own messages, escaped by the template).
  struct ClientError {
    StatusCode code;
    int http;
    const char* heading;
  };
  static constexpr ClientError kClientErrors[] = {
      {StatusCode::kInvalidArgument, 400, "That request could not be used"},
      {StatusCode::kUnauthenticated, 401, "Please sign in"},
      {StatusCode::kPermissionDenied, 403, "Not allowed"},
      {StatusCode::kAlreadyExists, 409, "That already exists"},
      {StatusCode::kFailedPrecondition, 409, "Not possible right now"},
  };
  for (const ClientError& e : kClientErrors) {
    if (status.code() != e.code) continue;
    Data d;
    d.set("heading", e.heading);
    d.set("text", status.message());
    d.set("link_href", "/account");
    d.set("link_text", "Back to your account");
    return Page(req,
                {.title = e.heading,
                 .description = status.message(),
                 .path = SanitizeUtf8(req.path),
                 .noindex = true,
                 .status = e.http},
                "message", d);
  }
  bool transient = status.code() == StatusCode::kUnavailable ||
                   status.code() == StatusCode::kResourceExhausted ||
                   status.code() == StatusCode::kStorageFull ||
                   status.code() == StatusCode::kDeadlineExceeded;
  spdlog::error("request {} {}: {}", req.request_id, req.path, status.ToString());
  Data d;
  d.set("transient", transient);
  d.set("request_id", Opt(req.request_id));
  return Page(req,
              {.title = transient ? "Temporarily unavailable" : "Something went wrong",
               .description = "The page could not be loaded.",
               .path = SanitizeUtf8(req.path),
               .noindex = true,
               .status = transient ? 503 : 500},
              "error", d);
}

http::Response Site::Plain500() const {
  return http::Response::Html(500,
                              "<!doctype html><html lang=\"en\"><meta charset=\"utf-8\">"
                              "<title>Error · Meridian</title><h1>Something went wrong</h1>"
                              "<p>Please try again later.</p></html>");
}

}  // namespace meridian::web
