#include "http/metrics.h"

#include <cstdio>
#include <sstream>

namespace meridian::http {

void Metrics::SetRoutes(std::vector<std::string> route_names, int shards) {
  names_ = std::move(route_names);
  names_.push_back("unmatched");
  shards_.clear();
  shards_.resize(static_cast<size_t>(std::max(1, shards)));
  for (auto& shard : shards_) {
    for (size_t i = 0; i < names_.size(); ++i) shard.push_back(std::make_unique<RouteStats>());
  }
}

void Metrics::Record(int shard, int route, int status, double seconds) {
  if (shards_.empty()) return;
  auto& stats = shards_[static_cast<size_t>(shard) % shards_.size()];
  size_t idx = route < 0 || route >= static_cast<int>(stats.size()) - 1
                   ? stats.size() - 1
                   : static_cast<size_t>(route);
  RouteStats& s = *stats[idx];
  if (status >= 100 && status < 600) {
    s.by_status[static_cast<size_t>(status)].fetch_add(1, std::memory_order_relaxed);
  }
  size_t b = 0;
  while (b < kBuckets.size() && seconds > kBuckets[b]) ++b;
  s.buckets[b].fetch_add(1, std::memory_order_relaxed);
  s.count.fetch_add(1, std::memory_order_relaxed);
  s.sum_micros.fetch_add(static_cast<uint64_t>(seconds * 1e6), std::memory_order_relaxed);
}

std::string Metrics::Render(const std::string& extra) const {
  // Sum a counter of route i over the shards.
  auto total = [&](size_t i, auto pick) {
    uint64_t n = 0;
    for (const auto& shard : shards_) n += pick(*shard[i]).load(std::memory_order_relaxed);
    return n;
  };
  std::ostringstream out;
  out << "# HELP meridian_http_requests_total HTTP requests by route and status.\n"
      << "# TYPE meridian_http_requests_total counter\n";
  for (size_t i = 0; i < names_.size() && !shards_.empty(); ++i) {
    for (size_t code = 100; code < 600; ++code) {
      uint64_t n = total(
          i, [code](RouteStats & r) -> auto& { return r.by_status[code]; });
      if (n) {
        out << "meridian_http_requests_total{route=\"" << names_[i] << "\",status=\"" << code
            << "\"} " << n << "\n";
      }
    }
  }
  out << "# HELP meridian_http_request_duration_seconds HTTP request latency by route.\n"
      << "# TYPE meridian_http_request_duration_seconds histogram\n";
  for (size_t i = 0; i < names_.size() && !shards_.empty(); ++i) {
    uint64_t count = total(
        i, [](RouteStats & r) -> auto& { return r.count; });
    if (!count) continue;
    uint64_t cumulative = 0;
    for (size_t b = 0; b <= kBuckets.size(); ++b) {
      cumulative += total(
          i, [b](RouteStats & r) -> auto& { return r.buckets[b]; });
      out << "meridian_http_request_duration_seconds_bucket{route=\"" << names_[i] << "\",le=\"";
      if (b < kBuckets.size()) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%g", kBuckets[b]);
        out << buf;
      } else {
        out << "+Inf";
      }
      out << "\"} " << cumulative << "\n";
    }
    char sum[64];
    uint64_t micros = total(
        i, [](RouteStats & r) -> auto& { return r.sum_micros; });
    std::snprintf(sum, sizeof sum, "%.6f", static_cast<double>(micros) / 1e6);
    out << "meridian_http_request_duration_seconds_sum{route=\"" << names_[i] << "\"} " << sum
        << "\n";
    out << "meridian_http_request_duration_seconds_count{route=\"" << names_[i] << "\"} " << count
        << "\n";
  }
  out << extra;
  return out.str();
}

}  // namespace meridian::http
