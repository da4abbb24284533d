// The embedding model's bytes (format 2): what Serialize returns and Save writes. After a
// fixed header
//   magic "MRDNEMB\0", u32 version, u64 dims (total), u64 contents size, u64 checksum
// holds these contents (little-endian, as written by the machine):
//   f32 skill_share
//   text part:  u64 dims (singular and sketch), u8 flags (1 bigrams, 2 subwords),
//               3 x f32 shares (terms, bigrams, subwords),
//               u64 n, n x (u32 length, bytes) features (sorted), n x f32 idf,
//               n x dims x f32 projection
//   skill part: u64 dims, u64 n, n x (u32 length, bytes) items (sorted), n x f32 idf,
//               n x dims x f32 vectors
// Format 1 (text part only, no id) is refused: such a model must be retrained.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string_view>

#include "base/checksum.h"
#include "base/file.h"
#include "engine/vector/embedding_model.h"

namespace meridian {
namespace {

constexpr char kMagic[8] = {'M', 'R', 'D', 'N', 'E', 'M', 'B', '\0'};
constexpr uint64_t kMaxDims = 4096;
// magic, version, dims, contents size, checksum
constexpr size_t kHeader = 8 + 4 + 8 + 8 + 8;

class Writer {
 public:
  void Put(const void* data, size_t n) { out_.append(static_cast<const char*>(data), n); }
  template <typename T>
  void Put(T value) {
    Put(&value, sizeof value);
  }
  void PutStrings(const std::vector<std::string>& strings) {
    Put(uint64_t{strings.size()});
    for (const std::string& s : strings) {
      Put(static_cast<uint32_t>(s.size()));
      Put(s.data(), s.size());
    }
  }
  void PutFloats(const std::vector<float>& v) { Put(v.data(), v.size() * sizeof(float)); }
  std::string Take() { return std::move(out_); }

 private:
  std::string out_;
};

// Reads what Writer wrote; every read fails once one has (a short or bad file).
class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  bool Get(void* out, size_t n) {
    if (!ok_ || n > in_.size() - at_) return ok_ = false;
    if (n > 0) std::memcpy(out, in_.data() + at_, n);
    at_ += n;
    return true;
  }
  template <typename T>
  T Get() {
    T value{};
    Get(&value, sizeof value);
    return value;
  }
  bool GetStrings(std::vector<std::string>* strings) {
    auto n = Get<uint64_t>();
    if (!ok_ || n > (in_.size() - at_) / 4) return ok_ = false;
    strings->resize(n);
    for (std::string& s : *strings) {
      auto len = Get<uint32_t>();
      if (!ok_ || len > in_.size() - at_) return ok_ = false;
      s.assign(in_.data() + at_, len);
      at_ += len;
    }
    return std::is_sorted(strings->begin(), strings->end()) || (ok_ = false);
  }
  bool GetFloats(size_t n, std::vector<float>* v) {
    if (!ok_ || n > (in_.size() - at_) / sizeof(float)) return ok_ = false;
    v->resize(n);
    return Get(v->data(), n * sizeof(float));
  }
  bool done() const { return ok_ && at_ == in_.size(); }
  bool ok() const { return ok_; }

 private:
  std::string_view in_;
  size_t at_ = 0;
  bool ok_ = true;
};

}  // namespace

std::string EmbeddingModel::Contents() const {
  Writer w;
  w.Put(skill_share_);
  w.Put(uint64_t{text_.dims});
  w.Put(static_cast<uint8_t>((text_.bigrams ? 1 : 0) | (text_.subwords ? 2 : 0)));
  w.Put(text_.shares, sizeof text_.shares);
  w.PutStrings(text_.vocab);
  w.PutFloats(text_.idf);
  w.PutFloats(text_.projection);
  w.Put(uint64_t{skill_.dims});
  w.PutStrings(skill_.items);
  w.PutFloats(skill_.idf);
  w.PutFloats(skill_.vectors);
  return w.Take();
}

void EmbeddingModel::Index(uint64_t checksum) {
  text_.index.clear();
  for (uint32_t i = 0; i < text_.vocab.size(); ++i) text_.index.emplace(text_.vocab[i], i);
  skill_.index.clear();
  for (uint32_t i = 0; i < skill_.items.size(); ++i) skill_.index.emplace(skill_.items[i], i);
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(checksum));
  id_ = std::string("emb-") + hex;
}

std::string EmbeddingModel::Serialize() const {
  std::string contents = Contents();
  Writer w;
  w.Put(kMagic, sizeof kMagic);
  w.Put(kFormatVersion);
  w.Put(uint64_t{dims()});
  w.Put(uint64_t{contents.size()});
  w.Put(Checksum64(0, contents.data(), contents.size()));
  w.Put(contents.data(), contents.size());
  return w.Take();
}

Status EmbeddingModel::Save(const std::string& path) const {
  std::string bytes = Serialize();
  Status s = ReplaceFile(path, [&](std::FILE* f) {
    return std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
  });
  if (!s.ok()) return InternalError("embeddings: " + s.message());
  return OkStatus();
}

StatusOr<EmbeddingModel> EmbeddingModel::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFoundError("embeddings: " + path + " does not exist");
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return FromBytes(bytes, path);
}

StatusOr<EmbeddingModel> EmbeddingModel::Deserialize(std::string_view bytes) {
  return FromBytes(bytes, "model");
}

StatusOr<EmbeddingModel> EmbeddingModel::FromBytes(std::string_view bytes,
                                                   const std::string& source) {
  auto bad = [&](const std::string& why) {
    return DataLossError("embeddings: " + source + " " + why);
  };
  Reader header(bytes.substr(0, kHeader));
  char magic[8];
  bool ok = header.Get(magic, 8) && std::memcmp(magic, kMagic, 8) == 0;
  auto version = header.Get<uint32_t>();
  if (ok && header.ok() && version != kFormatVersion) {
    return bad("is embeddings format version " + std::to_string(version) +
               "; this build reads version " + std::to_string(kFormatVersion) +
               " only: train the model again");
  }
  auto total = header.Get<uint64_t>(), size = header.Get<uint64_t>(), sum = header.Get<uint64_t>();
  if (!ok || !header.done() || size != bytes.size() - kHeader || total == 0 || total > kMaxDims) {
    return bad("is truncated, or not an embeddings file");
  }
  std::string_view contents = bytes.substr(kHeader);
  if (Checksum64(0, contents.data(), contents.size()) != sum) return bad("is corrupt (checksum)");

  EmbeddingModel m;
  Reader r(contents);
  m.skill_share_ = r.Get<float>();
  m.text_.dims = r.Get<uint64_t>();
  auto flags = r.Get<uint8_t>();
  m.text_.bigrams = (flags & 1) != 0;
  m.text_.subwords = (flags & 2) != 0;
  r.Get(m.text_.shares, sizeof m.text_.shares);
  r.GetStrings(&m.text_.vocab);
  size_t n = m.text_.vocab.size();
  if (r.ok() && m.text_.dims <= kMaxDims) {
    r.GetFloats(n, &m.text_.idf);
    r.GetFloats(n * m.text_.dims, &m.text_.projection);
  }
  m.skill_.dims = r.Get<uint64_t>();
  r.GetStrings(&m.skill_.items);
  n = m.skill_.items.size();
  if (r.ok() && m.skill_.dims <= kMaxDims) {
    r.GetFloats(n, &m.skill_.idf);
    r.GetFloats(n * m.skill_.dims, &m.skill_.vectors);
  }
  auto share = [](float s) { return s >= 0 && s <= 1; };  // false for NaN
  if (!r.done() || m.text_.dims > kMaxDims || m.skill_.dims > kMaxDims || m.dims() != total ||
      !share(m.skill_share_) ||
      !std::all_of(std::begin(m.text_.shares), std::end(m.text_.shares), share)) {
    return bad("has inconsistent contents");
  }
  m.Index(sum);
  return m;
}

}  // namespace meridian
