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

template <typename T>
StatusOr<ImportReport> Run(Store& store, const std::vector<SourceRow>& rows, ImportReport report,
                           const ImportOptions& options) {
  std::vector<Prepared<T>> ready;
  DecodeOptions decode{.now = options.now, .read_only = ReadOnlyFields::kIgnore};
  for (const SourceRow& row : rows) {
    report.rows++;
    if (!row.error.ok()) {
      AddError(&report, row.line, row.error);
      continue;
    }
    Json doc = row.value;
    Prepared<T> p;
    p.line = row.line;
    if constexpr (std::is_same_v<T, Job>) {
      if (report.format == ImportFormat::kJobPosting) {
        auto mapped = JobPostingToJob(row.value);
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
            JsonResumeToTalent(row.value, [&](const std::string& city, const std::string& country) {
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
  }
  if (options.strict && report.invalid > 0) {
    report.written = false;
    return report;
  }

  // Strict: one transaction for the file. Otherwise batches; a row the store rejects (an
  // unknown reference) is reported and skipped without aborting its batch.
  size_t batch = options.strict ? std::max<size_t>(ready.size(), 1)
                                : static_cast<size_t>(std::max(1, options.batch_size));
  std::vector<RowError> strict_errors;
  for (size_t start = 0; start < ready.size(); start += batch) {
    size_t end = std::min(ready.size(), start + batch);
    int64_t inserted = 0, updated = 0;
    std::vector<RowError> batch_errors;
    Status s = store.Write(
        [&](StoreWriter& w) -> Status {
          for (size_t i = start; i < end; ++i) {
            Prepared<T>& p = ready[i];
            if (p.company) {
              ASSIGN_OR_RETURN(bool exists, w.SlugExists(Entity::kCompany, p.company->slug));
              if (!exists) RETURN_IF_ERROR(w.PutCompany(&*p.company, PutMode::kCreate).status());
            }
            auto out = Catalog::Upsert<T>(w, &p.record);
            if (!out.ok()) {
              StatusCode code = out.status().code();
              if (code != StatusCode::kInvalidArgument && code != StatusCode::kNotFound)
                return out.status();
              batch_errors.push_back({p.line, out.status().field(), out.status().message()});
              continue;
            }
            (*out == PutOutcome::kInserted ? inserted : updated)++;
          }
          if (options.strict && !batch_errors.empty())
            return InvalidArgumentError("strict import rejected");
          return OkStatus();
        },
        {.durable = false});
    for (auto& e : batch_errors) {
      report.invalid++;
      report.errors.push_back(std::move(e));
    }
    if (options.strict && !batch_errors.empty()) {
      report.written = false;
      return report;
    }
    RETURN_IF_ERROR(s);
    report.inserted += inserted;
    report.updated += updated;
    if (options.progress)
      options.progress(static_cast<int64_t>(end), static_cast<int64_t>(ready.size()));
  }
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
  std::vector<SourceRow> rows =
      report.format == ImportFormat::kCsv ? ReadCsvRows(text, options.entity) : ReadJsonRows(text);
  switch (options.entity) {
    case Entity::kCompany:
      return Run<Company>(store, rows, std::move(report), options);
    case Entity::kJob:
      return Run<Job>(store, rows, std::move(report), options);
    case Entity::kTalent:
      return Run<Talent>(store, rows, std::move(report), options);
    case Entity::kCity:
      return Run<City>(store, rows, std::move(report), options);
    case Entity::kArticle:
      return Run<Article>(store, rows, std::move(report), options);
    case Entity::kEvent:
      break;
  }
  return InvalidArgumentError("events cannot be imported");
}

}  // namespace meridian
