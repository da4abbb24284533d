#include "engine/store/change_feed.h"

#include <spdlog/spdlog.h>

namespace meridian {

ChangeFeed::~ChangeFeed() {
  Stop();
}

Status ChangeFeed::Start(int64_t from_seq) {
  if (from_seq < 0) {
    ASSIGN_OR_RETURN(from_seq, store_.LastChangeSeq());
  }
  last_seq_ = from_seq;
  thread_ = std::thread([this] { Run(); });
  if (options_.notifier) listener_ = std::thread([this] { Listen(); });
  return OkStatus();
}

void ChangeFeed::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
  if (listener_.joinable()) listener_.join();
}

void ChangeFeed::Poke() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    poked_ = true;
  }
  cv_.notify_all();
}

Status ChangeFeed::PollOnce() {
  while (true) {
    ASSIGN_OR_RETURN(std::vector<Change> batch,
                     store_.ChangesSince(last_seq_.load(), options_.batch_size));
    if (batch.empty()) return OkStatus();
    for (const Subscriber& s : subscribers_) s(batch);
    last_seq_ = batch.back().seq;
    if (static_cast<int>(batch.size()) < options_.batch_size) return OkStatus();
  }
}

void ChangeFeed::Run() {
  std::unique_lock<std::mutex> lock(mu_);
  while (!stop_) {
    cv_.wait_for(lock, options_.poll_interval, [this] { return stop_ || poked_; });
    if (stop_) break;
    poked_ = false;
    lock.unlock();
    Status s = PollOnce();
    lock.lock();
    if (!s.ok() && !failing_) spdlog::warn("change feed: {} (retrying)", s.ToString());
    if (s.ok() && failing_) spdlog::info("change feed: reading the change log again");
    failing_ = !s.ok();
  }
}

void ChangeFeed::Listen() {
  std::unique_ptr<ChangeNotifier> notifier;
  bool warned = false;
  auto stopped = [this] {
    std::lock_guard<std::mutex> lock(mu_);
    return stop_;
  };
  while (!stopped()) {
    if (!notifier) {
      auto made = options_.notifier();
      if (!made.ok() || *made == nullptr) {
        if (!made.ok() && !warned) {
          spdlog::warn("change feed: no notifications ({}); polling meanwhile",
                       made.status().ToString());
          warned = true;
        }
        std::unique_lock<std::mutex> lock(mu_);
        cv_.wait_for(lock, std::chrono::seconds(1), [this] { return stop_; });
        continue;
      }
      notifier = std::move(*made);
      if (warned) spdlog::info("change feed: notifications back");
      warned = false;
      Poke();  // whatever happened while nobody listened
    }
    // Short waits, so that Stop() is never kept waiting long.
    StatusOr<bool> woke = notifier->Wait(std::chrono::milliseconds(250));
    if (!woke.ok()) {
      notifier.reset();
      continue;
    }
    if (*woke) Poke();
  }
}

}  // namespace meridian
