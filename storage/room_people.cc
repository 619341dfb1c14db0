#include "storage/room_people.h"

namespace trtc::storage {
namespace {

constexpr int64_t kAdminRole = 1;

// Reads every row's first column as text.
StatusOr<std::vector<std::string>> Texts(Query& query) {
  std::vector<std::string> out;
  for (;;) {
    StatusOr<bool> row = query.Step();
    if (!row.ok()) return row.status();
    if (!*row) return out;
    out.push_back(query.ColumnText(0));
  }
}

// Steps a query that yields one integer row.
StatusOr<int64_t> OneInt(Query& query) {
  StatusOr<bool> row = query.Step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::Internal("a count returned no row");
  return query.ColumnInt(0);
}

}  // namespace

StatusOr<bool> RoomPeople::IsMember(std::string_view account) {
  Query query(db_, "SELECT 1 FROM room_member WHERE sdkappid = ? AND room_id = ? AND account = ?");
  return query.Bind(sdkappid_).Bind(room_id_).Bind(account).Step();
}

StatusOr<int64_t> RoomPeople::MemberCount() {
  Query query(db_, "SELECT COUNT(*) FROM room_member WHERE sdkappid = ? AND room_id = ?");
  return OneInt(query.Bind(sdkappid_).Bind(room_id_));
}

StatusOr<std::vector<std::string>> RoomPeople::Members(int64_t offset, int64_t limit) {
  Query query(db_,
              "SELECT account FROM room_member WHERE sdkappid = ? AND room_id = ? "
              "ORDER BY seq LIMIT ? OFFSET ?");
  return Texts(query.Bind(sdkappid_).Bind(room_id_).Bind(limit).Bind(offset));
}

StatusOr<bool> RoomPeople::AddMember(std::string_view account, bool robot) {
  Query query(db_,
              "INSERT INTO room_member (sdkappid, room_id, account, seq, is_robot) "
              "SELECT ?1, ?2, ?3, COALESCE(MAX(seq), 0) + 1, ?4 FROM room_member "
              "WHERE sdkappid = ?1 AND room_id = ?2 "
              "ON CONFLICT (sdkappid, room_id, account) DO NOTHING RETURNING 1");
  return query.Bind(sdkappid_).Bind(room_id_).Bind(account).Bind(int64_t{robot}).Step();
}

StatusOr<bool> RoomPeople::RemoveMember(std::string_view account) {
  Query query(db_,
              "DELETE FROM room_member WHERE sdkappid = ? AND room_id = ? AND account = ? "
              "RETURNING 1");
  return query.Bind(sdkappid_).Bind(room_id_).Bind(account).Step();
}

StatusOr<std::vector<std::string>> RoomPeople::Robots() {
  Query query(db_,
              "SELECT account FROM room_member WHERE sdkappid = ? AND room_id = ? AND is_robot "
              "ORDER BY seq");
  return Texts(query.Bind(sdkappid_).Bind(room_id_));
}

StatusOr<bool> RoomPeople::IsRobot(std::string_view account) {
  Query query(db_,
              "SELECT 1 FROM room_member WHERE sdkappid = ? AND room_id = ? AND account = ? "
              "AND is_robot");
  return query.Bind(sdkappid_).Bind(room_id_).Bind(account).Step();
}

StatusOr<std::vector<std::string>> RoomPeople::Admins() {
  Query query(db_,
              "SELECT account FROM room_role WHERE sdkappid = ? AND room_id = ? AND role = ? "
              "ORDER BY seq");
  return Texts(query.Bind(sdkappid_).Bind(room_id_).Bind(kAdminRole));
}

Status RoomPeople::SetAdmins(const std::vector<std::string>& admins) {
  Status status = Query(db_, "DELETE FROM room_role WHERE sdkappid = ? AND room_id = ? AND role = ?")
                      .Bind(sdkappid_)
                      .Bind(room_id_)
                      .Bind(kAdminRole)
                      .Run();
  for (size_t i = 0; status.ok() && i < admins.size(); ++i) {
    status = Query(db_,
                   "INSERT INTO room_role (sdkappid, room_id, role, account, until_s, seq) "
                   "VALUES (?, ?, ?, ?, 0, ?)")
                 .Bind(sdkappid_)
                 .Bind(room_id_)
                 .Bind(kAdminRole)
                 .Bind(admins[i])
                 .Bind(static_cast<int64_t>(i))
                 .Run();
  }
  return status;
}

StatusOr<std::optional<int64_t>> RoomPeople::RestrictedUntil(RestrictionKind kind,
                                                             std::string_view account,
                                                             int64_t now_s) {
  Query query(db_,
              "SELECT until_s FROM room_role WHERE sdkappid = ? AND room_id = ? AND role = ? "
              "AND account = ? AND until_s > ?");
  StatusOr<bool> row = query.Bind(sdkappid_)
                           .Bind(room_id_)
                           .Bind(static_cast<int64_t>(kind))
                           .Bind(account)
                           .Bind(now_s)
                           .Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<int64_t>();
  return std::optional<int64_t>(query.ColumnInt(0));
}

StatusOr<std::vector<Restriction>> RoomPeople::Restrictions(RestrictionKind kind, int64_t now_s,
                                                            int64_t offset, int64_t limit) {
  Query query(db_,
              "SELECT account, until_s FROM room_role WHERE sdkappid = ? AND room_id = ? "
              "AND role = ? AND until_s > ? ORDER BY account LIMIT ? OFFSET ?");
  query.Bind(sdkappid_).Bind(room_id_).Bind(static_cast<int64_t>(kind)).Bind(now_s);
  query.Bind(limit).Bind(offset);
  std::vector<Restriction> out;
  for (;;) {
    StatusOr<bool> row = query.Step();
    if (!row.ok()) return row.status();
    if (!*row) return out;
    out.push_back({query.ColumnText(0), query.ColumnInt(1)});
  }
}

StatusOr<int64_t> RoomPeople::RestrictionCount(RestrictionKind kind, int64_t now_s) {
  Query query(db_,
              "SELECT COUNT(*) FROM room_role WHERE sdkappid = ? AND room_id = ? AND role = ? "
              "AND until_s > ?");
  return OneInt(query.Bind(sdkappid_).Bind(room_id_).Bind(static_cast<int64_t>(kind)).Bind(now_s));
}

Status RoomPeople::Restrict(RestrictionKind kind, std::string_view account, int64_t until_s) {
  return Query(db_,
               "INSERT INTO room_role (sdkappid, room_id, role, account, until_s, seq) "
               "VALUES (?, ?, ?, ?, ?, 0) ON CONFLICT (sdkappid, room_id, role, account) "
               "DO UPDATE SET until_s = excluded.until_s")
      .Bind(sdkappid_)
      .Bind(room_id_)
      .Bind(static_cast<int64_t>(kind))
      .Bind(account)
      .Bind(until_s)
      .Run();
}

Status RoomPeople::Lift(RestrictionKind kind, std::string_view account) {
  return Query(db_,
               "DELETE FROM room_role WHERE sdkappid = ? AND room_id = ? AND role = ? "
               "AND account = ?")
      .Bind(sdkappid_)
      .Bind(room_id_)
      .Bind(static_cast<int64_t>(kind))
      .Bind(account)
      .Run();
}

StatusOr<std::vector<Seat>> RoomPeople::Seats() {
  Query query(db_,
              "SELECT seat_index, account, taken_disabled, video_disabled, audio_disabled "
              "FROM room_seat WHERE sdkappid = ? AND room_id = ? ORDER BY seat_index");
  query.Bind(sdkappid_).Bind(room_id_);
  std::vector<Seat> out;
  for (;;) {
    StatusOr<bool> row = query.Step();
    if (!row.ok()) return row.status();
    if (!*row) return out;
    out.push_back({query.ColumnInt(0), query.ColumnText(1), query.ColumnInt(2) != 0,
                   query.ColumnInt(3) != 0, query.ColumnInt(4) != 0});
  }
}

Status RoomPeople::PutSeat(const Seat& seat) {
  if (seat.account.empty() && !seat.taken_disabled && !seat.video_disabled &&
      !seat.audio_disabled) {
    return Query(db_, "DELETE FROM room_seat WHERE sdkappid = ? AND room_id = ? AND seat_index = ?")
        .Bind(sdkappid_)
        .Bind(room_id_)
        .Bind(seat.index)
        .Run();
  }
  return Query(db_,
               "INSERT INTO room_seat (sdkappid, room_id, seat_index, account, taken_disabled, "
               "video_disabled, audio_disabled) VALUES (?, ?, ?, ?, ?, ?, ?) "
               "ON CONFLICT (sdkappid, room_id, seat_index) DO UPDATE SET "
               "account = excluded.account, taken_disabled = excluded.taken_disabled, "
               "video_disabled = excluded.video_disabled, audio_disabled = excluded.audio_disabled")
      .Bind(sdkappid_)
      .Bind(room_id_)
      .Bind(seat.index)
      .Bind(seat.account)
      .Bind(int64_t{seat.taken_disabled})
      .Bind(int64_t{seat.video_disabled})
      .Bind(int64_t{seat.audio_disabled})
      .Run();
}

Status RoomPeople::SetOwner(std::string_view account) {
  return Query(db_, "UPDATE room SET owner_account = ? WHERE sdkappid = ? AND room_id = ?")
      .Bind(account)
      .Bind(sdkappid_)
      .Bind(room_id_)
      .Run();
}

StatusOr<RoomCounters> RoomPeople::Counters() {
  Query query(db_,
              "SELECT view_count, total_msg_count, total_gifts_sent, total_gift_coins, "
              "total_unique_gift_senders, total_likes FROM room WHERE sdkappid = ? AND room_id = ?");
  StatusOr<bool> row = query.Bind(sdkappid_).Bind(room_id_).Step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::NotFound("no room \"" + room_id_ + "\"");
  return RoomCounters{query.ColumnInt(0), query.ColumnInt(1), query.ColumnInt(2),
                      query.ColumnInt(3), query.ColumnInt(4), query.ColumnInt(5)};
}

Status RoomPeople::AddViewers(int64_t count) {
  return Query(db_, "UPDATE room SET view_count = view_count + ? WHERE sdkappid = ? AND room_id = ?")
      .Bind(count)
      .Bind(sdkappid_)
      .Bind(room_id_)
      .Run();
}

StatusOr<int64_t> RoomPeople::AddMessage(RoomMessage message) {
  Query next(db_,
             "UPDATE room SET msg_seq = msg_seq + 1, total_msg_count = total_msg_count + 1 "
             "WHERE sdkappid = ? AND room_id = ? RETURNING msg_seq");
  StatusOr<int64_t> seq = OneInt(next.Bind(sdkappid_).Bind(room_id_));
  if (!seq.ok()) return seq;
  Status status = Query(db_,
                        "INSERT INTO room_message (sdkappid, room_id, msg_seq, msg_time, sender, "
                        "msg_body, cloud_custom_data, msg_random) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                      .Bind(sdkappid_)
                      .Bind(room_id_)
                      .Bind(*seq)
                      .Bind(message.msg_time)
                      .Bind(message.sender)
                      .Bind(message.msg_body)
                      .Bind(message.cloud_custom_data)
                      .BindOptional(message.random)
                      .Run();
  if (status.ok() && *seq > kMessagesKept) {
    status = Query(db_, "DELETE FROM room_message WHERE sdkappid = ? AND room_id = ? AND msg_seq <= ?")
                 .Bind(sdkappid_)
                 .Bind(room_id_)
                 .Bind(*seq - kMessagesKept)
                 .Run();
  }
  if (!status.ok()) return status;
  return seq;
}

StatusOr<std::optional<RoomMessage>> RoomPeople::FindMessage(std::string_view sender,
                                                             int64_t random, int64_t since_s) {
  Query query(db_,
              "SELECT msg_seq, msg_time, sender, msg_body, cloud_custom_data FROM room_message "
              "WHERE sdkappid = ? AND room_id = ? AND sender = ? AND msg_random = ? "
              "AND msg_time >= ? ORDER BY msg_seq LIMIT 1");
  StatusOr<bool> row =
      query.Bind(sdkappid_).Bind(room_id_).Bind(sender).Bind(random).Bind(since_s).Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<RoomMessage>();
  return std::optional<RoomMessage>(RoomMessage{query.ColumnInt(0), query.ColumnInt(1),
                                                query.ColumnText(2), query.ColumnText(3),
                                                query.ColumnText(4), random});
}

StatusOr<std::vector<RoomMessage>> RoomPeople::Messages() {
  Query query(db_,
              "SELECT msg_seq, msg_time, sender, msg_body, cloud_custom_data FROM room_message "
              "WHERE sdkappid = ? AND room_id = ? ORDER BY msg_seq");
  query.Bind(sdkappid_).Bind(room_id_);
  std::vector<RoomMessage> out;
  for (;;) {
    StatusOr<bool> row = query.Step();
    if (!row.ok()) return row.status();
    if (!*row) return out;
    out.push_back({query.ColumnInt(0), query.ColumnInt(1), query.ColumnText(2),
                   query.ColumnText(3), query.ColumnText(4)});
  }
}

}  // namespace trtc::storage
