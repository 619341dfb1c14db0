// The conventions every REST call shares (Chat REST overview, 1047/34620; callkit overview, TRTC
// 60138), in both families, over a real socket: query parameters, routing, methods, bodies,
// envelopes, RequestIds, and the transport (keep-alive, pipelining, limits, 100-continue).
#include <set>
#include <string>

#include "tests/integration/support/emulator_test.h"
#include "tests/integration/support/envelope_expect.h"

namespace trtc::testing {
namespace {

namespace bhttp = http::bhttp;

constexpr char kV4Get[] = "/v4/call_config/get_callback";
constexpr char kV1Get[] = "/v1/callback/get";

class RestConventionsTest : public EmulatorTest {
 protected:
  HttpReply Post(const std::string& target, const std::string& body = "{}") {
    HttpClient client(port());
    return client.Post(target, body);
  }
  std::string SigParam() { return "&usersig=" + PercentEncode(Sig(kApp, kAdmin)); }
  // The good query, with one parameter replaced (or dropped when `value` is null).
  std::string Query(const std::string& name, const char* value) {
    const std::pair<std::string, std::string> good[] = {
        {"sdkappid", std::to_string(kApp)}, {"identifier", kAdmin},
        {"usersig", PercentEncode(Sig(kApp, kAdmin))}, {"random", "99999999"},
        {"contenttype", "json"}};
    std::string query;
    for (const auto& [param, good_value] : good) {
      if (param == name && value == nullptr) continue;
      query += (query.empty() ? "?" : "&") + param + "=" + (param == name ? value : good_value);
    }
    return query;
  }
};

struct QueryCase {
  const char* param;
  const char* value;  // null: parameter absent
  int v4_code;
  int v1_code;
};

TEST_F(RestConventionsTest, QueryParameterErrorsHaveEachFamilysCode) {
  const QueryCase cases[] = {
      {"sdkappid", nullptr, 60012, 70001},
      {"sdkappid", "", 60012, 70001},
      {"sdkappid", "abc", 60006, 70001},
      {"sdkappid", "-1", 60006, 70001},
      {"sdkappid", "4294967296", 60006, 70001},
      {"identifier", nullptr, 60004, 70001},
      {"usersig", nullptr, 60004, 70001},
      {"usersig", "", 70002, 70002},
      {"random", nullptr, 60002, 70001},
      {"random", "abc", 60002, 70001},
      {"random", "4294967296", 60002, 70001},
      {"random", "-5", 60002, 70001},
      {"contenttype", nullptr, 60025, 70001},
      {"contenttype", "xml", 60025, 70001},
      {"identifier", "%zz", 60002, 70001},
  };
  for (const QueryCase& c : cases) {
    SCOPED_TRACE(std::string(c.param) + "=" + (c.value ? c.value : "<absent>"));
    ExpectV4(Post(kV4Get + Query(c.param, c.value)), c.v4_code);
    ExpectV1(Post(kV1Get + Query(c.param, c.value)), c.v1_code);
  }
}

TEST_F(RestConventionsTest, EdgeValuesOfRandomAreAccepted) {
  for (const char* random : {"0", "4294967295"}) {
    ExpectV4(Post(kV4Get + Query("random", random)), 100301);
  }
}

TEST_F(RestConventionsTest, ExtraQueryParametersAreIgnored) {
  ExpectV4(Post(kV4Get + Query("random", "1") + "&extra=1"), 100301);
}

TEST_F(RestConventionsTest, UnknownApiAnswersEachFamilysCode) {
  ExpectV4(Post("/v4/call_config/list_callback" + Query("random", "1")), 60009);
  ExpectV4(Post("/v4/nothing/here" + Query("random", "1")), 60009);
  ExpectV4(Post("/" + Query("random", "1")), 60009);
  ExpectV4(Post("/v4/call_config/get_callback/" + Query("random", "1")), 60009);
  ExpectV1(Post("/v1/callback/list" + Query("random", "1")), 70001);
}

TEST_F(RestConventionsTest, MethodsOtherThanPostAreRejected) {
  HttpClient client(port());
  ExpectV4(client.Send(bhttp::verb::get, kV4Get + Query("random", "1"), ""), 60002);
  ExpectV4(client.Send(bhttp::verb::put, kV4Get + Query("random", "1"), "{}"), 60002);
  ExpectV1(client.Send(bhttp::verb::get, kV1Get + Query("random", "1"), ""), 70001);
  ExpectV1(client.Send(bhttp::verb::delete_, kV1Get + Query("random", "1"), ""), 70001);
}

TEST_F(RestConventionsTest, UnknownAndKeylessAppsAreRejected) {
  const std::string unknown = "?sdkappid=" + std::to_string(kUnknownApp) +
                              "&identifier=administrator&random=1&contenttype=json" + SigParam();
  ExpectV4(Post(kV4Get + unknown), 70020);
  ExpectV1(Post(kV1Get + unknown), 70002);
  const std::string keyless = "?sdkappid=" + std::to_string(kKeylessApp) +
                              "&identifier=administrator&random=1&contenttype=json" + SigParam();
  ExpectV4(Post(kV4Get + keyless), 70016);
  ExpectV1(Post(kV1Get + keyless), 70002);
}

TEST_F(RestConventionsTest, AValidUserSigOfANonAdminIsRejected) {
  ExpectV4(Call("v4/call_config/get_callback", "{}", kApp, "user_1"), 60010);
  ExpectV1(Call("v1/callback/get", "{}", kApp, "user_1"), 70004);
}

TEST_F(RestConventionsTest, AnyListedAdminIsAccepted) {
  ExpectV4(Call("v4/call_config/get_callback", "{}", kOtherApp, "ops_admin"), 100301);
  ExpectV4(Call("v4/call_config/get_callback", "{}", kOtherApp, kAdmin), 100301);
}

TEST_F(RestConventionsTest, BodiesThatAreNotJsonObjectsAreRejected) {
  const char* bad_bodies[] = {"{", "not json", "[]", "\"text\"", "42", "{\"a\":1} trailing",
                              "{\"a\":\"\xff\xfe\"}"};
  for (const char* body : bad_bodies) {
    SCOPED_TRACE(body);
    ExpectV4(Call("v4/call_config/get_callback", body), 60003);
    ExpectV1(Call("v1/callback/get", body), 70009);
  }
}

TEST_F(RestConventionsTest, DeeplyNestedJsonIsHandled) {
  const std::string deep = "{\"a\":" + std::string(100000, '[') + std::string(100000, ']') + "}";
  ExpectV4(Call("v4/call_config/get_callback", deep), 100301);
  ExpectV4(Call("v4/call_config/get_callback", std::string(200000, '[')), 60003);
}

TEST_F(RestConventionsTest, RequestIdsAreUniqueInBothFamilies) {
  HttpClient client(port());
  std::set<std::string> ids;
  for (int i = 0; i < 50; ++i) {
    ids.insert(ExpectV4(client.Post(kV4Get + Query("random", "1"), "{}"), 100301)["RequestId"].GetString());
    ids.insert(ExpectV1(client.Post(kV1Get + Query("random", "1"), "{}"), 999)["requestId"].GetString());
  }
  EXPECT_EQ(ids.size(), 100u);
}

TEST_F(RestConventionsTest, KeepAliveServesManyRequestsOnOneConnection) {
  HttpClient client(port());
  for (int i = 0; i < 20; ++i) {
    HttpReply reply = client.Post(kV4Get + Query("random", "1"), "{}");
    ExpectV4(reply, 100301);
    EXPECT_TRUE(reply.keep_alive);
  }
}

TEST_F(RestConventionsTest, PipelinedRequestsAreAnsweredInOrder) {
  auto request = [&](const std::string& target) {
    return "POST " + target + " HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}";
  };
  HttpClient client(port());
  std::vector<HttpReply> replies = client.Raw(request(kV4Get + Query("random", "1")) +
                                                  request(kV1Get + Query("random", "1")) +
                                                  request("/v4/nope" + Query("random", "1")),
                                              3);
  ASSERT_EQ(replies.size(), 3u);
  ExpectV4(replies[0], 100301);
  ExpectV1(replies[1], 999);
  ExpectV4(replies[2], 60009);
}

TEST_F(RestConventionsTest, ABodyOverOneMebibyteGets413AndTheServerGoesOn) {
  HttpClient client(port());
  HttpReply reply = client.Raw("POST " + std::string(kV4Get) + Query("random", "1") +
                                   " HTTP/1.1\r\nHost: x\r\nContent-Length: 1048577\r\n\r\n",
                               1)[0];
  EXPECT_EQ(reply.status, 413u);
  EXPECT_NE(reply.body.find("error"), std::string::npos);
  EXPECT_TRUE(client.ServerClosed());
  ExpectV4(Post(kV4Get + Query("random", "1")), 100301);
}

TEST_F(RestConventionsTest, A413ReachesAClientThatSendsItsWholeBody) {
  HttpClient client(port());
  // Header and a 3 MiB body in one write: the server answers 413 after the header and
  // drains the rest, so the client reads the 413 rather than a connection reset.
  HttpReply reply = client.Raw("POST " + std::string(kV4Get) + Query("random", "1") +
                                   " HTTP/1.1\r\nHost: x\r\nContent-Length: 3145728\r\n\r\n" +
                                   std::string(3145728, 'x'),
                               1)[0];
  EXPECT_EQ(reply.status, 413u);
  EXPECT_TRUE(client.ServerClosed());
}

TEST_F(RestConventionsTest, ABodyOfExactlyOneMebibyteIsRead) {
  const std::string body = "{\"pad\":\"" + std::string(1048576 - 10, 'x') + "\"}";
  ASSERT_EQ(body.size(), 1048576u);
  ExpectV4(Call("v4/call_config/get_callback", body), 100301);
}

TEST_F(RestConventionsTest, HeadersOver16KiBGet431) {
  HttpClient client(port());
  HttpReply reply = client.Raw("POST " + std::string(kV4Get) + Query("random", "1") +
                                   " HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(17000, 'a') +
                                   "\r\nContent-Length: 2\r\n\r\n{}",
                               1)[0];
  EXPECT_EQ(reply.status, 431u);
  ExpectV4(Post(kV4Get + Query("random", "1")), 100301);
}

TEST_F(RestConventionsTest, MalformedHttpGets400) {
  HttpClient client(port());
  HttpReply reply = client.Raw("THIS IS NOT HTTP\r\n\r\n", 1)[0];
  EXPECT_EQ(reply.status, 400u);
  EXPECT_TRUE(client.ServerClosed());
}

TEST_F(RestConventionsTest, ExpectContinueIsHonoured) {
  HttpClient client(port());
  HttpReply interim = client.Raw("POST " + std::string(kV4Get) + Query("random", "1") +
                                     " HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
                                     "Content-Length: 2\r\n\r\n",
                                 1)[0];
  EXPECT_EQ(interim.status, 100u);
  ExpectV4(client.Raw("{}", 1)[0], 100301);
}

}  // namespace
}  // namespace trtc::testing
