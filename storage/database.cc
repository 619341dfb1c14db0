#include "storage/database.h"

#include <sqlite3.h>

#include <iterator>
#include <string>
#include <unordered_map>
#include <utility>

namespace trtc::storage {

namespace {

// Migration i (1-based) brings the schema from version i-1 to i, in one transaction
// together with PRAGMA user_version = i. Append only: a released step is never edited,
// since existing databases already carry its result.
constexpr const char* kMigrations[] = {
    // 1: callback configurations and the seed ledger. The primary keys lead with
    // sdkappid so that resetting one app (DELETE ... WHERE sdkappid = ?) is an index
    // range, not a scan.
    R"sql(
CREATE TABLE callback_config (
  sdkappid INTEGER NOT NULL,
  family   INTEGER NOT NULL CHECK (family IN (1, 2)),  -- 1 = v4 call config, 2 = v1 callkit
  url      TEXT NOT NULL,
  events   TEXT NOT NULL,  -- every event word followed by a newline
  PRIMARY KEY (sdkappid, family)
) WITHOUT ROWID;
CREATE TABLE applied_seed (
  sdkappid INTEGER NOT NULL,
  section  TEXT NOT NULL,
  seed_key TEXT NOT NULL,  -- room_id for rooms, '' otherwise
  PRIMARY KEY (sdkappid, section, seed_key)
) WITHOUT ROWID;
)sql",
    // 2: live rooms and their metadata. Metadata rows go with their room (ON DELETE
    // CASCADE; foreign keys are on for every connection). `position` keeps the order in
    // which keys were first set, which get_room_metadata answers in. The listing index
    // matches get_room_list's order, so a page is one index range after its cursor.
    R"sql(
CREATE TABLE room (
  sdkappid            INTEGER NOT NULL,
  room_id             TEXT NOT NULL,
  room_name           TEXT NOT NULL,
  owner_account       TEXT NOT NULL,
  create_time         INTEGER NOT NULL,  -- Unix seconds
  is_seat_enabled     INTEGER NOT NULL,
  take_seat_mode      TEXT NOT NULL,
  max_seat_count      INTEGER NOT NULL,
  max_member_count    INTEGER NOT NULL,
  is_message_disabled INTEGER NOT NULL,
  cover_url           TEXT NOT NULL,
  category            TEXT NOT NULL,  -- the integers, each followed by ','
  activity_status     INTEGER NOT NULL,
  view_count          INTEGER NOT NULL,
  is_public_visible   INTEGER NOT NULL,
  notice              TEXT NOT NULL,
  seat_template       TEXT NOT NULL,
  PRIMARY KEY (sdkappid, room_id)
) WITHOUT ROWID;
CREATE INDEX room_listing ON room (sdkappid, view_count DESC, create_time DESC, room_id);
CREATE TABLE room_metadata (
  sdkappid INTEGER NOT NULL,
  room_id  TEXT NOT NULL,
  key      TEXT NOT NULL,
  value    TEXT NOT NULL,
  position INTEGER NOT NULL,
  PRIMARY KEY (sdkappid, room_id, key),
  FOREIGN KEY (sdkappid, room_id) REFERENCES room (sdkappid, room_id) ON DELETE CASCADE
) WITHOUT ROWID;
)sql",
    // 3: the callback outbox: every callback delivery of a simulated call and each of its
    // attempts. AUTOINCREMENT so that an id is never reused after a reset or pruning: a
    // test holding an old id must not see another delivery under it.
    R"sql(
CREATE TABLE callback_delivery (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  sdkappid   INTEGER NOT NULL,
  call_id    TEXT NOT NULL,
  family     INTEGER NOT NULL CHECK (family IN (1, 2)),  -- as in callback_config
  url        TEXT NOT NULL,
  command    TEXT NOT NULL,
  body       TEXT NOT NULL,
  state      INTEGER NOT NULL CHECK (state IN (0, 1, 2)),  -- pending, delivered, failed
  created_ms INTEGER NOT NULL
);
CREATE INDEX callback_delivery_by_app ON callback_delivery (sdkappid, id);
CREATE INDEX callback_delivery_pending ON callback_delivery (state) WHERE state = 0;
CREATE TABLE callback_attempt (
  delivery_id INTEGER NOT NULL REFERENCES callback_delivery (id) ON DELETE CASCADE,
  seq         INTEGER NOT NULL,
  at_ms       INTEGER NOT NULL,
  http_status INTEGER NOT NULL,  -- 0: no HTTP response (see error)
  reply       TEXT NOT NULL,
  latency_ms  INTEGER NOT NULL,
  error       TEXT NOT NULL,
  PRIMARY KEY (delivery_id, seq)
) WITHOUT ROWID;
)sql",
    // 4: get_room_list's order as one ascending key. room_listing (view_count DESC,
    // create_time DESC, room_id ASC) served the first page, but a page after a cursor
    // needs "strictly after (v, c, r)" in an order of mixed directions, which SQL can only
    // write with ORs: SQLite then seeks on view_count alone and walks every room before
    // the cursor (all of an app's rooms share ViewCount 0). Negated copies of the two
    // descending columns make the whole order ascending, so the cursor is one row-value
    // comparison, (list_view, list_time, room_id) > (?, ?, ?), that seeks straight to the
    // page in room_list_order.
    R"sql(
ALTER TABLE room ADD COLUMN list_view INTEGER GENERATED ALWAYS AS (-view_count) VIRTUAL;
ALTER TABLE room ADD COLUMN list_time INTEGER GENERATED ALWAYS AS (-create_time) VIRTUAL;
DROP INDEX room_listing;
CREATE INDEX room_list_order ON room (sdkappid, list_view, list_time, room_id);
)sql",
    // 5: call records, one per ended call. The index is the record APIs' order (newest
    // first, then call_id) and covers the filters (outcome, is_group), so a filter's count
    // and the keys of its page are read from the index alone, never from the rows.
    R"sql(
CREATE TABLE call_record (
  sdkappid    INTEGER NOT NULL,
  call_id     TEXT NOT NULL,
  caller      TEXT NOT NULL,
  callees     TEXT NOT NULL,  -- every callee followed by a newline
  video       INTEGER NOT NULL,
  room_id     TEXT NOT NULL,
  outcome     TEXT NOT NULL,  -- the v1 status word (normal_end, reject, ...)
  is_group    INTEGER NOT NULL,
  start_time  INTEGER NOT NULL,  -- Unix seconds
  accept_time INTEGER NOT NULL,  -- 0: never accepted
  end_time    INTEGER NOT NULL,
  PRIMARY KEY (sdkappid, call_id)
) WITHOUT ROWID;
CREATE INDEX call_record_order ON call_record (sdkappid, start_time DESC, call_id, outcome, is_group);
)sql",
    // 6: the LiveKit (3) and RoomKit (4) callback families, the LiveKit signing token, and
    // deliveries about a room (room_id) rather than a call. A CHECK cannot be altered, so
    // the two tables that carry a family are rebuilt with their rows: the attempts move to
    // the new deliveries table before the old ones go (dropping a table with rows would
    // cascade to them), ids are kept, and so is the AUTOINCREMENT high-water mark, so an
    // id once handed out is never reused.
    R"sql(
CREATE TABLE callback_config_v6 (
  sdkappid INTEGER NOT NULL,
  family   INTEGER NOT NULL CHECK (family IN (1, 2, 3, 4)),  -- v4 call, v1 callkit, live, room
  url      TEXT NOT NULL,
  events   TEXT NOT NULL,
  PRIMARY KEY (sdkappid, family)
) WITHOUT ROWID;
INSERT INTO callback_config_v6 SELECT sdkappid, family, url, events FROM callback_config;
DROP TABLE callback_config;
ALTER TABLE callback_config_v6 RENAME TO callback_config;
CREATE TABLE callback_delivery_v6 (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  sdkappid   INTEGER NOT NULL,
  call_id    TEXT NOT NULL,  -- '' for a delivery about a room
  room_id    TEXT NOT NULL,  -- '' for a delivery about a call
  family     INTEGER NOT NULL CHECK (family IN (1, 2, 3, 4)),  -- as in callback_config
  url        TEXT NOT NULL,
  command    TEXT NOT NULL,
  body       TEXT NOT NULL,
  state      INTEGER NOT NULL CHECK (state IN (0, 1, 2)),
  created_ms INTEGER NOT NULL
);
INSERT INTO callback_delivery_v6
  SELECT id, sdkappid, call_id, '', family, url, command, body, state, created_ms
  FROM callback_delivery;
DELETE FROM sqlite_sequence WHERE name = 'callback_delivery_v6';
INSERT INTO sqlite_sequence (name, seq)
  SELECT 'callback_delivery_v6', seq FROM sqlite_sequence WHERE name = 'callback_delivery';
CREATE TABLE callback_attempt_v6 (
  delivery_id INTEGER NOT NULL REFERENCES callback_delivery_v6 (id) ON DELETE CASCADE,
  seq         INTEGER NOT NULL,
  at_ms       INTEGER NOT NULL,
  http_status INTEGER NOT NULL,
  reply       TEXT NOT NULL,
  latency_ms  INTEGER NOT NULL,
  error       TEXT NOT NULL,
  PRIMARY KEY (delivery_id, seq)
) WITHOUT ROWID;
INSERT INTO callback_attempt_v6 SELECT * FROM callback_attempt;
DROP TABLE callback_attempt;
DROP TABLE callback_delivery;
DELETE FROM sqlite_sequence WHERE name = 'callback_delivery';
ALTER TABLE callback_delivery_v6 RENAME TO callback_delivery;
ALTER TABLE callback_attempt_v6 RENAME TO callback_attempt;
CREATE INDEX callback_delivery_by_app ON callback_delivery (sdkappid, id);
CREATE INDEX callback_delivery_pending ON callback_delivery (state) WHERE state = 0;
CREATE TABLE callback_token (
  sdkappid INTEGER PRIMARY KEY,
  token    TEXT NOT NULL,
  enabled  INTEGER NOT NULL
);
)sql",
    // 7: Chat accounts and their profile fields (account_import, portrait_set). A field
    // goes with its account (ON DELETE CASCADE).
    R"sql(
CREATE TABLE chat_account (
  sdkappid INTEGER NOT NULL,
  user_id  TEXT NOT NULL,
  PRIMARY KEY (sdkappid, user_id)
) WITHOUT ROWID;
CREATE TABLE chat_profile (
  sdkappid  INTEGER NOT NULL,
  user_id   TEXT NOT NULL,
  tag       TEXT NOT NULL,
  is_number INTEGER NOT NULL,
  number    INTEGER NOT NULL,
  text      TEXT NOT NULL,
  PRIMARY KEY (sdkappid, user_id, tag),
  FOREIGN KEY (sdkappid, user_id) REFERENCES chat_account (sdkappid, user_id) ON DELETE CASCADE
) WITHOUT ROWID;
)sql",
    // 8: the people of live rooms — members in join order (robots among them), admins,
    // bans and mutes (with their end on the emulator clock), seats that are taken or
    // have a flag, messages — and the room's counters. All of it goes with its room.
    R"sql(
CREATE TABLE room_member (
  sdkappid INTEGER NOT NULL,
  room_id  TEXT NOT NULL,
  account  TEXT NOT NULL,
  seq      INTEGER NOT NULL,  -- join order
  is_robot INTEGER NOT NULL,
  PRIMARY KEY (sdkappid, room_id, account),
  FOREIGN KEY (sdkappid, room_id) REFERENCES room (sdkappid, room_id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE UNIQUE INDEX room_member_order ON room_member (sdkappid, room_id, seq);
CREATE TABLE room_role (
  sdkappid INTEGER NOT NULL,
  room_id  TEXT NOT NULL,
  role     INTEGER NOT NULL,  -- 1 admin, 2 banned, 3 muted
  account  TEXT NOT NULL,
  until_s  INTEGER NOT NULL,  -- banned / muted until (Unix seconds); 0 for admins
  seq      INTEGER NOT NULL,  -- the order admins were added
  PRIMARY KEY (sdkappid, room_id, role, account),
  FOREIGN KEY (sdkappid, room_id) REFERENCES room (sdkappid, room_id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE TABLE room_seat (
  sdkappid       INTEGER NOT NULL,
  room_id        TEXT NOT NULL,
  seat_index     INTEGER NOT NULL,
  account        TEXT NOT NULL,  -- '' when empty
  taken_disabled INTEGER NOT NULL,
  video_disabled INTEGER NOT NULL,
  audio_disabled INTEGER NOT NULL,
  PRIMARY KEY (sdkappid, room_id, seat_index),
  FOREIGN KEY (sdkappid, room_id) REFERENCES room (sdkappid, room_id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE TABLE room_message (
  sdkappid          INTEGER NOT NULL,
  room_id           TEXT NOT NULL,
  msg_seq           INTEGER NOT NULL,
  msg_time          INTEGER NOT NULL,
  sender            TEXT NOT NULL,
  msg_body          TEXT NOT NULL,  -- the MsgBody array, as JSON text
  cloud_custom_data TEXT NOT NULL,
  PRIMARY KEY (sdkappid, room_id, msg_seq),
  FOREIGN KEY (sdkappid, room_id) REFERENCES room (sdkappid, room_id) ON DELETE CASCADE
) WITHOUT ROWID;
ALTER TABLE room ADD COLUMN msg_seq INTEGER NOT NULL DEFAULT 0;
ALTER TABLE room ADD COLUMN total_msg_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE room ADD COLUMN total_gifts_sent INTEGER NOT NULL DEFAULT 0;
ALTER TABLE room ADD COLUMN total_gift_coins INTEGER NOT NULL DEFAULT 0;
ALTER TABLE room ADD COLUMN total_unique_gift_senders INTEGER NOT NULL DEFAULT 0;
ALTER TABLE room ADD COLUMN total_likes INTEGER NOT NULL DEFAULT 0;
)sql",
    // 9: the gift catalogue of each app (gifts, categories, their language rows and the
    // category -> gift relations, which go with either side), gift events per room (which
    // go with their room), rooms' IsUnlimitedRoomEnabled and the Random of group messages.
    R"sql(
CREATE TABLE gift (
  sdkappid       INTEGER NOT NULL,
  gift_id        TEXT NOT NULL,
  icon_url       TEXT NOT NULL,
  resource_url   TEXT NOT NULL,
  coins          INTEGER NOT NULL,
  level          INTEGER NOT NULL,
  extension_info TEXT NOT NULL,
  default_name   TEXT NOT NULL,
  default_desc   TEXT NOT NULL,
  create_time    INTEGER NOT NULL,
  PRIMARY KEY (sdkappid, gift_id)
) WITHOUT ROWID;
CREATE TABLE gift_category (
  sdkappid       INTEGER NOT NULL,
  category_id    TEXT NOT NULL,
  extension_info TEXT NOT NULL,
  default_name   TEXT NOT NULL,
  default_desc   TEXT NOT NULL,
  seq            INTEGER NOT NULL,  -- creation order
  PRIMARY KEY (sdkappid, category_id)
) WITHOUT ROWID;
CREATE TABLE gift_language (
  sdkappid INTEGER NOT NULL,
  gift_id  TEXT NOT NULL,
  language TEXT NOT NULL,
  name     TEXT NOT NULL,
  description TEXT NOT NULL,
  PRIMARY KEY (sdkappid, gift_id, language),
  FOREIGN KEY (sdkappid, gift_id) REFERENCES gift (sdkappid, gift_id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE TABLE gift_category_language (
  sdkappid    INTEGER NOT NULL,
  category_id TEXT NOT NULL,
  language    TEXT NOT NULL,
  name        TEXT NOT NULL,
  description TEXT NOT NULL,
  PRIMARY KEY (sdkappid, category_id, language),
  FOREIGN KEY (sdkappid, category_id) REFERENCES gift_category (sdkappid, category_id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE TABLE gift_relation (
  sdkappid    INTEGER NOT NULL,
  category_id TEXT NOT NULL,
  gift_id     TEXT NOT NULL,
  seq         INTEGER NOT NULL,  -- relation order within the category
  PRIMARY KEY (sdkappid, category_id, gift_id),
  FOREIGN KEY (sdkappid, category_id) REFERENCES gift_category (sdkappid, category_id) ON DELETE CASCADE,
  FOREIGN KEY (sdkappid, gift_id) REFERENCES gift (sdkappid, gift_id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX gift_relation_by_gift ON gift_relation (sdkappid, gift_id);
CREATE TABLE gift_event (
  sdkappid INTEGER NOT NULL,
  room_id  TEXT NOT NULL,
  seq      INTEGER NOT NULL,  -- per room
  receiver TEXT NOT NULL,
  sender   TEXT NOT NULL,
  gift_id  TEXT NOT NULL,     -- kept when the gift is deleted
  count    INTEGER NOT NULL,
  coins    INTEGER NOT NULL,  -- the gift's price when it was sent
  PRIMARY KEY (sdkappid, room_id, seq, receiver),
  FOREIGN KEY (sdkappid, room_id) REFERENCES room (sdkappid, room_id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX gift_event_by_receiver ON gift_event (sdkappid, room_id, receiver);
ALTER TABLE room ADD COLUMN is_unlimited_room_enabled INTEGER NOT NULL DEFAULT 0;
ALTER TABLE room_message ADD COLUMN msg_random INTEGER;  -- send_group_msg's Random (dedupe)
)sql",
};

constexpr int kBusyTimeoutMillis = 5000;

// The first line of a statement, shortened, to name it in an error message.
std::string Abbreviate(const char* sql) {
  std::string_view text(sql);
  while (!text.empty() && (text.front() == '\n' || text.front() == ' ')) text.remove_prefix(1);
  text = text.substr(0, text.find('\n'));
  constexpr size_t kMax = 60;
  if (text.size() > kMax) return std::string(text.substr(0, kMax)) + "...";
  return std::string(text);
}

// Runs a statement that yields one row and returns its first column as text.
Status QueryOne(sqlite3* db, const char* sql, std::string* out) {
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr);
  if (rc == SQLITE_OK) rc = sqlite3_step(stmt);
  Status status;
  if (rc == SQLITE_ROW) {
    const unsigned char* text = sqlite3_column_text(stmt, 0);
    out->assign(text != nullptr ? reinterpret_cast<const char*>(text) : "");
  } else if (rc == SQLITE_DONE) {
    status = Status::Internal(std::string(sql) + ": returned no row");
  } else {
    status = Status::Internal(std::string(sql) + ": " + sqlite3_errmsg(db));
  }
  sqlite3_finalize(stmt);
  return status;
}

Status ReadUserVersion(sqlite3* db, int* version) {
  std::string text;
  Status status = QueryOne(db, "PRAGMA user_version", &text);
  if (status.ok()) *version = std::stoi(text);
  return status;
}

Status NewerSchemaError(int version) {
  return Status::Internal("database schema version " + std::to_string(version) +
                       " is newer than this trtc-emulator supports (" +
                       std::to_string(Database::LatestSchemaVersion()) + ")");
}

// Everything Open() does after sqlite3_open_v2 succeeded; the handle is closed by the
// caller on error.
Status Configure(sqlite3* db, bool in_memory) {
  sqlite3_extended_result_codes(db, 1);
  // Another process (say, the sqlite3 shell) may hold the write lock for a moment.
  sqlite3_busy_timeout(db, kBusyTimeoutMillis);

  // The first read of the file: it also tells a file that is not a database. Checked
  // before anything is written, so a newer database is left exactly as it was.
  int version = 0;
  Status status = ReadUserVersion(db, &version);
  if (!status.ok()) return status;
  if (version > Database::LatestSchemaVersion()) return NewerSchemaError(version);
  if (sqlite3_db_readonly(db, "main") == 1) {
    return Status::Internal("the database file is read-only");
  }

  if (!in_memory) {
    std::string mode;
    status = QueryOne(db, "PRAGMA journal_mode = WAL", &mode);
    if (!status.ok()) return status;
    if (mode != "wal") {
      return Status::Internal("cannot turn on WAL (journal mode stays '" + mode +
                           "'); is the file on a file system without shared memory?");
    }
  }
  // In WAL mode, synchronous=NORMAL makes COMMIT append the transaction to the WAL file
  // (handing it to the OS) before it returns, without an fsync: a committed write
  // survives a crash of this process, and only a power loss or OS crash can lose the
  // last few commits (never corrupting the database). That is the durability the
  // emulator promises.
  char* error = nullptr;
  if (sqlite3_exec(db, "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;", nullptr, nullptr,
                   &error) != SQLITE_OK) {
    status = Status::Internal(std::string("setting PRAGMAs: ") +
                           (error != nullptr ? error : sqlite3_errmsg(db)));
  }
  sqlite3_free(error);
  return status;
}

}  // namespace

struct Database::StatementCache {
  // Heterogeneous lookup: Statement(const char*) finds without building a std::string.
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view sql) const { return std::hash<std::string_view>{}(sql); }
  };
  // Keyed by the SQL text, not its address: equal text is one statement wherever it
  // comes from, and different text never shares one.
  std::unordered_map<std::string, sqlite3_stmt*, Hash, std::equal_to<>> by_sql;
};

Database::Database(sqlite3* db) : db_(db), statements_(std::make_unique<StatementCache>()) {}

Database::~Database() {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  for (auto& [sql, stmt] : statements_->by_sql) sqlite3_finalize(stmt);
  // The last connection to close checkpoints the WAL into the database file.
  sqlite3_close_v2(db_);
}

int Database::LatestSchemaVersion() { return static_cast<int>(std::size(kMigrations)); }

Status Database::Open(const std::string& path, std::unique_ptr<Database>* out) {
  return Open(path, LatestSchemaVersion(), out);
}

Status Database::Open(const std::string& path, int schema_version, std::unique_ptr<Database>* out) {
  out->reset();
  if (path.empty()) return Status::Internal("cannot open database: the path is empty");
  const bool in_memory = path == ":memory:";
  sqlite3* handle = nullptr;
  // NOMUTEX: SQLite's per-connection mutex would be redundant, since mu_ serialises
  // every use of the connection.
  int rc =
      sqlite3_open_v2(path.c_str(), &handle,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = handle != nullptr ? sqlite3_errmsg(handle) : sqlite3_errstr(rc);
    sqlite3_close_v2(handle);
    return Status::Internal("cannot open database " + path + ": " + message);
  }
  Status status = Configure(handle, in_memory);
  if (!status.ok()) {
    sqlite3_close_v2(handle);
    return Status::Internal("cannot open database " + path + ": " + status.message());
  }
  std::unique_ptr<Database> db(new Database(handle));
  status = db->Migrate(schema_version);
  if (!status.ok()) return Status::Internal("cannot open database " + path + ": " + status.message());
  *out = std::move(db);
  return Status::Ok();
}

Status Database::Migrate(int latest) {
  for (;;) {
    // The version is read again inside the write transaction, so two processes opening
    // the same new file cannot both run a step.
    int version = 0;
    int target = 0;  // the version being migrated to, once a step has started
    Status status = Transaction([&]() -> Status {
      Status read = ReadUserVersion(db_, &version);
      if (!read.ok()) return read;
      if (version > LatestSchemaVersion()) return NewerSchemaError(version);
      if (version >= latest) return Status::Ok();
      target = version + 1;
      Status step = Exec(kMigrations[version]);
      if (!step.ok()) return step;
      return Exec(("PRAGMA user_version = " + std::to_string(target)).c_str());
    });
    if (!status.ok() && target > 0) {
      return Status::Internal("migrating the schema to version " + std::to_string(target) + ": " +
                           status.message());
    }
    if (!status.ok()) return status;
    if (target == 0) {
      schema_version_ = version;
      return Status::Ok();
    }
  }
}

Status Database::Transaction(const std::function<Status()>& work) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  const int depth = transaction_depth_;
  const std::string savepoint = "sp" + std::to_string(depth);
  const std::string begin = depth == 0 ? "BEGIN IMMEDIATE" : "SAVEPOINT " + savepoint;
  Status status = Exec(begin.c_str());
  if (!status.ok()) return status;

  auto roll_back = [&](Status cause) -> Status {
    // After some errors (SQLITE_FULL, SQLITE_IOERR, ...) SQLite has already rolled the
    // whole transaction back; there is nothing left to undo then.
    if (sqlite3_get_autocommit(db_)) return cause;
    Status undo = depth == 0 ? Exec("ROLLBACK") : Exec(("ROLLBACK TO " + savepoint).c_str());
    if (undo.ok() && depth > 0) undo = Exec(("RELEASE " + savepoint).c_str());
    if (undo.ok()) return cause;
    return Status::Internal(cause.message() + "; rolling back also failed: " + undo.message());
  };

  ++transaction_depth_;
  try {
    status = work();
  } catch (...) {
    --transaction_depth_;
    (void)roll_back(Status::Internal("exception"));  // the exception says more
    throw;
  }
  --transaction_depth_;
  if (!status.ok()) return roll_back(std::move(status));

  if (sqlite3_get_autocommit(db_)) {
    // An error inside `work` that it chose to ignore made SQLite abandon the transaction.
    return Status::Internal("the transaction was rolled back by SQLite after an earlier error");
  }
  const std::string end = depth == 0 ? "COMMIT" : "RELEASE " + savepoint;
  status = Exec(end.c_str());
  if (!status.ok()) return roll_back(std::move(status));
  return Status::Ok();
}

sqlite3_stmt* Database::Statement(const char* sql) {
  auto& cache = statements_->by_sql;
  auto it = cache.find(std::string_view(sql));
  if (it == cache.end()) {
    sqlite3_stmt* stmt = nullptr;
    // PERSISTENT: these statements live as long as the connection.
    if (sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) != SQLITE_OK ||
        stmt == nullptr) {
      sqlite3_finalize(stmt);
      return nullptr;
    }
    it = cache.emplace(sql, stmt).first;
  }
  sqlite3_reset(it->second);
  sqlite3_clear_bindings(it->second);
  return it->second;
}

Status Database::Exec(const char* sql) {
  // Recursive, so taking it again costs little and keeps a careless caller safe.
  std::lock_guard<std::recursive_mutex> lock(mu_);
  char* error = nullptr;
  int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &error);
  if (rc == SQLITE_OK) return Status::Ok();
  std::string message = error != nullptr ? error : sqlite3_errstr(rc);
  sqlite3_free(error);
  return Status::Internal(Abbreviate(sql) + ": " + message);
}

std::string Database::LastError() const { return sqlite3_errmsg(db_); }

Query::Query(Database* db, const char* sql) : db_(db), sql_(sql), stmt_(db->Statement(sql)) {
  if (stmt_ == nullptr) status_ = Fail("preparing");
}

Query::~Query() {
  if (stmt_ == nullptr) return;
  sqlite3_reset(stmt_);
  // Drops the copies of bound strings now rather than at the statement's next use.
  sqlite3_clear_bindings(stmt_);
}

Status Query::Fail(const std::string& what) const {
  return Status::Internal(what + " " + Abbreviate(sql_) + ": " + db_->LastError());
}

Query& Query::Bind(int64_t value) {
  if (status_.ok() && sqlite3_bind_int64(stmt_, next_param_, value) != SQLITE_OK) {
    status_ = Fail("binding parameter " + std::to_string(next_param_) + " of");
  }
  ++next_param_;
  return *this;
}

Query& Query::BindOptional(const std::optional<int64_t>& value) {
  if (value) return Bind(*value);
  if (status_.ok() && sqlite3_bind_null(stmt_, next_param_) != SQLITE_OK) {
    status_ = Fail("binding parameter " + std::to_string(next_param_) + " of");
  }
  ++next_param_;
  return *this;
}

Query& Query::Bind(std::string_view value) {
  // A null data pointer would bind SQL NULL; an empty view must stay ''.
  const char* data = value.data() != nullptr ? value.data() : "";
  if (status_.ok() && sqlite3_bind_text64(stmt_, next_param_, data, value.size(), SQLITE_TRANSIENT,
                                          SQLITE_UTF8) != SQLITE_OK) {
    status_ = Fail("binding parameter " + std::to_string(next_param_) + " of");
  }
  ++next_param_;
  return *this;
}

StatusOr<bool> Query::Step() {
  if (!status_.ok()) return status_;
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc != SQLITE_DONE) {
    status_ = Fail("running");
    return status_;
  }
  return false;
}

Status Query::Run() {
  StatusOr<bool> row = Step();
  return row.ok() ? Status::Ok() : row.status();
}

Status Query::RequireRow(std::string_view absent) {
  StatusOr<bool> row = Step();
  if (!row.ok()) return row.status();
  return *row ? Status::Ok() : Status::NotFound(std::string(absent));
}

int64_t Query::ColumnInt(int column) const { return sqlite3_column_int64(stmt_, column); }

bool Query::ColumnIsNull(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

std::string Query::ColumnText(int column) const {
  const unsigned char* text = sqlite3_column_text(stmt_, column);
  if (text == nullptr) return std::string();
  return std::string(reinterpret_cast<const char*>(text),
                     static_cast<size_t>(sqlite3_column_bytes(stmt_, column)));
}

}  // namespace trtc::storage
