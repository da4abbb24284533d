#include "http/rate_limit.h"

#include <algorithm>
#include <boost/asio/ip/address_v6.hpp>
#include <cmath>

namespace meridian::http {
namespace {

double SteadySeconds() {
  using namespace std::chrono;
  return duration<double>(steady_clock::now().time_since_epoch()).count();
}

constexpr size_t kPruneAbove = 4096;  // buckets per shard before idle ones are dropped

}  // namespace

std::string ClientKey(std::string_view address) {
  if (address.find(':') == std::string_view::npos) return std::string(address);
  // IPv4-mapped IPv6 ("::ffff:1.2.3.4") is an IPv4 client.
  if (address.find('.') != std::string_view::npos) {
    return std::string(address.substr(address.rfind(':') + 1));
  }
  boost::system::error_code ec;
  auto v6 = boost::asio::ip::make_address_v6(std::string(address), ec);
  if (ec) return std::string(address);
  auto bytes = v6.to_bytes();
  for (size_t i = 8; i < bytes.size(); ++i) bytes[i] = 0;
  return boost::asio::ip::address_v6(bytes).to_string() + "/64";
}

RateLimiter::RateLimiter() : RateLimiter(SteadySeconds) {}

RateLimiter::RateLimiter(NowFn now) : now_(std::move(now)) {}

int RateLimiter::Take(std::string_view key, const RateLimit& limit) {
  if (!limit.enabled()) return 0;
  double burst = std::max(1.0, limit.burst);
  double rate = limit.per_minute / 60.0;  // tokens per second
  double now = now_();
  Shard& shard = shards_[std::hash<std::string_view>{}(key) % kShards];
  std::lock_guard<std::mutex> lock(shard.mu);
  if (shard.buckets.size() > kPruneAbove && now - shard.last_prune > 1.0) {
    // A bucket that would be full again carries no information: drop it.
    shard.last_prune = now;
    for (auto it = shard.buckets.begin(); it != shard.buckets.end();) {
      if (it->second.tokens + (now - it->second.updated) * rate >= burst) {
        it = shard.buckets.erase(it);
      } else {
        ++it;
      }
    }
  }
  auto [it, inserted] = shard.buckets.try_emplace(std::string(key));
  Bucket& b = it->second;
  if (inserted) {
    b.tokens = burst;
  } else {
    b.tokens = std::min(burst, b.tokens + (now - b.updated) * rate);
  }
  b.updated = now;
  if (b.tokens >= 1.0) {
    b.tokens -= 1.0;
    return 0;
  }
  double wait = (1.0 - b.tokens) / rate;
  return std::max(1, static_cast<int>(std::ceil(wait)));
}

size_t RateLimiter::size() const {
  size_t n = 0;
  for (const Shard& s : shards_) {
    std::lock_guard<std::mutex> lock(s.mu);
    n += s.buckets.size();
  }
  return n;
}

}  // namespace meridian::http
