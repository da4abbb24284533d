// Token-bucket rate limits, kept in memory per process (per replica). A bucket holds up to
// `burst` tokens and refills at `per_minute` tokens a minute; each request takes one.
//
//   RateLimiter limiter;
//   if (int wait = limiter.Take("signin:ip:" + req.remote, limits.signin); wait > 0)
//     return 429 with Retry-After: wait
//
// Thread-safe (sharded mutexes). Idle buckets that have refilled completely are pruned, so
// memory stays bounded by the number of recently active keys.
#pragma once

#include <array>
#include <chrono>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace meridian::http {

struct RateLimit {
  double per_minute = 60;
  double burst = 60;
  bool enabled() const { return per_minute > 0; }
};

// The limits applied to abuse-prone requests (issue 3): per client address and, for
// writes, per caller (API key or account) too.
struct AbuseLimits {
  RateLimit signin{10, 10};    // sign-in attempts per address
  RateLimit signup{5, 5};      // sign-ups per address
  RateLimit writes{120, 60};   // catalogue writes per address and per caller
  RateLimit events{600, 120};  // behavioural events (views, saves) per address and caller
};

// The part of a client address that identifies one client for rate limits: the whole IPv4
// address, or the /64 network of an IPv6 address (one host usually holds a whole /64).
std::string ClientKey(std::string_view address);

class RateLimiter {
 public:
  // `now` returns seconds on a monotonic clock; tests pass a fake one.
  using NowFn = std::function<double()>;
  RateLimiter();
  explicit RateLimiter(NowFn now);

  // Takes one token from the bucket `key` under `limit`: 0 when allowed, else the whole
  // seconds (at least 1) until a token is available. A disabled limit always allows.
  int Take(std::string_view key, const RateLimit& limit);

  // Number of buckets held (for tests and metrics).
  size_t size() const;

 private:
  struct Bucket {
    double tokens = 0;
    double updated = 0;  // seconds
  };
  struct Shard {
    mutable std::mutex mu;
    std::unordered_map<std::string, Bucket> buckets;
    double last_prune = 0;
  };
  static constexpr size_t kShards = 16;

  NowFn now_;
  std::array<Shard, kShards> shards_;
};

}  // namespace meridian::http
