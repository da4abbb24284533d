// Writes to the catalogue (companies, jobs, talent, cities, articles) from JSON documents:
// decode and validate (codec.h), derive a unique slug when none is given, and store the
// record with its change in one transaction. The API's POST/PATCH/DELETE and the importer
// both come through here, so the rules are the same everywhere.
//
//   Catalog catalog(store, clock);
//   ASSIGN_OR_RETURN(Job job, catalog.Create<Job>(body));      // 409 on a taken slug
//   ASSIGN_OR_RETURN(Job job, catalog.Patch<Job>(slug, patch)); // JSON merge patch
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "base/json.h"
#include "base/statusor.h"
#include "base/time.h"
#include "engine/store/store.h"
#include "platform/codec.h"

namespace meridian {

// T is one of Company, Job, Talent, City, Article.
template <typename T>
struct EntityOf;
template <>
struct EntityOf<Company> {
  static constexpr Entity value = Entity::kCompany;
};
template <>
struct EntityOf<Job> {
  static constexpr Entity value = Entity::kJob;
};
template <>
struct EntityOf<Talent> {
  static constexpr Entity value = Entity::kTalent;
};
template <>
struct EntityOf<City> {
  static constexpr Entity value = Entity::kCity;
};
template <>
struct EntityOf<Article> {
  static constexpr Entity value = Entity::kArticle;
};

// Optional steps around a Catalog write, for callers that add rules (authorization,
// ownership). `before` sees the decoded record (and the stored one on patches) and may adjust
// or refuse it; `after` runs inside the write transaction once the record is stored, so that
// its own writes commit or roll back with the record.
template <typename T>
struct WriteHooks {
  std::function<Status(T* record, const T* existing)> before;
  std::function<Status(StoreWriter& writer, const T& record)> after;
};

class Catalog {
 public:
  Catalog(Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  // Creates a record. Without "slug", one is derived from the name or title and made unique
  // with a numeric suffix; an explicit slug that is taken is kAlreadyExists.
  template <typename T>
  StatusOr<T> Create(const Json& body, const WriteHooks<T>& hooks = {});

  // Applies an RFC 7386 merge patch to the record's writable fields and validates the result
  // as a whole. The slug cannot change. kNotFound when there is no such record.
  template <typename T>
  StatusOr<T> Patch(std::string_view slug, const Json& patch, const WriteHooks<T>& hooks = {});

  Status Delete(Entity entity, std::string_view slug);

  // Upserts a decoded record inside an open transaction (used by bulk import). A record
  // without a slug gets the derived one, without a suffix, so that importing the same file
  // twice updates rather than duplicates.
  template <typename T>
  static StatusOr<PutOutcome> Upsert(StoreWriter& writer, T* record);

  // The slug derived from a record's name or title ("senior-rust-engineer-acme").
  template <typename T>
  static std::string DerivedSlug(const T& record);

 private:
  Store& store_;
  const Clock& clock_;
};

// Decodes a record of type T (codec.h), for callers that work generically.
template <typename T>
StatusOr<T> DecodeRecord(const Json& j, const DecodeOptions& options);
template <typename T>
Json EncodeRecord(const T& record, View view);
// Reads a record of type T by slug (kNotFound when absent).
template <typename T>
StatusOr<T> GetRecord(StoreReader& store, std::string_view slug);

}  // namespace meridian
