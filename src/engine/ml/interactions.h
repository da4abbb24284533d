// Implicit feedback for recommenders (issue 6): who interacted with what, read from
// MovieLens or plain `user item [weight] [timestamp]` files, and split into train and test
// the way the literature does (per-user stratified, or a given test file).
//
//   ASSIGN_OR_RETURN(InteractionSet all, ReadInteractions("u.data", {}));
//   TrainTest split = StratifiedSplit(all, {.train_fraction = 0.75, .seed = 42});
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/statusor.h"

namespace meridian {

struct Interaction {
  uint32_t user = 0;  // dense ids into InteractionSet::user_ids / item_ids
  uint32_t item = 0;
  float weight = 1;
  int64_t ts = 0;
};

struct InteractionSet {
  std::vector<std::string> user_ids, item_ids;  // external ids by dense id
  std::unordered_map<std::string, uint32_t> user_index, item_index;
  std::vector<Interaction> rows;

  uint32_t UserId(const std::string& external);
  uint32_t ItemId(const std::string& external);
};

struct ReadOptions {
  // Rows whose weight is below this are left out (MovieLens ratings 1-5); 0 keeps all.
  double min_weight = 0;
};

// One row per line: `user item [weight] [timestamp]`, separated by tabs, spaces or commas
// (MovieLens u.data is `user\titem\trating\ttimestamp`). A missing weight is 1. Lines that
// are empty or start with '#' are skipped. kInvalidArgument names the first bad line;
// kNotFound when the file is missing. Rows are appended to `into` (ids shared with it).
Status ReadInteractions(const std::string& path, const ReadOptions& options, InteractionSet* into);

// Per user: the items seen in training and the items held out, each sorted and distinct.
// An item seen twice in training keeps its largest weight and, among those, its latest time.
struct TrainTest {
  size_t users = 0, items = 0;
  std::vector<std::vector<uint32_t>> train, test;
  std::vector<std::vector<float>> train_weights;  // beside train
  // Beside train: each row's Interaction::ts (seconds). A split filled by hand may leave
  // these out; a missing time reads as 0, as an undated row is read.
  std::vector<std::vector<int64_t>> train_times;
};

struct SplitOptions {
  double train_fraction = 0.75;
  uint64_t seed = 42;
};

// Each user's interactions are shuffled (seeded) and cut at train_fraction (at least one
// in training when the user has any), as Microsoft Recommenders' python_stratified_split.
TrainTest StratifiedSplit(const InteractionSet& all, const SplitOptions& options);
// A validation split carved from a split's training side only (per user, as
// StratifiedSplit): tune on it, then train on all of `split.train` and test once.
TrainTest ValidationSplit(const TrainTest& split, const SplitOptions& options);
// The rows whose (user, item) pair appears in `test` are held out; the rest train.
TrainTest SplitByTest(const InteractionSet& all, const InteractionSet& test);

}  // namespace meridian
