#include "engine/ml/text_features.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <unordered_map>

#include "engine/ml/byte_io.h"

namespace meridian {
namespace {

// Decodes the code point at `*at` and advances past it; returns -1 (and advances one byte)
// for an invalid, overlong or truncated sequence.
int32_t NextCodePoint(std::string_view s, size_t* at) {
  const auto b0 = static_cast<unsigned char>(s[*at]);
  if (b0 < 0x80) {
    ++*at;
    return b0;
  }
  size_t len = 0;
  int32_t cp = 0, min = 0;
  if ((b0 & 0xE0) == 0xC0) {
    len = 2, cp = b0 & 0x1F, min = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3, cp = b0 & 0x0F, min = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4, cp = b0 & 0x07, min = 0x10000;
  } else {
    ++*at;
    return -1;
  }
  if (s.size() - *at < len) {
    ++*at;
    return -1;
  }
  for (size_t i = 1; i < len; ++i) {
    const auto b = static_cast<unsigned char>(s[*at + i]);
    if ((b & 0xC0) != 0x80) {
      ++*at;
      return -1;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    ++*at;
    return -1;
  }
  *at += len;
  return cp;
}

bool IsEmoji(int32_t cp) {
  return (cp >= 0x1F000 && cp <= 0x1FAFF) || (cp >= 0x2600 && cp <= 0x27BF);
}

// Letters and digits of any script; punctuation, symbols, spaces and controls separate.
bool IsWordChar(int32_t cp) {
  if (cp < 0x80) {
    return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
  }
  if (cp < 0xC0) return cp == 0xAA || cp == 0xB5 || cp == 0xBA;
  if (cp == 0xD7 || cp == 0xF7) return false;
  if (cp >= 0x2000 && cp <= 0x2BFF) return false;  // punctuation, arrows, math, shapes
  if (cp >= 0x3000 && cp <= 0x303F) return false;  // CJK punctuation
  if (cp >= 0xFE00 && cp <= 0xFE0F) return false;  // variation selectors
  if (cp >= 0xFF00 && cp <= 0xFF0F) return false;  // full-width punctuation
  if (cp == 0xFEFF || cp == 0xFFFD) return false;
  return true;
}

// Simple case folding for Latin, Greek and Cyrillic; other scripts are left as they are.
int32_t Lower(int32_t cp) {
  if (cp >= 'A' && cp <= 'Z') return cp + 32;
  if (cp < 0xC0) return cp;
  if (cp <= 0xDE && cp != 0xD7) return cp + 32;
  if (cp >= 0x100 && cp <= 0x17F) {
    const bool even_upper =
        (cp <= 0x12F) || (cp >= 0x132 && cp <= 0x137) || (cp >= 0x14A && cp <= 0x177);
    const bool odd_upper = (cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E);
    if ((even_upper && cp % 2 == 0) || (odd_upper && cp % 2 == 1)) return cp + 1;
    return cp;
  }
  if (cp >= 0x391 && cp <= 0x3A9 && cp != 0x3A2) return cp + 32;
  if (cp >= 0x410 && cp <= 0x42F) return cp + 32;
  if (cp >= 0x400 && cp <= 0x40F) return cp + 80;
  return cp;
}

void AppendUtf8(int32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// One-byte kind tags hashed before a term's bytes, so that the word "abc" and the char
// n-gram "abc" land in different buckets.
const uint64_t kWordSeed = Fnv1a(kFnvOffset, "w");
const uint64_t kBigramSeed = Fnv1a(kFnvOffset, "b");
const uint64_t kCharSeed = Fnv1a(kFnvOffset, "c");

uint32_t Bucket(uint64_t h, uint32_t bits) {
  return static_cast<uint32_t>((h ^ (h >> 32)) & ((uint64_t{1} << bits) - 1));
}

// Calls fn(kind, hash, a, b) for every term of `text`: a is the word, the bigram's first word
// or the char n-gram; b is the bigram's second word (empty otherwise).
template <typename Fn>
void ForEachTerm(std::string_view text, const TextFeatureOptions& o, Fn&& fn) {
  const std::vector<std::string> tokens = WordTokens(text, o.max_bytes);
  std::string padded;
  std::vector<uint32_t> starts;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const std::string& t = tokens[i];
    fn('w', Fnv1a(kWordSeed, t), std::string_view(t), std::string_view());
    if (o.word_bigrams && i + 1 < tokens.size()) {
      const uint64_t h = Fnv1a(Fnv1a(Fnv1a(kBigramSeed, t), "\x1f"), tokens[i + 1]);
      fn('b', h, std::string_view(t), std::string_view(tokens[i + 1]));
    }
    if (o.char_min == 0 || o.char_max < o.char_min) continue;
    padded.assign(" ");
    padded += t;
    padded += ' ';
    starts.clear();
    for (uint32_t at = 0; at < padded.size(); ++at) {
      if ((static_cast<unsigned char>(padded[at]) & 0xC0) != 0x80) starts.push_back(at);
    }
    const size_t cps = starts.size();
    starts.push_back(static_cast<uint32_t>(padded.size()));
    if (cps - 2 > o.max_token_chars) continue;
    for (size_t n = o.char_min; n <= o.char_max && n <= cps; ++n) {
      for (size_t s = 0; s + n <= cps; ++s) {
        const std::string_view gram(padded.data() + starts[s], starts[s + n] - starts[s]);
        fn('c', Fnv1a(kCharSeed, gram), gram, std::string_view());
      }
    }
  }
}

std::string DisplayName(char kind, std::string_view a, std::string_view b) {
  if (kind == 'b') return std::string(a) + " " + std::string(b);
  if (kind == 'c') return "chars:\"" + std::string(a) + "\"";
  return std::string(a);
}

}  // namespace

uint64_t Fnv1a(uint64_t h, std::string_view bytes) {
  for (char c : bytes) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  return h;
}

std::vector<std::string> WordTokens(std::string_view text, uint64_t max_bytes) {
  if (text.size() > max_bytes) text = text.substr(0, max_bytes);
  std::vector<std::string> tokens;
  std::string current;
  size_t at = 0;
  auto flush = [&] {
    if (!current.empty()) tokens.push_back(std::move(current));
    current.clear();
  };
  while (at < text.size()) {
    const int32_t cp = NextCodePoint(text, &at);
    if (cp >= 0 && IsEmoji(cp)) {
      flush();
      AppendUtf8(cp, &current);
      flush();
    } else if (cp >= 0 && IsWordChar(cp)) {
      AppendUtf8(Lower(cp), &current);
    } else {
      flush();
    }
  }
  flush();
  return tokens;
}

StatusOr<TextFeatures> TextFeatures::Fit(std::span<const std::string_view> texts,
                                         std::span<const bool> labels,
                                         const TextFeatureOptions& options) {
  if (texts.empty()) return InvalidArgumentError("text features: no training texts");
  if (!labels.empty() && labels.size() != texts.size()) {
    return InvalidArgumentError("text features: one label per text");
  }
  if (options.hash_bits < 8 || options.hash_bits > 26) {
    return InvalidArgumentError("text features: hash_bits must be 8..26");
  }
  const size_t size = size_t{1} << options.hash_bits;
  std::vector<uint32_t> df(size), positive_df(labels.empty() ? 0 : size);
  std::vector<uint32_t> seen;
  size_t positives = 0;
  for (size_t d = 0; d < texts.size(); ++d) {
    seen.clear();
    ForEachTerm(texts[d], options, [&](char, uint64_t h, std::string_view, std::string_view) {
      seen.push_back(Bucket(h, options.hash_bits));
    });
    std::sort(seen.begin(), seen.end());
    seen.erase(std::unique(seen.begin(), seen.end()), seen.end());
    const bool positive = !labels.empty() && labels[d];
    positives += positive ? 1 : 0;
    for (uint32_t b : seen) {
      ++df[b];
      if (positive) ++positive_df[b];
    }
  }

  std::vector<uint32_t> candidates;
  for (uint32_t b = 0; b < size; ++b) {
    if (df[b] >= std::max<uint32_t>(options.min_df, 1)) candidates.push_back(b);
  }
  if (candidates.empty()) {
    return InvalidArgumentError("text features: no term occurs in min_df training texts");
  }
  const double n = static_cast<double>(texts.size());
  std::vector<double> score(size);
  const bool chi = options.selection == FeatureSelection::kChiSquare && !labels.empty() &&
                   positives > 0 && positives < texts.size();
  for (uint32_t b : candidates) {
    if (!chi) {
      score[b] = df[b];
      continue;
    }
    // The 2x2 table of term presence against the label.
    const double a = positive_df[b], bb = df[b] - positive_df[b];
    const double c = static_cast<double>(positives) - a, d = n - positives - bb;
    const double den = (a + bb) * (c + d) * (a + c) * (bb + d);
    score[b] = den > 0 ? n * (a * d - bb * c) * (a * d - bb * c) / den : 0;
  }
  if (candidates.size() > options.max_features) {
    std::stable_sort(candidates.begin(), candidates.end(),
                     [&](uint32_t x, uint32_t y) { return score[x] > score[y]; });
    candidates.resize(options.max_features);
    std::sort(candidates.begin(), candidates.end());
  }

  TextFeatures f;
  f.options_ = options;
  f.buckets_ = candidates;
  f.idf_.resize(candidates.size());
  for (size_t c = 0; c < candidates.size(); ++c) {
    f.idf_[c] = static_cast<float>(std::log((1 + n) / (1.0 + df[candidates[c]])) + 1);
  }
  f.kept_.resize(candidates.size());
  std::iota(f.kept_.begin(), f.kept_.end(), uint32_t{0});
  f.Index();

  // Names: the most frequent term of each kept bucket, counted by full 64-bit hash.
  struct Seen {
    uint32_t count = 0;
    std::string name;
  };
  std::unordered_map<uint64_t, Seen> terms;
  const size_t name_texts =
      options.name_texts == 0 ? texts.size() : std::min<size_t>(texts.size(), options.name_texts);
  for (size_t d = 0; d < name_texts; ++d) {
    ForEachTerm(texts[d], options,
                [&](char kind, uint64_t h, std::string_view a, std::string_view b) {
                  if (f.column_of_[Bucket(h, options.hash_bits)] < 0) return;
                  Seen& s = terms[h];
                  if (s.count++ == 0) s.name = DisplayName(kind, a, b);
                });
  }
  f.names_.assign(candidates.size(), {});
  std::vector<uint32_t> best(candidates.size(), 0);
  for (auto& [h, s] : terms) {
    const auto c = static_cast<size_t>(f.column_of_[Bucket(h, options.hash_bits)]);
    if (s.count > best[c] || (s.count == best[c] && s.name < f.names_[c])) {
      best[c] = s.count;
      f.names_[c] = std::move(s.name);
    }
  }
  for (size_t c = 0; c < candidates.size(); ++c) {
    if (f.names_[c].empty()) f.names_[c] = "#" + std::to_string(candidates[c]);
  }
  return f;
}

void TextFeatures::Index() {
  column_of_.assign(size_t{1} << options_.hash_bits, -1);
  for (size_t c = 0; c < buckets_.size(); ++c) column_of_[buckets_[c]] = static_cast<int32_t>(c);
  output_of_.assign(buckets_.size(), -1);
  for (size_t o = 0; o < kept_.size(); ++o) output_of_[kept_[o]] = static_cast<int32_t>(o);
}

Status TextFeatures::SetCaps(std::span<const float> caps) {
  if (caps.empty()) {
    cap_.clear();
    return OkStatus();
  }
  if (caps.size() != kept_.size()) return InvalidArgumentError("text features: one cap per column");
  cap_.assign(buckets_.size(), std::numeric_limits<float>::infinity());
  for (size_t o = 0; o < kept_.size(); ++o) cap_[kept_[o]] = caps[o];
  return OkStatus();
}

Status TextFeatures::Restrict(std::span<const uint32_t> keep) {
  if (!std::is_sorted(keep.begin(), keep.end()) ||
      std::adjacent_find(keep.begin(), keep.end()) != keep.end() ||
      (!keep.empty() && keep.back() >= kept_.size())) {
    return InvalidArgumentError("text features: Restrict needs ascending, distinct columns");
  }
  std::vector<uint32_t> kept;
  for (uint32_t o : keep) kept.push_back(kept_[o]);
  kept_ = std::move(kept);
  Index();
  return OkStatus();
}

SparseVector TextFeatures::Transform(std::string_view text) const {
  std::vector<float> tf(buckets_.size(), 0.0f);
  SparseVector v;
  ForEachTerm(text, options_, [&](char, uint64_t h, std::string_view, std::string_view) {
    const int32_t c = column_of_[Bucket(h, options_.hash_bits)];
    if (c < 0) return;
    if (tf[c] == 0) v.columns.push_back(static_cast<uint32_t>(c));
    tf[c] += 1;
  });
  std::sort(v.columns.begin(), v.columns.end());
  double norm = 0;
  for (uint32_t c : v.columns) {
    tf[c] = (1.0f + std::log(tf[c])) * idf_[c];
    norm += static_cast<double>(tf[c]) * tf[c];
  }
  const auto inv = norm > 0 ? static_cast<float>(1.0 / std::sqrt(norm)) : 0.0f;
  size_t out = 0;
  for (uint32_t c : v.columns) {
    if (output_of_[c] < 0) continue;
    v.columns[out++] = static_cast<uint32_t>(output_of_[c]);
    v.values.push_back(cap_.empty() ? tf[c] * inv : std::min(tf[c] * inv, cap_[c]));
  }
  v.columns.resize(out);
  return v;
}

uint32_t TextFeatures::BucketOf(char kind, std::string_view term) const {
  const uint64_t seed = kind == 'c' ? kCharSeed : kind == 'b' ? kBigramSeed : kWordSeed;
  return Bucket(Fnv1a(seed, term), options_.hash_bits);
}

std::string TextFeatures::Serialize() const {
  ml::ByteWriter w;
  const TextFeatureOptions& o = options_;
  w.Put(o.hash_bits);
  w.Put(o.char_min);
  w.Put(o.char_max);
  w.Put(static_cast<uint8_t>(o.word_bigrams ? 1 : 0));
  w.Put(o.max_token_chars);
  w.Put(o.max_bytes);
  w.PutVector(buckets_);
  w.PutVector(idf_);
  w.PutStrings(names_);
  w.PutVector(kept_);
  w.PutVector(cap_);
  return w.Take();
}

StatusOr<TextFeatures> TextFeatures::Deserialize(std::string_view bytes) {
  ml::ByteReader r(bytes);
  TextFeatures f;
  TextFeatureOptions& o = f.options_;
  o.hash_bits = r.Get<uint32_t>();
  o.char_min = r.Get<uint32_t>();
  o.char_max = r.Get<uint32_t>();
  o.word_bigrams = r.Get<uint8_t>() != 0;
  o.max_token_chars = r.Get<uint32_t>();
  o.max_bytes = r.Get<uint64_t>();
  r.GetVector(&f.buckets_);
  r.GetVector(&f.idf_);
  r.GetStrings(&f.names_);
  r.GetVector(&f.kept_);
  r.GetVector(&f.cap_);
  if (!r.done() || (!f.cap_.empty() && f.cap_.size() != f.buckets_.size()) ||
      !std::is_sorted(f.kept_.begin(), f.kept_.end()) ||
      (!f.kept_.empty() && f.kept_.back() >= f.buckets_.size()) || o.hash_bits < 8 ||
      o.hash_bits > 26 || o.char_max > 64 || f.idf_.size() != f.buckets_.size() ||
      f.names_.size() != f.buckets_.size() ||
      !std::is_sorted(f.buckets_.begin(), f.buckets_.end()) ||
      (!f.buckets_.empty() && f.buckets_.back() >= (uint32_t{1} << o.hash_bits))) {
    return DataLossError("text features: malformed vocabulary");
  }
  f.Index();
  return f;
}

}  // namespace meridian
