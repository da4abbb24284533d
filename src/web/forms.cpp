#include "web/forms.h"

#include <cmath>

#include "base/strings.h"
#include "platform/accounts/accounts.h"
#include "platform/accounts/password.h"

namespace meridian::web {
namespace {

// RandomToken(32): 43 base64url characters.
bool LooksLikeToken(std::string_view t) {
  if (t.size() < 32 || t.size() > 128) return false;
  for (char c : t) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

// "tags[2]" -> "tags", "skills[0].name" -> "skills.name".
std::string WithoutIndices(std::string_view field) {
  std::string out;
  bool in_index = false;
  for (char c : field) {
    if (c == '[') in_index = true;
    if (!in_index) out += c;
    if (c == ']') in_index = false;
  }
  return out;
}

}  // namespace

std::optional<Form> Form::Parse(const http::Request& req) {
  auto fields = http::ParseForm(req.body);
  if (!fields) return std::nullopt;
  Form f;
  f.fields_ = std::move(*fields);
  return f;
}

std::string Form::Raw(std::string_view name) const {
  for (const auto& [k, v] : fields_) {
    if (k == name) return v;
  }
  return "";
}

std::string Form::Get(std::string_view name) const {
  return std::string(Trim(Raw(name)));
}

void FieldErrors::Add(std::string_view input, std::string message) {
  for (const auto& [k, v] : inputs_) {
    if (k == input) return;  // the first error of an input is the one shown
  }
  inputs_.emplace_back(std::string(input), std::move(message));
}

void FieldErrors::AddSummary(std::string message) {
  summary_.push_back(std::move(message));
}

std::string FieldMessage(const Status& status) {
  const std::string& field = status.field();
  const std::string& msg = status.message();
  if (!field.empty() && StartsWith(msg, field + ": ")) return msg.substr(field.size() + 2);
  return msg;
}

void FieldErrors::AddStatus(const Status& status, InputMap inputs) {
  std::string field = WithoutIndices(status.field());
  while (!field.empty()) {
    for (const auto& [prefix, input] : inputs) {
      if (prefix == field) return Add(input, FieldMessage(status));
    }
    size_t dot = field.rfind('.');
    if (dot == std::string::npos) break;
    field.resize(dot);
  }
  AddSummary(status.message());
}

void FieldErrors::Fill(Site::Data* data) const {
  for (const auto& [input, message] : inputs_) data->set("err_" + input, message);
  Site::List summary;
  for (const std::string& m : summary_) {
    Site::Data d;
    d.set("text", m);
    summary.push_back(d);
  }
  // Errors beside inputs are announced in the summary too, so none is missed.
  if (!inputs_.empty() && summary_.empty()) {
    Site::Data d;
    d.set("text", std::string(inputs_.size() == 1 ? "Please correct the field marked below."
                                                  : "Please correct the fields marked below."));
    summary.push_back(d);
  }
  data->set("errors", summary);
  data->set("has_errors", !empty());
}

std::optional<http::Response> OpenAccountRequest(const Site& site, const http::Request& req,
                                                 const AccountRequestOptions& options,
                                                 AccountRequest* out) {
  const WebContext& ctx = site.ctx();
  std::string session = http::Cookie(req, kSessionCookie);
  Principal who;
  if (!session.empty()) {
    StatusOr<Principal> p = ctx.accounts->Authenticate({.session_id = session});
    if (!p.ok()) return site.Error(req, p.status());
    who = std::move(*p);
  }
  if (who.anonymous() || who.via != Via::kSession) {
    std::string next = options.post ? "" : "?next=" + PercentEncode(req.path);
    http::Response r = SeeOther("/signin" + next);
    if (who.stale_session) r.headers.emplace_back("Set-Cookie", ClearSessionCookie(req));
    return r;
  }
  if (options.post) {
    std::optional<Form> form = Form::Parse(req);
    if (!form) {
      return Message(site, req,
                     {.status = 400,
                      .title = "The form could not be read",
                      .text = "The form was not sent as text. Please go back and try again."},
                     &who);
    }
    if (!SessionCsrfOk(who, *form)) return CsrfRefused(site, req);
    if (options.rate_limited) {
      int wait = TakeRateLimit(site, "writes:ip:" + http::ClientKey(req.remote), ctx.limits.writes);
      if (wait == 0) {
        wait = TakeRateLimit(site, "writes:user:" + std::to_string(who.user_id), ctx.limits.writes);
      }
      if (wait > 0) {
        return TooManyRequests(site, req, wait,
                               "You are saving changes faster than Meridian allows. Please wait "
                               "a moment and try again.");
      }
    }
    out->form = std::move(*form);
  }
  out->who = std::move(who);
  return std::nullopt;
}

std::string AnonymousCsrfToken(const http::Request& req, std::string* set_cookie) {
  std::string token = http::Cookie(req, kCsrfCookie);
  set_cookie->clear();
  if (LooksLikeToken(token)) return token;
  token = RandomToken(32);
  *set_cookie =
      http::SetCookieValue(kCsrfCookie, token, {.max_age_seconds = -1, .secure = req.secure});
  return token;
}

bool AnonymousCsrfOk(const http::Request& req, const Form& form) {
  std::string cookie = http::Cookie(req, kCsrfCookie);
  std::string echoed = form.Raw(kCsrfInput);
  return !cookie.empty() && !echoed.empty() && ConstantTimeEquals(cookie, echoed);
}

bool SessionCsrfOk(const Principal& who, const Form& form) {
  std::string echoed = form.Raw(kCsrfInput);
  return !who.csrf_token.empty() && !echoed.empty() && ConstantTimeEquals(who.csrf_token, echoed);
}

int TakeRateLimit(const Site& site, const std::string& key, const http::RateLimit& limit) {
  if (site.ctx().limiter == nullptr) return 0;
  return site.ctx().limiter->Take(key, limit);
}

http::Response Message(const Site& site, const http::Request& req, const MessagePage& page,
                       const Principal* who) {
  Site::Data d;
  d.set("heading", page.title);
  d.set("text", page.text);
  d.set("link_href", Opt(page.link_href));
  d.set("link_text", page.link_text);
  return NoStore(site.Page(
      req,
      {.title = page.title, .path = req.path, .noindex = true, .status = page.status, .who = who},
      "message", d));
}

http::Response CsrfRefused(const Site& site, const http::Request& req) {
  return Message(site, req,
                 {.status = 403,
                  .title = "This form has expired",
                  .text = "The form did not carry a valid security token, so nothing was "
                          "changed. Please reload the page and submit it again.",
                  .link_href = "/account",
                  .link_text = "Back to your account"});
}

http::Response TooManyRequests(const Site& site, const http::Request& req, int retry_after,
                               std::string text) {
  int minutes = (retry_after + 59) / 60;
  std::string when = retry_after < 60
                         ? std::to_string(retry_after) + " seconds"
                         : std::to_string(minutes) + (minutes == 1 ? " minute" : " minutes");
  http::Response r = Message(site, req,
                             {.status = 429,
                              .title = "Too many requests",
                              .text = std::move(text) + " You can try again in " + when + "."});
  r.headers.emplace_back("Retry-After", std::to_string(std::max(1, retry_after)));
  return r;
}

http::Response SeeOther(std::string location) {
  return NoStore(http::Response::Redirect(std::move(location)));
}

http::Response NoStore(http::Response r) {
  for (const auto& [k, v] : r.headers) {
    if (AsciiLower(k) == "cache-control") return r;
  }
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

std::string SessionCookie(const http::Request& req, std::string_view session_id,
                          UnixSeconds expires_at, UnixSeconds now) {
  int64_t max_age = std::max<int64_t>(1, expires_at - now);
  return http::SetCookieValue(kSessionCookie, session_id,
                              {.max_age_seconds = max_age, .secure = req.secure});
}

std::string ClearSessionCookie(const http::Request& req) {
  return http::SetCookieValue(kSessionCookie, "", {.max_age_seconds = 0, .secure = req.secure});
}

Values ValuesOf(const Form& form, std::span<const std::string_view> inputs) {
  Values out;
  for (std::string_view name : inputs) out.emplace(std::string(name), form.Get(name));
  return out;
}

void FillValues(const Values& values, Site::Data* data) {
  for (const auto& [name, value] : values) data->set("v_" + name, value);
}

Site::List Choices(std::span<const std::string_view> vocab, std::string (*label)(std::string_view),
                   std::string_view selected, bool blank) {
  Site::List out;
  auto add = [&](std::string_view value, std::string text) {
    Site::Data d;
    d.set("value", std::string(value));
    d.set("label", std::move(text));
    d.set("selected", value == selected);
    out.push_back(d);
  };
  if (blank) add("", "Not stated");
  for (std::string_view v : vocab) add(v, label ? label(v) : std::string(v));
  return out;
}

std::optional<http::Response> WriteRefused(const Site& site, const http::Request& req,
                                           const Principal& who, const Status& status,
                                           FieldErrors::InputMap inputs, FieldErrors* errors) {
  switch (status.code()) {
    case StatusCode::kInvalidArgument:
    case StatusCode::kAlreadyExists:
    case StatusCode::kNotFound:
      if (status.code() == StatusCode::kNotFound && status.field().empty()) break;
      errors->AddStatus(status, inputs);
      return std::nullopt;
    case StatusCode::kFailedPrecondition:
      errors->AddSummary(status.message());
      return std::nullopt;
    case StatusCode::kUnauthenticated:
      return SeeOther("/signin");
    case StatusCode::kPermissionDenied:
      return Message(site, req,
                     {.status = 403,
                      .title = "Not allowed",
                      .text = "Your account may not make this change: " + status.message() + ".",
                      .link_href = "/account",
                      .link_text = "Back to your account"},
                     &who);
    default:
      break;
  }
  return site.Error(req, status);
}

http::Response WrongRole(const Site& site, const http::Request& req, const Principal& who,
                         std::string_view role_needed) {
  return Message(
      site, req,
      {.status = 403,
       .title = "Not available for your account",
       .text = "This page is for " + std::string(role_needed) + " accounts. You are signed in as " +
               std::string(RoleName(who.role)) + ".",
       .link_href = "/account",
       .link_text = "Back to your account"},
      &who);
}

std::optional<http::Response> OpenAdminRequest(const Site& site, const http::Request& req,
                                               const AccountRequestOptions& options,
                                               AccountRequest* out) {
  if (auto refused = OpenAccountRequest(site, req, options, out)) return refused;
  if (!out->who.admin()) return WrongRole(site, req, out->who, "admin");
  return std::nullopt;
}

Json CommaList(std::string_view text) {
  Json out = Json::array();
  for (const std::string& part : Split(text, ',')) {
    std::string_view t = Trim(part);
    if (!t.empty()) out.push_back(std::string(t));
  }
  return out;
}

Json LineList(std::string_view text) {
  Json out = Json::array();
  for (const std::string& part : Split(text, '\n')) {
    std::string_view t = Trim(part);
    if (!t.empty()) out.push_back(std::string(t));
  }
  return out;
}

Json NumberInput(const Form& form, std::string_view input, FieldErrors* errors) {
  std::string raw = form.Get(input);
  if (raw.empty()) return nullptr;
  std::string digits;
  for (char c : raw) {
    if (c != ',' && c != ' ' && c != '_') digits += c;
  }
  std::optional<double> v = ParseDouble(digits);
  if (!v || !std::isfinite(*v)) {
    errors->Add(input, "expected a number, like 120000");
    return nullptr;
  }
  if (*v == std::floor(*v) && std::fabs(*v) < 1e15) return static_cast<int64_t>(*v);
  return *v;
}

Json WithoutNulls(const Json& j) {
  if (!j.is_object()) return j;
  Json out = Json::object();
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (it.value().is_null()) continue;
    out[it.key()] = WithoutNulls(it.value());
  }
  return out;
}

}  // namespace meridian::web
