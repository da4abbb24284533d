// The route table of the web pages, the static files and the shared filter helpers.
#include "web/web.h"

#include <memory>

#include "base/assets.h"
#include "base/strings.h"
#include "base/utf8.h"
#include "web/pages.h"

namespace meridian::web {
namespace {

// Content type of a static asset by extension; nullopt for files we do not serve.
std::optional<std::string> StaticType(std::string_view name) {
  if (EndsWith(name, ".css")) return "text/css; charset=utf-8";
  if (EndsWith(name, ".svg")) return "image/svg+xml";
  if (EndsWith(name, ".js")) return "text/javascript; charset=utf-8";
  return std::nullopt;
}

http::Response StaticFile(const Site& site, const http::Request& req) {
  std::string file = req.Param("file");
  std::optional<std::string> type = StaticType(file);
  bool plain_name = !file.empty() && file.find('/') == std::string::npos && file[0] != '.';
  std::optional<std::string_view> data;
  if (type && plain_name) data = FindAsset("static/" + file);
  if (!data) return site.NotFound(req);
  http::Response r{200, *type, std::string(*data), {}};
  r.headers.emplace_back("Cache-Control", "public, max-age=3600");
  return r;
}

constexpr std::string_view kRobots =
    "User-agent: *\n"
    "Allow: /\n"
    "Disallow: /api/\n"
    "Disallow: /account\n";

}  // namespace

Site::List Notes::ToList() const {
  Site::List out;
  for (const std::string& n : notes_) {
    Site::Data d;
    d.set("text", n);
    out.push_back(d);
  }
  return out;
}

std::string TextFilter(const http::Request& req, std::string_view name, size_t max_chars,
                       Notes* notes) {
  std::optional<std::string> v = req.Query(name);
  if (!v) return "";
  std::string_view t = Trim(*v);
  if (t.empty()) return "";
  if (!IsValidUtf8(t) || HasControlChars(t, false)) {
    notes->Add("Ignored " + std::string(name) + ": it is not valid text.");
    return "";
  }
  if (Utf8Length(t) > max_chars) {
    notes->Add("Ignored " + std::string(name) + ": longer than " + std::to_string(max_chars) +
               " characters.");
    return "";
  }
  return std::string(t);
}

std::string OneOf(std::span<const std::string_view> vocab) {
  std::string out = "one of ";
  for (size_t i = 0; i < vocab.size(); ++i) {
    if (i > 0) out += ", ";
    out += vocab[i];
  }
  return out;
}

std::string CursorParam(const http::Request& req) {
  return req.Query("cursor").value_or("");
}

bool IsCursorError(const Status& s) {
  return s.code() == StatusCode::kInvalidArgument && (s.field() == "cursor" || s.field().empty());
}

Status RegisterPages(http::Router& router, const WebContext& ctx) {
  ASSIGN_OR_RETURN(std::unique_ptr<Site> created, Site::Create(ctx));
  std::shared_ptr<const Site> site(std::move(created));

  RegisterHomePage(router, site);
  if (ctx.feed) RegisterActivityPages(router, site);
  RegisterJobPages(router, site);
  RegisterCatalogPages(router, site);
  RegisterPlacePages(router, site);
  if (ctx.accounts != nullptr) {
    if (ctx.writes == nullptr) return InternalError("web: account pages need WebContext.writes");
    RegisterAccountPages(router, site);
    RegisterEmployerPages(router, site);
    RegisterModerationPages(router, site);
    RegisterModelPages(router, site);
    RegisterTalentPages(router, site);
  }

  router.Add(http::Method::kGet, "/static/{file}",
             [site](http::Request& r) { return StaticFile(*site, r); });
  router.Add(http::Method::kGet, "/robots.txt", [](http::Request&) {
    http::Response r = http::Response::Text(200, std::string(kRobots));
    r.headers.emplace_back("Cache-Control", "public, max-age=86400");
    return r;
  });
  // The server answers unmatched non-API paths with this route.
  router.Add(http::Method::kGet, "/__not_found__",
             [site](http::Request& r) { return site->NotFound(r); });
  return OkStatus();
}

}  // namespace meridian::web
