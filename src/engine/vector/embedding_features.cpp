#include "engine/vector/embedding_features.h"

namespace meridian {

FeatureGroup GroupOf(std::string_view feature) {
  if (!feature.empty() && feature[0] == '\x01') return FeatureGroup::kBigram;
  if (!feature.empty() && feature[0] == '\x02') return FeatureGroup::kSubword;
  return FeatureGroup::kTerm;
}

std::string BigramFeature(std::string_view first, std::string_view second) {
  std::string f = "\x01";
  f.append(first).append(" ").append(second);
  return f;
}

void AppendSubwords(std::string_view term, const FeatureOptions& options,
                    std::vector<std::string>* out) {
  // N-grams of code points (titles mix Latin and Cyrillic), with "<" and ">" marking the
  // word's edges so that prefixes and suffixes are features of their own.
  std::string bounded = "<";
  bounded.append(term).append(">");
  std::vector<size_t> starts;  // byte offset of each code point, then the end
  for (size_t b = 0; b < bounded.size(); ++b) {
    if ((static_cast<unsigned char>(bounded[b]) & 0xC0) != 0x80) starts.push_back(b);
  }
  const size_t points = starts.size();
  starts.push_back(bounded.size());
  for (size_t n = options.min_n; n <= options.max_n && n < points; ++n) {
    for (size_t s = 0; s + n <= points; ++s) {
      out->push_back("\x02" + bounded.substr(starts[s], starts[s + n] - starts[s]));
    }
  }
}

void AppendFeatures(const std::vector<std::string>& terms, const FeatureOptions& options,
                    std::vector<std::string>* out) {
  for (size_t i = 0; i < terms.size(); ++i) {
    if (terms[i].empty()) continue;
    out->push_back(terms[i]);
    if (options.bigrams && i + 1 < terms.size() && !terms[i + 1].empty()) {
      out->push_back(BigramFeature(terms[i], terms[i + 1]));
    }
    if (options.subwords) AppendSubwords(terms[i], options, out);
  }
}

}  // namespace meridian
