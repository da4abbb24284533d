#include "engine/search/index_file.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <type_traits>

#include "base/checksum.h"
#include "base/file.h"

namespace meridian {
namespace {

constexpr char kMagic[8] = {'M', 'R', 'D', 'N', 'J', 'I', 'X', '\0'};
// magic, version, reserved, change_seq, payload bytes, checksum
constexpr size_t kHeaderBytes = 8 + 4 + 4 + 8 + 8 + 8;

class Writer {
 public:
  explicit Writer(std::FILE* f) : f_(f) {}
  void Bytes(const void* data, size_t n) {
    if (n == 0 || !ok_) return;
    ok_ = std::fwrite(data, 1, n, f_) == n;
    hash_ = Checksum64(hash_, data, n);
    bytes_ += n;
  }
  template <typename T>
  void operator()(std::vector<T>& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    uint64_t n = v.size();
    Bytes(&n, 8);
    Bytes(v.data(), v.size() * sizeof(T));
  }
  void operator()(std::vector<std::string>& v) {
    uint64_t n = v.size();
    Bytes(&n, 8);
    for (const std::string& s : v) (*this)(s);
  }
  void operator()(const std::string& s) {
    auto len = static_cast<uint32_t>(s.size());
    Bytes(&len, 4);
    Bytes(s.data(), s.size());
  }
  void operator()(double (&values)[3]) { Bytes(values, sizeof(values)); }
  bool ok() const { return ok_; }
  uint64_t hash() const { return hash_; }
  uint64_t bytes() const { return bytes_; }

 private:
  std::FILE* f_;
  bool ok_ = true;
  uint64_t hash_ = 0;
  uint64_t bytes_ = 0;
};

class Reader {
 public:
  Reader(std::FILE* f, uint64_t payload) : f_(f), left_(payload) {}
  bool Bytes(void* data, size_t n) {
    if (!ok_ || n > left_) return ok_ = false;
    if (n == 0) return true;
    if (std::fread(data, 1, n, f_) != n) return ok_ = false;
    left_ -= n;
    hash_ = Checksum64(hash_, data, n);
    return true;
  }
  template <typename T>
  void operator()(std::vector<T>& v) {
    uint64_t n = 0;
    if (!Bytes(&n, 8) || n > left_ / sizeof(T)) {
      ok_ = false;
      return;
    }
    v.resize(n);
    Bytes(v.data(), n * sizeof(T));
  }
  void operator()(std::vector<std::string>& v) {
    uint64_t n = 0;
    if (!Bytes(&n, 8) || n > left_ / 4) {
      ok_ = false;
      return;
    }
    v.resize(n);
    for (std::string& s : v) (*this)(s);
  }
  void operator()(std::string& s) {
    uint32_t len = 0;
    if (!Bytes(&len, 4) || len > left_) {
      ok_ = false;
      return;
    }
    s.resize(len);
    Bytes(s.data(), len);
  }
  void operator()(double (&values)[3]) { Bytes(values, sizeof(values)); }
  bool ok() const { return ok_; }
  uint64_t hash() const { return hash_; }
  uint64_t left() const { return left_; }

 private:
  std::FILE* f_;
  bool ok_ = true;
  uint64_t left_;
  uint64_t hash_ = 0;
};

struct CloseFile {
  void operator()(std::FILE* f) const {
    if (f) std::fclose(f);
  }
};
using File = std::unique_ptr<std::FILE, CloseFile>;

}  // namespace

// Every field, in file order; the writer and the reader walk the same list.
template <typename Archive>
void VisitIndex(Archive& ar, JobIndex& x) {
  ar(x.dict_.blob_);
  ar(x.dict_.offsets_);
  ar(x.postings_start_);
  ar(x.post_docs_);
  ar(x.post_tf_);
  ar(x.idf_);
  for (auto& lengths : x.field_len_) ar(lengths);
  ar(x.avg_len_);
  ar(x.slugs_);
  ar(x.by_slug_);
  ar(x.posted_at_);
  ar(x.valid_through_);
  ar(x.salary_min_);
  ar(x.salary_max_);
  for (JobIndex::Column* c : {&x.company_, &x.seniority_, &x.employment_, &x.status_, &x.window_}) {
    ar(c->values);
    ar(c->of_doc);
  }
  ar(x.area_values_);
  ar(x.areas_start_);
  ar(x.area_ids_);
  ar(x.tag_values_);
  ar(x.tags_start_);
  ar(x.tag_ids_);
  ar(x.pairs_start_);
  ar(x.pairs_);
}

// The structure a search relies on: sizes agree and every id points inside its table, so
// a file that passed the checksum but was written by a buggy build still cannot crash it.
Status ValidateIndex(const JobIndex& x) {
  const size_t n = x.slugs_.size();
  const size_t terms = x.dict_.offsets_.empty() ? 0 : x.dict_.offsets_.size() - 1;
  auto bad = [](const char* what) { return DataLossError(std::string("index file: ") + what); };
  for (size_t t = 0; t + 1 < x.dict_.offsets_.size(); ++t) {
    if (x.dict_.offsets_[t] > x.dict_.offsets_[t + 1]) return bad("dictionary offsets");
  }
  if (!x.dict_.offsets_.empty() && x.dict_.offsets_.back() != x.dict_.blob_.size()) {
    return bad("dictionary size");
  }
  if (x.postings_start_.size() != terms + 1 || x.idf_.size() != terms) return bad("term tables");
  for (size_t t = 0; t < terms; ++t) {
    if (x.postings_start_[t] > x.postings_start_[t + 1]) return bad("postings offsets");
  }
  if (x.postings_start_.back() != x.post_docs_.size() || x.post_tf_.size() != x.post_docs_.size()) {
    return bad("postings size");
  }
  for (uint32_t d : x.post_docs_) {
    if (d >= n) return bad("posting document");
  }
  for (const auto& lengths : x.field_len_) {
    if (lengths.size() != n) return bad("field lengths");
  }
  if (x.by_slug_.size() != n || x.posted_at_.size() != n || x.valid_through_.size() != n ||
      x.salary_min_.size() != n || x.salary_max_.size() != n) {
    return bad("document columns");
  }
  for (uint32_t d : x.by_slug_) {
    if (d >= n) return bad("slug order");
  }
  for (const JobIndex::Column* c :
       {&x.company_, &x.seniority_, &x.employment_, &x.status_, &x.window_}) {
    if (c->of_doc.size() != n) return bad("column size");
    for (uint32_t v : c->of_doc) {
      if (v >= c->values.size()) return bad("column value");
    }
  }
  auto check_lists = [&](const std::vector<uint32_t>& start, const std::vector<uint32_t>& ids,
                         size_t values) {
    if (start.size() != n + 1 || start.front() != 0 || start.back() != ids.size()) return false;
    for (size_t d = 0; d < n; ++d) {
      if (start[d] > start[d + 1]) return false;
    }
    for (uint32_t v : ids) {
      if (v >= values) return false;
    }
    return true;
  };
  if (!check_lists(x.areas_start_, x.area_ids_, x.area_values_.size())) return bad("areas");
  if (!check_lists(x.tags_start_, x.tag_ids_, x.tag_values_.size())) return bad("tags");
  if (x.pairs_start_.size() != n + 1 || x.pairs_start_.front() != 0 ||
      x.pairs_start_.back() != x.pairs_.size()) {
    return bad("phrase filters");
  }
  for (size_t d = 0; d < n; ++d) {
    if (x.pairs_start_[d] > x.pairs_start_[d + 1]) return bad("phrase filters");
  }
  return OkStatus();
}

Status JobIndexFile::Write(const JobIndex& index, int64_t change_seq, const std::string& path) {
  Status s = ReplaceFile(path, [&](std::FILE* f) {
    // The header goes last, once the payload's length and checksum are known.
    unsigned char header[kHeaderBytes] = {};
    if (std::fwrite(header, 1, kHeaderBytes, f) != kHeaderBytes) return false;
    Writer w(f);
    VisitIndex(w, const_cast<JobIndex&>(index));  // the writer only reads
    uint32_t version = kFormatVersion, reserved = 0;
    uint64_t payload = w.bytes(), hash = w.hash();
    std::memcpy(header, kMagic, 8);
    std::memcpy(header + 8, &version, 4);
    std::memcpy(header + 12, &reserved, 4);
    std::memcpy(header + 16, &change_seq, 8);
    std::memcpy(header + 24, &payload, 8);
    std::memcpy(header + 32, &hash, 8);
    return w.ok() && std::fseek(f, 0, SEEK_SET) == 0 &&
           std::fwrite(header, 1, kHeaderBytes, f) == kHeaderBytes;
  });
  if (!s.ok()) return InternalError("index file: " + s.message());
  return OkStatus();
}

StatusOr<JobIndexFile::Loaded> JobIndexFile::Read(const std::string& path) {
  File f(std::fopen(path.c_str(), "rb"));
  if (!f) {
    if (errno == ENOENT) return NotFoundError("index file: " + path + " does not exist");
    return DataLossError("index file: cannot open " + path + ": " + std::strerror(errno));
  }
  unsigned char header[kHeaderBytes];
  if (std::fread(header, 1, kHeaderBytes, f.get()) != kHeaderBytes) {
    return DataLossError("index file: " + path + " is truncated");
  }
  if (std::memcmp(header, kMagic, 8) != 0) {
    return DataLossError("index file: " + path + " is not a Meridian index");
  }
  uint32_t version;
  uint64_t payload, hash;
  Loaded out;
  std::memcpy(&version, header + 8, 4);
  std::memcpy(&out.change_seq, header + 16, 8);
  std::memcpy(&payload, header + 24, 8);
  std::memcpy(&hash, header + 32, 8);
  if (version != kFormatVersion) {
    return DataLossError("index file: " + path + " has format " + std::to_string(version) +
                         ", this build reads " + std::to_string(kFormatVersion));
  }
  if (FileBytes(path) != kHeaderBytes + payload) {
    return DataLossError("index file: " + path + " has the wrong size (truncated?)");
  }
  Reader r(f.get(), payload);
  VisitIndex(r, out.index);
  if (!r.ok() || r.left() != 0 || r.hash() != hash) {
    return DataLossError("index file: " + path + " is corrupt (checksum mismatch)");
  }
  RETURN_IF_ERROR(ValidateIndex(out.index));
  out.index.ComputeFieldWeights();
  return out;
}

uint64_t JobIndexFile::FileBytes(const std::string& path) {
  std::error_code ec;
  auto n = std::filesystem::file_size(path, ec);
  return ec ? 0 : static_cast<uint64_t>(n);
}

}  // namespace meridian
