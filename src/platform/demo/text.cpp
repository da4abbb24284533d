// Text helpers (text.h) and the deterministic random helpers declared in random.h.
#include "platform/demo/text.h"

#include <cmath>
#include <cstdio>

#include "base/strings.h"
#include "platform/demo/random.h"

namespace meridian::demo {

void Fill(std::string* out, std::string_view tmpl, std::initializer_list<Var> vars) {
  size_t i = 0;
  while (i < tmpl.size()) {
    size_t open = tmpl.find('{', i);
    if (open == std::string_view::npos) {
      out->append(tmpl.substr(i));
      return;
    }
    out->append(tmpl.substr(i, open - i));
    size_t close = tmpl.find('}', open + 1);
    if (close == std::string_view::npos) {
      out->append(tmpl.substr(open));
      return;
    }
    std::string_view name = tmpl.substr(open + 1, close - open - 1);
    bool found = false;
    for (const Var& v : vars) {
      if (v.name == name) {
        out->append(v.value);
        found = true;
        break;
      }
    }
    if (!found) out->append(tmpl.substr(open, close - open + 1));
    i = close + 1;
  }
}

std::string Filled(std::string_view tmpl, std::initializer_list<Var> vars) {
  std::string out;
  out.reserve(tmpl.size() + 32);
  Fill(&out, tmpl, vars);
  return out;
}

std::string EnglishList(const std::vector<std::string>& items, std::string_view last) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) {
      if (i + 1 == items.size()) {
        out += ' ';
        out += last;
        out += ' ';
      } else {
        out += ", ";
      }
    }
    out += items[i];
  }
  return out;
}

double RoundNice(double v) {
  if (v <= 0) return 0;
  int digits = v >= 100000 ? 3 : 2;
  double magnitude = std::pow(10.0, std::floor(std::log10(v)) - (digits - 1));
  if (magnitude < 1 && v >= 10) magnitude = 1;
  if (magnitude < 0.5) magnitude = 0.5;
  return std::round(v / magnitude) * magnitude;
}

std::string FormatAmount(double v) {
  double whole = std::floor(v);
  if (v - whole < 0.05) return WithThousands(static_cast<int64_t>(whole));
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  std::string s = buf;
  size_t dot = s.find('.');
  return WithThousands(static_cast<int64_t>(whole)) + s.substr(dot);
}

std::string FormatUtcOffset(int minutes) {
  if (minutes == 0) return "UTC";
  char buf[16];
  int a = std::abs(minutes);
  std::snprintf(buf, sizeof buf, "UTC%c%02d:%02d", minutes < 0 ? '-' : '+', a / 60, a % 60);
  return buf;
}

std::string FormatHours(int minutes) {
  char buf[16];
  if (minutes % 60 == 0) {
    std::snprintf(buf, sizeof buf, "%d", minutes / 60);
  } else {
    std::snprintf(buf, sizeof buf, "%.1f", minutes / 60.0);
  }
  return buf;
}

std::string Capitalized(std::string_view s) {
  std::string out(s);
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 32);
  return out;
}

std::string WithThe(std::string_view place) {
  static constexpr std::string_view kWithThe[] = {
      "Americas",       "United States", "United Kingdom", "Netherlands",         "Philippines",
      "European Union", "Caribbean",     "Czech Republic", "United Arab Emirates"};
  for (std::string_view p : kWithThe) {
    if (p == place) return "the " + std::string(place);
  }
  return std::string(place);
}

std::string WithArticle(std::string_view noun) {
  bool an = false;
  if (!noun.empty()) {
    char c = noun[0];
    bool upper_next = noun.size() > 1 && noun[1] >= 'A' && noun[1] <= 'Z';
    if (c == 'U' && upper_next) {
      an = false;  // "a UX Designer"
    } else if (std::string_view("AEIOaeio").find(c) != std::string_view::npos || c == 'U') {
      an = true;
    } else if (upper_next && std::string_view("FHLMNRSX").find(c) != std::string_view::npos) {
      an = true;  // acronyms read letter by letter: "an ML Engineer", "an SRE"
    }
  }
  return (an ? "an " : "a ") + std::string(noun);
}

uint64_t DeriveSeed(uint64_t seed, std::string_view stream) {
  // SplitMix64 of the seed mixed with a hash of the stream name.
  uint64_t z = seed ^ Fnv1a64(stream);
  z += 0x9e3779b97f4a7c15ULL;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

WeightedIndex::WeightedIndex(std::span<const double> weights) {
  double sum = 0;
  cumulative_.reserve(weights.size());
  for (double w : weights) {
    sum += w > 0 ? w : 0;
    cumulative_.push_back(sum);
  }
}

size_t WeightedIndex::Draw(Rng& rng) const {
  if (cumulative_.empty()) return 0;
  double x = Unit(rng) * cumulative_.back();
  size_t lo = 0, hi = cumulative_.size() - 1;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (cumulative_[mid] > x) {
      hi = mid;
    } else {
      lo = mid + 1;
    }
  }
  return lo;
}

std::vector<size_t> SampleIndices(Rng& rng, size_t n, size_t k) {
  std::vector<size_t> idx(n);
  for (size_t i = 0; i < n; ++i) idx[i] = i;
  if (k > n) k = n;
  for (size_t i = 0; i < k; ++i) {
    size_t j = i + Below(rng, n - i);
    std::swap(idx[i], idx[j]);
  }
  idx.resize(k);
  return idx;
}

std::string Base36(uint64_t n) {
  static constexpr char kDigits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
  std::string out;
  do {
    out.insert(out.begin(), kDigits[n % 36]);
    n /= 36;
  } while (n > 0);
  return out;
}

}  // namespace meridian::demo
