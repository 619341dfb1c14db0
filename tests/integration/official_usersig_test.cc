// UserSigs made by Tencent's official generator (npm tls-sig-api-v2) against a running
// emulator: accepted when right, and every kind of wrong one rejected with its code in
// each family (v4: the official checkers' order; v1: 70003 expired, 70002 everything else).
#include <chrono>
#include <string>

#include "tests/integration/support/emulator_test.h"
#include "tests/integration/support/envelope_expect.h"
#include "tests/integration/support/official_usersig.h"

namespace trtc::testing {
namespace {

class OfficialUserSigTest : public EmulatorTest {
 protected:
  // Calls get in both families as `identifier` of kApp with `sig`.
  void ExpectCodes(const std::string& sig, const std::string& identifier, int v4_code,
                   int v1_code) {
    HttpClient client(port());
    ExpectV4(client.Post(ApiTarget("v4/call_config/get_callback", kApp, identifier, sig), "{}"),
             v4_code);
    ExpectV1(client.Post(ApiTarget("v1/callback/get", kApp, identifier, sig), "{}"), v1_code);
  }
  static std::string TimeMember(int64_t time) {
    return "{\"TLS.time\":" + std::to_string(time) + "}";
  }
  static int64_t Now() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
};

// get with nothing configured answers 100301 / 999: proof the UserSig was accepted.
constexpr int kV4Accepted = 100301;
constexpr int kV1Accepted = 999;

TEST_F(OfficialUserSigTest, FreshSigsOfAdminsAreAccepted) {
  ExpectCodes(Sig(kApp, kAdmin), kAdmin, kV4Accepted, kV1Accepted);
  const std::vector<std::string> sigs = OfficialUserSigs({
      {kApp, kAppKey, kAdmin, 15552000, {}},       // the package's usual 180 days
      {kApp, kAppKey, kAdmin, 1, {}},              // valid for one more second at most
      {kApp, kAppKey, kAdmin, 86400, Now() + 3600},  // made "in the future": no not-before
  });
  ASSERT_EQ(sigs.size(), 3u);
  ExpectCodes(sigs[0], kAdmin, kV4Accepted, kV1Accepted);
  ExpectCodes(sigs[2], kAdmin, kV4Accepted, kV1Accepted);
}

TEST_F(OfficialUserSigTest, WrongSigsAreRejectedWithTheirCodes) {
  const std::vector<std::string> sigs = OfficialUserSigs({
      {kOtherApp, kOtherAppKey, kAdmin, 86400, {}},       // 0: another app's sig
      {kApp, kAppKey, "user_1", 86400, {}},               // 1: another user's sig
      {kApp, kOtherAppKey, kAdmin, 86400, {}},            // 2: made with the wrong key
      {kApp, kAppKey, kAdmin, 86400, 1577836800},         // 3: expired (made 2020-01-01)
      {kApp, kOtherAppKey, kAdmin, 86400, 1577836800},    // 4: expired and wrong key
      {kApp, kAppKey, kAdmin, 86400, {}, R"({"TLS.expire":999999999})"},  // 5: tampered expire
      {kApp, kAppKey, kAdmin, 86400, {}, TimeMember(Now() + 60)},          // 6: tampered time
      {kApp, kAppKey, kAdmin, 86400, {}, R"({"TLS.ver":"1.0"})"},         // 7: not version 2.0
      {kApp, kAppKey, kAdmin, 86400, {}, R"({"TLS.sig":5})"},             // 8: malformed member
  });
  ASSERT_EQ(sigs.size(), 9u);
  ExpectCodes(sigs[0], kAdmin, 70014, 70002);
  ExpectCodes(sigs[1], kAdmin, 70013, 70002);
  ExpectCodes(sigs[2], kAdmin, 70009, 70002);
  ExpectCodes(sigs[3], kAdmin, 70001, 70003);
  ExpectCodes(sigs[4], kAdmin, 70001, 70003);  // expiry is checked before the signature
  ExpectCodes(sigs[5], kAdmin, 70009, 70002);
  ExpectCodes(sigs[6], kAdmin, 70009, 70002);
  ExpectCodes(sigs[7], kAdmin, 70009, 70002);
  ExpectCodes(sigs[8], kAdmin, 70005, 70002);
}

TEST_F(OfficialUserSigTest, DamagedSigsAreUndecodable) {
  const std::string good = Sig(kApp, kAdmin);
  ExpectCodes(good.substr(0, good.size() / 2), kAdmin, 70003, 70002);  // truncated
  std::string flipped = good;
  flipped[flipped.size() / 2] = flipped[flipped.size() / 2] == 'A' ? 'B' : 'A';
  ExpectCodes(flipped, kAdmin, 70003, 70002);
  ExpectCodes("not a usersig!", kAdmin, 70003, 70002);
  ExpectCodes("", kAdmin, 70002, 70002);
}

TEST_F(OfficialUserSigTest, AUserSigForAnotherAppsSdkappidFailsThere) {
  // The other app's admin sig is presented to that app: fine; to ours: sdkappid mismatch.
  HttpClient client(port());
  ExpectV4(client.Post(ApiTarget("v4/call_config/get_callback", kOtherApp, kAdmin,
                                 Sig(kOtherApp, kAdmin)),
                       "{}"),
           kV4Accepted);
  ExpectV4(client.Post(ApiTarget("v4/call_config/get_callback", kApp, kAdmin, Sig(kOtherApp, kAdmin)),
                       "{}"),
           70014);
}

TEST(AuthOffTest, AcceptsAnyUserSigAndAnyApp) {
  std::unique_ptr<ServerProcess> server;
  ASSERT_TRUE(ServerProcess::Start({"--in-memory", "--auth", "off"}, &server));
  HttpClient client(server->port());
  ExpectV4(client.Post(ApiTarget("v4/call_config/get_callback", kApp, "anyone", "garbage"), "{}"),
           100301);
  ExpectV4(client.Post(ApiTarget("v4/call_config/set_callback", kUnknownApp, "x", ""),
                       R"({"Url":"http://a.example/","CallbackCommandList":["Call.CallbackAfterEndCall"]})"),
           0);
  ExpectV4(client.Post("/v4/call_config/get_callback?sdkappid=" + std::to_string(kUnknownApp) +
                           "&random=1&contenttype=json",
                       "{}"),
           0);
  ExpectV1(client.Post(ApiTarget("v1/callback/get", kApp, "anyone", "garbage"), "{}"), 999);
  EXPECT_EQ(server->Stop(SIGTERM), 0);
}

}  // namespace
}  // namespace trtc::testing
