#include "storage/account_store.h"

namespace trtc::storage {

Status AccountStore::PutFields(uint32_t sdkappid, std::string_view user_id,
                               const std::vector<ProfileField>& fields) {
  for (const ProfileField& field : fields) {
    Query query(db_,
                "INSERT INTO chat_profile (sdkappid, user_id, tag, is_number, number, text) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (sdkappid, user_id, tag) DO UPDATE SET "
                "is_number = excluded.is_number, number = excluded.number, text = excluded.text");
    Status status = query.Bind(sdkappid)
                        .Bind(user_id)
                        .Bind(field.tag)
                        .Bind(field.value.is_number ? 1 : 0)
                        .Bind(field.value.number)
                        .Bind(field.value.text)
                        .Run();
    if (!status.ok()) return status;
  }
  return Status::Ok();
}

Status AccountStore::Import(uint32_t sdkappid, const std::vector<AccountImport>& accounts) {
  return db_->Transaction([&]() -> Status {
    for (const AccountImport& account : accounts) {
      Status status =
          Query(db_, "INSERT OR IGNORE INTO chat_account (sdkappid, user_id) VALUES (?, ?)")
              .Bind(sdkappid)
              .Bind(account.user_id)
              .Run();
      if (status.ok()) status = PutFields(sdkappid, account.user_id, account.fields);
      if (!status.ok()) return status;
    }
    return Status::Ok();
  });
}

StatusOr<std::vector<bool>> AccountStore::Exist(uint32_t sdkappid,
                                                const std::vector<std::string>& user_ids) {
  return db_->WithLock([&]() -> StatusOr<std::vector<bool>> {
    std::vector<bool> out;
    out.reserve(user_ids.size());
    for (const std::string& user_id : user_ids) {
      Query query(db_, "SELECT 1 FROM chat_account WHERE sdkappid = ? AND user_id = ?");
      StatusOr<bool> row = query.Bind(sdkappid).Bind(user_id).Step();
      if (!row.ok()) return row.status();
      out.push_back(*row);
    }
    return out;
  });
}

StatusOr<std::vector<bool>> AccountStore::Delete(uint32_t sdkappid,
                                                 const std::vector<std::string>& user_ids) {
  std::vector<bool> existed;
  Status status = db_->Transaction([&]() -> Status {
    for (const std::string& user_id : user_ids) {
      Status gone = Query(db_,
                          "DELETE FROM chat_account WHERE sdkappid = ? AND user_id = ? "
                          "RETURNING 1")
                        .Bind(sdkappid)
                        .Bind(user_id)
                        .RequireRow("no such account");
      if (!gone.ok() && !gone.IsNotFound()) return gone;
      existed.push_back(gone.ok());
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return existed;
}

StatusOr<std::vector<ProfileField>> AccountStore::Profile(uint32_t sdkappid,
                                                          std::string_view user_id) {
  return db_->WithLock([&]() -> StatusOr<std::vector<ProfileField>> {
    Status exists = Query(db_, "SELECT 1 FROM chat_account WHERE sdkappid = ? AND user_id = ?")
                        .Bind(sdkappid)
                        .Bind(user_id)
                        .RequireRow("account not imported");
    if (!exists.ok()) return exists;
    Query query(db_,
                "SELECT tag, is_number, number, text FROM chat_profile "
                "WHERE sdkappid = ? AND user_id = ? ORDER BY tag");
    query.Bind(sdkappid).Bind(user_id);
    std::vector<ProfileField> fields;
    for (;;) {
      StatusOr<bool> row = query.Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      fields.push_back({query.ColumnText(0),
                        {query.ColumnInt(1) != 0, query.ColumnInt(2), query.ColumnText(3)}});
    }
    return fields;
  });
}

Status AccountStore::SetProfile(uint32_t sdkappid, std::string_view user_id,
                                const std::vector<ProfileField>& fields) {
  return db_->Transaction([&]() -> Status {
    Status exists = Query(db_, "SELECT 1 FROM chat_account WHERE sdkappid = ? AND user_id = ?")
                        .Bind(sdkappid)
                        .Bind(user_id)
                        .RequireRow("account not imported");
    if (!exists.ok()) return exists;
    return PutFields(sdkappid, user_id, fields);
  });
}

StatusOr<std::vector<std::string>> AccountStore::List(uint32_t sdkappid) {
  return db_->WithLock([&]() -> StatusOr<std::vector<std::string>> {
    Query query(db_, "SELECT user_id FROM chat_account WHERE sdkappid = ? ORDER BY user_id");
    query.Bind(sdkappid);
    std::vector<std::string> ids;
    for (;;) {
      StatusOr<bool> row = query.Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      ids.push_back(query.ColumnText(0));
    }
    return ids;
  });
}

Status AccountStore::DeleteApp(uint32_t sdkappid) {
  return db_->Transaction([&] {
    return Query(db_, "DELETE FROM chat_account WHERE sdkappid = ?").Bind(sdkappid).Run();
  });
}

Status AccountStore::DeleteAll() {
  return db_->Transaction([&] { return Query(db_, "DELETE FROM chat_account").Run(); });
}

}  // namespace trtc::storage
