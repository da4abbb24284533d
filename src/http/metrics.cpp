#include "http/metrics.h"

#include <cstdio>
#include <sstream>

namespace meridian::http {

void Metrics::SetRoutes(std::vector<std::string> route_names) {
  names_ = std::move(route_names);
  names_.push_back("unmatched");
  stats_.clear();
  for (size_t i = 0; i < names_.size(); ++i) stats_.push_back(std::make_unique<RouteStats>());
}

void Metrics::Record(int route, int status, double seconds) {
  if (stats_.empty()) return;
  size_t idx = route < 0 || route >= static_cast<int>(stats_.size()) - 1
                   ? stats_.size() - 1
                   : static_cast<size_t>(route);
  RouteStats& s = *stats_[idx];
  if (status >= 100 && status < 600)
    s.by_status[static_cast<size_t>(status)].fetch_add(1, std::memory_order_relaxed);
  size_t b = 0;
  while (b < kBuckets.size() && seconds > kBuckets[b]) ++b;
  s.buckets[b].fetch_add(1, std::memory_order_relaxed);
  s.count.fetch_add(1, std::memory_order_relaxed);
  s.sum_micros.fetch_add(static_cast<uint64_t>(seconds * 1e6), std::memory_order_relaxed);
}

std::string Metrics::Render(const std::string& extra) const {
  std::ostringstream out;
  out << "# HELP meridian_http_requests_total HTTP requests by route and status.\n"
      << "# TYPE meridian_http_requests_total counter\n";
  for (size_t i = 0; i < stats_.size(); ++i) {
    for (size_t code = 100; code < 600; ++code) {
      uint64_t n = stats_[i]->by_status[code].load(std::memory_order_relaxed);
      if (n)
        out << "meridian_http_requests_total{route=\"" << names_[i] << "\",status=\"" << code
            << "\"} " << n << "\n";
    }
  }
  out << "# HELP meridian_http_request_duration_seconds HTTP request latency by route.\n"
      << "# TYPE meridian_http_request_duration_seconds histogram\n";
  for (size_t i = 0; i < stats_.size(); ++i) {
    uint64_t count = stats_[i]->count.load(std::memory_order_relaxed);
    if (!count) continue;
    uint64_t cumulative = 0;
    for (size_t b = 0; b <= kBuckets.size(); ++b) {
      cumulative += stats_[i]->buckets[b].load(std::memory_order_relaxed);
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
    std::snprintf(sum, sizeof sum, "%.6f", static_cast<double>(stats_[i]->sum_micros.load()) / 1e6);
    out << "meridian_http_request_duration_seconds_sum{route=\"" << names_[i] << "\"} " << sum
        << "\n";
    out << "meridian_http_request_duration_seconds_count{route=\"" << names_[i] << "\"} " << count
        << "\n";
  }
  out << extra;
  return out.str();
}

}  // namespace meridian::http
