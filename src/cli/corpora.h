// Labelled text corpora for `meridian eval classifier` (issue 7):
//   spamassassin  <data>/spam-assassin/{easy-ham-1,easy-ham-2,hard-ham-1,spam-1,spam-2}.tar.gz,
//                 raw RFC-822 emails (ham: the first three archives, spam: the last two),
//                 read with zlib and a ustar parser, each turned into text by EmailToText
//   sms           <data>/sms-spam-collection/SMSSpamCollection
//   any FILE      TSV lines `label<TAB>text`, label spam|scam|1 (positive) or ham|legit|0
//                 (case-insensitive); blank lines and a first line labelled "label" are
//                 skipped; any other label is an error naming the line. The SMS corpus is
//                 read the same way.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/statusor.h"
#include "engine/ml/text_classifier.h"

namespace meridian::cli {

// What of an email becomes the classifier's text.
enum class EmailText {
  kBody,           // the decoded text parts only
  kSubjectFromTo,  // Subject, From and To lines, then the body
  kAllHeaders,     // every header line, then the body
};

struct CorpusOptions {
  std::string data_dir;  // resolved (see ResolveDataDir)
  EmailText email_text = EmailText::kSubjectFromTo;
};

// `flag` when set; else ../shared/data when that directory exists; else $MERIDIAN_DATA_DIR;
// else ../shared/data (so that the missing-corpus error names it).
std::string ResolveDataDir(const std::string& flag);

// The examples of corpus `name` (spamassassin, sms or a file path), in a stable order.
// NotFound when the corpus's files are missing; InvalidArgument/DataLoss for bad contents.
StatusOr<std::vector<LabeledText>> ReadCorpus(const std::string& name,
                                              const CorpusOptions& options);

// The regular files of a .tar.gz archive, as (path, contents), in archive order.
StatusOr<std::vector<std::pair<std::string, std::string>>> ReadTarGz(const std::string& path);

// Decodes a raw email: headers unfolded (RFC 2047 words decoded), MIME parts walked,
// quoted-printable and base64 text parts decoded, HTML tags dropped.
std::string EmailToText(std::string_view raw, EmailText mode);

}  // namespace meridian::cli
