#include "engine/store/records.h"

namespace meridian {

std::string_view EntityName(Entity e) {
  switch (e) {
    case Entity::kCompany:
      return "company";
    case Entity::kJob:
      return "job";
    case Entity::kTalent:
      return "talent";
    case Entity::kCity:
      return "city";
    case Entity::kArticle:
      return "article";
    case Entity::kEvent:
      return "event";
  }
  return "unknown";
}

std::string_view ChangeOpName(ChangeOp op) {
  switch (op) {
    case ChangeOp::kInsert:
      return "insert";
    case ChangeOp::kUpdate:
      return "update";
    case ChangeOp::kDelete:
      return "delete";
  }
  return "unknown";
}

std::string EventOwnerKey(const EventOwner& owner) {
  return owner.user_id > 0 ? "u:" + std::to_string(owner.user_id) : "s:" + owner.session_id;
}

}  // namespace meridian
