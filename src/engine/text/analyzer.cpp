#include "engine/text/analyzer.h"

#include <libstemmer.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>

namespace meridian {
namespace {

constexpr std::array<std::string_view, 33> kStopWords = {
    "a",     "an",   "and", "are", "as",  "at",   "be",   "by",   "for", "from", "has",
    "have",  "in",   "is",  "it",  "its", "of",   "on",   "or",   "our", "that", "the",
    "their", "this", "to",  "was", "we",  "were", "will", "with", "you", "your", "us"};

bool IsAsciiAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// Known dotted names searched as one word: "node.js", "vue.js", "asp.net".
bool IsDottedSuffix(std::string_view s) {
  return s == "js" || s == "net" || s == "io";
}

// Decodes the code point at text[*i] (advancing *i); -1 for an invalid sequence.
UChar32 Next(std::string_view text, size_t* i) {
  UChar32 c;
  int32_t pos = static_cast<int32_t>(*i);
  U8_NEXT(reinterpret_cast<const uint8_t*>(text.data()), pos, static_cast<int32_t>(text.size()), c);
  *i = static_cast<size_t>(pos);
  return c;
}

bool IsWordChar(UChar32 c) {
  return c >= 0 &&
         (u_isalnum(c) || u_getIntPropertyValue(c, UCHAR_GENERAL_CATEGORY) == U_NON_SPACING_MARK);
}

}  // namespace

struct Analyzer::Stemmer {
  sb_stemmer* stemmer = sb_stemmer_new("english", "UTF_8");
  ~Stemmer() {
    if (stemmer) sb_stemmer_delete(stemmer);
  }
};

Analyzer::Analyzer(AnalyzerOptions options)
    : options_(options), stemmer_(std::make_unique<Stemmer>()) {}

Analyzer::~Analyzer() = default;

bool Analyzer::IsStopWord(std::string_view w) {
  return std::find(kStopWords.begin(), kStopWords.end(), w) != kStopWords.end();
}

std::string Analyzer::Normalize(std::string_view word) const {
  bool ascii = std::all_of(word.begin(), word.end(),
                           [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if (ascii) {
    std::string out(word);
    for (char& c : out) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
  }
  // NFKC with case folding, then decompose and drop the combining marks (accents).
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* fold = icu::Normalizer2::getNFKCCasefoldInstance(err);
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(err);
  if (U_FAILURE(err)) return std::string(word);
  icu::UnicodeString s = icu::UnicodeString::fromUTF8(
      icu::StringPiece(word.data(), static_cast<int32_t>(word.size())));
  icu::UnicodeString folded = fold->normalize(s, err);
  icu::UnicodeString decomposed = nfd->normalize(folded, err);
  if (U_FAILURE(err)) return std::string(word);
  icu::UnicodeString stripped;
  for (int32_t i = 0; i < decomposed.length();) {
    UChar32 c = decomposed.char32At(i);
    i += U16_LENGTH(c);
    if (u_getIntPropertyValue(c, UCHAR_GENERAL_CATEGORY) == U_NON_SPACING_MARK) continue;
    stripped.append(c);
  }
  std::string out;
  stripped.toUTF8String(out);
  return out;
}

std::string Analyzer::Stem(std::string_view w) {
  if (w.size() < 3 || !stemmer_->stemmer) return std::string(w);
  bool alpha = std::all_of(w.begin(), w.end(), [](char c) { return c >= 'a' && c <= 'z'; });
  if (!alpha) return std::string(w);
  std::string key(w);
  if (auto it = stem_cache_.find(key); it != stem_cache_.end()) return it->second;
  const sb_symbol* s = sb_stemmer_stem(
      stemmer_->stemmer, reinterpret_cast<const sb_symbol*>(w.data()), static_cast<int>(w.size()));
  if (!s) return key;
  std::string stem(reinterpret_cast<const char*>(s),
                   static_cast<size_t>(sb_stemmer_length(stemmer_->stemmer)));
  if (stem_cache_.size() >= kStemCacheEntries) stem_cache_.clear();
  stem_cache_.emplace(std::move(key), stem);
  return stem;
}

std::vector<Token> Analyzer::Analyze(std::string_view text) {
  std::vector<Token> out;
  uint32_t position = 0;
  size_t i = 0;
  auto emit = [&](std::string_view raw) {
    if (raw.empty()) return;
    auto begin = static_cast<uint32_t>(raw.data() - text.data());
    auto end = static_cast<uint32_t>(begin + raw.size());
    if (raw.size() > options_.max_token_bytes) raw = raw.substr(0, options_.max_token_bytes);
    std::string term = Normalize(raw);
    uint32_t at = position++;
    if (options_.drop_stop_words && IsStopWord(term)) return;
    if (options_.stem) term = Stem(term);
    out.push_back({std::move(term), at, begin, end});
  };
  while (i < text.size()) {
    // ".net" at the start of a word.
    if (text[i] == '.' && (i == 0 || !IsAsciiAlnum(text[i - 1])) &&
        Normalize(text.substr(i + 1, 3)) == "net" &&
        (i + 4 >= text.size() || !IsAsciiAlnum(text[i + 4]))) {
      emit(text.substr(i, 4));
      i += 4;
      continue;
    }
    size_t start = i;
    UChar32 c = Next(text, &i);
    if (!IsWordChar(c)) continue;
    size_t end = i;
    while (end < text.size()) {
      size_t next = end;
      UChar32 d = Next(text, &next);
      if (!IsWordChar(d)) break;
      end = next;
    }
    i = end;
    // "c++", "c#", "f#": a short word followed by ++ or #.
    if (end - start <= 2 && i < text.size() && (text[i] == '+' || text[i] == '#')) {
      size_t sym = text[i] == '+' ? (text.substr(i, 2) == "++" ? 2 : 0) : 1;
      if (sym > 0 && (i + sym >= text.size() || !IsAsciiAlnum(text[i + sym]))) {
        end = i + sym;
        i = end;
      }
    }
    // "node.js", "asp.net", "socket.io".
    if (i + 1 < text.size() && text[i] == '.') {
      size_t s = i + 1, e = s;
      while (e < text.size() && IsAsciiAlnum(text[e])) ++e;
      std::string suffix(text.substr(s, e - s));
      for (char& ch : suffix) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      if (IsDottedSuffix(suffix)) {
        end = e;
        i = e;
      }
    }
    emit(text.substr(start, end - start));
  }
  return out;
}

}  // namespace meridian
