// Meridian's fuzz targets (issue 10): each takes any bytes and must never crash, hang, leak
// or trip a sanitizer, and checks what it can about the answer (a target's own invariant
// failing aborts with a message). libFuzzer runs each (`make fuzz`, clang; fuzz_main.cpp),
// and the unit tests replay every seed in tests/fuzz/corpus/<name> and every saved crash in
// tests/fuzz/regressions/<name> on every build (fuzz_replay_test.cpp).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace meridian::fuzz {

using TargetFn = void (*)(std::string_view input);

struct Target {
  const char* name;  // the corpus folder and the fuzzer binary: meridian_fuzz_<name>
  TargetFn fn;
};
const std::vector<Target>& AllTargets();

// The job search query: typo mode, sort and paging from the first byte, the rest as text.
void SearchQueryTarget(std::string_view input);
// Raw bytes as one HTTP/1.1 request through the server's parser and the whole app (API
// and pages) over a small demo database: no 5xx but 503, JSON answers are valid JSON.
void HttpRequestTarget(std::string_view input);
// A write route's JSON body: the first byte picks the route (POST/PATCH of every record
// type, events, tracking, sign-up and sign-in, keys, moderation), as an admin.
void ApiWriteTarget(std::string_view input);
// A record's JSON (first byte: company, job, talent, city, article) through the codec; a
// record that decodes must encode and decode again to the same record.
void RecordJsonTarget(std::string_view input);
// An import file (first byte: entity and format: NDJSON, CSV, JobPosting, JSON Resume)
// into a store: the report adds up, and every row it counts as written is in the store.
void ImportTarget(std::string_view input);
// Foreign JSON converters: schema.org JobPosting to a job, JSON Resume to talent and back.
void ForeignJsonTarget(std::string_view input);
// Model artifacts (first byte: scam classifier, salary estimator, embeddings, recommenders,
// drift reference, text features), as given and re-sealed with a valid frame and checksum
// so that the payload readers behind the checksum are reached too.
void ModelArtifactTarget(std::string_view input);
// Index files: the job search index file and the vector index's header file, as given.
void IndexFileTarget(std::string_view input);

// A scratch folder for this process (on tmpfs where there is one), removed at exit.
const std::string& ScratchDir();
// An invariant failed: prints `what` and aborts (libFuzzer saves the input).
[[noreturn]] void Fail(std::string_view what);

}  // namespace meridian::fuzz
