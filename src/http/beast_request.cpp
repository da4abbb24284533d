#include "http/beast_request.h"

#include "base/strings.h"
#include "http/errors.h"
#include "http/request_path.h"

namespace meridian::http {

namespace bhttp = boost::beast::http;

namespace {

Method ToMethod(bhttp::verb v) {
  switch (v) {
    case bhttp::verb::get:
      return Method::kGet;
    case bhttp::verb::head:
      return Method::kHead;
    case bhttp::verb::post:
      return Method::kPost;
    case bhttp::verb::put:
      return Method::kPut;
    case bhttp::verb::patch:
      return Method::kPatch;
    case bhttp::verb::delete_:
      return Method::kDelete;
    case bhttp::verb::options:
      return Method::kOptions;
    default:
      return Method::kOther;
  }
}

}  // namespace

Request ToRequest(BeastRequest& raw, const std::string& remote, bool trust_proxy) {
  Request req;
  req.method = ToMethod(raw.method());
  req.target = std::string(raw.target());
  req.remote = remote;
  for (const auto& field : raw) {
    req.headers[AsciiLower(std::string_view(
        field.name_string().data(), field.name_string().size()))] = std::string(field.value());
  }
  std::string id = req.Header("x-request-id");
  if (ValidRequestId(id)) req.request_id = std::move(id);
  if (trust_proxy) {
    // One trusted proxy in front: it appends the address it saw to X-Forwarded-For.
    req.secure = AsciiLower(req.Header("x-forwarded-proto")) == "https";
    std::string xff = req.Header("x-forwarded-for");
    std::string_view last = Trim(std::string_view(xff).substr(xff.rfind(',') + 1));
    if (!last.empty() && last.size() <= 64) req.remote = std::string(last);
  }
  req.body = std::move(raw.body());
  return req;
}

Response ReadErrorResponse(const boost::system::error_code& ec, int64_t max_header_bytes,
                           int64_t max_body_bytes) {
  if (ec == bhttp::error::header_limit) {
    return HttpError(431, "request_header_too_large",
                     "request headers exceed " + std::to_string(max_header_bytes) + " bytes");
  }
  if (ec == bhttp::error::body_limit) {
    return HttpError(413, "payload_too_large",
                     "request body exceeds " + std::to_string(max_body_bytes) + " bytes", "body");
  }
  return HttpError(400, "bad_request", "malformed HTTP request: " + ec.message());
}

}  // namespace meridian::http
