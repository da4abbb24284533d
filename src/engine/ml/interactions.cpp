#include "engine/ml/interactions.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <random>
#include <set>
#include <sstream>
#include <tuple>

#include "base/strings.h"

namespace meridian {

uint32_t InteractionSet::UserId(const std::string& external) {
  auto [it, fresh] = user_index.try_emplace(external, static_cast<uint32_t>(user_ids.size()));
  if (fresh) user_ids.push_back(external);
  return it->second;
}

uint32_t InteractionSet::ItemId(const std::string& external) {
  auto [it, fresh] = item_index.try_emplace(external, static_cast<uint32_t>(item_ids.size()));
  if (fresh) item_ids.push_back(external);
  return it->second;
}

Status ReadInteractions(const std::string& path, const ReadOptions& options, InteractionSet* into) {
  std::ifstream in(path);
  if (!in) return NotFoundError("interactions: cannot read " + path);
  std::string line;
  size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    std::string_view text = Trim(line);
    if (text.empty() || text.front() == '#') continue;
    std::vector<std::string> fields;
    std::string field;
    for (char c : text) {
      if (c == '\t' || c == ' ' || c == ',') {
        if (!field.empty()) fields.push_back(std::move(field));
        field.clear();
      } else {
        field += c;
      }
    }
    if (!field.empty()) fields.push_back(std::move(field));
    auto bad = [&](const std::string& why) {
      return InvalidArgumentError(path + ":" + std::to_string(number) + ": " + why);
    };
    if (fields.size() < 2 || fields.size() > 4)
      return bad("expected user item [weight] [timestamp]");
    Interaction row;
    if (fields.size() >= 3) {
      auto w = ParseDouble(fields[2]);
      if (!w || !std::isfinite(*w)) return bad("weight is not a number");
      row.weight = static_cast<float>(*w);
    }
    if (fields.size() == 4) {
      auto ts = ParseInt(fields[3]);
      if (!ts) return bad("timestamp is not an integer");
      row.ts = *ts;
    }
    if (row.weight < options.min_weight) continue;
    row.user = into->UserId(fields[0]);
    row.item = into->ItemId(fields[1]);
    into->rows.push_back(row);
  }
  return OkStatus();
}

namespace {

// One training row of a user before the split is normalized: item, weight, time.
using Row = std::tuple<uint32_t, float, int64_t>;

TrainTest Empty(size_t users, size_t items) {
  TrainTest t;
  t.users = users;
  t.items = items;
  t.train.resize(t.users);
  t.test.resize(t.users);
  t.train_weights.resize(t.users);
  t.train_times.resize(t.users);
  return t;
}

// Sorts each user's lists and keeps one entry per item (the largest weight, then the
// latest time: sorted last).
void Normalize(TrainTest* t, std::vector<std::vector<Row>>& train) {
  for (size_t u = 0; u < t->users; ++u) {
    auto& rows = train[u];
    std::sort(rows.begin(), rows.end());
    for (size_t i = 0; i < rows.size(); ++i) {
      auto [item, weight, ts] = rows[i];
      if (i + 1 < rows.size() && std::get<0>(rows[i + 1]) == item) continue;  // keep last
      t->train[u].push_back(item);
      t->train_weights[u].push_back(weight);
      t->train_times[u].push_back(ts);
    }
    auto& test = t->test[u];
    std::sort(test.begin(), test.end());
    test.erase(std::unique(test.begin(), test.end()), test.end());
    // An item both trained on and held out counts as seen.
    std::vector<uint32_t> kept;
    std::set_difference(test.begin(), test.end(), t->train[u].begin(), t->train[u].end(),
                        std::back_inserter(kept));
    test = std::move(kept);
  }
}

// Shuffles each user's (item, weight, time) rows with `seed` and cuts them at `fraction` (at
// least one in training when the user has any): the first part trains, the rest is held
// out.
TrainTest CutPerUser(size_t users, size_t items, std::vector<std::vector<Row>> rows,
                     double fraction, uint64_t seed) {
  TrainTest t = Empty(users, items);
  std::mt19937_64 rng(seed);
  std::vector<std::vector<Row>> train(users);
  for (size_t u = 0; u < users; ++u) {
    auto& mine = rows[u];
    std::shuffle(mine.begin(), mine.end(), rng);
    size_t cut = static_cast<size_t>(std::round(fraction * static_cast<double>(mine.size())));
    cut = std::clamp<size_t>(cut, mine.empty() ? 0 : 1, mine.size());
    train[u].assign(mine.begin(), mine.begin() + static_cast<long>(cut));
    for (size_t i = cut; i < mine.size(); ++i) t.test[u].push_back(std::get<0>(mine[i]));
  }
  Normalize(&t, train);
  return t;
}

}  // namespace

TrainTest StratifiedSplit(const InteractionSet& all, const SplitOptions& options) {
  std::vector<std::vector<Row>> rows(all.user_ids.size());
  for (const Interaction& r : all.rows) rows[r.user].emplace_back(r.item, r.weight, r.ts);
  return CutPerUser(all.user_ids.size(), all.item_ids.size(), std::move(rows),
                    options.train_fraction, options.seed);
}

TrainTest ValidationSplit(const TrainTest& split, const SplitOptions& options) {
  std::vector<std::vector<Row>> rows(split.users);
  for (size_t u = 0; u < split.users; ++u) {
    static const std::vector<int64_t> kUndated;
    const auto& times = u < split.train_times.size() ? split.train_times[u] : kUndated;
    for (size_t i = 0; i < split.train[u].size(); ++i) {
      rows[u].emplace_back(split.train[u][i], split.train_weights[u][i],
                           i < times.size() ? times[i] : 0);
    }
  }
  return CutPerUser(split.users, split.items, std::move(rows), options.train_fraction,
                    options.seed ^ 0x5eed);
}

TrainTest SplitByTest(const InteractionSet& all, const InteractionSet& test) {
  TrainTest t = Empty(all.user_ids.size(), all.item_ids.size());
  std::set<std::pair<std::string, std::string>> held;
  for (const Interaction& r : test.rows) {
    held.emplace(test.user_ids[r.user], test.item_ids[r.item]);
  }
  std::vector<std::vector<Row>> train(t.users);
  for (const Interaction& r : all.rows) {
    if (held.count({all.user_ids[r.user], all.item_ids[r.item]})) {
      t.test[r.user].push_back(r.item);
    } else {
      train[r.user].emplace_back(r.item, r.weight, r.ts);
    }
  }
  Normalize(&t, train);
  return t;
}

}  // namespace meridian
