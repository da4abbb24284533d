#include "platform/trust/duplicates.h"

#include <bit>
#include <cctype>
#include <unordered_set>
#include <vector>

#include "base/strings.h"

namespace meridian {
namespace {

uint16_t Band(uint64_t fp, size_t b) {
  return static_cast<uint16_t>(fp >> (16 * b));
}

}  // namespace

uint64_t DuplicateIndex::Fingerprint(std::string_view text) {
  // Words: runs of letters and digits (bytes >= 0x80 count as letters), lowercased.
  std::vector<uint64_t> words;
  std::string word;
  auto flush = [&] {
    if (!word.empty()) words.push_back(Fnv1a64(word));
    word.clear();
  };
  for (char ch : text.substr(0, 200'000)) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) || c >= 0x80) {
      word.push_back(static_cast<char>(std::tolower(c)));
    } else {
      flush();
    }
  }
  flush();
  if (words.size() < kMinShingles + 2) return 0;
  std::array<int, 64> votes{};
  for (size_t i = 0; i + 2 < words.size(); ++i) {
    uint64_t h = words[i] * 0x9E3779B97F4A7C15ULL;
    h ^= words[i + 1] + 0x7F4A7C15ULL + (h << 6) + (h >> 2);
    h ^= words[i + 2] * 0xC2B2AE3D27D4EB4FULL + (h << 6) + (h >> 2);
    h ^= h >> 31;
    h *= 0xBF58476D1CE4E5B9ULL;
    h ^= h >> 29;
    for (int b = 0; b < 64; ++b) votes[b] += (h >> b) & 1 ? 1 : -1;
  }
  uint64_t fp = 0;
  for (int b = 0; b < 64; ++b) {
    if (votes[b] > 0) fp |= uint64_t{1} << b;
  }
  return fp == 0 ? 1 : fp;  // 0 is reserved for "too short"
}

void DuplicateIndex::RemoveLocked(int64_t job_id) {
  auto it = by_id_.find(job_id);
  if (it == by_id_.end()) return;
  for (size_t b = 0; b < bands_.size(); ++b) {
    auto [lo, hi] = bands_[b].equal_range(Band(it->second.fingerprint, b));
    for (auto e = lo; e != hi; ++e) {
      if (e->second == job_id) {
        bands_[b].erase(e);
        break;
      }
    }
  }
  by_id_.erase(it);
}

void DuplicateIndex::Put(int64_t job_id, const std::string& company_slug, uint64_t fingerprint) {
  std::lock_guard lock(mu_);
  RemoveLocked(job_id);
  if (fingerprint == 0) return;
  by_id_[job_id] = {company_slug, fingerprint};
  for (size_t b = 0; b < bands_.size(); ++b) bands_[b].emplace(Band(fingerprint, b), job_id);
}

void DuplicateIndex::Remove(int64_t job_id) {
  std::lock_guard lock(mu_);
  RemoveLocked(job_id);
}

int DuplicateIndex::CountOthers(std::string_view company_slug, uint64_t fingerprint,
                                int64_t except) const {
  if (fingerprint == 0) return 0;
  std::lock_guard lock(mu_);
  std::unordered_set<int64_t> near;
  for (size_t b = 0; b < bands_.size(); ++b) {
    auto [lo, hi] = bands_[b].equal_range(Band(fingerprint, b));
    for (auto e = lo; e != hi; ++e) {
      if (e->second == except || near.contains(e->second)) continue;
      const Entry& other = by_id_.at(e->second);
      if (other.company == company_slug) continue;
      if (std::popcount(other.fingerprint ^ fingerprint) <= kMaxDistance) near.insert(e->second);
    }
  }
  return static_cast<int>(near.size());
}

size_t DuplicateIndex::size() const {
  std::lock_guard lock(mu_);
  return by_id_.size();
}

}  // namespace meridian
