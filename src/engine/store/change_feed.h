// Follows the store's change log from a background thread and hands each new batch of
// changes to its subscribers, oldest first. Derived serving state (response caches now; the
// search and vector indexes later) stays current this way, including writes made by other
// processes (a CLI import into the database a server is serving).
//
//   ChangeFeed feed(store, {.poll_interval = std::chrono::milliseconds(200)});
//   feed.Subscribe([&](const std::vector<Change>& batch) { cache.Apply(batch); });
//   RETURN_IF_ERROR(feed.Start());   // from the newest change at this moment
//   ...
//   feed.Poke();                      // after a local write: look now, not at the next tick
//
// With several replicas on one PostgreSQL, options.notifier (Store::WatchChanges) wakes
// the feed when any replica commits.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "engine/store/store.h"

namespace meridian {

struct ChangeFeedOptions {
  std::chrono::milliseconds poll_interval{200};
  int batch_size = 1000;
  // Where the store has notifications (Store::WatchChanges: PostgreSQL), a second thread
  // waits on them and pokes the feed, so that other processes' writes arrive without
  // waiting for the next poll; polling stays as the safety net. nullptr = poll only.
  std::function<StatusOr<std::unique_ptr<ChangeNotifier>>()> notifier;
};

class ChangeFeed {
 public:
  using Subscriber = std::function<void(const std::vector<Change>&)>;

  ChangeFeed(StoreReader& store, ChangeFeedOptions options) : store_(store), options_(options) {}
  ~ChangeFeed();
  ChangeFeed(const ChangeFeed&) = delete;
  ChangeFeed& operator=(const ChangeFeed&) = delete;

  // Subscribers are called on the feed's thread; add them before Start().
  void Subscribe(Subscriber s) { subscribers_.push_back(std::move(s)); }
  // Starts after the newest change now in the log (`from_seq` < 0) or after `from_seq`.
  Status Start(int64_t from_seq = -1);
  void Stop();
  void Poke();
  int64_t last_seq() const { return last_seq_.load(); }
  // Reads and delivers everything pending now, on the calling thread (tests, shutdown).
  Status PollOnce();

 private:
  void Run();
  void Listen();

  StoreReader& store_;
  ChangeFeedOptions options_;
  std::vector<Subscriber> subscribers_;
  std::atomic<int64_t> last_seq_{0};
  std::mutex mu_;  // serializes polls and guards poked_/stop_
  std::condition_variable cv_;
  bool poked_ = false;
  bool stop_ = false;
  bool failing_ = false;  // the last poll failed (logged once until one succeeds)
  std::thread thread_;
  std::thread listener_;
};

}  // namespace meridian
