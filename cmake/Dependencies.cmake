# Every third-party dependency comes from a Debian 12 package (see scripts/install-deps).
find_package(Threads REQUIRED)
find_package(Boost 1.74 REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(nlohmann_json 3.11 REQUIRED)
find_package(spdlog REQUIRED)
find_package(fmt REQUIRED)
find_package(CLI11 REQUIRED)
find_package(ICU REQUIRED COMPONENTS uc i18n)
find_package(PkgConfig REQUIRED)
find_package(Eigen3 3.4 REQUIRED NO_MODULE)  # the embedding model's SVD

# toml++: used header-only (the pkg-config file would switch it to shared-library mode).
find_path(TOMLPP_INCLUDE_DIR toml++/toml.h REQUIRED)
add_library(meridian_tomlplusplus INTERFACE)
target_include_directories(meridian_tomlplusplus SYSTEM INTERFACE ${TOMLPP_INCLUDE_DIR})
target_compile_definitions(meridian_tomlplusplus INTERFACE TOML_HEADER_ONLY=1 TOML_EXCEPTIONS=0)

# kainjow mustache: header-only, HTML-escapes by default.
find_path(MUSTACHE_INCLUDE_DIR kainjow/mustache.hpp REQUIRED)
add_library(meridian_mustache INTERFACE)
target_include_directories(meridian_mustache SYSTEM INTERFACE ${MUSTACHE_INCLUDE_DIR})

# cmark (CommonMark): pkg-config, because Debian's CMake config for it demands /usr/bin/cmark.
pkg_check_modules(CMARK REQUIRED IMPORTED_TARGET libcmark)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
# XGBoost C API (scam classifier, salary estimator): pkg-config, because Debian's CMake
# config for it demands /usr/bin/xgboost.
pkg_check_modules(XGBOOST REQUIRED IMPORTED_TARGET xgboost)
# The PostgreSQL backend (issue 9): libpqxx 6.4 (Debian 12's libpqxx-dev), over libpq.
pkg_check_modules(PQXX REQUIRED IMPORTED_TARGET libpqxx)
find_package(ZLIB REQUIRED)  # reading .tar.gz corpora for `meridian eval classifier`

# Snowball stemmers (libstemmer): no CMake or pkg-config file in Debian 12.
find_path(STEMMER_INCLUDE_DIR libstemmer.h REQUIRED)
find_library(STEMMER_LIBRARY stemmer REQUIRED)
add_library(meridian_stemmer INTERFACE)
target_include_directories(meridian_stemmer SYSTEM INTERFACE ${STEMMER_INCLUDE_DIR})
target_link_libraries(meridian_stemmer INTERFACE ${STEMMER_LIBRARY})

if(MERIDIAN_BUILD_TESTS)
  find_package(GTest REQUIRED)
endif()
