// Internal to the HTTP layer (server.cpp and wire.cpp): Beast's parsed message to the
// handler's Request, and a failed read to its error response.
#pragma once

#include <boost/beast/http.hpp>
#include <cstdint>
#include <optional>
#include <string>

#include "http/message.h"

namespace meridian::http {

using BeastRequest = boost::beast::http::request<boost::beast::http::string_body>;

// Method, target, lowercase headers and body (moved out of `raw`), the peer address (or,
// with `trust_proxy`, the last X-Forwarded-For hop and X-Forwarded-Proto) and the client's
// X-Request-Id when it is valid (request_id stays empty otherwise: the caller makes one).
Request ToRequest(BeastRequest& raw, const std::string& remote, bool trust_proxy);

// The response to a request that could not be read: 431 past the header limit, 413 past the
// body limit, 400 for anything malformed.
Response ReadErrorResponse(const boost::system::error_code& ec, int64_t max_header_bytes,
                           int64_t max_body_bytes);

}  // namespace meridian::http
