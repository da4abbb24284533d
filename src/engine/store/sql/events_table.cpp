// Behavioural events of the store (issue 6): a user's or an anonymous session's
// history, the whole log for training, and forgetting on request.
#include "engine/store/sql/common.h"
#include "engine/store/sql/tables.h"

namespace meridian::sql {
namespace {

#define MERIDIAN_EVENT_COLUMNS "id, user_id, session_id, entity, entity_id, kind, at, context "

// The newest n, then put back in time order.
const Sql kUserEvents{"user_events",
                      "SELECT * FROM (SELECT " MERIDIAN_EVENT_COLUMNS
                      "FROM events WHERE user_id = ? ORDER BY at DESC, id DESC LIMIT ?) AS newest "
                      "ORDER BY at, id"};
const Sql kSessionEvents{"session_events", "SELECT * FROM (SELECT " MERIDIAN_EVENT_COLUMNS
                                           "FROM events WHERE session_id = ? AND user_id IS NULL "
                                           "ORDER BY at DESC, id DESC LIMIT ?) AS newest "
                                           "ORDER BY at, id"};
const Sql kEventsAfter{"events_after", "SELECT " MERIDIAN_EVENT_COLUMNS
                                       "FROM events WHERE id > ? ORDER BY id LIMIT ?"};
const Sql kDeleteUserEvents{"delete_events_of_user", "DELETE FROM events WHERE user_id = ?"};
const Sql kDeleteSessionEvents{"delete_events_of_session",
                               "DELETE FROM events WHERE session_id = ? AND user_id IS NULL"};

const Sql kReassignSessionEvents{
    "reassign_session_events",
    "UPDATE events SET user_id = ?1, session_id = '' WHERE session_id = ?2 AND user_id IS NULL"};

Event ReadEvent(const Query& r) {
  Event e;
  e.id = r.Int(0);
  e.user_id = r.OptInt(1);
  e.session_id = r.Text(2);
  std::string entity = r.Text(3);
  for (Entity x :
       {Entity::kCompany, Entity::kJob, Entity::kTalent, Entity::kCity, Entity::kArticle}) {
    if (EntityName(x) == entity) e.entity = x;
  }
  e.entity_id = r.Int(4);
  e.kind = r.Text(5);
  e.at = r.Int(6);
  e.context = r.Text(7);
  return e;
}

StatusOr<std::vector<Event>> Collect(Query& q) {
  std::vector<Event> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    out.push_back(ReadEvent(q));
  }
  return out;
}

// The query of `user_sql` or `session_sql`, whichever fits the owner, with the owner bound
// as parameter 1.
StatusOr<Query> OwnerQuery(Connection& c, const EventOwner& owner, const Sql& user_sql,
                           const Sql& session_sql) {
  if (owner.user_id <= 0 && owner.session_id.empty()) {
    return InvalidArgumentError("events: a user id or a session id is required");
  }
  bool user = owner.user_id > 0;
  ASSIGN_OR_RETURN(Query q, c.Prepare(user ? user_sql : session_sql));
  if (user) {
    q.Bind(1, owner.user_id);
  } else {
    q.Bind(1, owner.session_id);
  }
  return q;
}

}  // namespace

StatusOr<std::vector<Event>> ListEventsOf(Connection& c, const EventOwner& owner, int limit) {
  ASSIGN_OR_RETURN(Query q, OwnerQuery(c, owner, kUserEvents, kSessionEvents));
  q.Bind(2, limit);
  return Collect(q);
}

StatusOr<std::vector<Event>> ListEvents(Connection& c, int64_t after_id, int limit) {
  ASSIGN_OR_RETURN(Query q, c.Prepare(kEventsAfter));
  q.Bind(1, after_id).Bind(2, limit);
  return Collect(q);
}

StatusOr<int64_t> DeleteEventsOf(Connection& c, const EventOwner& owner, UnixSeconds now) {
  ASSIGN_OR_RETURN(Query q, OwnerQuery(c, owner, kDeleteUserEvents, kDeleteSessionEvents));
  RETURN_IF_ERROR(q.Run());
  int64_t removed = c.Changes();
  // Appended even when nothing went: the owner asked to be forgotten, and a replica's cache
  // is cheaper to drop than to reason about.
  RETURN_IF_ERROR(
      AppendChange(c, kEventsChangeEntity, 0, EventOwnerKey(owner), ChangeOp::kDelete, now));
  return removed;
}

StatusOr<int64_t> ReassignSessionEvents(Connection& c, std::string_view session_id, int64_t user_id,
                                        UnixSeconds now) {
  if (session_id.empty() || user_id <= 0) {
    return InvalidArgumentError("events: a session id and a user id are required");
  }
  ASSIGN_OR_RETURN(Query q, c.Prepare(kReassignSessionEvents));
  q.Bind(1, user_id).Bind(2, session_id);
  RETURN_IF_ERROR(q.Run());
  int64_t moved = c.Changes();
  // Both histories changed; nothing to announce when nothing moved (every sign-in from a
  // browser with a visitor cookie gets here).
  if (moved > 0) {
    for (const EventOwner& owner :
         {EventOwner{.session_id = std::string(session_id)}, EventOwner{.user_id = user_id}}) {
      RETURN_IF_ERROR(
          AppendChange(c, kEventsChangeEntity, 0, EventOwnerKey(owner), ChangeOp::kUpdate, now));
    }
  }
  return moved;
}

}  // namespace meridian::sql
