#include "http/wire.h"

#include "http/beast_request.h"
#include "http/errors.h"
#include "http/request_path.h"

namespace meridian::http {

namespace bhttp = boost::beast::http;

Response HandleWire(const Router& router, std::string_view bytes, const WireOptions& options) {
  bhttp::request_parser<bhttp::string_body> parser;
  parser.eager(true);
  parser.header_limit(static_cast<std::uint32_t>(options.max_header_bytes));
  parser.body_limit(static_cast<std::uint64_t>(options.max_body_bytes));
  boost::system::error_code ec;
  // Fed in one piece, as if the whole request had arrived in one read; what the parser does
  // not take is the next request's beginning and is left unread, as on a connection.
  std::string_view rest = bytes;
  while (!ec && !parser.is_done() && !rest.empty()) {
    size_t used = parser.put(boost::asio::buffer(rest.data(), rest.size()), ec);
    if (ec == bhttp::error::need_more) break;
    rest.remove_prefix(used);
    if (used == 0 && !ec) break;
  }
  if (!ec && !parser.is_done()) {
    // The client stopped sending: tell the parser, which completes a body that runs to the
    // end of the stream or reports the request as partial (Beast asserts that it was given
    // some bytes first: a connection closed before any byte is no request at all).
    if (parser.got_some()) {
      parser.put_eof(ec);
    } else {
      ec = bhttp::error::partial_message;
    }
  }
  if (ec == bhttp::error::need_more) ec = bhttp::error::partial_message;
  if (ec || !parser.is_done()) {
    if (!ec) ec = bhttp::error::partial_message;
    return ReadErrorResponse(ec, options.max_header_bytes, options.max_body_bytes);
  }
  Request req = ToRequest(parser.get(), options.remote, options.trust_proxy);
  if (req.request_id.empty()) req.request_id = "wire";
  Response resp;
  if (auto bad = ParseTarget(req.target, &req)) {
    resp = std::move(*bad);
  } else {
    Routed routed = FindRoute(router, req);
    resp = routed.route ? CallRoute(*routed.route, req) : std::move(*routed.response);
  }
  resp.headers.emplace_back("X-Request-Id", req.request_id);
  return resp;
}

}  // namespace meridian::http
