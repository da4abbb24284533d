#include "engine/ml/interactions.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <random>
#include <set>
#include <sstream>

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

TrainTest Empty(const InteractionSet& all) {
  TrainTest t;
  t.users = all.user_ids.size();
  t.items = all.item_ids.size();
  t.train.resize(t.users);
  t.test.resize(t.users);
  t.train_weights.resize(t.users);
  return t;
}

// Sorts each user's lists and keeps one entry per item (the largest weight).
void Normalize(TrainTest* t, std::vector<std::vector<std::pair<uint32_t, float>>>& train) {
  for (size_t u = 0; u < t->users; ++u) {
    auto& rows = train[u];
    std::sort(rows.begin(), rows.end());
    for (size_t i = 0; i < rows.size(); ++i) {
      if (i + 1 < rows.size() && rows[i + 1].first == rows[i].first) continue;  // keep last
      t->train[u].push_back(rows[i].first);
      t->train_weights[u].push_back(rows[i].second);
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

}  // namespace

TrainTest StratifiedSplit(const InteractionSet& all, const SplitOptions& options) {
  TrainTest t = Empty(all);
  std::vector<std::vector<const Interaction*>> by_user(t.users);
  for (const Interaction& r : all.rows) by_user[r.user].push_back(&r);
  std::mt19937_64 rng(options.seed);
  std::vector<std::vector<std::pair<uint32_t, float>>> train(t.users);
  for (size_t u = 0; u < t.users; ++u) {
    auto& rows = by_user[u];
    std::shuffle(rows.begin(), rows.end(), rng);
    size_t cut = static_cast<size_t>(std::round(options.train_fraction * rows.size()));
    cut = std::clamp<size_t>(cut, rows.empty() ? 0 : 1, rows.size());
    for (size_t i = 0; i < rows.size(); ++i) {
      if (i < cut) {
        train[u].emplace_back(rows[i]->item, rows[i]->weight);
      } else {
        t.test[u].push_back(rows[i]->item);
      }
    }
  }
  Normalize(&t, train);
  return t;
}

TrainTest ValidationSplit(const TrainTest& split, const SplitOptions& options) {
  TrainTest t;
  t.users = split.users;
  t.items = split.items;
  t.train.resize(t.users);
  t.test.resize(t.users);
  t.train_weights.resize(t.users);
  std::mt19937_64 rng(options.seed ^ 0x5eed);
  std::vector<std::vector<std::pair<uint32_t, float>>> train(t.users);
  for (size_t u = 0; u < t.users; ++u) {
    std::vector<size_t> order(split.train[u].size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::shuffle(order.begin(), order.end(), rng);
    size_t cut = static_cast<size_t>(std::round(options.train_fraction * order.size()));
    cut = std::clamp<size_t>(cut, order.empty() ? 0 : 1, order.size());
    for (size_t i = 0; i < order.size(); ++i) {
      uint32_t item = split.train[u][order[i]];
      if (i < cut) {
        train[u].emplace_back(item, split.train_weights[u][order[i]]);
      } else {
        t.test[u].push_back(item);
      }
    }
  }
  Normalize(&t, train);
  return t;
}

TrainTest SplitByTest(const InteractionSet& all, const InteractionSet& test) {
  TrainTest t = Empty(all);
  std::set<std::pair<std::string, std::string>> held;
  for (const Interaction& r : test.rows) {
    held.emplace(test.user_ids[r.user], test.item_ids[r.item]);
  }
  std::vector<std::vector<std::pair<uint32_t, float>>> train(t.users);
  for (const Interaction& r : all.rows) {
    if (held.count({all.user_ids[r.user], all.item_ids[r.item]})) {
      t.test[r.user].push_back(r.item);
    } else {
      train[r.user].emplace_back(r.item, r.weight);
    }
  }
  Normalize(&t, train);
  return t;
}

}  // namespace meridian
