// The one place where a Status becomes an HTTP response (status code + JSON error body).
//
//   {"error": {"code": "invalid_argument", "message": "salary.min: ...", "field": "salary.min"}}
//
// Internal errors (5xx) are logged with the request id; the client sees a generic message
// and the id, never internals.
#pragma once

#include <string_view>

#include "base/status.h"
#include "http/message.h"

namespace meridian::http {

int HttpStatusFor(StatusCode code);
// The "error" JSON document for a Status (already mapped to external wording for 5xx).
Response ErrorResponse(const Status& status, std::string_view request_id);
// Same, for errors raised by the HTTP layer itself (limits, routing) with an explicit code.
Response HttpError(int http_status, std::string_view code, std::string_view message,
                   std::string_view field = "");

}  // namespace meridian::http
