#include "engine/vector/vector_service.h"

#include <spdlog/spdlog.h>

#include <cstring>

#include "base/memory.h"

namespace meridian {

struct VectorService::State {
  State(size_t dims, const VectorIndexOptions& options) : index(dims, options) {}
  VectorIndex index;
  std::unordered_map<std::string, uint32_t> label_of;
  std::vector<std::string> keys;                   // by label; kept after removal
  std::vector<std::shared_ptr<const void>> facts;  // by label; null once removed
  int64_t seq = 0;                                 // the change log is indexed up to here
  bool dirty = false;                              // changed since the last save

  uint32_t LabelFor(const std::string& key) {
    auto [it, fresh] = label_of.try_emplace(key, static_cast<uint32_t>(keys.size()));
    if (fresh) {
      keys.push_back(key);
      facts.emplace_back();
    }
    return it->second;
  }

  // The caller's filter as a label predicate.
  std::function<bool(uint32_t)> Filter(const std::function<bool(const VectorEntry&)>& f) const {
    if (!f) return {};
    return [this, &f](uint32_t label) {
      return facts[label] != nullptr && f(VectorEntry{keys[label], facts[label].get()});
    };
  }
};

namespace {

// The index file's caller data: model id, change-log position, keys by label.
std::string EncodeMeta(const std::string& model_id, int64_t seq,
                       const std::vector<std::string>& keys) {
  std::string out;
  auto put_str = [&](const std::string& s) {
    auto n = static_cast<uint32_t>(s.size());
    out.append(reinterpret_cast<const char*>(&n), 4);
    out.append(s);
  };
  put_str(model_id);
  out.append(reinterpret_cast<const char*>(&seq), 8);
  auto count = static_cast<uint64_t>(keys.size());
  out.append(reinterpret_cast<const char*>(&count), 8);
  for (const std::string& k : keys) put_str(k);
  return out;
}

bool DecodeMeta(std::string_view in, std::string* model_id, int64_t* seq,
                std::vector<std::string>* keys) {
  size_t pos = 0;
  auto get = [&](void* p, size_t n) {
    if (in.size() - pos < n) return false;
    std::memcpy(p, in.data() + pos, n);
    pos += n;
    return true;
  };
  auto get_str = [&](std::string* s) {
    uint32_t n = 0;
    if (!get(&n, 4) || in.size() - pos < n) return false;
    s->assign(in.substr(pos, n));
    pos += n;
    return true;
  };
  uint64_t count = 0;
  if (!get_str(model_id) || !get(seq, 8) || !get(&count, 8) || count > in.size()) return false;
  keys->resize(count);
  for (std::string& k : *keys) {
    if (!get_str(&k)) return false;
  }
  return pos == in.size();
}

}  // namespace

Status VectorService::CheckDims(const VectorItem& item) const {
  if (item.vector.size() == source_.dims) return OkStatus();
  return InternalError(source_.kind + " vectors: " + item.key + " has " +
                       std::to_string(item.vector.size()) + " dimensions, expected " +
                       std::to_string(source_.dims));
}

VectorService::VectorService(VectorSource source, VectorServiceOptions options)
    : source_(std::move(source)), options_(std::move(options)) {}

VectorService::~VectorService() {
  Stop();
}

Status VectorService::Start() {
  Status loaded =
      options_.index_path.empty() ? NotFoundError("no index file configured") : LoadFile();
  if (!loaded.ok()) {
    if (!options_.index_path.empty() && loaded.code() != StatusCode::kNotFound) {
      spdlog::warn("{} vectors: rebuilding from the store: {}", source_.kind, loaded.message());
    }
    RETURN_IF_ERROR(Rebuild());
    start_report_ = "build (" + loaded.message() + ")";
  }
  worker_.Start();
  return OkStatus();
}

std::string VectorService::start_report() const {
  std::shared_lock lock(mu_);
  return start_report_;
}

size_t VectorService::size() const {
  std::shared_lock lock(mu_);
  return state_ ? state_->index.size() : 0;
}

Status VectorService::Rebuild() {
  auto start = std::chrono::steady_clock::now();
  ASSIGN_OR_RETURN(int64_t seq, source_.head_seq());
  auto fresh = std::make_unique<State>(source_.dims, options_.index);
  fresh->seq = seq;
  std::vector<uint32_t> labels;
  std::vector<float> vectors;
  Status bad_vector;
  RETURN_IF_ERROR(source_.scan({.embed = true}, [&](VectorItem item) {
    if (bad_vector = CheckDims(item); !bad_vector.ok()) return;
    uint32_t label = fresh->LabelFor(item.key);
    fresh->facts[label] = std::move(item.facts);
    labels.push_back(label);
    vectors.insert(vectors.end(), item.vector.begin(), item.vector.end());
  }));
  RETURN_IF_ERROR(bad_vector);
  RETURN_IF_ERROR(fresh->index.UpsertMany(labels, vectors, options_.build_threads));
  double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  spdlog::info("{} vectors: {} built in {:.0f} ms", source_.kind, labels.size(), ms);
  std::unique_lock lock(mu_);
  state_ = std::move(fresh);
  state_->dirty = true;
  if (!options_.index_path.empty()) {
    if (Status s = SaveLocked(state_->seq); s.ok()) {
      state_->dirty = false;
    } else {
      spdlog::warn("{} vectors: {} (the next start rebuilds)", source_.kind, s.message());
    }
  }
  generation_.fetch_add(1);
  lock.unlock();
  // The scan's scratch and the previous index are freed: hand them back (base/memory.h).
  ReleaseFreeMemory();
  return OkStatus();
}

Status VectorService::SaveLocked(int64_t seq) const {
  return state_->index.Save(options_.index_path, EncodeMeta(source_.model_id, seq, state_->keys));
}

Status VectorService::LoadFile() {
  auto start = std::chrono::steady_clock::now();
  std::string meta, model_id;
  ASSIGN_OR_RETURN(VectorIndex index,
                   VectorIndex::Load(options_.index_path, source_.dims, options_.index, &meta));
  auto state = std::make_unique<State>(source_.dims, options_.index);
  state->index = std::move(index);
  if (!DecodeMeta(meta, &model_id, &state->seq, &state->keys)) {
    return DataLossError("the vector index file's key list is damaged");
  }
  if (model_id != source_.model_id) {
    return FailedPreconditionError("the vector index was made by model " + model_id +
                                   ", the current model is " + source_.model_id);
  }
  ASSIGN_OR_RETURN(int64_t head, source_.head_seq());
  if (head < state->seq) {
    return DataLossError(
        "the vector index file is newer than the store's change log: it "
        "belongs to another database");
  }
  state->facts.resize(state->keys.size());
  for (uint32_t l = 0; l < state->keys.size(); ++l) state->label_of.emplace(state->keys[l], l);
  // Facts come from the store; entities the file lacks, and those changed since it was
  // written, are embedded again.
  std::set<std::string> stale;
  RETURN_IF_ERROR(source_.scan({.embed = false}, [&](VectorItem item) {
    auto it = state->label_of.find(item.key);
    if (it == state->label_of.end() || !state->index.Contains(it->second)) {
      stale.insert(item.key);
    } else {
      state->facts[it->second] = std::move(item.facts);
    }
  }));
  for (uint32_t l = 0; l < state->keys.size(); ++l) {
    if (state->facts[l] == nullptr && state->index.Contains(l)) stale.insert(state->keys[l]);
  }
  for (int64_t after = state->seq; after < head;) {
    ASSIGN_OR_RETURN(std::vector<Change> batch, source_.changes_since(after, 1000));
    if (batch.empty()) break;
    for (const Change& c : batch) {
      if (std::string key = source_.key_of(c); !key.empty()) stale.insert(std::move(key));
    }
    after = batch.back().seq;
  }
  size_t loaded = state->index.size();
  {
    std::unique_lock lock(mu_);
    state_ = std::move(state);
    state_->seq = head;
  }
  if (!stale.empty()) RETURN_IF_ERROR(IndexChanges(stale));
  double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  start_report_ = "file (" + std::to_string(loaded) + " vectors in " +
                  std::to_string(static_cast<int>(ms)) + " ms, " + std::to_string(stale.size()) +
                  " changed since)";
  generation_.fetch_add(1);
  return OkStatus();
}

void VectorService::Stop() {
  if (stopped_) return;
  stopped_ = true;
  std::set<std::string> left = worker_.Stop();
  if (!left.empty() && state_) {
    if (Status s = IndexChanges(left); !s.ok()) {
      spdlog::warn("{} vectors: {} changes not indexed at stop: {}", source_.kind, left.size(),
                   s.message());
      return;  // the file keeps its older position; the next start catches up
    }
  }
  std::unique_lock lock(mu_);
  if (state_ && state_->dirty && !options_.index_path.empty()) {
    if (Status s = SaveLocked(state_->seq); s.ok()) {
      state_->dirty = false;
    } else {
      spdlog::warn("{} vectors: {}", source_.kind, s.message());
    }
  }
}

void VectorService::Retire() {
  if (stopped_) return;
  stopped_ = true;
  worker_.Stop();  // changes not indexed yet are the newer service's
}

void VectorService::Apply(const std::vector<Change>& changes) {
  std::vector<std::string> keys;
  for (const Change& c : changes) {
    if (std::string key = source_.key_of(c); !key.empty()) keys.push_back(std::move(key));
  }
  worker_.Add(std::move(keys));
}

Status VectorService::IndexChanges(const std::set<std::string>& keys) {
  // The log position is read first: a change after it is indexed again later, harmlessly.
  ASSIGN_OR_RETURN(int64_t seq, source_.head_seq());
  std::vector<std::pair<std::string, std::optional<VectorItem>>> fresh;
  for (const std::string& key : keys) {
    ASSIGN_OR_RETURN(std::optional<VectorItem> item, source_.get(key));
    if (item) RETURN_IF_ERROR(CheckDims(*item));
    fresh.emplace_back(key, std::move(item));
  }
  bool rebuild = false;
  {
    std::unique_lock lock(mu_);
    State& s = *state_;
    for (auto& [key, item] : fresh) {
      if (item) {
        uint32_t label = s.LabelFor(key);
        RETURN_IF_ERROR(s.index.Upsert(label, item->vector));
        s.facts[label] = std::move(item->facts);
      } else if (auto it = s.label_of.find(key); it != s.label_of.end()) {
        s.index.Remove(it->second);
        s.facts[it->second] = nullptr;
      }
    }
    s.seq = std::max(s.seq, seq);
    s.dirty = true;
    // Labels without a live vector: entities removed since the last build.
    size_t removed = s.keys.size() - s.index.size();
    rebuild = static_cast<double>(removed) >
                  options_.max_removed_fraction *
                      static_cast<double>(std::max<size_t>(s.keys.size(), 1)) &&
              s.keys.size() >= 1000;
  }
  generation_.fetch_add(1);
  if (rebuild) {
    spdlog::info("{} vectors: rebuilding to drop removed entries", source_.kind);
    return Rebuild();
  }
  return OkStatus();
}

std::optional<VectorMatch> VectorService::Lookup(const std::string& key,
                                                 std::vector<float>* vector) const {
  std::shared_lock lock(mu_);
  if (!state_) return std::nullopt;
  auto it = state_->label_of.find(key);
  if (it == state_->label_of.end() || state_->facts[it->second] == nullptr) return std::nullopt;
  if (vector != nullptr) *vector = state_->index.Get(it->second);
  return VectorMatch{key, 1.0f, state_->facts[it->second]};
}

std::vector<VectorMatch> VectorService::Search(std::span<const float> query,
                                               const VectorQuery& q) const {
  std::shared_lock lock(mu_);
  std::vector<VectorMatch> out;
  if (!state_) return out;
  const State& s = *state_;
  for (const VectorHit& h : s.index.Search(query, {.k = q.k, .filter = s.Filter(q.filter)})) {
    out.push_back({s.keys[h.id], h.score, s.facts[h.id]});
  }
  return out;
}

VerifyStats VectorService::verify_stats() const {
  std::shared_lock lock(mu_);
  return state_ ? state_->index.verify_stats() : VerifyStats{};
}

}  // namespace meridian
