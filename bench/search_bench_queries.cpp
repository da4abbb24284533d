// The query set and the overlap of two engines' results.
//
// queries: 1,000 queries with a fixed seed. Each takes 1-3 distinct words from one random
// job of the corpus (each word from its title with probability 0.4, its tags 0.3, its
// description 0.3), so that every query without a typo matches at least that job under AND
// semantics in all three engines. Words are plain lower-case ASCII words of 3-20 letters;
// stop words (PostgreSQL's English list and Meridian's) and pieces of tech names
// (".net", "node.js", "c++") are left out, as tokenizers disagree on those, and so are words
// found in more than 90 % of the jobs (the demo's boilerplate). Exactly 10 % of
// the queries get one typo (a substitution, or a transposition of two adjacent letters,
// never in the first letter) in one word of at least 5 letters; exactly 30 % carry a
// seniority filter (that job's seniority).
//
// overlap: mean over the non-typo queries of |A ∩ B| / max(1, min(|A|, |B|)) for the top-10
// slug sets A and B (1 when they agree as far as the shorter list goes, 0 when only one
// engine found anything). Queries where both engines found nothing are left out and counted.
// The same mean with |A ∩ B| / 10 is printed beside it.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <map>
#include <random>
#include <set>

#include "engine/text/analyzer.h"
#include "search_bench.h"

namespace search_bench {
namespace {

constexpr uint64_t kSeed = 42;
constexpr int kQueries = 1000;
constexpr int kTypos = kQueries / 10;
constexpr int kFiltered = kQueries * 3 / 10;

// PostgreSQL's english.stop (the Snowball list).
const std::set<std::string, std::less<>> kPgStopWords = {
    "i",       "me",      "my",      "myself",   "we",         "our",    "ours",    "ourselves",
    "you",     "your",    "yours",   "yourself", "yourselves", "he",     "him",     "his",
    "himself", "she",     "her",     "hers",     "herself",    "it",     "its",     "itself",
    "they",    "them",    "their",   "theirs",   "themselves", "what",   "which",   "who",
    "whom",    "this",    "that",    "these",    "those",      "am",     "is",      "are",
    "was",     "were",    "be",      "been",     "being",      "have",   "has",     "had",
    "having",  "do",      "does",    "did",      "doing",      "a",      "an",      "the",
    "and",     "but",     "if",      "or",       "because",    "as",     "until",   "while",
    "of",      "at",      "by",      "for",      "with",       "about",  "against", "between",
    "into",    "through", "during",  "before",   "after",      "above",  "below",   "to",
    "from",    "up",      "down",    "in",       "out",        "on",     "off",     "over",
    "under",   "again",   "further", "then",     "once",       "here",   "there",   "when",
    "where",   "why",     "how",     "all",      "any",        "both",   "each",    "few",
    "more",    "most",    "other",   "some",     "such",       "no",     "nor",     "not",
    "only",    "own",     "same",    "so",       "than",       "too",    "very",    "s",
    "t",       "can",     "will",    "just",     "don",        "should", "now"};

bool IsAlpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool IsWordByte(char c) {
  return IsAlpha(c) || (c >= '0' && c <= '9') || static_cast<unsigned char>(c) >= 0x80;
}

// The plain words of `text` that every engine tokenizes the same way.
std::vector<std::string> PlainWords(std::string_view text) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < text.size()) {
    if (!IsWordByte(text[i])) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < text.size() && IsWordByte(text[j])) ++j;
    std::string w(text.substr(i, j - i));
    char prev = i > 0 ? text[i - 1] : ' ';
    char next = j < text.size() ? text[j] : ' ';
    char next2 = j + 1 < text.size() ? text[j + 1] : ' ';
    i = j;
    if (w.size() < 3 || w.size() > 20 || !std::all_of(w.begin(), w.end(), IsAlpha)) continue;
    // Pieces of tech names, file names, paths, e-mail and Markdown emphasis ("node.js",
    // "c++", "Meridian._"), which tokenizers split differently.
    auto odd = [](char c) {
      return std::string_view(".'+#_/@\\").find(c) != std::string_view::npos;
    };
    if (odd(prev) || (next != '.' && odd(next))) continue;
    if (next == '.' && next2 != ' ' && next2 != '\n') continue;
    for (char& c : w) c = static_cast<char>(c | 0x20);
    if (kPgStopWords.count(w) || meridian::Analyzer::IsStopWord(w)) continue;
    out.push_back(std::move(w));
  }
  return out;
}

std::string WithTypo(std::string w, std::mt19937_64& rng) {
  size_t n = w.size();
  if (rng() % 2 == 0) {
    size_t i = 1 + rng() % (n - 2);
    if (w[i] != w[i + 1]) {
      std::swap(w[i], w[i + 1]);
      return w;
    }
  }
  size_t i = 1 + rng() % (n - 1);
  char c = w[i];
  while (c == w[i]) c = static_cast<char>('a' + rng() % 26);
  w[i] = c;
  return w;
}

// `count` distinct indices below `n`, as flags.
std::vector<bool> Pick(int count, int n, std::mt19937_64& rng) {
  std::vector<int> idx(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) idx[static_cast<size_t>(i)] = i;
  for (int i = n - 1; i > 0; --i) std::swap(idx[static_cast<size_t>(i)], idx[rng() % (i + 1)]);
  std::vector<bool> flags(static_cast<size_t>(n), false);
  for (int i = 0; i < count; ++i) flags[static_cast<size_t>(idx[static_cast<size_t>(i)])] = true;
  return flags;
}

}  // namespace

int QueriesMode(const std::string& db, const std::string& out_path) {
  Corpus corpus = LoadCorpus(db);
  std::mt19937_64 rng(kSeed);
  std::vector<bool> typo = Pick(kTypos, kQueries, rng);
  std::vector<bool> filtered = Pick(kFiltered, kQueries, rng);
  // Words in more than 90 % of the jobs (the demo's boilerplate: "fictional", "demo")
  // find everything and rank nothing; they are left out like stop words.
  std::map<std::string, size_t> df;
  size_t step = std::max<size_t>(1, corpus.docs.size() / 5000), sampled = 0;
  for (size_t i = 0; i < corpus.docs.size(); i += step, ++sampled) {
    const auto& d = corpus.docs[i];
    std::set<std::string> seen;
    for (const auto& text : {d.title, JoinTags(d), d.description}) {
      for (auto& w : PlainWords(text)) seen.insert(std::move(w));
    }
    for (const auto& w : seen) ++df[w];
  }
  std::set<std::string> common;
  for (const auto& [w, n] : df) {
    if (10 * n > 9 * sampled) common.insert(w);
  }
  auto words_of = [&](const std::string& text) {
    std::vector<std::string> out = PlainWords(text);
    std::erase_if(out, [&](const std::string& w) { return common.count(w) > 0; });
    return out;
  };

  std::vector<Query> queries;
  std::set<std::string> vocabulary;
  int by_words[4] = {0, 0, 0, 0};
  for (int id = 0; id < kQueries; ++id) {
    Query q{.id = id, .typo = typo[static_cast<size_t>(id)]};
    std::vector<std::string> words;
    for (int attempt = 0; words.empty(); ++attempt) {
      if (attempt > 1000) Die("cannot draw a query: is the corpus text empty?");
      const auto& doc = corpus.docs[rng() % corpus.docs.size()];
      std::vector<std::string> fields[3] = {words_of(doc.title), words_of(JoinTags(doc)),
                                            words_of(doc.description)};
      size_t n = 1 + rng() % 3;
      for (int tries = 0; words.size() < n && tries < 20; ++tries) {
        uint64_t r = rng() % 10;
        const auto* f = r < 4 ? &fields[0] : r < 7 ? &fields[1] : &fields[2];
        if (f->empty()) f = &fields[2];
        if (f->empty()) break;
        const std::string& w = (*f)[rng() % f->size()];
        if (std::find(words.begin(), words.end(), w) == words.end()) words.push_back(w);
      }
      if (q.typo) {
        std::vector<size_t> long_words;
        for (size_t i = 0; i < words.size(); ++i) {
          if (words[i].size() >= 5) long_words.push_back(i);
        }
        if (long_words.empty()) {
          words.clear();
          continue;
        }
        size_t k = long_words[rng() % long_words.size()];
        words[k] = WithTypo(words[k], rng);
      }
      if (filtered[static_cast<size_t>(id)])
        q.seniority = doc.seniority.empty() ? "senior" : doc.seniority;
    }
    for (const auto& w : words) {
      if (!q.text.empty()) q.text += ' ';
      q.text += w;
      vocabulary.insert(w);
    }
    ++by_words[std::min<size_t>(words.size(), 3)];
    queries.push_back(std::move(q));
  }
  WriteQueries(out_path, queries);
  std::printf("queries: %d (%d with a typo, %d with a seniority filter)\n", kQueries, kTypos,
              kFiltered);
  std::string left_out;
  for (const auto& w : common) left_out += (left_out.empty() ? "" : " ") + w;
  std::printf("left out (in more than 90 %% of the jobs): %s\n", left_out.c_str());
  std::printf("words: %d x 1, %d x 2, %d x 3; %zu distinct words\n", by_words[1], by_words[2],
              by_words[3], vocabulary.size());
  return 0;
}

int OverlapMode(const std::string& mine, const std::string& other, const std::string& queries) {
  std::map<int, bool> typo;
  for (const auto& q : ReadQueries(queries)) typo[q.id] = q.typo;
  std::map<int, TopSlugs> theirs;
  for (auto& [id, slugs] : ReadResults(other)) theirs[id] = std::move(slugs);
  double sum = 0, sum10 = 0;
  size_t n = 0, both_empty = 0;
  for (const auto& [id, a] : ReadResults(mine)) {
    auto t = typo.find(id);
    auto b = theirs.find(id);
    if (t == typo.end() || b == theirs.end()) Die("results and queries do not match");
    if (t->second) continue;
    if (a.empty() && b->second.empty()) {
      ++both_empty;
      continue;
    }
    std::set<std::string> sa(a.begin(), a.end());
    size_t common = 0;
    for (const auto& s : b->second) common += sa.count(s);
    size_t shorter = std::min(a.size(), b->second.size());
    sum += static_cast<double>(common) / static_cast<double>(std::max<size_t>(1, shorter));
    sum10 += static_cast<double>(common) / 10.0;
    ++n;
  }
  std::printf("overlap_queries: %zu\n", n);
  std::printf("overlap_both_empty: %zu\n", both_empty);
  std::printf("overlap_top10: %.3f\n", n ? sum / static_cast<double>(n) : 0.0);
  std::printf("overlap_top10_of_10: %.3f\n", n ? sum10 / static_cast<double>(n) : 0.0);
  return 0;
}

}  // namespace search_bench
