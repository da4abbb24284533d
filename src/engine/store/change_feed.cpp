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
  return OkStatus();
}

void ChangeFeed::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
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
    if (!s.ok()) spdlog::warn("change feed: {}", s.ToString());
    lock.lock();
  }
}

}  // namespace meridian
