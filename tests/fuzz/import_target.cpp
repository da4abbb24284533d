#include "engine/store/open_store.h"
#include "fuzz_targets.h"
#include "platform/import/importer.h"

namespace meridian::fuzz {

namespace {

Store& ImportStore() {
  static Store* store = [] {
    StatusOr<std::unique_ptr<Store>> s = OpenStore({.url = ScratchDir() + "/import.db"});
    if (!s.ok()) Fail("open the import store: " + s.status().ToString());
    return s->release();  // lives for the process
  }();
  return *store;
}

}  // namespace

void ImportTarget(std::string_view input) {
  if (input.empty()) return;
  const auto selector = static_cast<unsigned char>(input[0]);
  constexpr Entity kEntities[] = {Entity::kJob, Entity::kCompany, Entity::kTalent, Entity::kCity,
                                  Entity::kArticle};
  constexpr ImportFormat kFormats[] = {ImportFormat::kAuto, ImportFormat::kNdjson,
                                       ImportFormat::kCsv, ImportFormat::kJsonResume,
                                       ImportFormat::kJobPosting};
  const ImportOptions options{.entity = kEntities[selector % 5],
                              .format = kFormats[(selector / 5) % 5],
                              .strict = (selector & 0x80) != 0,
                              .batch_size = 2,
                              .now = 1'700'000'000};
  StatusOr<ImportReport> r = ImportText(ImportStore(), input.substr(1), options);
  if (!r.ok()) {
    // Not a row problem: the format does not fit the entity, or the file as a whole.
    if (r.status().code() != StatusCode::kInvalidArgument) {
      Fail("import failed other than on its input: " + r.status().ToString());
    }
    return;
  }
  if (r->written && r->rows != r->inserted + r->updated + r->invalid) {
    Fail("the import report does not add up: rows " + std::to_string(r->rows) + ", inserted " +
         std::to_string(r->inserted) + ", updated " + std::to_string(r->updated) + ", invalid " +
         std::to_string(r->invalid));
  }
  if (!r->written && (r->inserted != 0 || r->updated != 0)) {
    Fail("a rejected strict import reports written rows");
  }
  if (r->invalid > 0 && r->errors.empty()) Fail("invalid rows without errors");
}

}  // namespace meridian::fuzz
