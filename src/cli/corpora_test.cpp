// The corpus readers of `meridian eval classifier`: MIME decoding, the .tar.gz reader and
// the TSV format, on files the test writes itself.
#include "cli/corpora.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <cstdio>
#include <cstring>
#include <fstream>

namespace meridian::cli {
namespace {

constexpr const char* kEmail =
    "From: \"Prize Desk\" <win@example.com>\r\n"
    "To: you@example.com\r\n"
    "Subject: =?iso-8859-1?Q?You_have_won?=\r\n"
    "Content-Type: multipart/alternative;\r\n"
    "\tboundary=\"XYZ\"\r\n"
    "\r\n"
    "preamble\r\n"
    "--XYZ\r\n"
    "Content-Type: text/plain; charset=us-ascii\r\n"
    "Content-Transfer-Encoding: quoted-printable\r\n"
    "\r\n"
    "Claim your =24500 pri=\r\n"
    "ze now\r\n"
    "--XYZ\r\n"
    "Content-Type: text/html\r\n"
    "Content-Transfer-Encoding: base64\r\n"
    "\r\n"
    "PGI+Q2xpY2sgaGVyZTwvYj4gJmFtcDsgd2lu\r\n"
    "--XYZ\r\n"
    "Content-Type: image/gif\r\n"
    "Content-Transfer-Encoding: base64\r\n"
    "\r\n"
    "R0lGODlh\r\n"
    "--XYZ--\r\n";

TEST(CorporaTest, EmailTextDecodesPartsAndDropsMarkup) {
  const std::string text = EmailToText(kEmail, EmailText::kSubjectFromTo);
  EXPECT_NE(text.find("subject: You have won"), std::string::npos) << text;
  EXPECT_NE(text.find("from: \"Prize Desk\" <win@example.com>"), std::string::npos);
  EXPECT_NE(text.find("Claim your $500 prize now"), std::string::npos);
  EXPECT_NE(text.find("Click here"), std::string::npos);
  EXPECT_NE(text.find("& win"), std::string::npos);
  EXPECT_EQ(text.find("<b>"), std::string::npos);
  EXPECT_EQ(text.find("R0lGODlh"), std::string::npos);
  EXPECT_EQ(text.find("preamble"), std::string::npos);
  const std::string body = EmailToText(kEmail, EmailText::kBody);
  EXPECT_EQ(body.find("subject:"), std::string::npos);
  EXPECT_NE(body.find("Claim your $500 prize now"), std::string::npos);
  const std::string html = EmailToText(
      "Content-Type: text/html\n\n<p>Hi</p><SCRIPT>evil()</SCRIPT><style>p{}</style>there &amp; "
      "<!-- hidden -->back",
      EmailText::kBody);
  EXPECT_NE(html.find("Hi"), std::string::npos);
  EXPECT_NE(html.find("there & "), std::string::npos);
  EXPECT_NE(html.find("back"), std::string::npos);
  EXPECT_EQ(html.find("evil"), std::string::npos);
  EXPECT_EQ(html.find("p{}"), std::string::npos);
  EXPECT_EQ(html.find("hidden"), std::string::npos);
  // Garbage and empty input give text, never a crash.
  EXPECT_EQ(EmailToText("", EmailText::kBody), "\n");
  EXPECT_FALSE(
      EmailToText("Content-Type: multipart/mixed; boundary=\"\n\n--\n--", EmailText::kAllHeaders)
          .empty());
}

// One ustar header block for a regular file.
std::string TarHeader(const std::string& name, size_t size) {
  std::string h(512, '\0');
  std::memcpy(h.data(), name.data(), name.size());
  std::snprintf(h.data() + 100, 8, "%07o", 0644);
  std::snprintf(h.data() + 124, 12, "%011zo", size);
  h[156] = '0';
  std::memcpy(h.data() + 257,
              "ustar\0"
              "00",
              8);
  std::memset(h.data() + 148, ' ', 8);
  unsigned sum = 0;
  for (char c : h) sum += static_cast<unsigned char>(c);
  std::snprintf(h.data() + 148, 8, "%06o", sum);
  return h;
}

void WriteGz(const std::string& path, const std::string& bytes) {
  gzFile gz = gzopen(path.c_str(), "wb");
  ASSERT_NE(gz, nullptr);
  ASSERT_EQ(gzwrite(gz, bytes.data(), static_cast<unsigned>(bytes.size())),
            static_cast<int>(bytes.size()));
  gzclose(gz);
}

TEST(CorporaTest, ReadsTarGzAndRefusesDamage) {
  std::string tar = TarHeader("spam-1/00001.txt", 5) + "hello" + std::string(507, '\0') +
                    TarHeader("spam-1/00002.txt", 0) + std::string(1024, '\0');
  const std::string path = ::testing::TempDir() + "corpora_test.tar.gz";
  WriteGz(path, tar);
  auto files = ReadTarGz(path);
  ASSERT_TRUE(files.ok()) << files.status();
  ASSERT_EQ(files->size(), 2u);
  EXPECT_EQ((*files)[0].first, "spam-1/00001.txt");
  EXPECT_EQ((*files)[0].second, "hello");
  EXPECT_EQ((*files)[1].second, "");

  tar[130] = '7';  // the size field no longer matches the header checksum
  WriteGz(path, tar);
  EXPECT_EQ(ReadTarGz(path).status().code(), StatusCode::kDataLoss);
  WriteGz(path, TarHeader("big.txt", 4096) + "short");
  EXPECT_EQ(ReadTarGz(path).status().code(), StatusCode::kDataLoss);
  std::remove(path.c_str());
  EXPECT_EQ(ReadTarGz(path).status().code(), StatusCode::kNotFound);
}

TEST(CorporaTest, TsvLabelsAndMissingCorpora) {
  const std::string path = ::testing::TempDir() + "corpora_test.tsv";
  {
    std::ofstream out(path);
    out << "label\ttext\nspam\tWIN now\r\nLEGIT\thello\n\n1\tx\t y\n0\t\n";
  }
  auto rows = ReadCorpus(path, {});
  ASSERT_TRUE(rows.ok()) << rows.status();
  ASSERT_EQ(rows->size(), 4u);
  EXPECT_TRUE((*rows)[0].positive);
  EXPECT_EQ((*rows)[0].text, "WIN now");
  EXPECT_FALSE((*rows)[1].positive);
  EXPECT_EQ((*rows)[2].text, "x\t y");
  {
    std::ofstream out(path);
    out << "spam\tok\nmaybe\tno\n";
  }
  Status bad = ReadCorpus(path, {}).status();
  EXPECT_EQ(bad.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(bad.message().find(":2:"), std::string::npos) << bad;
  std::remove(path.c_str());

  Status missing = ReadCorpus("spamassassin", {.data_dir = "/nonexistent-meridian"}).status();
  EXPECT_EQ(missing.code(), StatusCode::kNotFound);
  EXPECT_NE(missing.message().find("/nonexistent-meridian/spam-assassin/easy-ham-1.tar.gz"),
            std::string::npos);
  EXPECT_EQ(ReadCorpus("sms", {.data_dir = "/nonexistent-meridian"}).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(ResolveDataDir("/x"), "/x");
}

}  // namespace
}  // namespace meridian::cli
