// Who is calling the API, and the checks every write makes (internal to src/api).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "api/api.h"
#include "base/statusor.h"
#include "http/message.h"
#include "platform/accounts/policy.h"

namespace meridian::api {

// The caller of a request: anonymous without credentials (or with a stale session cookie);
// kUnauthenticated for a bearer token that is not a valid key or the admin token.
StatusOr<Principal> Caller(const ApiContext& ctx, const http::Request& req);

// A state-changing request authenticated by the session cookie must echo the session's CSRF
// token in X-CSRF-Token (browsers send cookies cross-site; they cannot send that header).
// Bearer-token requests need nothing. kPermissionDenied when missing or wrong.
Status CheckCsrf(const Principal& who, const http::Request& req);

// Takes one token from the client address's bucket and, for a signed-in caller, from the
// caller's own bucket. kResourceExhausted with retry_after() when either is empty.
Status TakeRate(const ApiContext& ctx, std::string_view what, const http::RateLimit& limit,
                const http::Request& req, const Principal* who);

// Caller + CSRF + the write rate limit: what every catalogue write checks first.
StatusOr<Principal> Writer(const ApiContext& ctx, const http::Request& req);
// `who` (from Caller or Writer) when it is an admin: 401 for anonymous callers, else 403
// "only admins <doing>".
StatusOr<Principal> AdminOnly(StatusOr<Principal> who, std::string_view doing);

// A path slug that cannot exist is simply not found (no store round trip): the 404 to
// answer, or nullopt when the slug is well-formed.
std::optional<http::Response> MalformedSlug(const http::Request& req, Entity entity,
                                            const std::string& slug);

// Read-your-writes: responses cached before this write are dropped before it is answered.
void EvictAfterWrite(const ApiContext& ctx, Entity entity, const std::string& slug);

}  // namespace meridian::api
