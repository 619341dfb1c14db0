// The dashboard's server side over real sockets (README "Dashboard"): its files and the
// browser redirect, GET /_emulator/apps, and the event stream — an event per journalled
// API request and per delivery change, nothing for control-plane requests, and a
// subscriber that stops reading is cut off (its queue is bounded) while the others get
// every event. The page itself is driven in a browser by tests/browser/dashboard_test.js.
#include <string>
#include <thread>
#include <vector>

#include <rapidjson/document.h>

#include "tests/integration/support/callback_receiver.h"
#include "tests/integration/support/callback_suite.h"
#include "tests/integration/support/emulator_test.h"
#include "tests/integration/support/raw_connection.h"

namespace trtc::testing {
namespace {

namespace bhttp = http::bhttp;

struct Event {
  std::string name;
  std::string data;
  rapidjson::Document Json() const {
    rapidjson::Document document;
    document.Parse(data.c_str());
    return document;
  }
};

// One subscriber of GET /_emulator/events on a raw connection. Events are parsed as
// their blank line arrives: `event:` and `data:` lines; comments and `retry:` are skipped.
class Subscriber {
 public:
  explicit Subscriber(uint16_t port, int receive_buffer = 0) : connection_(port, receive_buffer) {
    EXPECT_TRUE(connection_.Send(
        "GET /_emulator/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n"));
    // The head, then the stream's opening `retry:` line: subscribed from here on.
    buffer_ = connection_.ReadUntilCount("\r\n\r\n", 1);
    const size_t body = buffer_.find("\r\n\r\n");
    head_ = buffer_.substr(0, body);
    parsed_ = body == std::string::npos ? buffer_.size() : body + 4;
    Parse();
    while (blocks_ == 0 && Read()) {
    }
  }
  const std::string& head() const { return head_; }

  // The next `count` events (fewer if the stream ends first).
  std::vector<Event> Next(size_t count) {
    while (events_.size() - taken_ < count && Read()) {
    }
    const size_t end = std::min(events_.size(), taken_ + count);
    std::vector<Event> next(events_.begin() + static_cast<ptrdiff_t>(taken_),
                            events_.begin() + static_cast<ptrdiff_t>(end));
    taken_ = end;
    return next;
  }
  // Every event not taken yet, until the server closes the stream.
  std::vector<Event> Rest(bool* closed) {
    buffer_ += connection_.ReadUntilClosed(closed);
    Parse();
    return Next(events_.size() - taken_);
  }

 private:
  // Reads what has arrived and parses it; false once the connection has ended.
  bool Read() {
    const std::string more = connection_.ReadUntilCount("\n\n", 1);
    buffer_ += more;
    Parse();
    return !more.empty();
  }
  // Parses every complete block after parsed_.
  void Parse() {
    for (size_t end; (end = buffer_.find("\n\n", parsed_)) != std::string::npos; ++blocks_) {
      Event event;
      for (size_t line = parsed_; line < end;) {
        const size_t stop = std::min(buffer_.find('\n', line), end);
        const std::string_view text(buffer_.data() + line, stop - line);
        if (text.starts_with("event: ")) event.name = text.substr(7);
        if (text.starts_with("data: ")) event.data = text.substr(6);
        line = stop + 1;
      }
      if (!event.name.empty()) events_.push_back(std::move(event));
      parsed_ = end + 2;
    }
  }

  RawConnection connection_;
  std::string head_;
  std::string buffer_;  // everything read; parsed_ marks where the unparsed rest starts
  size_t parsed_ = 0;
  size_t blocks_ = 0;  // blocks parsed, `retry:` and comments included
  std::vector<Event> events_;
  size_t taken_ = 0;
};

class DashboardTest : public CallbackSuite {
 protected:
  void SetUp() override {
    ASSERT_EQ(Control(bhttp::verb::post, "/_emulator/reset", "{}").status, 200u);
  }
};

TEST_F(DashboardTest, ServesItsFilesFromTheBinaryAndABrowsersRootGoesThere) {
  HttpReply page = Control(bhttp::verb::get, "/_emulator/ui");
  ASSERT_EQ(page.status, 200u);
  EXPECT_EQ(page.content_type, "text/html; charset=utf-8");
  EXPECT_NE(page.body.find("<script type=\"module\""), std::string::npos) << page.body;
  EXPECT_EQ(Control(bhttp::verb::get, "/_emulator/ui/").body, page.body);
  // Every file the page names is served, modules as JavaScript.
  for (size_t at = 0; (at = page.body.find("/_emulator/ui/", at)) != std::string::npos;) {
    at += 14;
    const std::string name = page.body.substr(at, page.body.find_first_of("\"'", at) - at);
    HttpReply file = Control(bhttp::verb::get, "/_emulator/ui/" + name);
    EXPECT_EQ(file.status, 200u) << name;
    if (name.ends_with(".js")) {
      EXPECT_EQ(file.content_type, "text/javascript; charset=utf-8");
    }
  }
  HttpReply missing = Control(bhttp::verb::get, "/_emulator/ui/nothing.js");
  EXPECT_EQ(ErrorOf(missing, 404), "the dashboard has no file nothing.js");

  HttpClient browser(port());
  HttpReply redirect = browser.Send(bhttp::verb::get, "/", "",
                                    {{"Accept", "text/html,application/xhtml+xml,*/*;q=0.8"}});
  EXPECT_EQ(redirect.status, 302u);
  RawConnection raw(port());
  raw.Send("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/html\r\nConnection: close\r\n\r\n");
  bool closed = false;
  EXPECT_NE(raw.ReadUntilClosed(&closed).find("\r\nLocation: /_emulator/ui\r\n"), std::string::npos);
  // Anything but a browser's GET / is answered as before: an API client's is an API path.
  HttpReply api = browser.Send(bhttp::verb::get, "/", "", {{"Accept", "application/json"}});
  EXPECT_NE(api.status, 302u);
  EXPECT_NE(browser.Send(bhttp::verb::post, "/", "{}", {{"Accept", "text/html"}}).status, 302u);
}

TEST_F(DashboardTest, AppsListsTheFixturesAppsWithoutTheirKeys) {
  HttpReply reply = Control(bhttp::verb::get, "/_emulator/apps");
  ASSERT_EQ(reply.status, 200u);
  EXPECT_EQ(reply.body.find("\"key\""), std::string::npos);
  EXPECT_EQ(reply.body.find(kAppKey), std::string::npos);
  rapidjson::Document apps = reply.Json();
  ASSERT_TRUE(apps["apps"].IsArray());
  ASSERT_EQ(apps["apps"].Size(), 5u);
  const rapidjson::Value& other = apps["apps"][1];
  EXPECT_EQ(other["sdkappid"].GetUint(), kOtherApp);
  ASSERT_EQ(other["admins"].Size(), 2u);
  EXPECT_EQ(Str(other["admins"][1]), "ops_admin");
  EXPECT_TRUE(other["packages"]["call_group"].GetBool());
  EXPECT_TRUE(other["rate_limits"].IsObject());
  const rapidjson::Value& no_group_call = apps["apps"][2];
  EXPECT_FALSE(no_group_call["packages"]["call_group"].GetBool());
  EXPECT_TRUE(no_group_call["packages"]["live"].GetBool());
}

TEST_F(DashboardTest, EveryJournalledApiRequestIsAnEventAndControlRequestsAreNot) {
  Subscriber events(port());
  EXPECT_NE(events.head().find("Content-Type: text/event-stream"), std::string::npos);
  EXPECT_NE(events.head().find("Cache-Control: no-store"), std::string::npos);
  EXPECT_EQ(events.head().find("Content-Length"), std::string::npos);

  ASSERT_EQ(Call("v4/call_config/get_callback", "{}").status, 200u);  // 0 or "none yet"
  HttpClient client(port());
  client.Post(ApiTarget("v4/call_config/get_callback", kApp, kAdmin, "not-a-usersig"), "{}");
  ASSERT_EQ(Control(bhttp::verb::get, "/_emulator/health").status, 200u);  // no event
  client.Post(ApiTarget("v4/no_such/api", kOtherApp, kAdmin, "x"), "{}");

  std::vector<Event> got = events.Next(3);
  rapidjson::Document journal = Control(bhttp::verb::get, "/_emulator/requests").Json();
  const rapidjson::Value& entries = journal["requests"];
  ASSERT_EQ(got.size(), 3u);
  ASSERT_EQ(entries.Size(), 3u);
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(got[i].name, "journal");
    rapidjson::Document event = got[i].Json();
    ASSERT_TRUE(event.IsObject()) << got[i].data;
    EXPECT_EQ(event.MemberCount(), 5u) << got[i].data;
    EXPECT_EQ(event["seq"].GetUint64(), entries[i]["seq"].GetUint64());
    EXPECT_EQ(event["time_ms"].GetInt64(), entries[i]["time_ms"].GetInt64());
    EXPECT_EQ(Str(event["api"]), Str(entries[i]["api"]));
    EXPECT_EQ(event["sdkappid"].GetUint(), entries[i]["sdkappid"].GetUint());
    EXPECT_EQ(event["error_code"].GetInt(), entries[i]["error_code"].GetInt());
  }
  EXPECT_EQ(got[1].Json()["error_code"].GetInt(), 70003);  // a UserSig that does not decode
  EXPECT_EQ(Str(got[2].Json()["api"]), "v4/no_such/api");
  EXPECT_EQ(got[2].Json()["sdkappid"].GetUint(), kOtherApp);
  // The next event is the next API request's: nothing came for the control requests.
  client.Post(ApiTarget("v4/call_config/get_callback", kApp, kAdmin, "again"), "{}");
  std::vector<Event> next = events.Next(1);
  ASSERT_EQ(next.size(), 1u);
  EXPECT_EQ(next[0].Json()["seq"].GetUint64(), entries[2]["seq"].GetUint64() + 1);
}

TEST_F(DashboardTest, AnOutboxEventWhenADeliveryIsMadeAndWhenEachAttemptEnds) {
  CallbackReceiver receiver;
  ConfigureV4(receiver.Url("/hook"), R"(["Call.CallbackAfterStartCall"])");
  Subscriber events(port());
  rapidjson::Document call = Play(
      R"({"sdkappid":1400000000,"caller":"alice","callees":["bob"],"outcome":"reject"})");
  ASSERT_EQ(call["deliveries"].Size(), 1u);
  const std::string id = Str(call["deliveries"][0]);
  const std::string call_id = Str(call["call_id"]);

  std::vector<Event> got = events.Next(2);
  ASSERT_EQ(got.size(), 2u);
  for (const Event& event : got) EXPECT_EQ(event.name, "outbox") << event.data;
  rapidjson::Document made = got[0].Json();
  EXPECT_EQ(Str(made["id"]), id);
  EXPECT_EQ(made["sdkappid"].GetUint(), kApp);
  EXPECT_EQ(Str(made["call_id"]), call_id);
  EXPECT_EQ(Str(made["command"]), "Call.CallbackAfterStartCall");
  EXPECT_EQ(Str(made["state"]), "pending");
  EXPECT_EQ(made["attempts"].GetUint(), 0u);
  rapidjson::Document sent = got[1].Json();
  EXPECT_EQ(Str(sent["id"]), id);
  EXPECT_EQ(Str(sent["state"]), "delivered");
  EXPECT_EQ(sent["attempts"].GetUint(), 1u);

  ASSERT_EQ(Control(bhttp::verb::post, "/_emulator/callbacks/" + id + "/replay").status, 200u);
  std::vector<Event> replayed = events.Next(1);
  ASSERT_EQ(replayed.size(), 1u);
  EXPECT_EQ(Str(replayed[0].Json()["state"]), "delivered");
  EXPECT_EQ(replayed[0].Json()["attempts"].GetUint(), 2u);
  EXPECT_EQ(receiver.WaitFor(2).size(), 2u);

  // The page lists the newest deliveries: GET /_emulator/callbacks takes a limit.
  Play(R"({"sdkappid":1400000000,"caller":"carol","callees":["dave"],"outcome":"reject"})");
  rapidjson::Document newest = Outbox("?sdkappid=1400000000&limit=1");
  ASSERT_EQ(newest["callbacks"].Size(), 1u);
  EXPECT_NE(Str(newest["callbacks"][0]["call_id"]), call_id);
  EXPECT_EQ(Outbox("?sdkappid=1400000000")["callbacks"].Size(), 2u);
  EXPECT_EQ(ErrorOf(Control(bhttp::verb::get, "/_emulator/callbacks?limit=many"), 400),
            "limit must be a whole number");
}

TEST_F(DashboardTest, ASubscriberThatStopsReadingIsCutOffAndTheOthersGetEveryEvent) {
  // A client that never reads: a small receive buffer, so the server's queue for it
  // fills after a few hundred kilobytes at most.
  Subscriber stalled(port(), /*receive_buffer=*/4096);
  Subscriber reader(port());
  constexpr size_t kRequests = 5000;  // 5 times the 1,000 events a subscriber may queue
  std::vector<Event> all;
  std::thread reading([&] { all = reader.Next(kRequests); });
  HttpClient client(port());
  // Pipelined on one connection, 500 at a time.
  std::string batch;
  int in_batch = 0;
  for (size_t i = 0; i < kRequests; ++i) {
    batch += "POST /v4/no_such/api?sdkappid=1400000000&identifier=a&usersig=x HTTP/1.1\r\n"
             "Host: 127.0.0.1\r\nContent-Length: 2\r\n\r\n{}";
    if (++in_batch == 500) {
      std::vector<HttpReply> replies = client.Raw(batch, in_batch);
      EXPECT_EQ(replies.size(), 500u);
      EXPECT_EQ(replies.empty() ? 0u : replies.back().status, 200u);
      batch.clear();
      in_batch = 0;
    }
  }
  // The reader got every event, in order.
  reading.join();
  ASSERT_EQ(all.size(), kRequests);
  const uint64_t first = all.front().Json()["seq"].GetUint64();
  EXPECT_EQ(all.back().Json()["seq"].GetUint64(), first + kRequests - 1);

  // The stalled one was disconnected: what it can still read ends well short of them all.
  bool closed = false;
  std::vector<Event> partial = stalled.Rest(&closed);
  EXPECT_TRUE(closed);
  EXPECT_LT(partial.size(), kRequests);
  // A new subscriber is served as usual.
  Subscriber again(port());
  client.Post(ApiTarget("v4/no_such/api", kApp, kAdmin, "x"), "{}");
  std::vector<Event> fresh = again.Next(1);
  ASSERT_EQ(fresh.size(), 1u);
  EXPECT_EQ(fresh[0].Json()["seq"].GetUint64(), first + kRequests);
}

}  // namespace
}  // namespace trtc::testing
