// The embedded demo facts (data/companies.csv, data/cities.csv) as records.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/statusor.h"
#include "engine/store/records.h"

namespace meridian::demo {

// Index into Market::weights: worldwide americas europe americas-europe asia-pacific other.
int RegionIndex(std::string_view region);

struct CompanyFact {
  Company company;
  int region_index = 0;
};

struct Facts {
  std::vector<CompanyFact> companies;
  std::vector<City> cities;  // slugs unique, nomad_score set
};

// Parses the CSV texts (header row first). Rows that could not pass the platform's validators
// (unknown country or time zone, blank name) are skipped.
StatusOr<std::vector<CompanyFact>> ParseCompanies(std::string_view csv);
StatusOr<std::vector<City>> ParseCities(std::string_view csv);

// Loads both from the embedded assets demo/companies.csv and demo/cities.csv.
StatusOr<Facts> LoadFacts();

}  // namespace meridian::demo
