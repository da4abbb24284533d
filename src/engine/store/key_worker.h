// One thread that processes the keys of changed documents in batches (the indexers of the
// search and vector services): keys added in a burst are taken together after `debounce`
// of waiting, and a failed batch is retried after a pause, so no change is lost.
//
//   KeyWorker worker({.debounce = 20ms, .name = "search"},
//                    [&](const std::set<std::string>& keys) { return Index(keys); });
//   worker.Start();
//   worker.Add({"rust-dev"});
//   std::set<std::string> left = worker.Stop();   // keys not processed yet
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "base/status.h"

namespace meridian {

struct KeyWorkerOptions {
  std::chrono::milliseconds debounce{20};
  std::chrono::milliseconds retry_after{200};
  std::string name;  // for the log
};

class KeyWorker {
 public:
  using Work = std::function<Status(const std::set<std::string>& keys)>;
  KeyWorker(KeyWorkerOptions options, Work work)
      : options_(std::move(options)), work_(std::move(work)) {}
  ~KeyWorker() { Stop(); }
  KeyWorker(const KeyWorker&) = delete;
  KeyWorker& operator=(const KeyWorker&) = delete;

  void Start();
  // Stops the thread (after the batch in progress) and returns the keys still waiting.
  std::set<std::string> Stop();
  void Add(std::vector<std::string> keys);

 private:
  void Run();

  KeyWorkerOptions options_;
  Work work_;
  std::mutex mu_;  // guards pending_ and stop_
  std::condition_variable cv_;
  std::set<std::string> pending_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace meridian
