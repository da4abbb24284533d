#include "cli/corpora.h"

#include <zlib.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace meridian::cli {
namespace {

namespace fs = std::filesystem;

constexpr size_t kMaxEmailBytes = 1 << 20;  // a message's text past 1 MiB is not read
constexpr int kMaxMimeDepth = 6;

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string DecodeQuotedPrintable(std::string_view s, bool underscore_is_space) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '=' && i + 1 < s.size() && s[i + 1] == '\n') {
      ++i;  // soft line break
    } else if (s[i] == '=' && i + 2 < s.size() && HexValue(s[i + 1]) >= 0 &&
               HexValue(s[i + 2]) >= 0) {
      out.push_back(static_cast<char>(HexValue(s[i + 1]) * 16 + HexValue(s[i + 2])));
      i += 2;
    } else if (underscore_is_space && s[i] == '_') {
      out.push_back(' ');
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

std::string DecodeBase64(std::string_view s) {
  std::string out;
  uint32_t acc = 0;
  int bits = 0;
  for (char c : s) {
    int v = -1;
    if (c >= 'A' && c <= 'Z') v = c - 'A';
    if (c >= 'a' && c <= 'z') v = c - 'a' + 26;
    if (c >= '0' && c <= '9') v = c - '0' + 52;
    if (c == '+') v = 62;
    if (c == '/') v = 63;
    if (c == '=') break;
    if (v < 0) continue;
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((acc >> bits) & 0xFF));
    }
  }
  return out;
}

// RFC 2047 "=?charset?Q|B?text?=" words in a header value; charsets are not converted.
std::string DecodeHeaderWords(std::string_view v) {
  std::string out;
  size_t at = 0;
  while (at < v.size()) {
    const size_t start = v.find("=?", at);
    if (start == std::string_view::npos) break;
    const size_t q1 = v.find('?', start + 2);
    const size_t q2 = q1 == std::string_view::npos ? q1 : v.find('?', q1 + 1);
    const size_t end = q2 == std::string_view::npos ? q2 : v.find("?=", q2 + 1);
    if (end == std::string_view::npos || q2 != q1 + 2) {
      out.append(v.substr(at, start + 2 - at));
      at = start + 2;
      continue;
    }
    out.append(v.substr(at, start - at));
    const char enc = static_cast<char>(v[q1 + 1] | 0x20);
    const std::string_view text = v.substr(q2 + 1, end - q2 - 1);
    out += enc == 'b' ? DecodeBase64(text) : DecodeQuotedPrintable(text, true);
    at = end + 2;
  }
  out.append(v.substr(std::min(at, v.size())));
  return out;
}

struct Headers {
  std::vector<std::pair<std::string, std::string>> lines;  // lowercased name, raw value
  std::string Get(std::string_view name) const {
    for (const auto& [n, v] : lines) {
      if (n == name) return v;
    }
    return {};
  }
};

// Splits a message or MIME part into its headers (unfolded) and body.
std::pair<Headers, std::string_view> SplitHeaders(std::string_view s) {
  Headers h;
  size_t at = 0;
  while (at < s.size()) {
    size_t eol = s.find('\n', at);
    if (eol == std::string_view::npos) eol = s.size();
    const std::string_view line = s.substr(at, eol - at);
    at = eol + 1;
    if (Trim(line).empty()) break;
    if ((line.front() == ' ' || line.front() == '\t') && !h.lines.empty()) {
      h.lines.back().second += ' ';
      h.lines.back().second += Trim(line);
      continue;
    }
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;  // e.g. the mbox "From " line
    h.lines.emplace_back(Lower(Trim(line.substr(0, colon))), Trim(line.substr(colon + 1)));
  }
  return {std::move(h), s.substr(std::min(at, s.size()))};
}

// The value of `param` in a header like `multipart/mixed; boundary="xyz"`.
std::string Param(const std::string& header, std::string_view param) {
  const std::string lower = Lower(header);
  size_t at = lower.find(std::string(param) + "=");
  if (at == std::string::npos) return {};
  at += param.size() + 1;
  if (at < header.size() && header[at] == '"') {
    const size_t end = header.find('"', at + 1);
    return header.substr(at + 1, end == std::string::npos ? std::string::npos : end - at - 1);
  }
  const size_t end = header.find_first_of("; \t", at);
  return header.substr(at, end == std::string::npos ? std::string::npos : end - at);
}

// Visible text of HTML: tags, comments, scripts and styles dropped, a few entities decoded.
std::string StripHtml(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    if (s[i] == '<') {
      std::string tag = Lower(s.substr(i, 8));
      size_t end;
      if (tag.starts_with("<!--")) {
        end = s.find("-->", i);
        end = end == std::string_view::npos ? s.size() : end + 3;
      } else if (tag.starts_with("<script") || tag.starts_with("<style")) {
        const std::string_view close = tag.starts_with("<script") ? "</script" : "</style";
        const auto it = std::search(
            s.begin() + static_cast<ptrdiff_t>(i), s.end(), close.begin(), close.end(),
            [](char a, char b) { return (a >= 'A' && a <= 'Z' ? a - 'A' + 'a' : a) == b; });
        end = it == s.end() ? s.size() : s.find('>', static_cast<size_t>(it - s.begin()));
        end = end == std::string_view::npos ? s.size() : end + 1;
      } else {
        end = s.find('>', i);
        end = end == std::string_view::npos ? s.size() : end + 1;
      }
      out.push_back(' ');
      i = end;
    } else if (s[i] == '&') {
      static const std::pair<std::string_view, char> kEntities[] = {
          {"&nbsp;", ' '}, {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}};
      bool done = false;
      for (const auto& [name, c] : kEntities) {
        if (s.substr(i, name.size()) == name) {
          out.push_back(c);
          i += name.size();
          done = true;
          break;
        }
      }
      if (!done) out.push_back(s[i++]);
    } else {
      out.push_back(s[i++]);
    }
  }
  return out;
}

void AppendPart(const Headers& h, std::string_view body, int depth, std::string* out) {
  const std::string type = h.Get("content-type");
  const std::string lower = Lower(type);
  if (lower.starts_with("multipart/") && depth < kMaxMimeDepth) {
    const std::string boundary = Param(type, "boundary");
    if (!boundary.empty()) {
      const std::string delimiter = "--" + boundary;
      size_t at = body.find(delimiter);
      while (at != std::string_view::npos) {
        at += delimiter.size();
        if (body.substr(at, 2) == "--") break;
        const size_t next = body.find(delimiter, at);
        const std::string_view part =
            body.substr(at, next == std::string_view::npos ? std::string_view::npos : next - at);
        const size_t nl = part.find('\n');
        if (nl != std::string_view::npos) {
          auto [ph, pb] = SplitHeaders(part.substr(nl + 1));
          AppendPart(ph, pb, depth + 1, out);
        }
        at = next;
      }
      return;
    }
  }
  if (!lower.empty() && !lower.starts_with("text/") && !lower.starts_with("multipart/")) {
    return;  // attachments: images, applications
  }
  const std::string encoding = Lower(Trim(h.Get("content-transfer-encoding")));
  std::string text = encoding == "base64"             ? DecodeBase64(body)
                     : encoding == "quoted-printable" ? DecodeQuotedPrintable(body, false)
                                                      : std::string(body);
  if (lower.starts_with("text/html") || text.find("<html") != std::string::npos ||
      text.find("<HTML") != std::string::npos) {
    text = StripHtml(text);
  }
  *out += text;
  *out += '\n';
}

StatusOr<std::vector<LabeledText>> ReadTsv(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFoundError("corpus: " + path + " does not exist or cannot be read");
  std::vector<LabeledText> out;
  std::string line;
  for (size_t n = 1; std::getline(in, line); ++n) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (Trim(line).empty()) continue;
    const size_t tab = line.find('\t');
    const std::string label = Lower(Trim(line.substr(0, tab)));
    if (n == 1 && label == "label") continue;
    if (tab == std::string::npos) {
      return InvalidArgumentError(path + ":" + std::to_string(n) + ": expected label<TAB>text");
    }
    LabeledText e;
    if (label == "spam" || label == "scam" || label == "1") {
      e.positive = true;
    } else if (label != "ham" && label != "legit" && label != "0") {
      return InvalidArgumentError(path + ":" + std::to_string(n) + ": label \"" + label +
                                  "\" is not spam|scam|1|ham|legit|0");
    }
    e.text = line.substr(tab + 1);
    out.push_back(std::move(e));
  }
  if (out.empty()) return InvalidArgumentError("corpus: " + path + " has no examples");
  return out;
}

uint64_t Octal(const char* p, size_t n) {
  uint64_t v = 0;
  for (size_t i = 0; i < n && p[i] >= '0' && p[i] <= '7'; ++i) v = v * 8 + (p[i] - '0');
  return v;
}

}  // namespace

std::string ResolveDataDir(const std::string& flag) {
  if (!flag.empty()) return flag;
  std::error_code ec;
  if (fs::is_directory("../shared/data", ec)) return "../shared/data";
  if (const char* env = std::getenv("MERIDIAN_DATA_DIR"); env != nullptr && *env != '\0') {
    return env;
  }
  return "../shared/data";
}

StatusOr<std::vector<std::pair<std::string, std::string>>> ReadTarGz(const std::string& path) {
  gzFile gz = gzopen(path.c_str(), "rb");
  if (gz == nullptr) return NotFoundError("corpus: " + path + " does not exist");
  std::string data;
  char buffer[1 << 16];
  int n;
  while ((n = gzread(gz, buffer, sizeof buffer)) > 0) data.append(buffer, static_cast<size_t>(n));
  int err = 0;
  const bool failed = n < 0;
  const std::string message = failed ? gzerror(gz, &err) : "";
  gzclose(gz);
  if (failed) return DataLossError("corpus: " + path + ": " + message);

  std::vector<std::pair<std::string, std::string>> files;
  size_t at = 0;
  while (at + 512 <= data.size()) {
    const char* h = data.data() + at;
    if (std::all_of(h, h + 512, [](char c) { return c == 0; })) break;
    uint64_t sum = 0;
    for (size_t i = 0; i < 512; ++i) {
      sum += (i >= 148 && i < 156) ? ' ' : static_cast<unsigned char>(h[i]);
    }
    if (sum != Octal(h + 148, 8)) {
      return DataLossError("corpus: " + path + ": bad tar header checksum at byte " +
                           std::to_string(at));
    }
    const uint64_t size = Octal(h + 124, 12);
    std::string name(h, strnlen(h, 100));
    if (std::string_view(h + 257, 5) == "ustar" && h[345] != 0) {
      name = std::string(h + 345, strnlen(h + 345, 155)) + "/" + name;
    }
    const char type = h[156];
    at += 512;
    if (size > data.size() - at) {
      return DataLossError("corpus: " + path + ": truncated archive (" + name + ")");
    }
    if (type == '0' || type == '\0') files.emplace_back(name, data.substr(at, size));
    at += (size + 511) / 512 * 512;
  }
  return files;
}

std::string EmailToText(std::string_view raw, EmailText mode) {
  std::string message;
  raw = raw.substr(0, std::min(raw.size(), kMaxEmailBytes));
  message.reserve(raw.size());
  for (char c : raw) {
    if (c != '\r') message.push_back(c);
  }
  auto [headers, body] = SplitHeaders(message);
  std::string out;
  if (mode == EmailText::kAllHeaders) {
    for (const auto& [name, value] : headers.lines)
      out += name + ": " + DecodeHeaderWords(value) + "\n";
  } else if (mode == EmailText::kSubjectFromTo) {
    for (const char* name : {"subject", "from", "to"}) {
      out += std::string(name) + ": " + DecodeHeaderWords(headers.Get(name)) + "\n";
    }
  }
  AppendPart(headers, body, 0, &out);
  return out;
}

StatusOr<std::vector<LabeledText>> ReadCorpus(const std::string& name,
                                              const CorpusOptions& options) {
  const fs::path dir(options.data_dir);
  if (name == "sms") {
    const fs::path file = dir / "sms-spam-collection" / "SMSSpamCollection";
    std::error_code ec;
    if (!fs::exists(file, ec)) {
      return NotFoundError("corpus sms: " + file.string() +
                           " is missing (set --data-dir or MERIDIAN_DATA_DIR)");
    }
    return ReadTsv(file.string());
  }
  if (name == "spamassassin") {
    std::vector<LabeledText> out;
    const std::pair<const char*, bool> kArchives[] = {{"easy-ham-1", false},
                                                      {"easy-ham-2", false},
                                                      {"hard-ham-1", false},
                                                      {"spam-1", true},
                                                      {"spam-2", true}};
    for (const auto& [archive, positive] : kArchives) {
      const fs::path file = dir / "spam-assassin" / (std::string(archive) + ".tar.gz");
      std::error_code ec;
      if (!fs::exists(file, ec)) {
        return NotFoundError("corpus spamassassin: " + file.string() +
                             " is missing (set --data-dir or MERIDIAN_DATA_DIR)");
      }
      ASSIGN_OR_RETURN(auto files, ReadTarGz(file.string()));
      for (const auto& [path, contents] : files) {
        out.push_back({EmailToText(contents, options.email_text), {}, positive});
      }
    }
    return out;
  }
  return ReadTsv(name);
}

}  // namespace meridian::cli
