#include "engine/vector/vector_index.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <limits>
#include <queue>
#include <thread>

// hnswlib.h defines non-inline functions, so it is included by this file only.
#include <hnswlib/hnswlib.h>
#include <spdlog/spdlog.h>

#include "base/checksum.h"
#include "base/file.h"
#include "engine/vector/top_k.h"

namespace meridian {

namespace {

using Hnsw = hnswlib::HierarchicalNSW<float>;
using hnswlib::tableint;

constexpr char kMagic[8] = {'M', 'R', 'D', 'N', 'V', 'E', 'C', '\0'};
constexpr size_t kSample = 256;  // labels a filter is tried on to estimate its selectivity

// A (distance, internal id) max-heap on distance: the worst kept on top.
using DistQueue = std::priority_queue<std::pair<float, tableint>>;

Status CheckVector(std::span<const float> v, size_t dims) {
  if (v.size() != dims) {
    return InvalidArgumentError("vector has " + std::to_string(v.size()) + " values, expected " +
                                std::to_string(dims));
  }
  for (float x : v) {
    if (!std::isfinite(x)) return InvalidArgumentError("vector has a non-finite value");
  }
  return OkStatus();
}

StatusOr<uint64_t> FileChecksum(const std::string& path, uint64_t* size) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return NotFoundError(path + " is missing");
  std::vector<char> buf(1 << 20);
  uint64_t sum = 0;
  *size = 0;
  size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), f)) > 0) {
    sum = Checksum64(sum, buf.data(), n);
    *size += n;
  }
  bool bad = std::ferror(f) != 0;
  std::fclose(f);
  if (bad) return DataLossError(path + " could not be read");
  return sum;
}

Status SyncFile(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY);
  if (fd < 0) return InternalError("cannot open " + path);
  int rc = ::fsync(fd);
  ::close(fd);
  return rc == 0 ? OkStatus() : InternalError("cannot sync " + path);
}

}  // namespace

struct VectorIndex::Graph {
  explicit Graph(size_t dims) : space(dims) {}
  hnswlib::InnerProductSpace space;
  std::unique_ptr<Hnsw> hnsw;
  // Per internal id, dense, for scans that touch every element (exact search, the filter's
  // selectivity sample) without reading each element's cache lines in the graph.
  std::vector<uint32_t> labels;
  std::vector<uint8_t> removed;

  size_t live() const { return hnsw->cur_element_count - hnsw->num_deleted_; }
  // Brings the dense arrays up to date with the graph (after inserts).
  void SyncDense() {
    size_t n = hnsw->cur_element_count;
    labels.resize(n);
    removed.resize(n);
    for (tableint id = 0; id < n; ++id) {
      labels[id] = static_cast<uint32_t>(hnsw->getExternalLabel(id));
      removed[id] = hnsw->isMarkedDeleted(id) ? 1 : 0;
    }
  }
  void SyncOne(uint32_t label) {
    tableint id = hnsw->label_lookup_.at(label);
    if (id >= labels.size()) {
      labels.resize(id + 1);
      removed.resize(id + 1);
    }
    labels[id] = label;
    removed[id] = hnsw->isMarkedDeleted(id) ? 1 : 0;
  }
  const float* data(tableint id) const {
    return reinterpret_cast<const float*>(hnsw->getDataByInternalId(id));
  }
  uint32_t label(tableint id) const { return static_cast<uint32_t>(hnsw->getExternalLabel(id)); }
  bool deleted(tableint id) const { return hnsw->isMarkedDeleted(id); }

  Status Reserve(size_t n) {
    if (n <= hnsw->max_elements_) return OkStatus();
    try {
      hnsw->resizeIndex(std::max(n, hnsw->max_elements_ * 2));
    } catch (const std::exception& e) {
      return ResourceExhaustedError(std::string("vector index: ") + e.what());
    }
    return OkStatus();
  }

  // Greedy descent through the upper layers to the base layer's entry point.
  tableint Descend(const float* q) const {
    tableint cur = hnsw->enterpoint_node_;
    float cur_dist = hnsw->fstdistfunc_(q, data(cur), hnsw->dist_func_param_);
    for (int level = hnsw->maxlevel_; level > 0; --level) {
      bool changed = true;
      while (changed) {
        changed = false;
        unsigned int* list = hnsw->get_linklist(cur, level);
        int size = hnsw->getListCount(list);
        auto* links = reinterpret_cast<tableint*>(list + 1);
        for (int i = 0; i < size; ++i) {
          float d = hnsw->fstdistfunc_(q, data(links[i]), hnsw->dist_func_param_);
          if (d < cur_dist) {
            cur_dist = d;
            cur = links[i];
            changed = true;
          }
        }
      }
    }
    return cur;
  }

  // Best-first search of the base layer that walks through every node but keeps only
  // live nodes the filter accepts as results.
  template <class Accept>
  DistQueue SearchBase(const float* q, tableint entry, size_t ef, const Accept& accept) const {
    hnswlib::VisitedList* vl = hnsw->visited_list_pool_->getFreeVisitedList();
    hnswlib::vl_type* visited = vl->mass;
    hnswlib::vl_type tag = vl->curV;
    DistQueue top;
    std::priority_queue<std::pair<float, tableint>> frontier;  // -distance: nearest on top
    float bound = std::numeric_limits<float>::max();
    auto consider = [&](tableint id, float d) {
      if (!deleted(id) && accept(label(id))) {
        top.emplace(d, id);
        if (top.size() > ef) top.pop();
        if (top.size() == ef) bound = top.top().first;
      }
    };
    float d0 = hnsw->fstdistfunc_(q, data(entry), hnsw->dist_func_param_);
    frontier.emplace(-d0, entry);
    consider(entry, d0);
    visited[entry] = tag;
    while (!frontier.empty()) {
      auto [neg, id] = frontier.top();
      if (-neg > bound) break;
      frontier.pop();
      unsigned int* list = hnsw->get_linklist0(id);
      int size = hnsw->getListCount(list);
      auto* links = reinterpret_cast<tableint*>(list + 1);
      for (int i = 0; i < size; ++i) {
        tableint next = links[i];
        if (visited[next] == tag) continue;
        visited[next] = tag;
        float d = hnsw->fstdistfunc_(q, data(next), hnsw->dist_func_param_);
        if (top.size() < ef || d < bound) {
          frontier.emplace(-d, next);
          consider(next, d);
        }
      }
    }
    hnsw->visited_list_pool_->releaseVisitedList(vl);
    return top;
  }
};

VectorIndex::VectorIndex(size_t dims, VectorIndexOptions options)
    : dims_(dims), options_(options), graph_(std::make_unique<Graph>(dims)) {
  graph_->hnsw = std::make_unique<Hnsw>(&graph_->space, 1024, options_.m, options_.ef_construction,
                                        options_.seed);
  graph_->hnsw->setEf(options_.ef_search);
}

VectorIndex::~VectorIndex() = default;

VectorIndex::VectorIndex(VectorIndex&& o) noexcept
    : dims_(o.dims_), options_(o.options_), graph_(std::move(o.graph_)) {}

VectorIndex& VectorIndex::operator=(VectorIndex&& o) noexcept {
  dims_ = o.dims_;
  options_ = o.options_;
  graph_ = std::move(o.graph_);
  return *this;
}

size_t VectorIndex::size() const {
  return graph_->live();
}

Status VectorIndex::Upsert(uint32_t label, std::span<const float> vector) {
  RETURN_IF_ERROR(CheckVector(vector, dims_));
  std::vector<float> v(vector.begin(), vector.end());
  Normalize(v);
  RETURN_IF_ERROR(graph_->Reserve(graph_->hnsw->cur_element_count + 1));
  try {
    graph_->hnsw->addPoint(v.data(), label);
  } catch (const std::exception& e) {
    return ResourceExhaustedError(std::string("vector index: ") + e.what());
  }
  graph_->SyncOne(label);
  return OkStatus();
}

Status VectorIndex::UpsertMany(std::span<const uint32_t> labels, std::span<const float> vectors,
                               size_t threads) {
  if (vectors.size() != labels.size() * dims_) {
    return InvalidArgumentError("vectors do not match the labels");
  }
  std::vector<float> unit(vectors.begin(), vectors.end());
  for (size_t i = 0; i < labels.size(); ++i) {
    std::span<float> v(unit.data() + i * dims_, dims_);
    RETURN_IF_ERROR(CheckVector(v, dims_));
    Normalize(v);
  }
  RETURN_IF_ERROR(graph_->Reserve(graph_->hnsw->cur_element_count + labels.size()));
  std::atomic<size_t> next{0};
  std::atomic<bool> failed{false};
  std::string error;
  std::mutex error_mu;
  auto work = [&] {
    for (size_t i; !failed && (i = next++) < labels.size();) {
      try {
        graph_->hnsw->addPoint(unit.data() + i * dims_, labels[i]);
      } catch (const std::exception& e) {
        std::lock_guard lock(error_mu);
        error = e.what();
        failed = true;
      }
    }
  };
  std::vector<std::thread> pool;
  for (size_t t = 1; t < std::max<size_t>(threads, 1); ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
  graph_->SyncDense();
  if (failed) return ResourceExhaustedError("vector index: " + error);
  return OkStatus();
}

void VectorIndex::Remove(uint32_t label) {
  Hnsw& h = *graph_->hnsw;
  auto it = h.label_lookup_.find(label);
  if (it == h.label_lookup_.end() || h.isMarkedDeleted(it->second)) return;
  h.markDelete(label);
  graph_->removed[it->second] = 1;
}

bool VectorIndex::Contains(uint32_t label) const {
  const Hnsw& h = *graph_->hnsw;
  auto it = h.label_lookup_.find(label);
  return it != h.label_lookup_.end() && !h.isMarkedDeleted(it->second);
}

std::vector<float> VectorIndex::Get(uint32_t label) const {
  const Hnsw& h = *graph_->hnsw;
  auto it = h.label_lookup_.find(label);
  if (it == h.label_lookup_.end() || h.isMarkedDeleted(it->second)) return {};
  const float* v = graph_->data(it->second);
  return {v, v + dims_};
}

std::vector<VectorHit> VectorIndex::SearchExact(std::span<const float> query,
                                                const KnnOptions& options) const {
  TopK top(options.k);
  if (query.size() != dims_) return {};
  const Graph& g = *graph_;
  const size_t n = g.labels.size();
  for (tableint id = 0; id < n; ++id) {
    if (g.removed[id]) continue;
    uint32_t label = g.labels[id];
    if (options.filter && !options.filter(label)) continue;
    top.Offer(label, Dot(query.data(), g.data(id), dims_));
  }
  return top.Take();
}

std::vector<VectorHit> VectorIndex::SearchRawHnsw(std::span<const float> query, size_t k) const {
  auto queue = graph_->hnsw->searchKnn(query.data(), k);
  std::vector<VectorHit> hits(queue.size());
  for (size_t i = hits.size(); i-- > 0; queue.pop()) {
    hits[i] = {static_cast<uint32_t>(queue.top().second), 1.0f - queue.top().first};
  }
  return hits;
}

std::vector<VectorHit> VectorIndex::Search(std::span<const float> query, const KnnOptions& options,
                                           SearchPath* path) const {
  SearchPath taken = SearchPath::kExact;
  std::vector<VectorHit> hits;
  const Graph& g = *graph_;
  const size_t n = g.live();
  if (query.size() != dims_ || options.k == 0 || n == 0) {
    if (path != nullptr) *path = taken;
    return {};
  }
  // How selective is the filter? Try it on labels spread evenly over the graph.
  double pass = 1;
  if (options.filter && n >= options_.exact_below) {
    size_t total = g.labels.size(), tried = 0, passed = 0;
    size_t step = std::max<size_t>(1, total / kSample);
    for (size_t id = 0; id < total; id += step) {
      if (g.removed[id]) continue;
      ++tried;
      passed += options.filter(g.labels[id]) ? 1 : 0;
    }
    pass = tried == 0 ? 0 : static_cast<double>(passed) / static_cast<double>(tried);
  }
  double passing = pass * static_cast<double>(n);
  bool selective = options.filter && (pass < options_.exact_fraction ||
                                      passing < static_cast<double>(options_.exact_max_scan));
  if (n < options_.exact_below || selective) {
    hits = SearchExact(query, options);
  } else if (!options.filter && (options.ef == 0 || options.ef == options_.ef_search)) {
    // Unfiltered at the index's own ef: hnswlib's search as it is.
    taken = SearchPath::kGraph;
    hits = SearchRawHnsw(query, options.k);
  } else {
    size_t ef = std::max(options.ef > 0 ? options.ef : options_.ef_search, options.k);
    DistQueue top;
    tableint entry = g.Descend(query.data());
    if (options.filter) {
      taken = SearchPath::kFilteredGraph;
      // A filter passing a fraction p leaves about p of each neighbourhood as results:
      // widen the candidate list so the walk still collects enough of them.
      ef = static_cast<size_t>(std::ceil(static_cast<double>(ef) / std::sqrt(pass)));
      top = g.SearchBase(query.data(), entry, ef, options.filter);
    } else {
      taken = SearchPath::kGraph;
      top = g.SearchBase(query.data(), entry, ef, [](uint32_t) { return true; });
    }
    while (top.size() > options.k) top.pop();
    hits.resize(top.size());
    for (size_t i = hits.size(); i-- > 0; top.pop()) {
      hits[i] = {g.label(top.top().second), 1.0f - top.top().first};
    }
  }
  if (options_.verify && taken != SearchPath::kExact) Verify(query, options, hits);
  if (path != nullptr) *path = taken;
  return hits;
}

void VectorIndex::Verify(std::span<const float> query, const KnnOptions& options,
                         const std::vector<VectorHit>& hits) const {
  // Counted by distance, as ann-benchmarks does: a hit at least as similar as the k-th
  // exact neighbour is right, whichever of several equally near documents it is.
  std::vector<VectorHit> exact = SearchExact(query, options);
  uint64_t micros = 1'000'000;
  if (!exact.empty()) {
    float kth = exact.back().score - 1e-4f;
    size_t found = 0;
    for (const VectorHit& h : hits) found += h.score >= kth ? 1 : 0;
    micros = std::min(found, exact.size()) * 1'000'000 / exact.size();
  }
  verify_queries_++;
  verify_recall_micros_ += micros;
  uint64_t low = verify_min_recall_micros_.load();
  while (micros < low && !verify_min_recall_micros_.compare_exchange_weak(low, micros)) {
  }
  if (micros < 900'000) {
    spdlog::warn("vector index: recall@{} {:.2f} against exact search", options.k,
                 static_cast<double>(micros) / 1e6);
  }
}

VerifyStats VectorIndex::verify_stats() const {
  VerifyStats s;
  s.queries = verify_queries_.load();
  if (s.queries > 0) {
    s.mean_recall =
        static_cast<double>(verify_recall_micros_.load()) / 1e6 / static_cast<double>(s.queries);
    s.min_recall = static_cast<double>(verify_min_recall_micros_.load()) / 1e6;
  }
  return s;
}

Status VectorIndex::Save(const std::string& path, std::string_view meta) const {
  std::string graph_path = path + ".hnsw", tmp = graph_path + ".tmp";
  try {
    graph_->hnsw->saveIndex(tmp);
  } catch (const std::exception& e) {
    std::remove(tmp.c_str());
    return InternalError("vector index: cannot write " + tmp + ": " + e.what());
  }
  uint64_t graph_size = 0;
  auto graph_sum = FileChecksum(tmp, &graph_size);
  Status synced = graph_sum.ok() ? SyncFile(tmp) : graph_sum.status();
  if (!synced.ok() || std::rename(tmp.c_str(), graph_path.c_str()) != 0) {
    std::remove(tmp.c_str());
    return InternalError("vector index: cannot write " + graph_path);
  }
  std::string header(kMagic, 8);
  auto put = [&](const void* p, size_t n) { header.append(static_cast<const char*>(p), n); };
  uint32_t version = kFormatVersion, dims = static_cast<uint32_t>(dims_);
  uint64_t meta_size = meta.size(), sum = *graph_sum;
  put(&version, 4);
  put(&dims, 4);
  put(&meta_size, 8);
  put(meta.data(), meta.size());
  put(&graph_size, 8);
  put(&sum, 8);
  uint64_t header_sum = Checksum64(0, header.data(), header.size());
  put(&header_sum, 8);
  return ReplaceFile(path, [&](std::FILE* f) {
    return std::fwrite(header.data(), 1, header.size(), f) == header.size();
  });
}

StatusOr<VectorIndex> VectorIndex::Load(const std::string& path, size_t dims,
                                        VectorIndexOptions options, std::string* meta) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return NotFoundError("vector index " + path + " is missing");
  std::string header;
  char buf[4096];
  for (size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) header.append(buf, n);
  std::fclose(f);
  auto bad = [&](const std::string& why) {
    return DataLossError("vector index " + path + " " + why);
  };
  size_t pos = 0;
  auto get = [&](void* p, size_t n) {
    if (header.size() - pos < n) return false;
    std::memcpy(p, header.data() + pos, n);
    pos += n;
    return true;
  };
  char magic[8];
  uint32_t version = 0, file_dims = 0;
  uint64_t meta_size = 0, graph_size = 0, graph_sum = 0, header_sum = 0;
  if (!get(magic, 8) || std::memcmp(magic, kMagic, 8) != 0) return bad("is not a vector index");
  if (!get(&version, 4) || !get(&file_dims, 4) || !get(&meta_size, 8)) return bad("is truncated");
  if (version != kFormatVersion) {
    return bad("has format " + std::to_string(version) + ", expected " +
               std::to_string(kFormatVersion));
  }
  if (meta_size > header.size() - pos) return bad("is truncated");
  std::string saved_meta = header.substr(pos, meta_size);
  pos += meta_size;
  if (!get(&graph_size, 8) || !get(&graph_sum, 8)) return bad("is truncated");
  size_t summed = pos;
  if (!get(&header_sum, 8) || pos != header.size()) return bad("is truncated or too long");
  if (Checksum64(0, header.data(), summed) != header_sum) return bad("is corrupt (checksum)");
  if (file_dims != dims) {
    return bad("has " + std::to_string(file_dims) + " dimensions, expected " +
               std::to_string(dims));
  }
  std::string graph_path = path + ".hnsw";
  uint64_t size = 0;
  auto sum = FileChecksum(graph_path, &size);
  if (!sum.ok()) return bad("has no readable graph: " + sum.status().message());
  if (size != graph_size || *sum != graph_sum) return bad("has a corrupt graph (checksum)");
  VectorIndex index(dims, options);
  try {
    index.graph_->hnsw = std::make_unique<Hnsw>(&index.graph_->space, graph_path);
  } catch (const std::exception& e) {
    return bad(std::string("has an unreadable graph: ") + e.what());
  }
  Hnsw& h = *index.graph_->hnsw;
  // hnswlib 0.6's loading constructor leaves the deletion count uninitialized: recount.
  h.num_deleted_ = 0;
  for (tableint id = 0; id < h.cur_element_count; ++id) h.num_deleted_ += h.isMarkedDeleted(id);
  if (h.size_data_per_element_ != h.size_links_level0_ + dims * sizeof(float) + sizeof(size_t) ||
      h.offsetData_ != h.size_links_level0_ ||
      h.label_offset_ != h.size_links_level0_ + dims * sizeof(float)) {
    return bad("has a graph of another shape");
  }
  index.graph_->SyncDense();
  index.graph_->hnsw->setEf(options.ef_search);
  if (meta != nullptr) *meta = std::move(saved_meta);
  return index;
}

}  // namespace meridian
