// Unit tests of storage/: the Database (open, WAL, migrations, transactions), the
// callback configuration store and the seed ledger, against real SQLite files.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <atomic>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "storage/callback_config_store.h"
#include "storage/database.h"
#include "storage/seed_ledger.h"

namespace trtc::storage {
namespace {

constexpr uint32_t kApp = 1400000001;
constexpr uint32_t kOtherApp = 1400000002;

// A fresh folder under the system temp dir, removed with everything in it.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "trtc-storage-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) std::abort();
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  std::string File(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

// Runs SQL on a file with a plain SQLite connection, behind the Database's back.
std::string RawQuery(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  std::string result;
  sqlite3_stmt* stmt = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr), SQLITE_OK)
      << sqlite3_errmsg(db);
  if (sqlite3_step(stmt) == SQLITE_ROW) {
    const unsigned char* text = sqlite3_column_text(stmt, 0);
    if (text != nullptr) result = reinterpret_cast<const char*>(text);
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return result;
}

CallbackConfig Config(std::string url, std::vector<std::string> events) {
  return CallbackConfig{std::move(url), std::move(events)};
}

class StorageTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = dir_.File("emulator.db");
    Reopen();
  }

  // Closes the database (if open) and opens the same file again.
  void Reopen() {
    configs_.reset();
    ledger_.reset();
    db_.reset();
    Status status = Database::Open(path_, &db_);
    ASSERT_TRUE(status.ok()) << status.message();
    configs_ = std::make_unique<CallbackConfigStore>(db_.get());
    ledger_ = std::make_unique<SeedLedger>(db_.get());
  }

  // Empty when nothing is configured (kNotFound).
  std::optional<CallbackConfig> Get(CallbackFamily family, uint32_t app) {
    StatusOr<SharedCallbackConfig> config = configs_->Get(family, app);
    if (config.status().IsNotFound()) return std::nullopt;
    EXPECT_TRUE(config.ok()) << config.status().message();
    if (!config.ok()) return std::nullopt;
    EXPECT_NE(*config, nullptr);
    return **config;
  }

  void Put(CallbackFamily family, uint32_t app, const CallbackConfig& config) {
    Status status = configs_->Put(family, app, config);
    ASSERT_TRUE(status.ok()) << status.message();
  }

  TempDir dir_;
  std::string path_;
  std::unique_ptr<Database> db_;
  std::unique_ptr<CallbackConfigStore> configs_;
  std::unique_ptr<SeedLedger> ledger_;
};

// ---- Database: open, schema, migrations ----

TEST_F(StorageTest, FreshDatabaseIsAtLatestSchemaVersion) {
  EXPECT_GE(Database::LatestSchemaVersion(), 1);
  EXPECT_EQ(db_->schema_version(), Database::LatestSchemaVersion());
  EXPECT_EQ(RawQuery(path_, "PRAGMA user_version"),
            std::to_string(Database::LatestSchemaVersion()));
}

TEST_F(StorageTest, ReopenReportsStoredSchemaVersion) {
  Reopen();
  EXPECT_EQ(db_->schema_version(), Database::LatestSchemaVersion());
}

TEST_F(StorageTest, FileDatabaseUsesWal) {
  EXPECT_EQ(RawQuery(path_, "PRAGMA journal_mode"), "wal");
}

TEST_F(StorageTest, SchemaHasTheExpectedTables) {
  EXPECT_EQ(RawQuery(path_,
                     "SELECT group_concat(name, ',') FROM "
                     "(SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name)"),
            "applied_seed,call_record,callback_attempt,callback_config,callback_delivery,"
            "callback_token,chat_account,chat_profile,gift,gift_category,gift_category_language,"
            "gift_event,gift_language,gift_relation,room,room_member,room_message,room_metadata,"
            "room_role,room_seat,"
            "sqlite_sequence");
}

TEST(DatabaseOpenTest, InMemoryDatabaseWorks) {
  std::unique_ptr<Database> db;
  Status status = Database::Open(":memory:", &db);
  ASSERT_TRUE(status.ok()) << status.message();
  EXPECT_EQ(db->schema_version(), Database::LatestSchemaVersion());
  CallbackConfigStore configs(db.get());
  ASSERT_TRUE(configs.Put(CallbackFamily::kCallkit, kApp, Config("http://a", {"x"})).ok());
  StatusOr<SharedCallbackConfig> config = configs.Get(CallbackFamily::kCallkit, kApp);
  ASSERT_TRUE(config.ok()) << config.status().message();
  EXPECT_EQ(**config, Config("http://a", {"x"}));
}

TEST(DatabaseOpenTest, InMemoryDatabasesAreSeparate) {
  std::unique_ptr<Database> first, second;
  ASSERT_TRUE(Database::Open(":memory:", &first).ok());
  ASSERT_TRUE(Database::Open(":memory:", &second).ok());
  ASSERT_TRUE(CallbackConfigStore(first.get())
                  .Put(CallbackFamily::kCallConfig, kApp, Config("http://a", {}))
                  .ok());
  EXPECT_TRUE(CallbackConfigStore(second.get())
                  .Get(CallbackFamily::kCallConfig, kApp)
                  .status()
                  .IsNotFound());
}

TEST(DatabaseOpenTest, NewerSchemaVersionIsRefusedAndLeftUntouched) {
  TempDir dir;
  std::string path = dir.File("newer.db");
  RawQuery(path, "PRAGMA user_version = 99");
  std::unique_ptr<Database> db;
  Status status = Database::Open(path, &db);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(db, nullptr);
  std::string expected = "database schema version 99 is newer than this trtc-emulator supports (" +
                         std::to_string(Database::LatestSchemaVersion()) + ")";
  EXPECT_NE(status.message().find(expected), std::string::npos) << status.message();
  EXPECT_NE(status.message().find(path), std::string::npos) << status.message();
  // Not migrated, not switched to WAL.
  EXPECT_EQ(RawQuery(path, "PRAGMA user_version"), "99");
  EXPECT_EQ(RawQuery(path, "PRAGMA journal_mode"), "delete");
}

TEST(DatabaseOpenTest, NonDatabaseFileIsRefusedCleanly) {
  TempDir dir;
  std::string path = dir.File("notes.txt");
  {
    std::ofstream file(path);
    for (int i = 0; i < 100; ++i) file << "this is a text file, not an SQLite database\n";
  }
  std::unique_ptr<Database> db;
  Status status = Database::Open(path, &db);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(db, nullptr);
  EXPECT_NE(status.message().find("file is not a database"), std::string::npos) << status.message();
  EXPECT_NE(status.message().find(path), std::string::npos) << status.message();
}

TEST(DatabaseOpenTest, MissingFolderIsRefusedCleanly) {
  TempDir dir;
  std::string path = dir.File("no/such/folder/emulator.db");
  std::unique_ptr<Database> db;
  Status status = Database::Open(path, &db);
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.message().find("cannot open database " + path), std::string::npos)
      << status.message();
}

TEST(DatabaseOpenTest, EmptyPathIsRefused) {
  std::unique_ptr<Database> db;
  EXPECT_FALSE(Database::Open("", &db).ok());
}

TEST(DatabaseOpenTest, EmptyFileIsMigrated) {
  TempDir dir;
  std::string path = dir.File("empty.db");
  std::ofstream(path).close();
  std::unique_ptr<Database> db;
  Status status = Database::Open(path, &db);
  ASSERT_TRUE(status.ok()) << status.message();
  EXPECT_EQ(db->schema_version(), Database::LatestSchemaVersion());
}

// ---- CallbackConfigStore, for each family ----

class CallbackFamilyTest : public StorageTest,
                           public ::testing::WithParamInterface<CallbackFamily> {
 protected:
  CallbackFamily family() const { return GetParam(); }
  CallbackFamily other() const {
    return GetParam() == CallbackFamily::kCallConfig ? CallbackFamily::kCallkit
                                                     : CallbackFamily::kCallConfig;
  }
};

INSTANTIATE_TEST_SUITE_P(BothFamilies, CallbackFamilyTest,
                         ::testing::Values(CallbackFamily::kCallConfig, CallbackFamily::kCallkit),
                         [](const ::testing::TestParamInfo<CallbackFamily>& info) {
                           return info.param == CallbackFamily::kCallConfig ? "CallConfig"
                                                                            : "Callkit";
                         });

TEST_P(CallbackFamilyTest, GetWhenNothingConfigured) {
  StatusOr<SharedCallbackConfig> config = configs_->Get(family(), kApp);
  EXPECT_EQ(config.status().code(), StatusCode::kNotFound);
  // Served from the cache the second time: still kNotFound.
  EXPECT_EQ(configs_->Get(family(), kApp).status().code(), StatusCode::kNotFound);
}

TEST_P(CallbackFamilyTest, PutThenGet) {
  Put(family(), kApp, Config("https://example.com/cb", {"CallStart", "CallEnd"}));
  EXPECT_EQ(Get(family(), kApp), Config("https://example.com/cb", {"CallStart", "CallEnd"}));
}

TEST_P(CallbackFamilyTest, PutOverwrites) {
  Put(family(), kApp, Config("https://one", {"a", "b", "c"}));
  Put(family(), kApp, Config("https://two", {"d"}));
  EXPECT_EQ(Get(family(), kApp), Config("https://two", {"d"}));
}

TEST_P(CallbackFamilyTest, UpdateWhenMissingWritesNothing) {
  Status status = configs_->Update(family(), kApp, Config("https://x", {"a"}));
  EXPECT_EQ(status.code(), StatusCode::kNotFound) << status.message();
  EXPECT_FALSE(Get(family(), kApp).has_value());
}

TEST_P(CallbackFamilyTest, UpdateExisting) {
  Put(family(), kApp, Config("https://old", {"a"}));
  Status status = configs_->Update(family(), kApp, Config("https://new", {"b", "a"}));
  ASSERT_TRUE(status.ok()) << status.message();
  EXPECT_EQ(Get(family(), kApp), Config("https://new", {"b", "a"}));
}

TEST_P(CallbackFamilyTest, UpdateWithSameValuesStillReportsExisted) {
  Put(family(), kApp, Config("https://same", {"a"}));
  EXPECT_TRUE(configs_->Update(family(), kApp, Config("https://same", {"a"})).ok());
}

TEST_P(CallbackFamilyTest, DeleteExisting) {
  Put(family(), kApp, Config("https://x", {"a"}));
  ASSERT_TRUE(configs_->Delete(family(), kApp).ok());
  EXPECT_FALSE(Get(family(), kApp).has_value());
}

TEST_P(CallbackFamilyTest, DeleteMissing) {
  EXPECT_EQ(configs_->Delete(family(), kApp).code(), StatusCode::kNotFound);
}

TEST_P(CallbackFamilyTest, DeleteTwice) {
  Put(family(), kApp, Config("https://x", {}));
  ASSERT_TRUE(configs_->Delete(family(), kApp).ok());
  EXPECT_EQ(configs_->Delete(family(), kApp).code(), StatusCode::kNotFound);
}

TEST_P(CallbackFamilyTest, FamiliesAreIndependent) {
  Put(other(), kApp, Config("https://other", {"z"}));
  Put(family(), kApp, Config("https://mine", {"a"}));
  EXPECT_EQ(Get(other(), kApp), Config("https://other", {"z"}));
  ASSERT_TRUE(configs_->Update(family(), kApp, Config("https://mine2", {})).ok());
  EXPECT_EQ(Get(other(), kApp), Config("https://other", {"z"}));
  ASSERT_TRUE(configs_->Delete(family(), kApp).ok());
  EXPECT_EQ(Get(other(), kApp), Config("https://other", {"z"}));
}

TEST_P(CallbackFamilyTest, PuttingOneFamilyDoesNotCreateTheOther) {
  Put(family(), kApp, Config("https://mine", {"a"}));
  EXPECT_FALSE(Get(other(), kApp).has_value());
}

TEST_P(CallbackFamilyTest, AppsAreIndependent) {
  Put(family(), kApp, Config("https://one", {"a"}));
  Put(family(), kOtherApp, Config("https://two", {"b"}));
  ASSERT_TRUE(configs_->Delete(family(), kApp).ok());
  EXPECT_FALSE(Get(family(), kApp).has_value());
  EXPECT_EQ(Get(family(), kOtherApp), Config("https://two", {"b"}));
}

TEST_P(CallbackFamilyTest, EventOrderIsPreserved) {
  std::vector<std::string> events = {"zeta", "alpha", "mu", "alpha", "beta"};
  Put(family(), kApp, Config("https://x", events));
  EXPECT_EQ(Get(family(), kApp)->events, events);
}

TEST_P(CallbackFamilyTest, EmptyEventListRoundTrips) {
  Put(family(), kApp, Config("https://x", {}));
  std::optional<CallbackConfig> config = Get(family(), kApp);
  ASSERT_TRUE(config.has_value());
  EXPECT_TRUE(config->events.empty());
}

TEST_P(CallbackFamilyTest, EmptyWordsAreNotLost) {
  Put(family(), kApp, Config("https://x", {""}));
  EXPECT_EQ(Get(family(), kApp)->events, std::vector<std::string>({""}));
  Put(family(), kApp, Config("https://x", {"", "a", ""}));
  EXPECT_EQ(Get(family(), kApp)->events, std::vector<std::string>({"", "a", ""}));
}

TEST_P(CallbackFamilyTest, EmptyUrlRoundTrips) {
  Put(family(), kApp, Config("", {"a"}));
  EXPECT_EQ(Get(family(), kApp), Config("", {"a"}));
}

TEST_P(CallbackFamilyTest, UnicodeAndLongUrlsRoundTrip) {
  std::string unicode = "https://例子.测试/回调?名字=值&emoji=\xF0\x9F\x93\x9E";
  Put(family(), kApp, Config(unicode, {"事件", "Ünïcödé"}));
  EXPECT_EQ(Get(family(), kApp), Config(unicode, {"事件", "Ünïcödé"}));

  std::string long_url = "https://example.com/" + std::string(200000, 'a');
  Put(family(), kApp, Config(long_url, {"a"}));
  EXPECT_EQ(Get(family(), kApp)->url, long_url);
}

TEST_P(CallbackFamilyTest, EmbeddedNulRoundTrips) {
  std::string url("https://x/\0y", 12);
  Put(family(), kApp, Config(url, {std::string("a\0b", 3)}));
  EXPECT_EQ(Get(family(), kApp), Config(url, {std::string("a\0b", 3)}));
}

TEST_P(CallbackFamilyTest, WordWithNewlineIsRefused) {
  Put(family(), kApp, Config("https://before", {"a"}));
  EXPECT_FALSE(configs_->Put(family(), kApp, Config("https://x", {"a\nb"})).ok());
  EXPECT_EQ(configs_->Update(family(), kApp, Config("https://x", {"a\nb"})).code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(Get(family(), kApp), Config("https://before", {"a"}));
}

TEST_P(CallbackFamilyTest, LargestAppIdWorks) {
  Put(family(), 0xFFFFFFFFu, Config("https://max", {"a"}));
  EXPECT_EQ(Get(family(), 0xFFFFFFFFu), Config("https://max", {"a"}));
  EXPECT_FALSE(Get(family(), 0x7FFFFFFFu).has_value());
}

TEST_P(CallbackFamilyTest, SurvivesReopen) {
  Put(family(), kApp, Config("https://persisted", {"b", "a"}));
  Reopen();
  EXPECT_EQ(Get(family(), kApp), Config("https://persisted", {"b", "a"}));
}

TEST_P(CallbackFamilyTest, DeleteSurvivesReopen) {
  Put(family(), kApp, Config("https://x", {"a"}));
  ASSERT_TRUE(configs_->Delete(family(), kApp).ok());
  Reopen();
  EXPECT_FALSE(Get(family(), kApp).has_value());
}

TEST_F(StorageTest, DeleteAppRemovesBothFamiliesOfThatAppOnly) {
  Put(CallbackFamily::kCallConfig, kApp, Config("https://a1", {"x"}));
  Put(CallbackFamily::kCallkit, kApp, Config("https://a2", {"y"}));
  Put(CallbackFamily::kCallConfig, kOtherApp, Config("https://b1", {"x"}));
  Put(CallbackFamily::kCallkit, kOtherApp, Config("https://b2", {"y"}));
  ASSERT_TRUE(configs_->DeleteApp(kApp).ok());
  EXPECT_FALSE(Get(CallbackFamily::kCallConfig, kApp).has_value());
  EXPECT_FALSE(Get(CallbackFamily::kCallkit, kApp).has_value());
  EXPECT_EQ(Get(CallbackFamily::kCallConfig, kOtherApp), Config("https://b1", {"x"}));
  EXPECT_EQ(Get(CallbackFamily::kCallkit, kOtherApp), Config("https://b2", {"y"}));
  // Nothing left to delete is not an error.
  EXPECT_TRUE(configs_->DeleteApp(kApp).ok());
}

// ---- CallbackConfigStore's read cache: never serves what the database no longer holds ----

TEST_F(StorageTest, CachedReadsFollowEveryKindOfWrite) {
  const auto v4 = CallbackFamily::kCallConfig;
  EXPECT_FALSE(Get(v4, kApp).has_value());  // "nothing stored" is cached too
  Put(v4, kApp, Config("https://1", {"a"}));
  EXPECT_EQ(Get(v4, kApp), Config("https://1", {"a"}));
  Put(v4, kApp, Config("https://2", {"b"}));
  EXPECT_EQ(Get(v4, kApp), Config("https://2", {"b"}));
  ASSERT_TRUE(configs_->Update(v4, kApp, Config("https://3", {"c"})).ok());
  EXPECT_EQ(Get(v4, kApp), Config("https://3", {"c"}));
  ASSERT_TRUE(configs_->Delete(v4, kApp).ok());
  EXPECT_FALSE(Get(v4, kApp).has_value());
  Put(v4, kApp, Config("https://4", {"d"}));
  Put(v4, kOtherApp, Config("https://5", {"e"}));
  EXPECT_TRUE(Get(v4, kApp).has_value());
  ASSERT_TRUE(configs_->DeleteApp(kApp).ok());
  EXPECT_FALSE(Get(v4, kApp).has_value());
  EXPECT_TRUE(Get(v4, kOtherApp).has_value());
  ASSERT_TRUE(configs_->DeleteAll().ok());
  EXPECT_FALSE(Get(v4, kOtherApp).has_value());
}

TEST_F(StorageTest, ARolledBackWriteLeavesTheCachedValueRight) {
  const auto v1 = CallbackFamily::kCallkit;
  Put(v1, kApp, Config("https://kept", {"a"}));
  EXPECT_EQ(Get(v1, kApp), Config("https://kept", {"a"}));
  Status status = db_->Transaction([&] {
    EXPECT_TRUE(configs_->Put(v1, kApp, Config("https://undone", {"b"})).ok());
    EXPECT_EQ(Get(v1, kApp), Config("https://undone", {"b"}));  // seen inside the transaction
    return Status::Internal("roll it back");
  });
  EXPECT_FALSE(status.ok());
  EXPECT_EQ(Get(v1, kApp), Config("https://kept", {"a"}));
}

TEST_F(StorageTest, ConcurrentReadersNeverKeepAStaleValue) {
  const auto v4 = CallbackFamily::kCallConfig;
  Put(v4, kApp, Config("https://0", {"a"}));
  std::atomic<bool> done{false};
  std::vector<std::thread> readers;
  for (int i = 0; i < 4; ++i) {
    readers.emplace_back([&] {
      while (!done.load()) {
        EXPECT_TRUE(configs_->Get(v4, kApp).ok());
      }
    });
  }
  for (int i = 1; i <= 500; ++i) Put(v4, kApp, Config("https://" + std::to_string(i), {"a"}));
  done = true;
  for (std::thread& reader : readers) reader.join();
  // Whatever the readers cached along the way, the last write is what a read sees now.
  EXPECT_EQ(Get(v4, kApp), Config("https://500", {"a"}));
}

// An acknowledged write is durable against a process crash: the child writes and is
// killed (no destructor, no checkpoint, the WAL left behind), the parent finds it.
TEST(DurabilityDeathTest, CommittedWriteSurvivesProcessKill) {
  TempDir dir;
  std::string path = dir.File("crash.db");
  EXPECT_EXIT(
      {
        std::unique_ptr<Database> db;
        if (!Database::Open(path, &db).ok()) std::_Exit(1);
        CallbackConfigStore configs(db.get());
        if (!configs.Put(CallbackFamily::kCallkit, kApp, Config("https://crash", {"a", "b"}))
                 .ok()) {
          std::_Exit(2);
        }
        std::raise(SIGKILL);
      },
      ::testing::KilledBySignal(SIGKILL), "");
  std::unique_ptr<Database> db;
  Status status = Database::Open(path, &db);
  ASSERT_TRUE(status.ok()) << status.message();
  StatusOr<SharedCallbackConfig> config =
      CallbackConfigStore(db.get()).Get(CallbackFamily::kCallkit, kApp);
  ASSERT_TRUE(config.ok()) << config.status().message();
  EXPECT_EQ(**config, Config("https://crash", {"a", "b"}));
}

// ---- Transactions ----

TEST_F(StorageTest, TransactionCommitsEverything) {
  Status status = db_->Transaction([&] {
    Status put = configs_->Put(CallbackFamily::kCallConfig, kApp, Config("https://a", {}));
    if (!put.ok()) return put;
    return configs_->Put(CallbackFamily::kCallkit, kApp, Config("https://b", {}));
  });
  ASSERT_TRUE(status.ok()) << status.message();
  Reopen();
  EXPECT_TRUE(Get(CallbackFamily::kCallConfig, kApp).has_value());
  EXPECT_TRUE(Get(CallbackFamily::kCallkit, kApp).has_value());
}

TEST_F(StorageTest, TransactionErrorRollsBackEverything) {
  Put(CallbackFamily::kCallkit, kOtherApp, Config("https://kept", {"k"}));
  Status status = db_->Transaction([&] {
    EXPECT_TRUE(configs_->Put(CallbackFamily::kCallConfig, kApp, Config("https://a", {})).ok());
    EXPECT_TRUE(configs_->Delete(CallbackFamily::kCallkit, kOtherApp).ok());
    return Status::Internal("boom");
  });
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.message(), "boom");
  EXPECT_FALSE(Get(CallbackFamily::kCallConfig, kApp).has_value());
  EXPECT_EQ(Get(CallbackFamily::kCallkit, kOtherApp), Config("https://kept", {"k"}));
  Reopen();
  EXPECT_FALSE(Get(CallbackFamily::kCallConfig, kApp).has_value());
  EXPECT_EQ(Get(CallbackFamily::kCallkit, kOtherApp), Config("https://kept", {"k"}));
}

TEST_F(StorageTest, NestedRollbackInsideCommittedOuterTransaction) {
  Status inner_status;
  Status status = db_->Transaction([&] {
    Status put = configs_->Put(CallbackFamily::kCallConfig, kApp, Config("https://outer", {}));
    if (!put.ok()) return put;
    inner_status = db_->Transaction([&] {
      EXPECT_TRUE(
          configs_->Put(CallbackFamily::kCallConfig, kOtherApp, Config("https://inner", {})).ok());
      EXPECT_TRUE(
          configs_->Put(CallbackFamily::kCallConfig, kApp, Config("https://clobbered", {})).ok());
      return Status::Internal("inner failed");
    });
    // The outer transaction goes on after the savepoint was rolled back.
    return configs_->Put(CallbackFamily::kCallkit, kApp, Config("https://after", {}));
  });
  ASSERT_TRUE(status.ok()) << status.message();
  EXPECT_EQ(inner_status.message(), "inner failed");
  Reopen();
  EXPECT_EQ(Get(CallbackFamily::kCallConfig, kApp), Config("https://outer", {}));
  EXPECT_FALSE(Get(CallbackFamily::kCallConfig, kOtherApp).has_value());
  EXPECT_EQ(Get(CallbackFamily::kCallkit, kApp), Config("https://after", {}));
}

TEST_F(StorageTest, NestedCommitIsUndoneByOuterRollback) {
  Status status = db_->Transaction([&] {
    Status inner = db_->Transaction([&] {
      return configs_->Put(CallbackFamily::kCallConfig, kApp, Config("https://inner", {}));
    });
    EXPECT_TRUE(inner.ok()) << inner.message();
    return Status::Internal("outer failed");
  });
  EXPECT_FALSE(status.ok());
  EXPECT_FALSE(Get(CallbackFamily::kCallConfig, kApp).has_value());
}

TEST_F(StorageTest, DeeplyNestedTransactions) {
  std::function<Status(int)> nest = [&](int level) -> Status {
    if (level == 0)
      return configs_->Put(CallbackFamily::kCallkit, kApp, Config("https://deep", {}));
    return db_->Transaction([&] { return nest(level - 1); });
  };
  ASSERT_TRUE(nest(10).ok());
  EXPECT_EQ(Get(CallbackFamily::kCallkit, kApp), Config("https://deep", {}));
}

TEST_F(StorageTest, FailedCommitRollsBackAndReportsTheError) {
  // A deferred foreign key is checked only at COMMIT: the commit itself fails.
  ASSERT_TRUE(db_->WithLock([&] {
                   return db_->Exec(
                       "CREATE TEMP TABLE parent (id INTEGER PRIMARY KEY);"
                       "CREATE TEMP TABLE child (parent_id INTEGER REFERENCES parent (id) "
                       "DEFERRABLE INITIALLY DEFERRED);");
                 })
                  .ok());
  Status status = db_->Transaction([&] {
    Status put = configs_->Put(CallbackFamily::kCallConfig, kApp, Config("https://a", {}));
    if (!put.ok()) return put;
    return db_->Exec("INSERT INTO child (parent_id) VALUES (42)");
  });
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.message().find("FOREIGN KEY constraint failed"), std::string::npos)
      << status.message();
  EXPECT_FALSE(Get(CallbackFamily::kCallConfig, kApp).has_value());
  // The connection is usable afterwards.
  Put(CallbackFamily::kCallConfig, kApp, Config("https://b", {}));
  EXPECT_EQ(Get(CallbackFamily::kCallConfig, kApp), Config("https://b", {}));
}

TEST_F(StorageTest, ExecReportsTheFailingStatement) {
  Status status = db_->WithLock([&] { return db_->Exec("SELECT * FROM no_such_table"); });
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.message().find("no such table: no_such_table"), std::string::npos)
      << status.message();
  EXPECT_NE(status.message().find("SELECT * FROM no_such_table"), std::string::npos)
      << status.message();
}

TEST_F(StorageTest, QueryReportsPrepareErrors) {
  Status status = db_->WithLock([&] { return Query(db_.get(), "SELECT nope FROM nowhere").Run(); });
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.message().find("no such table: nowhere"), std::string::npos) << status.message();
}

TEST_F(StorageTest, StatementIsCachedAndHandedOutReset) {
  ASSERT_TRUE(db_->WithLock([&] {
    sqlite3_stmt* first = db_->Statement("SELECT ?1 + 1");
    EXPECT_NE(first, nullptr);
    EXPECT_EQ(sqlite3_bind_int(first, 1, 41), SQLITE_OK);
    EXPECT_EQ(sqlite3_step(first), SQLITE_ROW);
    EXPECT_EQ(sqlite3_column_int(first, 0), 42);
    // Same text from another buffer: the same statement, reset with bindings cleared.
    std::string again = "SELECT ?1 + 1";
    sqlite3_stmt* second = db_->Statement(again.c_str());
    EXPECT_EQ(second, first);
    EXPECT_EQ(sqlite3_step(second), SQLITE_ROW);
    // ?1 is unbound again, so NULL + 1 is NULL.
    EXPECT_EQ(sqlite3_column_type(second, 0), SQLITE_NULL);
    sqlite3_reset(second);
    return Status::Ok();
  }).ok());
}

// ---- SeedLedger ----

TEST_F(StorageTest, SeedAppliesOnce) {
  int runs = 0;
  auto apply = [&] {
    ++runs;
    return configs_->Put(CallbackFamily::kCallConfig, kApp, Config("https://seed", {"a"}));
  };
  ASSERT_TRUE(ledger_->ApplyOnce("call_config", kApp, "", apply).ok());
  EXPECT_EQ(runs, 1);
  ASSERT_TRUE(ledger_->ApplyOnce("call_config", kApp, "", apply).ok());
  EXPECT_EQ(runs, 1);
  EXPECT_EQ(Get(CallbackFamily::kCallConfig, kApp), Config("https://seed", {"a"}));
}

TEST_F(StorageTest, SeedIsNotAppliedAgainAfterReopen) {
  int runs = 0;
  auto apply = [&] {
    ++runs;
    return configs_->Put(CallbackFamily::kCallkit, kApp, Config("https://seed", {}));
  };
  ASSERT_TRUE(ledger_->ApplyOnce("callkit", kApp, "", apply).ok());
  EXPECT_EQ(runs, 1);
  // A client deletes what the seed wrote; a restart must not bring it back.
  ASSERT_TRUE(configs_->Delete(CallbackFamily::kCallkit, kApp).ok());
  Reopen();
  ASSERT_TRUE(ledger_->ApplyOnce("callkit", kApp, "", apply).ok());
  EXPECT_EQ(runs, 1);
  EXPECT_FALSE(Get(CallbackFamily::kCallkit, kApp).has_value());
}

TEST_F(StorageTest, SeedAppliesAgainAfterForgetApp) {
  int runs = 0;
  auto apply = [&] {
    ++runs;
    return Status::Ok();
  };
  ASSERT_TRUE(ledger_->ApplyOnce("rooms", kApp, "room-1", apply).ok());
  ASSERT_TRUE(ledger_->ApplyOnce("rooms", kOtherApp, "room-1", apply).ok());
  EXPECT_EQ(runs, 2);
  ASSERT_TRUE(ledger_->ForgetApp(kApp).ok());
  ASSERT_TRUE(ledger_->ApplyOnce("rooms", kApp, "room-1", apply).ok());
  EXPECT_EQ(runs, 3);
  // The other app's seed is still remembered.
  ASSERT_TRUE(ledger_->ApplyOnce("rooms", kOtherApp, "room-1", apply).ok());
  EXPECT_EQ(runs, 3);
}

TEST_F(StorageTest, ForgetAppSurvivesReopen) {
  int runs = 0;
  auto apply = [&] {
    ++runs;
    return Status::Ok();
  };
  ASSERT_TRUE(ledger_->ApplyOnce("rooms", kApp, "r", apply).ok());
  ASSERT_TRUE(ledger_->ForgetApp(kApp).ok());
  Reopen();
  ASSERT_TRUE(ledger_->ApplyOnce("rooms", kApp, "r", apply).ok());
  EXPECT_EQ(runs, 2);
}

TEST_F(StorageTest, SeedsAreNamedBySectionAppAndKey) {
  int runs = 0;
  auto apply = [&] {
    ++runs;
    return Status::Ok();
  };
  int expected = 0;
  for (const auto& [section, app, key] :
       std::vector<std::tuple<std::string, uint32_t, std::string>>{{"rooms", kApp, "a"},
                                                                   {"rooms", kApp, "b"},
                                                                   {"rooms", kOtherApp, "a"},
                                                                   {"callkit", kApp, "a"},
                                                                   {"callkit", kApp, ""}}) {
    ASSERT_TRUE(ledger_->ApplyOnce(section, app, key, apply).ok());
    EXPECT_EQ(runs, ++expected) << section << " " << app << " " << key;
  }
  EXPECT_EQ(runs, 5);
}

TEST_F(StorageTest, FailingSeedRecordsNothing) {
  Status status = ledger_->ApplyOnce("call_config", kApp, "", [&] {
    EXPECT_TRUE(configs_->Put(CallbackFamily::kCallConfig, kApp, Config("https://half", {})).ok());
    return Status::InvalidArgument("seed is invalid");
  });
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(), "seed is invalid");
  // What the seed wrote before failing is gone, and the seed is not recorded.
  EXPECT_FALSE(Get(CallbackFamily::kCallConfig, kApp).has_value());
  int runs = 0;
  ASSERT_TRUE(ledger_
                  ->ApplyOnce("call_config", kApp, "",
                              [&] {
                                ++runs;
                                return Status::Ok();
                              })
                  .ok());
  EXPECT_EQ(runs, 1);
}

TEST_F(StorageTest, SeedInsideAnOuterTransactionRollsBackWithIt) {
  int runs = 0;
  auto apply = [&] {
    ++runs;
    return Status::Ok();
  };
  Status status = db_->Transaction([&] {
    Status seed = ledger_->ApplyOnce("rooms", kApp, "r", apply);
    if (!seed.ok()) return seed;
    return Status::Internal("outer failed");
  });
  EXPECT_FALSE(status.ok());
  ASSERT_TRUE(ledger_->ApplyOnce("rooms", kApp, "r", apply).ok());
  EXPECT_EQ(runs, 2);
}

// ---- Concurrency ----

TEST_F(StorageTest, ConcurrentPutGetOnDifferentApps) {
  constexpr int kThreads = 8;
  constexpr int kRounds = 150;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      const uint32_t app = kApp + static_cast<uint32_t>(t);
      const CallbackFamily family =
          t % 2 == 0 ? CallbackFamily::kCallConfig : CallbackFamily::kCallkit;
      for (int i = 0; i < kRounds; ++i) {
        CallbackConfig want = Config("https://app" + std::to_string(app) + "/" + std::to_string(i),
                                     {"e" + std::to_string(i), "t" + std::to_string(t)});
        auto holds = [&](const CallbackConfig& config) {
          StatusOr<SharedCallbackConfig> got = configs_->Get(family, app);
          return got.ok() && **got == config;
        };
        if (!configs_->Put(family, app, want).ok()) ++failures;
        if (!holds(want)) ++failures;
        want.url += "/updated";
        if (!configs_->Update(family, app, want).ok()) ++failures;
        if (!holds(want)) ++failures;
        if (i % 10 == 9) {
          if (!configs_->Delete(family, app).ok()) ++failures;
          if (!configs_->Get(family, app).status().IsNotFound()) ++failures;
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  // The last round (i = kRounds - 1) of every app ended in a delete.
  for (int t = 0; t < kThreads; ++t) {
    EXPECT_FALSE(Get(CallbackFamily::kCallConfig, kApp + t).has_value());
    EXPECT_FALSE(Get(CallbackFamily::kCallkit, kApp + t).has_value());
  }
}

// Writers change both families of one app in one transaction; readers holding the lock
// must never see one family changed without the other.
TEST_F(StorageTest, ConcurrentTransactionsAreAtomicToReaders) {
  Put(CallbackFamily::kCallConfig, kApp, Config("https://v0", {}));
  Put(CallbackFamily::kCallkit, kApp, Config("https://v0", {}));
  std::atomic<int> failures{0};
  std::atomic<bool> stop{false};
  std::vector<std::thread> threads;
  for (int w = 0; w < 4; ++w) {
    threads.emplace_back([&, w] {
      for (int i = 0; i < 100; ++i) {
        std::string url = "https://w" + std::to_string(w) + "/" + std::to_string(i);
        Status status = db_->Transaction([&] {
          Status put = configs_->Put(CallbackFamily::kCallConfig, kApp, Config(url, {}));
          if (!put.ok()) return put;
          return configs_->Put(CallbackFamily::kCallkit, kApp, Config(url, {}));
        });
        if (!status.ok()) ++failures;
      }
    });
  }
  std::vector<std::thread> readers;
  for (int r = 0; r < 4; ++r) {
    readers.emplace_back([&] {
      while (!stop.load()) {
        const bool same = db_->WithLock([&] {
          StatusOr<SharedCallbackConfig> a = configs_->Get(CallbackFamily::kCallConfig, kApp);
          StatusOr<SharedCallbackConfig> b = configs_->Get(CallbackFamily::kCallkit, kApp);
          return a.ok() && b.ok() && (*a)->url == (*b)->url;
        });
        if (!same) ++failures;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  stop = true;
  for (std::thread& thread : readers) thread.join();
  EXPECT_EQ(failures.load(), 0);
}

}  // namespace
}  // namespace trtc::storage
