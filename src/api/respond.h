// Helpers shared by the API handlers (internal to src/api).
#pragma once

#include <initializer_list>
#include <optional>
#include <span>
#include <string>

#include "base/json.h"
#include "base/statusor.h"
#include "engine/store/store.h"
#include "http/message.h"

namespace meridian::api {

// 200 {"data": data, "meta": meta}.
http::Response Data(const Json& data, const Json& meta = Json::object(), int status = 200);
// The error response for a Status.
http::Response Error(const Status& status, const http::Request& req);

// Parses a JSON request body; checks the Content-Type (application/json, or
// application/merge-patch+json when `merge_patch`).
StatusOr<Json> JsonBody(const http::Request& req, bool merge_patch);

// limit and cursor from the query string (limit 1..100, default 20).
StatusOr<PageRequest> PageFrom(const http::Request& req);

// The `limit` query parameter: `fallback` when absent; kInvalidArgument ("limit: from 1 to
// max") when it is not an integer in 1..max.
StatusOr<int> LimitFrom(const http::Request& req, int fallback, int max);

// kInvalidArgument naming the first query parameter not in `allowed`.
Status OnlyParams(const http::Request& req, std::span<const std::string_view> allowed);
inline Status OnlyParams(const http::Request& req,
                         std::initializer_list<std::string_view> allowed) {
  return OnlyParams(req, std::span<const std::string_view>(allowed.begin(), allowed.size()));
}

// {"next_cursor": ..., "limit": ..., "count": ...}
template <typename T>
Json PageMeta(const Page<T>& page, const PageRequest& p) {
  return {{"next_cursor", page.next_cursor.empty() ? Json(nullptr) : Json(page.next_cursor)},
          {"limit", p.limit},
          {"count", page.items.size()}};
}

}  // namespace meridian::api
