#include "engine/store/key_worker.h"

#include <spdlog/spdlog.h>

namespace meridian {

void KeyWorker::Start() {
  std::lock_guard lock(mu_);
  stop_ = false;
  if (!thread_.joinable()) thread_ = std::thread([this] { Run(); });
}

std::set<std::string> KeyWorker::Stop() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
  std::lock_guard lock(mu_);
  return std::move(pending_);
}

void KeyWorker::Add(std::vector<std::string> keys) {
  if (keys.empty()) return;
  {
    std::lock_guard lock(mu_);
    for (std::string& k : keys) pending_.insert(std::move(k));
  }
  cv_.notify_all();
}

void KeyWorker::Run() {
  std::unique_lock lock(mu_);
  while (!stop_) {
    cv_.wait(lock, [&] { return stop_ || !pending_.empty(); });
    if (stop_) break;
    // Let a burst of writes settle, then take them together.
    cv_.wait_for(lock, options_.debounce, [&] { return stop_; });
    if (stop_) break;
    std::set<std::string> keys = std::move(pending_);
    pending_.clear();
    lock.unlock();
    Status s = work_(keys);
    lock.lock();
    if (!s.ok()) {
      spdlog::warn("{}: indexing failed (will retry): {}", options_.name, s.ToString());
      pending_.insert(keys.begin(), keys.end());
      cv_.wait_for(lock, options_.retry_after, [&] { return stop_; });
    }
  }
}

}  // namespace meridian
