// Near-duplicate post texts across companies (issue 7's "duplicate text" scam signal): a
// 64-bit SimHash of each post's word 3-shingles; two texts within Hamming distance 3 are
// near-duplicates. Candidates are found through 4 bands of 16 bits: two fingerprints
// within distance 3 agree on at least one band (pigeonhole), so no pair is missed.
// Thread-safe.
//
//   DuplicateIndex dups;
//   dups.Put(job.id, job.company_slug, DuplicateIndex::Fingerprint(text));
//   int n = dups.CountOthers(company, fp, job.id);  // posts of other companies
#pragma once

#include <array>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace meridian {

class DuplicateIndex {
 public:
  // 0 for texts too short to compare (fewer than kMinShingles shingles).
  static uint64_t Fingerprint(std::string_view text);
  static constexpr int kMaxDistance = 3;
  static constexpr size_t kMinShingles = 20;

  // Adds or replaces job_id's fingerprint; a 0 fingerprint only removes it.
  void Put(int64_t job_id, const std::string& company_slug, uint64_t fingerprint);
  void Remove(int64_t job_id);
  // Posts of other companies within kMaxDistance of `fingerprint`, not counting `except`.
  int CountOthers(std::string_view company_slug, uint64_t fingerprint, int64_t except) const;
  size_t size() const;

 private:
  struct Entry {
    std::string company;
    uint64_t fingerprint = 0;
  };
  void RemoveLocked(int64_t job_id);

  mutable std::mutex mu_;
  std::unordered_map<int64_t, Entry> by_id_;
  std::array<std::unordered_multimap<uint16_t, int64_t>, 4> bands_;
};

}  // namespace meridian
