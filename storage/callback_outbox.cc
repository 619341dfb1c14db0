#include "storage/callback_outbox.h"

#include <string>

namespace trtc::storage {

namespace {

int64_t StateCode(DeliveryState state) {
  switch (state) {
    case DeliveryState::kPending: return 0;
    case DeliveryState::kDelivered: return 1;
    case DeliveryState::kFailed: return 2;
  }
  return 0;
}

DeliveryState StateFromCode(int64_t code) {
  return code == 1 ? DeliveryState::kDelivered
                   : code == 2 ? DeliveryState::kFailed : DeliveryState::kPending;
}

// Deliveries with their attempts in one pass: one row per attempt (or one row with NULL
// attempt columns for a delivery not tried yet), in delivery then attempt order.
#define TRTC_SELECT_DELIVERIES                                                              \
  "SELECT d.id, d.sdkappid, d.call_id, d.family, d.url, d.command, d.body, d.state, "      \
  "d.created_ms, a.seq, a.at_ms, a.http_status, a.reply, a.latency_ms, a.error, d.room_id " \
  "FROM callback_delivery d LEFT JOIN callback_attempt a ON a.delivery_id = d.id "

// The limit picks the newest ids first (LIMIT -1: all of them).
constexpr const char kFindSql[] = TRTC_SELECT_DELIVERIES
    "WHERE d.id IN (SELECT id FROM callback_delivery WHERE (?1 < 0 OR sdkappid = ?1) "
    "AND (?2 = '' OR call_id = ?2) AND (?3 = '' OR room_id = ?3) ORDER BY id DESC LIMIT ?4) "
    "ORDER BY d.id, a.seq";
constexpr const char kGetSql[] = TRTC_SELECT_DELIVERIES "WHERE d.id = ? ORDER BY a.seq";
constexpr const char kPendingSql[] = TRTC_SELECT_DELIVERIES
    "WHERE d.state = 0 ORDER BY d.id, a.seq";
#undef TRTC_SELECT_DELIVERIES

std::string NoDelivery(int64_t id) { return "no callback delivery " + std::to_string(id); }

}  // namespace

Status CallbackOutbox::Add(std::vector<CallbackDelivery>* deliveries) {
  return db_->Transaction([&]() -> Status {
    for (CallbackDelivery& delivery : *deliveries) {
      Query insert(db_,
                   "INSERT INTO callback_delivery (sdkappid, call_id, room_id, family, url, "
                   "command, body, state, created_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                   "RETURNING id");
      StatusOr<bool> row = insert.Bind(delivery.sdkappid)
                               .Bind(delivery.call_id)
                               .Bind(delivery.room_id)
                               .Bind(StoredFamilyCode(delivery.family))
                               .Bind(delivery.url)
                               .Bind(delivery.command)
                               .Bind(delivery.body)
                               .Bind(StateCode(delivery.state))
                               .Bind(delivery.created_ms)
                               .Step();  // RETURNING: always a row
      if (!row.ok()) return row.status();
      delivery.id = insert.ColumnInt(0);
    }
    // Ids only grow, so the newest kCapacity deliveries are the ones within kCapacity of
    // the largest id; attempts of dropped ones go with them (ON DELETE CASCADE).
    return Query(db_,
                 "DELETE FROM callback_delivery WHERE id <= "
                 "(SELECT max(id) FROM callback_delivery) - ?")
        .Bind(kCapacity)
        .Run();
  });
}

Status CallbackOutbox::RecordAttempt(int64_t id, const DeliveryAttempt& attempt,
                                     DeliveryState state) {
  return db_->Transaction([&]() -> Status {
    Status status = Query(db_, "UPDATE callback_delivery SET state = ? WHERE id = ? RETURNING 1")
                        .Bind(StateCode(state))
                        .Bind(id)
                        .RequireRow(NoDelivery(id));
    if (!status.ok()) return status;
    return Query(db_,
                 "INSERT INTO callback_attempt (delivery_id, seq, at_ms, http_status, reply, "
                 "latency_ms, error) VALUES (?, (SELECT count(*) FROM callback_attempt WHERE "
                 "delivery_id = ?), ?, ?, ?, ?, ?)")
        .Bind(id)
        .Bind(id)
        .Bind(attempt.at_ms)
        .Bind(attempt.http_status)
        .Bind(attempt.reply)
        .Bind(attempt.latency_ms)
        .Bind(attempt.error)
        .Run();
  });
}

Status CallbackOutbox::ReadDeliveries(const char* sql, const std::function<void(Query&)>& bind,
                                      std::vector<CallbackDelivery>* out) {
  out->clear();
  return db_->WithLock([&]() -> Status {
    Query query(db_, sql);
    bind(query);
    for (;;) {
      StatusOr<bool> row = query.Step();
      if (!row.ok()) return row.status();
      if (!*row) return Status::Ok();
      const int64_t id = query.ColumnInt(0);
      if (out->empty() || out->back().id != id) {
        CallbackDelivery& delivery = out->emplace_back();
        delivery.id = id;
        delivery.sdkappid = static_cast<uint32_t>(query.ColumnInt(1));
        delivery.call_id = query.ColumnText(2);
        delivery.family = FamilyFromStoredCode(query.ColumnInt(3));
        delivery.url = query.ColumnText(4);
        delivery.command = query.ColumnText(5);
        delivery.body = query.ColumnText(6);
        delivery.state = StateFromCode(query.ColumnInt(7));
        delivery.created_ms = query.ColumnInt(8);
        delivery.room_id = query.ColumnText(15);
      }
      if (query.ColumnIsNull(9)) continue;
      DeliveryAttempt& attempt = out->back().attempts.emplace_back();
      attempt.at_ms = query.ColumnInt(10);
      attempt.http_status = static_cast<int>(query.ColumnInt(11));
      attempt.reply = query.ColumnText(12);
      attempt.latency_ms = query.ColumnInt(13);
      attempt.error = query.ColumnText(14);
    }
  });
}

Status CallbackOutbox::Find(std::optional<uint32_t> sdkappid, std::string_view call_id,
                            std::string_view room_id, std::vector<CallbackDelivery>* out,
                            std::optional<size_t> limit) {
  const int64_t app = sdkappid ? static_cast<int64_t>(*sdkappid) : -1;
  const int64_t newest = limit ? static_cast<int64_t>(*limit) : -1;
  return ReadDeliveries(
      kFindSql, [&](Query& q) { q.Bind(app).Bind(call_id).Bind(room_id).Bind(newest); }, out);
}

StatusOr<CallbackDelivery> CallbackOutbox::Get(int64_t id) {
  std::vector<CallbackDelivery> found;
  Status status = ReadDeliveries(kGetSql, [&](Query& q) { q.Bind(id); }, &found);
  if (!status.ok()) return status;
  if (found.empty()) return Status::NotFound(NoDelivery(id));
  return std::move(found.front());
}

Status CallbackOutbox::Pending(std::vector<CallbackDelivery>* out) {
  return ReadDeliveries(kPendingSql, [](Query&) {}, out);
}

Status CallbackOutbox::DeleteApp(uint32_t sdkappid) {
  return db_->Transaction([&] {
    return Query(db_, "DELETE FROM callback_delivery WHERE sdkappid = ?").Bind(sdkappid).Run();
  });
}

Status CallbackOutbox::DeleteAll() {
  return db_->Transaction([&] { return Query(db_, "DELETE FROM callback_delivery").Run(); });
}

}  // namespace trtc::storage
