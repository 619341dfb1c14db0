// kill -9 at a random moment loses no acknowledged write and leaves the database intact.
//
// Each cycle starts the server on the same database file. Four writers, each on its own
// keep-alive connection, create rooms; one of them also keeps re-setting the call
// callback URL. Once a randomly chosen number of writes has been acknowledged, the server
// gets SIGKILL while the writers are still sending. Then: PRAGMA integrity_check on the
// file, a restart, and every room and URL a client saw acknowledged must be there.
//
// 20 cycles by default; a long run, or a replay of a failed one (the seed is printed):
//   TRTC_CRASH_CYCLES=500 build/test/tests/integration_tests --gtest_filter='CrashSafety*'
//   TRTC_CRASH_SEED=12345 build/test/tests/integration_tests --gtest_filter='CrashSafety*'
#include <sqlite3.h>

#include <condition_variable>
#include <csignal>
#include <cstdlib>
#include <iostream>
#include <mutex>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "tests/integration/support/emulator_test.h"
#include "tests/integration/support/official_usersig.h"
#include "tests/integration/support/temp_dir.h"

namespace trtc::testing {
namespace {

constexpr int kWriters = 4;
constexpr int kMaxWritesBeforeKill = 120;

int EnvInt(const char* name, int fallback) {
  const char* value = std::getenv(name);
  return value && *value ? std::atoi(value) : fallback;
}

// "ok", or what SQLite found wrong with the file.
std::string IntegrityCheck(const std::string& path) {
  sqlite3* db = nullptr;
  std::string result;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
    result = std::string("cannot open: ") + sqlite3_errmsg(db);
  } else {
    sqlite3_stmt* statement = nullptr;
    sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &statement, nullptr);
    while (statement && sqlite3_step(statement) == SQLITE_ROW) {
      result += reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
    }
    sqlite3_finalize(statement);
  }
  sqlite3_close(db);
  return result;
}

bool Acknowledged(const HttpReply& reply) {
  if (reply.status != 200) return false;
  const rapidjson::Document json = reply.Json();
  return json.IsObject() && json.HasMember("ErrorCode") && json["ErrorCode"].IsInt() &&
         json["ErrorCode"].GetInt() == 0;
}

// What the writers saw acknowledged in one cycle, and the count the killer waits for.
struct Ledger {
  std::mutex mutex;
  std::condition_variable changed;
  int acknowledged = 0;
  int writers_done = 0;
  std::set<std::string> rooms;
  std::string last_url;                  // the newest set_callback URL acknowledged
  std::vector<std::string> urls_unknown;  // sent after it (or with none acknowledged): may be there
};

class CrashSafetyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::vector<std::string> sigs = OfficialUserSigs({{kApp, kAppKey, kAdmin, 86400, {}}});
    ASSERT_EQ(sigs.size(), 1u);
    sig_ = sigs[0];
  }

  void StartServer() {
    ASSERT_TRUE(ServerProcess::Start({"--db", db_, "--rate-limits", "off"}, &server_));
  }

  // One writer's loop: writes until its connection fails (the kill).
  void Write(int cycle, int writer, Ledger* ledger) {
    try {
      HttpClient client(server_->port());
      for (int n = 0;; ++n) {
        const bool set_url = writer == 0 && n % 2 == 1;
        const std::string name = "c" + std::to_string(cycle) + "-w" + std::to_string(writer) +
                                 "-" + std::to_string(n);
        const std::string url = "https://crash.example/" + name;
        if (set_url) {
          std::lock_guard lock(ledger->mutex);
          ledger->urls_unknown.push_back(url);
        }
        const HttpReply reply =
            set_url ? client.Post(ApiTarget("v4/call_config/set_callback", kApp, kAdmin, sig_),
                                  R"({"Url":")" + url +
                                      R"(","CallbackCommandList":["Call.CallbackAfterEndCall"]})")
                    : client.Post(ApiTarget("v4/live_engine_http_srv/create_room", kApp, kAdmin, sig_),
                                  R"({"RoomInfo":{"RoomId":")" + name + R"(","RoomType":"Live"}})");
        if (!Acknowledged(reply)) break;
        std::lock_guard lock(ledger->mutex);
        if (set_url) {
          ledger->last_url = url;
          ledger->urls_unknown.clear();
        } else {
          ledger->rooms.insert(name);
        }
        ++ledger->acknowledged;
        ledger->changed.notify_all();
      }
    } catch (const std::exception&) {
      // The connection died with the server: whatever was not acknowledged may be lost.
    }
    std::lock_guard lock(ledger->mutex);
    ++ledger->writers_done;
    ledger->changed.notify_all();
  }

  TempDir dir_;
  const std::string db_ = dir_.File("crash.db");
  std::string sig_;
  std::unique_ptr<ServerProcess> server_;
};

TEST_F(CrashSafetyTest, AcknowledgedWritesSurviveKill9AtRandomMoments) {
  const int cycles = EnvInt("TRTC_CRASH_CYCLES", 20);
  const unsigned seed = static_cast<unsigned>(EnvInt("TRTC_CRASH_SEED", std::random_device{}()));
  std::cout << "[ crash    ] seed " << seed << " (TRTC_CRASH_SEED replays it), " << cycles
            << " cycles\n";
  std::mt19937 random(seed);
  std::uniform_int_distribution<int> kill_after(1, kMaxWritesBeforeKill);

  std::set<std::string> expected_rooms;
  std::set<std::string> possible_urls = {""};  // what the stored URL may be ("" none yet)
  int total_acknowledged = 0;
  for (int cycle = 0; cycle < cycles; ++cycle) {
    SCOPED_TRACE("cycle " + std::to_string(cycle) + ", seed " + std::to_string(seed));
    StartServer();
    ASSERT_TRUE(server_);
    Ledger ledger;
    std::vector<std::thread> writers;
    for (int w = 0; w < kWriters; ++w) writers.emplace_back([&, w] { Write(cycle, w, &ledger); });
    const int target = kill_after(random);
    bool writers_failed_first = false;
    {
      std::unique_lock lock(ledger.mutex);
      ledger.changed.wait(lock, [&] {
        return ledger.acknowledged >= target || ledger.writers_done == kWriters;
      });
      writers_failed_first = ledger.writers_done == kWriters;
    }
    server_->Stop(SIGKILL);
    for (std::thread& writer : writers) writer.join();
    ASSERT_FALSE(writers_failed_first) << "every writer stopped before the kill";

    total_acknowledged += ledger.acknowledged;
    expected_rooms.insert(ledger.rooms.begin(), ledger.rooms.end());
    if (!ledger.last_url.empty()) possible_urls = {ledger.last_url};
    possible_urls.insert(ledger.urls_unknown.begin(), ledger.urls_unknown.end());
    ASSERT_EQ(IntegrityCheck(db_), "ok");

    // Everything acknowledged so far, in this cycle and every one before, is there.
    StartServer();
    ASSERT_TRUE(server_);
    HttpClient client(server_->port());
    const HttpReply state = client.Send(http::bhttp::verb::get,
                                        "/_emulator/state?sdkappid=" + std::to_string(kApp), "");
    ASSERT_EQ(state.status, 200u) << state.body;
    const rapidjson::Document json = state.Json();
    ASSERT_TRUE(json.IsObject() && json["rooms"].IsArray()) << state.body;
    std::set<std::string> stored;
    for (const auto& room : json["rooms"].GetArray()) stored.insert(room["RoomInfo"]["RoomId"].GetString());
    for (const std::string& room : expected_rooms) {
      EXPECT_TRUE(stored.count(room)) << "acknowledged room " << room << " was lost";
    }
    const std::string url =
        json["call_config"].IsObject() ? json["call_config"]["url"].GetString() : "";
    EXPECT_TRUE(possible_urls.count(url))
        << "the stored URL \"" << url << "\" is neither the last acknowledged one nor one sent after it";
    possible_urls = {url};  // what this restart saw is the next cycle's starting point
    server_->Stop(SIGTERM);
    if (HasFailure()) break;
  }
  std::cout << "[ crash    ] " << cycles << " kill -9 cycles, " << total_acknowledged
            << " acknowledged writes, " << expected_rooms.size()
            << " rooms checked after every restart, none lost\n";
  RecordProperty("cycles", cycles);
  RecordProperty("acknowledged_writes", total_acknowledged);
}

}  // namespace
}  // namespace trtc::testing
