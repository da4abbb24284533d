// Request metrics in the Prometheus text format: requests by route and status, and a
// latency histogram per route. Recording is lock-free (relaxed atomics); the route table is
// fixed when the server starts.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace meridian::http {

class Metrics {
 public:
  // Latency bucket upper bounds in seconds.
  static constexpr std::array<double, 12> kBuckets = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005,
                                                      0.01,   0.025,   0.05,   0.1,   0.5,    2.5};

  Metrics() = default;
  // `route_names[i]` labels route i; one extra slot counts unmatched requests. `shards` is
  // the number of recording threads (each records into its own counters, so threads never
  // contend on a cache line). Called by the server before it starts; not thread-safe.
  void SetRoutes(std::vector<std::string> route_names, int shards = 1);

  // route = -1 for unmatched; `shard` in [0, shards). Thread-safe.
  void Record(int shard, int route, int status, double seconds);

  // The text exposition, with `extra` appended (other gauges).
  std::string Render(const std::string& extra) const;

 private:
  struct RouteStats {
    std::array<std::atomic<uint64_t>, 600> by_status{};  // index = HTTP status
    std::array<std::atomic<uint64_t>, kBuckets.size() + 1> buckets{};
    std::atomic<uint64_t> count{0};
    std::atomic<uint64_t> sum_micros{0};
  };
  std::vector<std::string> names_;
  std::vector<std::vector<std::unique_ptr<RouteStats>>> shards_;  // [shard][route]
};

}  // namespace meridian::http
