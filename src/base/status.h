// Status: the result of an operation that can fail, without exceptions.
//
// A Status is OK or carries a canonical code, a human message and optionally the name of the
// input field the error is about (e.g. "salary.min"), so that the edges (HTTP, import) can
// point at the offending field. HTTP codes never appear here: src/http maps codes in one place.
//
//   Status s = ValidateSlug(slug);
//   if (!s.ok()) return s;
//   RETURN_IF_ERROR(store.Write(...));
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <utility>

namespace meridian {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,     // the caller sent something malformed or out of range
  kNotFound,            // the named thing does not exist
  kAlreadyExists,       // a create collided with an existing unique key
  kFailedPrecondition,  // the system is not in a state that allows the operation
  kPermissionDenied,    // authenticated, but not allowed
  kUnauthenticated,     // no or bad credentials
  kResourceExhausted,   // a size or rate limit was exceeded
  kStorageFull,         // the disk or the database has no room left: nothing was written
  kUnavailable,         // transient: try again
  kDeadlineExceeded,    // took too long
  kUnimplemented,       // not supported (yet)
  kDataLoss,            // stored data is corrupt or truncated
  kInternal,            // a bug or an unexpected failure of a dependency
};

// Stable lowercase name of a code, e.g. "invalid_argument"; used in API error bodies.
std::string_view StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK
  Status(StatusCode code, std::string message, std::string field = {})
      : code_(code), message_(std::move(message)), field_(std::move(field)) {}

  static Status Ok() { return Status(); }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // The input field this error is about ("" when it is not about one field).
  const std::string& field() const { return field_; }

  // Returns a copy whose field is `prefix` + "." + field (or `prefix` when there was none),
  // for errors raised inside nested objects.
  Status WithFieldPrefix(std::string_view prefix) const;
  // Returns a copy with `context` + ": " prepended to the message.
  Status Annotate(std::string_view context) const;

  // "INVALID_ARGUMENT: salary.min: must not exceed salary.max" style, for logs and CLI.
  std::string ToString() const;

  // For kResourceExhausted: whole seconds after which a retry may succeed (0 = not said).
  int retry_after() const { return retry_after_; }
  Status WithRetryAfter(int seconds) const {
    Status s = *this;
    s.retry_after_ = seconds;
    return s;
  }

  // Marks an error as deliberately ignored.
  void IgnoreError() const {}

  friend bool operator==(const Status& a, const Status& b) {
    return a.code_ == b.code_ && a.message_ == b.message_ && a.field_ == b.field_;
  }

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
  std::string field_;
  int retry_after_ = 0;
};

std::ostream& operator<<(std::ostream& os, const Status& s);

inline Status OkStatus() {
  return Status();
}
inline Status InvalidArgumentError(std::string msg, std::string field = {}) {
  return Status(StatusCode::kInvalidArgument, std::move(msg), std::move(field));
}
inline Status NotFoundError(std::string msg) {
  return Status(StatusCode::kNotFound, std::move(msg));
}
inline Status AlreadyExistsError(std::string msg, std::string field = {}) {
  return Status(StatusCode::kAlreadyExists, std::move(msg), std::move(field));
}
inline Status FailedPreconditionError(std::string msg) {
  return Status(StatusCode::kFailedPrecondition, std::move(msg));
}
inline Status PermissionDeniedError(std::string msg) {
  return Status(StatusCode::kPermissionDenied, std::move(msg));
}
inline Status UnauthenticatedError(std::string msg) {
  return Status(StatusCode::kUnauthenticated, std::move(msg));
}
inline Status ResourceExhaustedError(std::string msg) {
  return Status(StatusCode::kResourceExhausted, std::move(msg));
}
inline Status StorageFullError(std::string msg) {
  return Status(StatusCode::kStorageFull, std::move(msg));
}
inline Status UnavailableError(std::string msg) {
  return Status(StatusCode::kUnavailable, std::move(msg));
}
inline Status UnimplementedError(std::string msg) {
  return Status(StatusCode::kUnimplemented, std::move(msg));
}
inline Status DataLossError(std::string msg) {
  return Status(StatusCode::kDataLoss, std::move(msg));
}
inline Status InternalError(std::string msg) {
  return Status(StatusCode::kInternal, std::move(msg));
}

}  // namespace meridian

#define MERIDIAN_CONCAT_INNER(a, b) a##b
#define MERIDIAN_CONCAT(a, b) MERIDIAN_CONCAT_INNER(a, b)

// Returns the Status of `expr` from the enclosing function when it is not OK. The variable
// gets a unique name, so that a lambda inside `expr` may use RETURN_IF_ERROR too.
#define RETURN_IF_ERROR(expr) \
  MERIDIAN_RETURN_IF_ERROR_IMPL(MERIDIAN_CONCAT(meridian_status_, __COUNTER__), expr)
#define MERIDIAN_RETURN_IF_ERROR_IMPL(name, expr) \
  do {                                            \
    ::meridian::Status name = (expr);             \
    if (!name.ok()) return name;                  \
  } while (0)
