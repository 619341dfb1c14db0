// Clients that misbehave on purpose, over real sockets. Each one gets a clear error or a
// clean close, and the server goes on serving everyone else, with bounded memory.
// (Oversized headers, a body just over 1 MiB, "THIS IS NOT HTTP", deep nesting and bad
// query values are in rest_conventions_test.cc.)

#include <iostream>
#include <memory>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include <rapidjson/document.h>

#include "tests/integration/support/emulator_test.h"
#include "tests/integration/support/official_usersig.h"
#include "tests/integration/support/process_tools.h"
#include "tests/integration/support/raw_connection.h"

namespace trtc::testing {
namespace {

constexpr char kGet[] = "v4/call_config/get_callback";

namespace bhttp = http::bhttp;

struct ParsedReply {
  unsigned status = 0;
  std::string content_length;  // the header's value
  std::string body;
};

// Reads the responses in `bytes` in order, as an HTTP client does: a response to HEAD
// (head[i]) has no body, whatever its Content-Length says. Fails the test at the first one
// that does not parse. *rest is what follows the last response parsed.
std::vector<ParsedReply> ParseReplies(std::string_view bytes, const std::vector<bool>& head,
                                      std::string_view* rest) {
  std::vector<ParsedReply> replies;
  for (const bool is_head : head) {
    bhttp::response_parser<bhttp::string_body> parser;
    parser.eager(true);
    parser.skip(is_head);
    http::beast::error_code ec;
    while (!parser.is_done()) {
      const size_t used = parser.put(http::asio::buffer(bytes.data(), bytes.size()), ec);
      bytes.remove_prefix(used);
      if (ec || used == 0) break;
    }
    if (!parser.is_done()) {
      ADD_FAILURE() << "response " << replies.size() + 1 << " does not parse (" << ec.message()
                    << ") at: " << bytes.substr(0, 80);
      break;
    }
    const auto& response = parser.get();
    replies.push_back({response.result_int(),
                       std::string(response[bhttp::field::content_length]), response.body()});
  }
  *rest = bytes;
  return replies;
}

// Reads until a whole response head (status line and headers) has arrived, and a little
// more if it came with it.
std::string ReadHead(RawConnection& client) {
  std::string bytes;
  while (bytes.find("\r\n\r\n") == std::string::npos) {
    const std::string more = client.ReadAtLeast(1);
    if (more.empty()) break;
    bytes += more;
  }
  return bytes;
}

// Lets this process (and the server it starts, which inherits it) open as many sockets as
// the hard limit allows; returns that limit.
class AbusiveClientsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::vector<std::string> sigs = OfficialUserSigs({{kApp, kAppKey, kAdmin, 86400, {}}});
    ASSERT_EQ(sigs.size(), 1u);
    sig_ = new std::string(sigs[0]);
  }
  static void TearDownTestSuite() { delete sig_; }

  void Start(std::vector<std::string> args = {}) {
    args.insert(args.end(), {"--in-memory", "--rate-limits", "off"});
    ASSERT_TRUE(ServerProcess::Start(args, &server_));
  }
  std::string Target(const std::string& path = kGet) const {
    return ApiTarget(path, kApp, kAdmin, *sig_);
  }
  std::string PostHead(size_t content_length, const std::string& extra = "") const {
    return "POST " + Target() + " HTTP/1.1\r\nHost: x\r\n" + extra +
           "Content-Length: " + std::to_string(content_length) + "\r\n\r\n";
  }
  // A well-behaved client on a fresh connection gets its signed call answered.
  ::testing::AssertionResult ServesOthers() {
    HttpClient client(server_->port());
    const HttpReply reply = client.Post(Target(), "{}");
    const rapidjson::Document json = reply.Json();
    if (reply.status == 200 && json.IsObject() && json.HasMember("ErrorCode")) {
      return ::testing::AssertionSuccess();
    }
    return ::testing::AssertionFailure() << "a normal call got " << reply.status << " " << reply.body;
  }

  // The server answers `status` and closes the connection, and goes on serving others.
  // Returns what it sent.
  std::string ExpectAnswerThenClose(RawConnection& client, unsigned status) {
    bool closed = false;
    const std::string reply = client.ReadUntilClosed(&closed);
    EXPECT_EQ(StatusOf(reply), status) << reply.substr(0, 200);
    EXPECT_TRUE(closed);
    EXPECT_TRUE(ServesOthers());
    return reply;
  }

  static std::string* sig_;
  std::unique_ptr<ServerProcess> server_;
};

std::string* AbusiveClientsTest::sig_ = nullptr;

TEST_F(AbusiveClientsTest, ATenMegabyteBodyGets413AndTheServerGoesOn) {
  Start();
  RawConnection client(server_->port());
  ASSERT_TRUE(client.connected());
  ASSERT_TRUE(client.Send(PostHead(10 * 1024 * 1024)));
  // Sends the whole body: the server answers 413 after the first MiB and drains the rest
  // (up to 16 MiB), so the client reads the answer rather than a reset.
  const std::string chunk(64 * 1024, 'x');
  for (int i = 0; i < 160 && client.Send(chunk); ++i) {
  }
  EXPECT_NE(ExpectAnswerThenClose(client, 413).find("request body exceeds 1048576 bytes"),
            std::string::npos);
}

TEST_F(AbusiveClientsTest, AChunkedBodyOverOneMebibyteGets413) {
  Start();
  RawConnection client(server_->port());
  ASSERT_TRUE(client.Send("POST " + Target() + " HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"));
  const std::string chunk = "10000\r\n" + std::string(0x10000, 'x') + "\r\n";  // 64 KiB each
  for (int i = 0; i < 20 && client.Send(chunk); ++i) {
  }
  client.Send("0\r\n\r\n");
  ExpectAnswerThenClose(client, 413);
}

TEST_F(AbusiveClientsTest, ContentLengthWithChunkedIsRefusedNotGuessed) {
  // Two framings at once is how requests are smuggled past proxies: refuse, then close.
  Start();
  RawConnection client(server_->port());
  ASSERT_TRUE(client.Send("POST " + Target() +
                          " HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n"
                          "Transfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n"));
  ExpectAnswerThenClose(client, 400);
}

TEST_F(AbusiveClientsTest, AOneMegabyteUserSigGets431) {
  Start();
  RawConnection client(server_->port());
  const std::string target = ApiTarget(kGet, kApp, kAdmin, std::string(1024 * 1024, 'A'));
  ASSERT_TRUE(client.Send("POST " + target + " HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}"));
  ExpectAnswerThenClose(client, 431);
}

TEST_F(AbusiveClientsTest, ABodyThatNeverFinishesIsClosedAtTheIdleTimeout) {
  Start({"--idle-timeout-ms", "300"});
  RawConnection slow(server_->port());
  ASSERT_TRUE(slow.Send(PostHead(100) + R"({"half":)"));
  RawConnection silent(server_->port());  // connects and never sends a byte
  ASSERT_TRUE(silent.connected());
  EXPECT_TRUE(ServesOthers()) << "while two connections stall";
  bool closed = false;
  EXPECT_EQ(slow.ReadUntilClosed(&closed), "");
  EXPECT_TRUE(closed) << "the stalled request was not closed";
  closed = false;
  EXPECT_EQ(silent.ReadUntilClosed(&closed), "");
  EXPECT_TRUE(closed) << "the idle connection was not closed";
  EXPECT_TRUE(ServesOthers());
}

TEST_F(AbusiveClientsTest, ConnectionsPastTheCapAreClosedAndTheOthersKeepWorking) {
  constexpr int kCap = 20;
  Start({"--max-connections", std::to_string(kCap)});
  std::vector<std::unique_ptr<HttpClient>> open;
  for (int i = 0; i < kCap; ++i) {
    open.push_back(std::make_unique<HttpClient>(server_->port()));
    ASSERT_EQ(open.back()->Post(Target(), "{}").status, 200u) << "connection " << i;
  }
  RawConnection extra(server_->port());  // the kernel accepts it; the server closes it
  bool closed = false;
  EXPECT_EQ(extra.ReadUntilClosed(&closed), "");
  EXPECT_TRUE(closed);
  for (auto& client : open) EXPECT_EQ(client->Post(Target(), "{}").status, 200u);

  // Room again once some leave. The server notices a close asynchronously, so a new
  // connection may still be turned away at first: try a bounded number of times.
  open.resize(kCap - 5);
  bool served = false;
  for (int attempt = 0; attempt < 1000 && !served; ++attempt) {
    RawConnection again(server_->port());
    served = again.Send("POST " + Target() + " HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}") &&
             StatusOf(again.ReadAtLeast(12)) == 200;
  }
  EXPECT_TRUE(served);
}

TEST_F(AbusiveClientsTest, TwoThousandIdleConnectionsCostLittleAndBlockNoOne) {
  constexpr size_t kIdle = 2000;
  if (RaiseOpenFileLimit() < 2 * kIdle + 200) {
    GTEST_SKIP() << "the open-file limit is below " << 2 * kIdle + 200;
  }
  Start();
  const long before = RssKb(server_->pid());
  std::vector<std::unique_ptr<RawConnection>> idle;
  for (size_t i = 0; i < kIdle; ++i) {
    idle.push_back(std::make_unique<RawConnection>(server_->port()));
    ASSERT_TRUE(idle.back()->connected()) << "connection " << i;
  }
  // Half of them start a request and stop partway, holding a parser each.
  for (size_t i = 0; i < kIdle; i += 2) ASSERT_TRUE(idle[i]->Send(PostHead(1000) + "{"));
  EXPECT_TRUE(ServesOthers());
  const long during = RssKb(server_->pid());
  std::cout << "[ memory   ] server RSS " << before << " kB, with " << kIdle
            << " idle connections " << during << " kB\n";
  EXPECT_LT(during - before, 64 * 1024) << "more than 32 kB per idle connection";
  idle.clear();
  EXPECT_TRUE(ServesOthers());
}

TEST_F(AbusiveClientsTest, ClientsThatLeaveMidResponseDoNotDisturbTheServer) {
  Start();
  std::string pipelined;
  for (int i = 0; i < 200; ++i) pipelined += PostHead(2) + "{}";
  {
    RawConnection rude(server_->port());  // 200 requests, reads nothing, closes
    ASSERT_TRUE(rude.Send(pipelined));
  }
  {
    RawConnection ruder(server_->port());  // the same, then a reset
    ASSERT_TRUE(ruder.Send(pipelined));
    ruder.Reset();
  }
  {
    // A large response (the journal of those 400 calls), abandoned after its first bytes.
    RawConnection reader(server_->port());
    ASSERT_TRUE(reader.Send("GET /_emulator/requests HTTP/1.1\r\nHost: x\r\n\r\n"));
    EXPECT_EQ(StatusOf(reader.ReadAtLeast(100)), 200u);
    reader.Reset();
  }
  EXPECT_TRUE(ServesOthers());
}

// RFC 9110 §9.3.2: HEAD is answered with the head a GET would get, its Content-Length
// included, and no body; a body would be read as the start of the next response.
TEST_F(AbusiveClientsTest, AHeadResponseHasNoBodySoTheNextResponseParses) {
  Start();
  RawConnection client(server_->port());
  ASSERT_TRUE(client.Send("HEAD /_emulator/health HTTP/1.1\r\nHost: x\r\n\r\n"));
  std::string bytes = ReadHead(client);
  ASSERT_TRUE(
      client.Send("GET /_emulator/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
  bool closed = false;
  bytes += client.ReadUntilClosed(&closed);
  EXPECT_TRUE(closed);
  std::string_view rest;
  const std::vector<ParsedReply> replies = ParseReplies(bytes, {true, false}, &rest);
  ASSERT_EQ(replies.size(), 2u) << bytes;
  EXPECT_EQ(replies[0].status, 200u);
  EXPECT_EQ(replies[1].status, 200u);
  rapidjson::Document health;
  health.Parse(replies[1].body.c_str(), replies[1].body.size());
  ASSERT_TRUE(health.IsObject() && health.HasMember("status")) << replies[1].body;
  EXPECT_STREQ(health["status"].GetString(), "ok");
  EXPECT_EQ(replies[0].content_length, std::to_string(replies[1].body.size()));
  EXPECT_TRUE(rest.empty()) << rest;
}

TEST_F(AbusiveClientsTest, AHeadToAnApiSendsOnlyTheHeadOfItsErrorEnvelope) {
  Start();
  RawConnection client(server_->port());
  std::string bytes;
  for (const std::string& path : {std::string(kGet), std::string("v1/callback/get")}) {
    ASSERT_TRUE(client.Send("HEAD " + Target(path) + " HTTP/1.1\r\nHost: x\r\n\r\n"));
    bytes += ReadHead(client);
  }
  ASSERT_TRUE(client.Send(PostHead(2, "Connection: close\r\n") + "{}"));
  bool closed = false;
  bytes += client.ReadUntilClosed(&closed);
  EXPECT_TRUE(closed);
  std::string_view rest;
  const std::vector<ParsedReply> replies = ParseReplies(bytes, {true, true, false}, &rest);
  ASSERT_EQ(replies.size(), 3u) << bytes;
  for (const ParsedReply& head : {replies[0], replies[1]}) {
    EXPECT_EQ(head.status, 200u);
    EXPECT_TRUE(head.body.empty());
    // The envelope's length, as GET would get it.
    EXPECT_TRUE(!head.content_length.empty() && head.content_length != "0") << head.content_length;
  }
  rapidjson::Document json;
  json.Parse(replies[2].body.c_str(), replies[2].body.size());
  ASSERT_TRUE(json.IsObject() && json.HasMember("ErrorCode")) << replies[2].body;
  EXPECT_EQ(json["ErrorCode"].GetInt(), 100301);  // nothing configured
  EXPECT_TRUE(rest.empty()) << rest;
}

TEST_F(AbusiveClientsTest, MalformedRequestsGet400OrACloseNeverAHang) {
  Start();
  std::mt19937 random(7);
  std::string garbage(4096, '\0');
  for (char& byte : garbage) byte = static_cast<char>(random());
  const std::string requests[] = {
      "\r\n\r\n",
      "GET /\r\n\r\n",                                  // HTTP/0.9
      "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n",                // an HTTP/2 preface
      "POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n",
      "POST / HTTP/1.1\r\nContent-Length: 1, 2\r\n\r\n",
      "POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n",
      "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
      "POST / HTTP/9.9\r\n\r\n",
      "POST /\x01\x02 HTTP/1.1\r\n\r\n",
      "POST / HTTP/1.1\r\nBad Header\r\n\r\n",
      garbage,
  };
  for (const std::string& request : requests) {
    SCOPED_TRACE(::testing::PrintToString(request.substr(0, 40)));
    RawConnection client(server_->port());
    client.Send(request);
    bool closed = false;
    const std::string reply = client.ReadUntilClosed(&closed);
    EXPECT_TRUE(closed) << "the connection was left open";
    EXPECT_TRUE(reply.empty() || StatusOf(reply) == 400u) << reply.substr(0, 200);
    if (reply.empty()) continue;
    // Its body is {"error": "..."} in valid JSON.
    std::string_view rest;
    const std::vector<ParsedReply> parsed = ParseReplies(reply, {false}, &rest);
    ASSERT_EQ(parsed.size(), 1u);
    rapidjson::Document json;
    json.Parse<rapidjson::kParseValidateEncodingFlag>(parsed[0].body.c_str(), parsed[0].body.size());
    EXPECT_TRUE(json.IsObject() && json.HasMember("error") && json["error"].IsString())
        << parsed[0].body;
  }
  EXPECT_TRUE(ServesOthers());
}

TEST_F(AbusiveClientsTest, BytesThatAreNotUtf8InABodyGetTheBodyErrorInValidJson) {
  Start();
  HttpClient client(server_->port());
  const std::string bad = "{\"Url\":\"https://a.example/\xff\xfe\",\"CallbackCommandList\":[]}";
  const HttpReply v4 = client.Post(Target("v4/call_config/set_callback"), bad);
  const HttpReply v1 = client.Post(Target("v1/callback/set"), bad);
  for (const HttpReply* reply : {&v4, &v1}) {
    rapidjson::Document json;
    json.Parse<rapidjson::kParseValidateEncodingFlag>(reply->body.c_str(), reply->body.size());
    ASSERT_FALSE(json.HasParseError()) << "not valid UTF-8 JSON: " << reply->body;
  }
  EXPECT_EQ(v4.Json()["ErrorCode"].GetInt(), 60003);
  EXPECT_EQ(v1.Json()["errorCode"].GetInt(), 70009);
  EXPECT_TRUE(ServesOthers());
}

}  // namespace
}  // namespace trtc::testing
