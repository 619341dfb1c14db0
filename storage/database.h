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

#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "server/common/status.h"

struct sqlite3;
struct sqlite3_stmt;

namespace trtc::storage {

class Database {
 public:
  // path ":memory:" (or in_memory = true) keeps everything in memory.
  static Status Open(const std::string& path, std::unique_ptr<Database>* out);
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
  // Runs `work` with the connection locked, outside any explicit transaction (reads).
  Status WithLock(const std::function<Status()>& work);
  // Executes SQL with no result rows; caller holds the lock.
  Status Exec(const char* sql);
  std::string LastError() const;

 private:
  explicit Database(sqlite3* db);
  Status Migrate();

  sqlite3* db_;
  int schema_version_ = 0;
  std::recursive_mutex mu_;
  int transaction_depth_ = 0;
  struct StatementCache;
  std::unique_ptr<StatementCache> statements_;
};

}  // namespace trtc::storage
