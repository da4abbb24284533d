#include "http/errors.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "base/json.h"
#include "base/utf8.h"

namespace meridian::http {

int HttpStatusFor(StatusCode code) {
  switch (code) {
    case StatusCode::kOk:
      return 200;
    case StatusCode::kInvalidArgument:
      return 400;
    case StatusCode::kUnauthenticated:
      return 401;
    case StatusCode::kPermissionDenied:
      return 403;
    case StatusCode::kNotFound:
      return 404;
    case StatusCode::kAlreadyExists:
      return 409;
    case StatusCode::kFailedPrecondition:
      return 409;
    case StatusCode::kResourceExhausted:
      return 429;
    case StatusCode::kStorageFull:
      return 507;  // Insufficient Storage
    case StatusCode::kUnimplemented:
      return 501;
    case StatusCode::kUnavailable:
      return 503;
    case StatusCode::kDeadlineExceeded:
      return 504;
    case StatusCode::kDataLoss:
    case StatusCode::kInternal:
      return 500;
  }
  return 500;
}

Response HttpError(int http_status, std::string_view code, std::string_view message,
                   std::string_view field) {
  Json err = {{"code", code}, {"message", SanitizeUtf8(message)}};
  err["field"] = field.empty() ? Json(nullptr) : Json(SanitizeUtf8(field));
  return Response::Json(http_status, DumpJson(Json{{"error", err}}));
}

Response ErrorResponse(const Status& status, std::string_view request_id) {
  int http_status = HttpStatusFor(status.code());
  if (http_status >= 500) {
    spdlog::error("request {}: {}", request_id, status.ToString());
    std::string msg;
    if (http_status == 503) {
      msg = "the service is temporarily unavailable; try again";
    } else if (http_status == 507) {
      msg = "the server's storage is full, so nothing was saved; try again later";
    } else {
      msg =
          "internal error; the server log has details under request id " + std::string(request_id);
    }
    Response r = HttpError(http_status, StatusCodeName(status.code()), msg);
    if (http_status == 503) r.headers.emplace_back("Retry-After", "1");
    if (http_status == 507) r.headers.emplace_back("Retry-After", "60");
    return r;
  }
  Response r =
      HttpError(http_status, StatusCodeName(status.code()), status.message(), status.field());
  if (http_status == 401) r.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"meridian\"");
  if (http_status == 429) {
    r.headers.emplace_back("Retry-After", std::to_string(std::max(1, status.retry_after())));
  }
  return r;
}

}  // namespace meridian::http
