// Database: the emulator's one SQLite connection. Opens (or creates) the file, turns on
// WAL, brings the schema up to date with forward migrations recorded in the database
// (PRAGMA user_version), and runs every mutation as one transaction, so that a write is
// durable against a process crash before its response is written.
//
// Thread safety: every public member of Database and of the stores built on it may be
// called from any thread; a single recursive mutex serialises access to the connection,
// and a Transaction() inside another one (same thread) becomes a SAVEPOINT, so a caller
// can group several store calls into one atomic unit.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "server/common/status.h"

struct sqlite3;
struct sqlite3_stmt;

namespace trtc::storage {

class Database {
 public:
  // The path ":memory:" keeps everything in memory.
  static Status Open(const std::string& path, std::unique_ptr<Database>* out);
  // Migrates only up to `schema_version`: for the tests of a later migration, which need
  // a database as an older release left it.
  static Status Open(const std::string& path, int schema_version, std::unique_ptr<Database>* out);
  ~Database();

  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // The schema version this binary writes; the database's after Open().
  static int LatestSchemaVersion();
  int schema_version() const { return schema_version_; }

  // Runs `work` inside BEGIN IMMEDIATE .. COMMIT with the connection locked (nested:
  // SAVEPOINT .. RELEASE). If `work` returns an error, or COMMIT fails, everything it did
  // is rolled back and that error is returned.
  Status Transaction(const std::function<Status()>& work);

  // For the stores in this folder: a cached prepared statement (reset, bindings cleared).
  // Only valid while the caller holds the lock (inside Transaction() or WithLock()).
  sqlite3_stmt* Statement(const char* sql);
  // Runs `work` with the connection locked, outside any explicit transaction (reads),
  // and returns what it returns (a Status, a StatusOr<T>).
  template <typename Work>
  auto WithLock(Work&& work) -> decltype(work()) {
    std::lock_guard<std::recursive_mutex> lock(mu_);
    return work();
  }
  // Whether a Transaction() is open; caller holds the lock (so it is the caller's own).
  bool InTransaction() const { return transaction_depth_ > 0; }
  // Executes SQL with no result rows; caller holds the lock.
  Status Exec(const char* sql);
  std::string LastError() const;

 private:
  explicit Database(sqlite3* db);
  Status Migrate(int latest);

  sqlite3* db_;
  int schema_version_ = 0;
  std::recursive_mutex mu_;
  int transaction_depth_ = 0;
  struct StatementCache;
  std::unique_ptr<StatementCache> statements_;
};

// One use of a cached statement, for the stores: binds parameters 1, 2, ... in call
// order, steps, reads columns, and resets the statement when it goes out of scope, so a
// query left before its last row holds no read snapshot. The caller holds the lock
// (inside Database::Transaction() or WithLock()).
class Query {
 public:
  Query(Database* db, const char* sql);
  ~Query();

  Query(const Query&) = delete;
  Query& operator=(const Query&) = delete;

  Query& Bind(int64_t value);
  Query& Bind(std::string_view value);  // bound as TEXT, embedded NULs kept
  Query& BindOptional(const std::optional<int64_t>& value);  // NULL when empty
  // Steps to the next row: true when there is one. Fails with the first error of
  // preparing, binding or stepping (kInternal), naming the statement.
  StatusOr<bool> Step();
  // Steps once and ignores any row: for statements run for their effect.
  Status Run();
  // Steps once for a statement that yields a row exactly when its subject exists
  // (RETURNING 1, SELECT 1 ...): kNotFound with `absent` as its message when none does.
  Status RequireRow(std::string_view absent);
  int64_t ColumnInt(int column) const;
  bool ColumnIsNull(int column) const;  // e.g. the missing side of a LEFT JOIN
  std::string ColumnText(int column) const;

 private:
  Status Fail(const std::string& what) const;

  Database* db_;
  const char* sql_;
  sqlite3_stmt* stmt_;
  int next_param_ = 1;
  Status status_;
};

}  // namespace trtc::storage
