#include "platform/import/importer.h"

#include "base/slug.h"
#include "base/strings.h"
#include "platform/catalog.h"
#include "platform/import/foreign.h"
#include "platform/import/sources.h"

namespace meridian {
namespace {

// One row ready to write: a decoded record (and, for JobPosting, its company).
template <typename T>
struct Prepared {
  int line = 0;
  T record;
  std::optional<Company> company;
};

ImportFormat Sniff(std::string_view text, Entity entity) {
  size_t first = text.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && text.substr(first, 3) == "\xEF\xBB\xBF") {
    first = text.find_first_not_of(" \t\r\n", first + 3);
  }
  if (first == std::string_view::npos || (text[first] != '{' && text[first] != '['))
    return ImportFormat::kCsv;
  std::string_view head = text.substr(first, 4096);
  if (entity == Entity::kJob && head.find("\"JobPosting\"") != std::string_view::npos)
    return ImportFormat::kJobPosting;
  if (entity == Entity::kTalent && head.find("\"basics\"") != std::string_view::npos)
    return ImportFormat::kJsonResume;
  return ImportFormat::kNdjson;
}

void AddError(ImportReport* report, int line, const Status& s) {
  report->invalid++;
  report->errors.push_back({line, s.field(), s.message()});
}

// Writes `ready` in one transaction. A row the store rejects (an unknown reference) is
// reported and skipped without aborting the transaction, except in strict mode, where it
// rolls back everything and *rejected is set.
template <typename T>
Status WriteBatch(Store& store, std::vector<Prepared<T>>& ready, bool strict, ImportReport* report,
                  bool* rejected) {
  int64_t inserted = 0, updated = 0;
  std::vector<RowError> errors;
  Status s = store.Write(
      [&](StoreWriter& w) -> Status {
        for (Prepared<T>& p : ready) {
          if (p.company) {
            ASSIGN_OR_RETURN(bool exists, w.SlugExists(Entity::kCompany, p.company->slug));
            if (!exists) RETURN_IF_ERROR(w.PutCompany(&*p.company, PutMode::kCreate).status());
          }
          auto out = Catalog::Upsert<T>(w, &p.record);
          if (!out.ok()) {
            StatusCode code = out.status().code();
            if (code != StatusCode::kInvalidArgument && code != StatusCode::kNotFound)
              return out.status();
            errors.push_back({p.line, out.status().field(), out.status().message()});
            continue;
          }
          (*out == PutOutcome::kInserted ? inserted : updated)++;
        }
        if (strict && !errors.empty()) return InvalidArgumentError("strict import rejected");
        return OkStatus();
      },
      {.durable = false});
  report->invalid += static_cast<int64_t>(errors.size());
  for (auto& e : errors) report->errors.push_back(std::move(e));
  if (strict && !errors.empty()) {
    *rejected = true;
    return OkStatus();
  }
  RETURN_IF_ERROR(s);
  report->inserted += inserted;
  report->updated += updated;
  ready.clear();
  return OkStatus();
}

template <typename T>
StatusOr<ImportReport> Run(Store& store, RowReader& reader, ImportReport report,
                           const ImportOptions& options) {
  std::vector<Prepared<T>> ready;
  DecodeOptions decode{.now = options.now, .read_only = ReadOnlyFields::kIgnore};
  const int64_t estimated = reader.EstimatedRows();
  const size_t batch = static_cast<size_t>(std::max(1, options.batch_size));
  // Strict mode keeps every decoded record (far smaller than the parsed JSON) until the whole
  // file has validated; otherwise rows are written batch by batch as they are read.
  auto flush = [&]() -> Status {
    bool rejected = false;
    RETURN_IF_ERROR(WriteBatch(store, ready, /*strict=*/false, &report, &rejected));
    if (options.progress) options.progress(report.rows, std::max(estimated, report.rows));
    return OkStatus();
  };
  SourceRow row;
  while (reader.Next(&row)) {
    report.rows++;
    if (!row.error.ok()) {
      AddError(&report, row.line, row.error);
      continue;
    }
    Json doc = std::move(row.value);
    Prepared<T> p;
    p.line = row.line;
    if constexpr (std::is_same_v<T, Job>) {
      if (report.format == ImportFormat::kJobPosting) {
        auto mapped = JobPostingToJob(doc);
        if (!mapped.ok()) {
          AddError(&report, row.line, mapped.status());
          continue;
        }
        auto company = CompanyFromJson(mapped->company, decode);
        if (!company.ok()) {
          AddError(&report, row.line, company.status().WithFieldPrefix("hiringOrganization"));
          continue;
        }
        p.company = std::move(*company);
        doc = std::move(mapped->job);
      }
    }
    if constexpr (std::is_same_v<T, Talent>) {
      if (report.format == ImportFormat::kJsonResume) {
        auto mapped =
            JsonResumeToTalent(doc, [&](const std::string& city, const std::string& country) {
              for (const std::string& slug : {Slugify(city), Slugify(city + " " + country)}) {
                if (slug.empty()) continue;
                auto c = store.GetCity(slug);
                if (c.ok() && (country.empty() || AsciiLower(c->country) == AsciiLower(country)))
                  return slug;
              }
              return std::string();
            });
        if (!mapped.ok()) {
          AddError(&report, row.line, mapped.status());
          continue;
        }
        doc = std::move(*mapped);
      }
    }
    auto record = DecodeRecord<T>(doc, decode);
    if (!record.ok()) {
      AddError(&report, row.line, record.status());
      continue;
    }
    p.record = std::move(*record);
    ready.push_back(std::move(p));
    if (!options.strict && ready.size() >= batch) RETURN_IF_ERROR(flush());
  }
  if (!options.strict) {
    if (!ready.empty()) RETURN_IF_ERROR(flush());
    return report;
  }
  if (report.invalid > 0) {
    report.written = false;
    return report;
  }
  bool rejected = false;
  RETURN_IF_ERROR(WriteBatch(store, ready, /*strict=*/true, &report, &rejected));
  if (rejected) report.written = false;
  if (options.progress) options.progress(report.rows, report.rows);
  return report;
}

}  // namespace

StatusOr<ImportFormat> ParseImportFormat(std::string_view name) {
  std::string n = AsciiLower(name);
  if (n == "auto") return ImportFormat::kAuto;
  if (n == "ndjson" || n == "json" || n == "jsonl") return ImportFormat::kNdjson;
  if (n == "csv") return ImportFormat::kCsv;
  if (n == "jsonresume" || n == "json-resume") return ImportFormat::kJsonResume;
  if (n == "jobposting" || n == "schema.org") return ImportFormat::kJobPosting;
  return InvalidArgumentError("format: expected auto|ndjson|csv|jsonresume|jobposting", "format");
}

StatusOr<ImportReport> ImportText(Store& store, std::string_view text,
                                  const ImportOptions& options) {
  ImportReport report;
  report.format =
      options.format == ImportFormat::kAuto ? Sniff(text, options.entity) : options.format;
  if (report.format == ImportFormat::kJsonResume && options.entity != Entity::kTalent) {
    return InvalidArgumentError("format: JSON Resume documents import as talent");
  }
  if (report.format == ImportFormat::kJobPosting && options.entity != Entity::kJob) {
    return InvalidArgumentError("format: JobPosting documents import as jobs");
  }
  std::unique_ptr<RowReader> rows = report.format == ImportFormat::kCsv
                                        ? CsvRowReader(text, options.entity)
                                        : JsonRowReader(text);
  switch (options.entity) {
    case Entity::kCompany:
      return Run<Company>(store, *rows, std::move(report), options);
    case Entity::kJob:
      return Run<Job>(store, *rows, std::move(report), options);
    case Entity::kTalent:
      return Run<Talent>(store, *rows, std::move(report), options);
    case Entity::kCity:
      return Run<City>(store, *rows, std::move(report), options);
    case Entity::kArticle:
      return Run<Article>(store, *rows, std::move(report), options);
    case Entity::kEvent:
      break;
  }
  return InvalidArgumentError("events cannot be imported");
}

}  // namespace meridian
