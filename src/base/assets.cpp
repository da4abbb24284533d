#include "base/assets.h"

namespace meridian {

std::optional<std::string_view> FindAsset(std::string_view name) {
  for (const EmbeddedAsset& asset : EmbeddedAssets()) {
    if (asset.name == name) return asset.data;
  }
  return std::nullopt;
}

}  // namespace meridian
