// Little helpers for the ML artifacts' binary contents (little-endian, as the machine
// writes): a writer that appends values and length-prefixed strings, and a reader whose
// every read fails once one has (a short or corrupt input), so that callers check ok() once
// at the end.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace meridian::ml {

class ByteWriter {
 public:
  void Put(const void* data, size_t n) { out_.append(static_cast<const char*>(data), n); }
  template <typename T>
  void Put(T value) {
    Put(&value, sizeof value);
  }
  void PutString(std::string_view s) {
    Put(uint64_t{s.size()});
    Put(s.data(), s.size());
  }
  void PutStrings(const std::vector<std::string>& strings) {
    Put(uint64_t{strings.size()});
    for (const std::string& s : strings) PutString(s);
  }
  template <typename T>
  void PutVector(const std::vector<T>& v) {
    Put(uint64_t{v.size()});
    Put(v.data(), v.size() * sizeof(T));
  }
  std::string Take() { return std::move(out_); }

 private:
  std::string out_;
};

class ByteReader {
 public:
  explicit ByteReader(std::string_view in) : in_(in) {}
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
  std::string_view GetString() {
    auto n = Get<uint64_t>();
    if (!ok_ || n > in_.size() - at_) {
      ok_ = false;
      return {};
    }
    std::string_view s = in_.substr(at_, n);
    at_ += n;
    return s;
  }
  bool GetStrings(std::vector<std::string>* strings) {
    auto n = Get<uint64_t>();
    // Each string takes at least its 8-byte length.
    if (!ok_ || n > (in_.size() - at_) / 8) return ok_ = false;
    strings->clear();
    strings->reserve(n);
    for (uint64_t i = 0; i < n && ok_; ++i) strings->emplace_back(GetString());
    return ok_;
  }
  template <typename T>
  bool GetVector(std::vector<T>* v) {
    auto n = Get<uint64_t>();
    if (!ok_ || n > (in_.size() - at_) / sizeof(T)) return ok_ = false;
    v->resize(n);
    return Get(v->data(), n * sizeof(T));
  }
  bool ok() const { return ok_; }
  bool done() const { return ok_ && at_ == in_.size(); }

 private:
  std::string_view in_;
  size_t at_ = 0;
  bool ok_ = true;
};

}  // namespace meridian::ml
