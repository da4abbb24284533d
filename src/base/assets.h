// Files compiled into the binary (web templates, the stylesheet, demo facts), so that
// `meridian` runs from any directory as one self-contained executable.
//
//   std::optional<std::string_view> css = FindAsset("static/meridian.css");
#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace meridian {

struct EmbeddedAsset {
  std::string_view name;  // logical path, e.g. "templates/job.mustache"
  std::string_view data;  // the file's bytes; valid for the life of the process
};

// All embedded assets. Defined in a source generated at build time by tools/embed.cpp.
std::span<const EmbeddedAsset> EmbeddedAssets();

// The asset named `name`, or nullopt when there is none.
std::optional<std::string_view> FindAsset(std::string_view name);

}  // namespace meridian
