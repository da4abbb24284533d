// The request side of the account pages: form bodies, the signed-in caller, CSRF tokens,
// rate limits, field errors and the responses that refuse a request (401/403/429).
//
//   AccountRequest ar;
//   if (auto refused = OpenAccountRequest(site, req, {.post = true}, &ar)) return *refused;
//   // ar.who is signed in; for posts ar.form is parsed and its CSRF token checked.
//   FieldErrors errors;
//   errors.AddStatus(status, kJobInputs);   // "salary.min" -> beside <input name=salary_min>
//   errors.Fill(&data);                     // err_salary_min, errors (summary), has_errors
//
// CSRF: forms of a signed-in caller echo the session's token (Principal::csrf_token) in the
// hidden input "csrf"; the anonymous forms (sign-in, sign-up) echo the double-submit cookie
// meridian_csrf. Both are compared in constant time. Tokens and passwords are never logged.
#pragma once

#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/json.h"
#include "http/message.h"
#include "platform/accounts/policy.h"
#include "web/site.h"

namespace meridian::web {

inline constexpr std::string_view kCsrfCookie = "meridian_csrf";
inline constexpr std::string_view kCsrfInput = "csrf";

// An application/x-www-form-urlencoded body.
class Form {
 public:
  Form() = default;  // empty
  // nullopt when the body is not urlencoded text (malformed escapes, invalid UTF-8).
  static std::optional<Form> Parse(const http::Request& req);

  // The first value of `name`, trimmed; "" when absent.
  std::string Get(std::string_view name) const;
  // The first value of `name` as sent (passwords, textareas); "" when absent.
  std::string Raw(std::string_view name) const;

 private:
  std::vector<std::pair<std::string, std::string>> fields_;
};

// Errors of one form: messages beside inputs, and a summary for the rest.
class FieldErrors {
 public:
  // Maps JSON field paths of a record to the names of form inputs ({"salary.min",
  // "salary_min"}). A field path matches its longest listed prefix ("salary.min" before
  // "salary"); indices ("tags[2]") are ignored.
  using InputMap = std::span<const std::pair<std::string_view, std::string_view>>;

  void Add(std::string_view input, std::string message);
  void AddSummary(std::string message);
  // The error of `status` beside its input, or in the summary when its field is not mapped.
  void AddStatus(const Status& status, InputMap inputs);
  bool empty() const { return inputs_.empty() && summary_.empty(); }

  // Sets "err_<input>" for each input with an error, "errors" ([{text}]) for the summary and
  // "has_errors".
  void Fill(Site::Data* data) const;

 private:
  std::vector<std::pair<std::string, std::string>> inputs_;
  std::vector<std::string> summary_;
};

// The message of a field error without its leading "<field>: ".
std::string FieldMessage(const Status& status);

// The signed-in caller of an account page.
struct AccountRequest {
  Principal who;
  Form form;  // POST only: the parsed body
};

struct AccountRequestOptions {
  bool post = false;         // parse the form and check its CSRF token
  bool rate_limited = true;  // posts take from the "writes" limits (per address and user)
};

// Resolves the caller of an account page. Returns the response to answer with instead when
// the caller is not signed in (303 to /signin), the form is malformed (400), its CSRF token
// is missing or wrong (403) or the write limit is exceeded (429). Store failures answer the
// error page.
std::optional<http::Response> OpenAccountRequest(const Site& site, const http::Request& req,
                                                 const AccountRequestOptions& options,
                                                 AccountRequest* out);

// The anonymous (double-submit) CSRF token: the meridian_csrf cookie the browser sent when it
// is well-formed, else a fresh one. *set_cookie receives the Set-Cookie value to send ("" when
// the browser already has it).
std::string AnonymousCsrfToken(const http::Request& req, std::string* set_cookie);
// True when the form echoes the meridian_csrf cookie.
bool AnonymousCsrfOk(const http::Request& req, const Form& form);
// True when the form echoes the session's CSRF token.
bool SessionCsrfOk(const Principal& who, const Form& form);

// 0 when `key` may go ahead under `limit` (or there is no limiter), else seconds to wait.
int TakeRateLimit(const Site& site, const std::string& key, const http::RateLimit& limit);

// A short page with a heading and a message, e.g. the 403 for a failed CSRF check.
struct MessagePage {
  int status = 200;
  std::string title;
  std::string text;
  std::string link_href;  // "" = none
  std::string link_text;
};
http::Response Message(const Site& site, const http::Request& req, const MessagePage& page,
                       const Principal* who = nullptr);
http::Response CsrfRefused(const Site& site, const http::Request& req);
// 429 with Retry-After.
http::Response TooManyRequests(const Site& site, const http::Request& req, int retry_after,
                               std::string text);
// 303 to `location` with "Cache-Control: no-store".
http::Response SeeOther(std::string location);
// Adds "Cache-Control: no-store" unless the response already has a Cache-Control header.
http::Response NoStore(http::Response r);

// Set-Cookie values of the session cookie: `session_id` until `expires_at`, or a deletion.
std::string SessionCookie(const http::Request& req, std::string_view session_id,
                          UnixSeconds expires_at, UnixSeconds now);
std::string ClearSessionCookie(const http::Request& req);

// The values of a form's inputs by name: from a record (GET) or from the posted form.
using Values = std::map<std::string, std::string, std::less<>>;
// The trimmed values of `inputs` from `form` (textareas keep their inner line breaks).
Values ValuesOf(const Form& form, std::span<const std::string_view> inputs);
// Sets "v_<input>" for every value.
void FillValues(const Values& values, Site::Data* data);
// Options of a <select>: [{value, label, selected}], with a leading "Not stated" option
// (value "") when `blank`.
Site::List Choices(std::span<const std::string_view> vocab, std::string (*label)(std::string_view),
                   std::string_view selected, bool blank);

// Sorts a failed catalogue write. Validation errors (kInvalidArgument, kAlreadyExists,
// kFailedPrecondition, kNotFound of a reference) go into *errors and nullopt is returned: the
// caller re-renders its form. Anything else gets its response: 303 to /signin
// (kUnauthenticated), a 403 page (kPermissionDenied) or the error page.
std::optional<http::Response> WriteRefused(const Site& site, const http::Request& req,
                                           const Principal& who, const Status& status,
                                           FieldErrors::InputMap inputs, FieldErrors* errors);
// A 403 page for a signed-in caller whose role has no business on this page.
http::Response WrongRole(const Site& site, const http::Request& req, const Principal& who,
                         std::string_view role_needed);
// OpenAccountRequest for the admin pages (/admin/...): a signed-in caller who is not an admin
// gets WrongRole's 403.
std::optional<http::Response> OpenAdminRequest(const Site& site, const http::Request& req,
                                               const AccountRequestOptions& options,
                                               AccountRequest* out);

// Form helpers for list inputs: "rust, go ,sql" -> ["rust","go","sql"]; one item a line.
Json CommaList(std::string_view text);
Json LineList(std::string_view text);
// A number input: null when empty, the number when it parses ("120,000" and "120 000" too),
// else null with an error beside the input.
Json NumberInput(const Form& form, std::string_view input, FieldErrors* errors);
// Recursively drops null members (a create body from form inputs left empty).
Json WithoutNulls(const Json& j);

}  // namespace meridian::web
