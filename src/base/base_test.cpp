#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "base/config.h"
#include "base/csv.h"
#include "base/json.h"
#include "base/progress.h"
#include "base/slug.h"
#include "base/status.h"
#include "base/statusor.h"
#include "base/strings.h"
#include "base/time.h"
#include "base/utf8.h"

namespace meridian {
namespace {

StatusOr<int> Half(int x) {
  if (x % 2) return InvalidArgumentError("x: must be even", "x");
  return x / 2;
}

StatusOr<int> Quarter(int x) {
  ASSIGN_OR_RETURN(int h, Half(x));
  ASSIGN_OR_RETURN(int q, Half(h));
  return q;
}

Status Check(int x) {
  RETURN_IF_ERROR(Half(x).status());
  return OkStatus();
}

TEST(StatusTest, OkAndErrors) {
  EXPECT_TRUE(OkStatus().ok());
  Status s = InvalidArgumentError("salary.min: must be positive", "salary.min");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.field(), "salary.min");
  EXPECT_EQ(s.ToString(), "INVALID_ARGUMENT: salary.min: must be positive");
  EXPECT_EQ(StatusCodeName(StatusCode::kNotFound), "not_found");
}

TEST(StatusTest, FieldPrefixRewritesMessage) {
  Status s = InvalidArgumentError("currency: unknown currency 'XYZ'", "currency")
                 .WithFieldPrefix("salary");
  EXPECT_EQ(s.field(), "salary.currency");
  EXPECT_EQ(s.message(), "salary.currency: unknown currency 'XYZ'");
  Status t = InvalidArgumentError("[2]: bad", "[2]").WithFieldPrefix("tags");
  EXPECT_EQ(t.field(), "tags[2]");
}

TEST(StatusOrTest, PropagatesErrorsAndValues) {
  EXPECT_EQ(*Quarter(8), 2);
  EXPECT_EQ(Quarter(6).status().field(), "x");
  EXPECT_TRUE(Check(4).ok());
  EXPECT_FALSE(Check(3).ok());
  StatusOr<int> from_ok{OkStatus()};
  EXPECT_EQ(from_ok.status().code(), StatusCode::kInternal);
  EXPECT_EQ(StatusOr<int>(NotFoundError("x")).value_or(7), 7);
}

TEST(StringsTest, Basics) {
  EXPECT_EQ(Trim("  a b \n"), "a b");
  EXPECT_EQ(AsciiLower("RuSt"), "rust");
  EXPECT_EQ(Split("a,,b", ','), (std::vector<std::string>{"a", "", "b"}));
  EXPECT_EQ(CollapseWhitespace("  a \n\t b  "), "a b");
  EXPECT_EQ(ParseInt("42"), 42);
  EXPECT_EQ(ParseInt("-7"), -7);
  EXPECT_FALSE(ParseInt("4x"));
  EXPECT_FALSE(ParseInt(""));
  EXPECT_FALSE(ParseInt("99999999999999999999"));
  EXPECT_DOUBLE_EQ(*ParseDouble("2.5"), 2.5);
  EXPECT_FALSE(ParseDouble("nan"));
  EXPECT_FALSE(ParseDouble("1e999"));
  EXPECT_EQ(WithThousands(1234567), "1,234,567");
  EXPECT_EQ(WithThousands(-1000), "-1,000");
  EXPECT_EQ(WithThousands(12), "12");
}

TEST(StringsTest, PercentAndBase64) {
  EXPECT_EQ(*PercentDecode("a%20b+c", true), "a b c");
  EXPECT_EQ(*PercentDecode("a+b", false), "a+b");
  EXPECT_FALSE(PercentDecode("%zz", false));
  EXPECT_FALSE(PercentDecode("%2", false));
  EXPECT_FALSE(PercentDecode("abc%", false));
  EXPECT_EQ(PercentEncode("a b/é"), "a%20b%2F%C3%A9");
  for (std::string s : {"", "a", "ab", "abc", "abcd", "\xff\x00\x10"}) {
    EXPECT_EQ(*Base64UrlDecode(Base64UrlEncode(s)), s);
  }
  EXPECT_FALSE(Base64UrlDecode("a"));
  EXPECT_FALSE(Base64UrlDecode("ab*d"));
}

TEST(Utf8Test, Validation) {
  EXPECT_TRUE(IsValidUtf8("héllo wörld 東京 🚀"));
  EXPECT_FALSE(IsValidUtf8("\xC3"));              // truncated
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // > U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\xFF"));
  EXPECT_EQ(Utf8Length("东京x"), 3u);
  EXPECT_EQ(Utf8Prefix("東京都", 2), "東京");
  EXPECT_TRUE(HasControlChars("a\x01", true));
  EXPECT_TRUE(HasControlChars("a\nb", false));
  EXPECT_FALSE(HasControlChars("a\nb\tc", true));
  EXPECT_EQ(SanitizeUtf8("a\xFF"
                         "b"),
            "a\xEF\xBF\xBD"
            "b");
}

TEST(TimeTest, RoundTripsAndRejects) {
  EXPECT_EQ(FormatRfc3339(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(*ParseTimestamp("2026-11-27"), 1795737600);
  EXPECT_EQ(FormatRfc3339(*ParseTimestamp("2026-11-27T09:30:15Z")), "2026-11-27T09:30:15Z");
  EXPECT_EQ(*ParseTimestamp("2026-11-27T10:30:00+01:00"), *ParseTimestamp("2026-11-27T09:30:00Z"));
  EXPECT_EQ(*ParseTimestamp("2024-02-29T00:00:00.123Z"), *ParseTimestamp("2024-02-29"));
  EXPECT_FALSE(ParseTimestamp("2023-02-29").ok());
  EXPECT_FALSE(ParseTimestamp("2026-13-01").ok());
  EXPECT_FALSE(ParseTimestamp("yesterday").ok());
  EXPECT_FALSE(ParseTimestamp("2026-11-27T25:00Z").ok());
  EXPECT_FALSE(ParseTimestamp("2026-11-27T10:00:00+01").ok());
  EXPECT_EQ(FormatDate(*ParseTimestamp("2000-03-01T23:59:59Z")), "2000-03-01");
}

TEST(JsonTest, ParseErrorsAreInvalidArgument) {
  EXPECT_TRUE(ParseJson(R"({"a":1})").ok());
  auto bad = ParseJson("{\"a\":");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(bad.status().message().find("malformed JSON"), std::string::npos);
  EXPECT_FALSE(ParseJson("{\"a\":\"\xFF\"}").ok());  // invalid UTF-8 inside a string
  std::string deep(100, '[');
  deep += std::string(100, ']');
  auto d = ParseJson(deep);
  ASSERT_FALSE(d.ok());
  EXPECT_NE(d.status().message().find("nested deeper"), std::string::npos);
  // Brackets inside strings do not count as nesting.
  EXPECT_TRUE(ParseJson(R"({"a":"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["})").ok());
}

TEST(JsonTest, ReaderNamesFields) {
  Json j = *ParseJson(R"({"title":"Rust dev","year":2026,"tags":["a",3],"extra":true})");
  JsonReader r(j);
  std::string title;
  std::optional<int64_t> year;
  std::vector<std::string> tags;
  r.String("title", &title, {.required = true});
  r.Int("year", &year, {.min = 1970, .max = 2100});
  EXPECT_TRUE(r.ok());
  r.StringList("tags", &tags, {}, 10);
  Status s = r.Finish();
  EXPECT_EQ(s.field(), "tags[1]");
  EXPECT_NE(s.message().find("expected a string"), std::string::npos);

  JsonReader r2(j, "job");
  r2.String("title", &title);
  r2.Int("year", &year);
  r2.Ignore({"tags"});
  Status s2 = r2.Finish();
  EXPECT_EQ(s2.field(), "job.extra");
  EXPECT_EQ(s2.message(), "job.extra: unknown field");

  Json not_obj = Json::array();
  JsonReader r3(not_obj);
  EXPECT_NE(r3.Finish().message().find("expected a JSON object"), std::string::npos);

  Json k = *ParseJson(R"({"n":"12","m":1.5,"t":"a\u0001b","long":"xxxxxx"})");
  JsonReader r4(k);
  std::optional<int64_t> n;
  r4.Int("n", &n);
  EXPECT_EQ(r4.Finish().message(), "n: expected an integer, got string");
  JsonReader r5(k);
  r5.Int("m", &n);
  EXPECT_EQ(r5.Finish().message(), "m: expected an integer, got a fractional number");
  JsonReader r6(k);
  r6.String("t", &title);
  EXPECT_NE(r6.Finish().message().find("control characters"), std::string::npos);
  JsonReader r7(k);
  r7.String("long", &title, {.max_chars = 3});
  EXPECT_EQ(r7.Finish().message(), "long: is longer than 3 characters");
}

TEST(SlugTest, SlugifyAndValidate) {
  EXPECT_EQ(Slugify("Senior Rust Engineer @ Acme, Inc."), "senior-rust-engineer-acme-inc");
  EXPECT_EQ(Slugify("C++ / C# developer"), "cpp-csharp-developer");
  EXPECT_EQ(Slugify("São Paulo"), "sao-paulo");
  EXPECT_EQ(Slugify("Zürich"), "zurich");
  EXPECT_EQ(Slugify("O'Reilly Media"), "oreilly-media");
  EXPECT_EQ(Slugify("!!!"), "");
  EXPECT_LE(Slugify(std::string(300, 'a') + " b", 80).size(), 80u);
  EXPECT_TRUE(ValidateSlug("senior-rust-2").ok());
  EXPECT_FALSE(ValidateSlug("Senior").ok());
  EXPECT_FALSE(ValidateSlug("a--b").ok());
  EXPECT_FALSE(ValidateSlug("-a").ok());
  EXPECT_FALSE(ValidateSlug("a-").ok());
  EXPECT_FALSE(ValidateSlug("'; DROP TABLE jobs; --").ok());
  EXPECT_FALSE(ValidateSlug("").ok());
}

TEST(CsvTest, QuotesNewlinesAndErrors) {
  CsvReader csv("name,desc\r\n\"Acme, Inc.\",\"line1\nline2 \"\"quoted\"\"\"\n\nplain,x\n");
  std::vector<std::string> row;
  ASSERT_TRUE(csv.Next(&row));
  EXPECT_EQ(row, (std::vector<std::string>{"name", "desc"}));
  EXPECT_EQ(csv.line(), 1);
  ASSERT_TRUE(csv.Next(&row));
  EXPECT_EQ(row[0], "Acme, Inc.");
  EXPECT_EQ(row[1], "line1\nline2 \"quoted\"");
  EXPECT_EQ(csv.line(), 2);
  ASSERT_TRUE(csv.Next(&row));
  EXPECT_EQ(row[0], "plain");
  EXPECT_EQ(csv.line(), 5);
  EXPECT_FALSE(csv.Next(&row));
  EXPECT_TRUE(csv.status().ok());

  CsvReader bad("a,\"unterminated\n");
  EXPECT_TRUE(bad.Next(&row) == false);
  EXPECT_NE(bad.status().message().find("unterminated"), std::string::npos);
  CsvReader bom("\xEF\xBB\xBFx,y\n");
  ASSERT_TRUE(bom.Next(&row));
  EXPECT_EQ(row[0], "x");
}

TEST(ConfigTest, LayersApplyInOrder) {
  std::string path = ::testing::TempDir() + "meridian_config_test.toml";
  {
    std::ofstream f(path);
    f << "db = \"from-file.db\"\n[server]\nport = 9000\nthreads = 3\n[log]\nformat = \"json\"\n";
  }
  ConfigSources src;
  src.file = path;
  src.env = {{"MERIDIAN_PORT", "9001"}, {"MERIDIAN_UNRELATED", "x"}};
  src.flags = {{"server.threads", "5"}};
  auto s = LoadSettings(src);
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_EQ(s->db, "from-file.db");  // file beats default
  EXPECT_EQ(s->port, 9001);          // env beats file
  EXPECT_EQ(s->threads, 5);          // flag beats file
  EXPECT_EQ(s->log_format, LogFormat::kJson);
  EXPECT_EQ(s->host, "127.0.0.1");  // default
  src.flags["server.port"] = "9002";
  EXPECT_EQ(LoadSettings(src)->port, 9002);  // flag beats env
  std::remove(path.c_str());
}

TEST(ConfigTest, BadValuesNameTheKey) {
  ConfigSources src;
  src.env = {{"MERIDIAN_PORT", "eighty"}};
  auto s = LoadSettings(src);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("MERIDIAN_PORT"), std::string::npos);
  src.env.clear();
  src.flags = {{"server.port", "70000"}};
  EXPECT_FALSE(LoadSettings(src).ok());
  src.flags = {{"server.admin_token", "short"}};
  EXPECT_FALSE(LoadSettings(src).ok());

  std::string path = ::testing::TempDir() + "meridian_config_bad.toml";
  {
    std::ofstream f(path);
    f << "[server]\nprot = 1\n";
  }
  ConfigSources file_src;
  file_src.file = path;
  auto t = LoadSettings(file_src);
  ASSERT_FALSE(t.ok());
  EXPECT_NE(t.status().message().find("unknown setting 'server.prot'"), std::string::npos);
  {
    std::ofstream f(path);
    f << "[server\n";
  }
  EXPECT_FALSE(LoadSettings(file_src).ok());
  std::remove(path.c_str());
  EXPECT_NE(SettingsToToml(Settings{}).find("port = 8080"), std::string::npos);
}

TEST(ProgressTest, QuietWhenNotATerminalAndRendersWhenForced) {
  std::FILE* f = std::tmpfile();
  {
    Progress p({.label = "jobs", .total = 100, .stream = f});
    EXPECT_FALSE(p.enabled());
    p.Add(50);
    EXPECT_EQ(p.count(), 50);
  }
  EXPECT_EQ(std::ftell(f), 0);  // nothing written
  {
    Progress forced({.label = "jobs", .total = 200, .stream = f, .force = true});
    forced.Add(50);
    std::string line = forced.Render();
    EXPECT_NE(line.find("25%"), std::string::npos);
    EXPECT_NE(line.find("50/200"), std::string::npos);
  }
  std::fclose(f);
}

}  // namespace
}  // namespace meridian
