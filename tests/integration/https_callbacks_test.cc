// Callbacks to https:// URLs over real sockets: the receiver serves HTTPS on 127.0.0.1 with
// a self-signed certificate made here, and the emulator verifies it against --callback-ca
// (one suite), the system store only (another), or not at all with --callback-tls-verify
// off (a third). Nothing here asserts on time: tests wait on the receiver or poll the outbox.
#include <fstream>
#include <string>
#include <vector>

#include "server/tls/certificate.h"
#include "tests/integration/support/callback_receiver.h"
#include "tests/integration/support/callback_suite.h"
#include "tests/integration/support/temp_dir.h"

namespace trtc::testing {
namespace {

namespace bhttp = http::bhttp;

// A receiver's self-signed certificate for these names. A leaf (CA:FALSE, serverAuth):
// OpenSSL refuses a CA certificate (key usage keyCertSign only) as a server's.
tls::KeyAndCertificate SelfSigned(const std::string& name, std::vector<std::string> dns_names,
                                  std::vector<std::string> ip_addresses) {
  StatusOr<tls::KeyAndCertificate> made =
      tls::Issue(tls::CertificateRequest{.common_name = name,
                                         .dns_names = std::move(dns_names),
                                         .ip_addresses = std::move(ip_addresses),
                                         .is_ca = false},
                 nullptr);
  EXPECT_TRUE(made.ok()) << made.status().message();
  return made.ok() ? *made : tls::KeyAndCertificate{};
}

// The receivers' identities, made once: every suite's receivers use them.
struct Identities {
  tls::KeyAndCertificate loopback = SelfSigned("receiver", {"localhost"}, {"127.0.0.1"});
  tls::KeyAndCertificate address_only = SelfSigned("address-only", {}, {"127.0.0.1"});
  tls::KeyAndCertificate elsewhere = SelfSigned("elsewhere", {"other.example"}, {"10.0.0.1"});
};

const Identities& Receivers() {
  static const Identities identities;
  return identities;
}

// The --callback-ca file: all three certificates, so each is trusted and only its names
// decide.
const std::string& TrustedFile() {
  static const TempDir dir;
  static const std::string path = [] {
    const std::string file = dir.File("receivers.pem");
    std::ofstream(file) << Receivers().loopback.certificate_pem
                        << Receivers().address_only.certificate_pem
                        << Receivers().elsewhere.certificate_pem;
    return file;
  }();
  return path;
}

// The outbox's delivery of one family ("v4", "v1"), or null.
const rapidjson::Value* OfFamily(const rapidjson::Value& callbacks, const std::string& family) {
  for (const rapidjson::Value& delivery : callbacks.GetArray()) {
    if (Str(delivery["family"]) == family) return &delivery;
  }
  return nullptr;
}

// Every attempt of a delivery failed without an HTTP answer, with an error naming `reason`.
void ExpectEveryAttemptFailed(const rapidjson::Value& delivery, const std::string& reason) {
  for (const rapidjson::Value& attempt : delivery["attempts"].GetArray()) {
    const std::string error = Str(attempt["error"]);
    EXPECT_EQ(attempt["http_status"].GetInt(), 0);
    EXPECT_NE(error.find("certificate verify failed"), std::string::npos) << error;
    EXPECT_NE(error.find(reason), std::string::npos) << error;
  }
}

class HttpsCallbacksTest : public CallbackSuite {
 protected:
  void SetUp() override {
    ASSERT_EQ(Control(bhttp::verb::post, "/_emulator/reset", "{}").status, 200u);
  }
  // Configures both families, plays a call that sends one delivery to each, and waits until
  // both are delivered or failed; returns the outbox.
  rapidjson::Document PlayToBothFamilies(const std::string& v4_url, const std::string& v1_url) {
    ConfigureV4(v4_url, R"(["Call.CallbackAfterEndCall"])");
    ConfigureV1(v1_url, R"(["cancel"])");
    Play(R"({"sdkappid":1400000000,"caller":"alice","callees":["bob"],"outcome":"cancel"})");
    rapidjson::Document outbox = Settled("");
    EXPECT_EQ(outbox["callbacks"].Size(), 2u);
    return outbox;
  }
};

// One emulator per way of trusting receivers. --callback-ca: it names the receivers'
// certificates.
class TrustedHttpsCallbacksTest : public HttpsCallbacksTest {
 protected:
  static void SetUpTestSuite() {
    StartSuite({"--callback-retry-unit-ms", "20", "--callback-ca", TrustedFile()});
  }
};

// No --callback-ca: a self-signed receiver is not in the system store.
class UntrustedHttpsCallbacksTest : public HttpsCallbacksTest {
 protected:
  static void SetUpTestSuite() { StartSuite({"--callback-retry-unit-ms", "20"}); }
};

// --callback-tls-verify off: any certificate passes, whatever it names and whoever signed it.
class UnverifiedHttpsCallbacksTest : public HttpsCallbacksTest {
 protected:
  static void SetUpTestSuite() { StartSuite({"--callback-tls-verify", "off"}); }
};

TEST_F(TrustedHttpsCallbacksTest, AV4CallbackIsDeliveredOverTls) {
  CallbackReceiver receiver(Receivers().loopback);
  ConfigureV4(receiver.Url("/v4hook?tenant=7"), R"(["Call.CallbackAfterEndCall"])");
  Play(R"({"sdkappid":1400000000,"caller":"alice","callees":["bob"],"outcome":"normal_end"})");
  const std::vector<ReceivedRequest> got = receiver.WaitFor(1);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].method, "POST");
  EXPECT_EQ(got[0].server_name, "");  // no SNI for an IP address
  rapidjson::Document outbox = Settled("");
  ASSERT_EQ(outbox["callbacks"].Size(), 1u);
  const rapidjson::Value& delivery = outbox["callbacks"][0];
  // What went over TLS is exactly what the outbox says was sent.
  EXPECT_EQ(receiver.Url("") + got[0].target, Str(delivery["url"]));
  EXPECT_TRUE(got[0].target.starts_with("/v4hook?tenant=7&SdkAppid=1400000000&")) << got[0].target;
  EXPECT_TRUE(got[0].Json() == delivery["body"]) << got[0].body;
  EXPECT_EQ(Str(delivery["state"]), "delivered");
  ASSERT_EQ(delivery["attempts"].Size(), 1u);
  EXPECT_EQ(delivery["attempts"][0]["http_status"].GetInt(), 200);
  EXPECT_EQ(Str(delivery["attempts"][0]["reply"]), CallbackReceiver::kOkReply);
  EXPECT_EQ(Str(delivery["attempts"][0]["error"]), "");
}

TEST_F(TrustedHttpsCallbacksTest, AV1CallbackToAHostNameIsDeliveredWithSni) {
  CallbackReceiver receiver(Receivers().loopback);
  receiver.Script({{500, "not yet"}});  // retried over a new TLS connection
  ConfigureV1(receiver.UrlVia("localhost", "/v1"), R"(["cancel"])");
  Play(R"({"sdkappid":1400000000,"caller":"alice","callees":["bob"],"outcome":"cancel"})");
  const std::vector<ReceivedRequest> got = receiver.WaitFor(2);
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].server_name, "localhost");
  EXPECT_EQ(got[0].body, got[1].body);
  rapidjson::Document outbox = Settled("");
  ASSERT_EQ(outbox["callbacks"].Size(), 1u);
  const rapidjson::Value& delivery = outbox["callbacks"][0];
  EXPECT_EQ(receiver.UrlVia("localhost", "") + got[1].target, Str(delivery["url"]));
  EXPECT_TRUE(got[1].target.starts_with("/v1?sdkappid=1400000000&command=cancel")) << got[1].target;
  EXPECT_TRUE(got[1].Json() == delivery["body"]) << got[1].body;
  EXPECT_EQ(Str(delivery["state"]), "delivered");
  ASSERT_EQ(delivery["attempts"].Size(), 2u);
  EXPECT_EQ(delivery["attempts"][0]["http_status"].GetInt(), 500);
  EXPECT_EQ(delivery["attempts"][1]["http_status"].GetInt(), 200);
}

// The certificate is trusted, but does not carry the URL's host: the handshake fails.
TEST_F(TrustedHttpsCallbacksTest, AHostNameTheCertificateDoesNotCarryFails) {
  CallbackReceiver receiver(Receivers().address_only);  // 127.0.0.1, not localhost
  ConfigureV4(receiver.UrlVia("localhost", "/v4"), R"(["Call.CallbackAfterEndCall"])");
  Play(R"({"sdkappid":1400000000,"caller":"alice","callees":["bob"],"outcome":"cancel"})");
  rapidjson::Document outbox = Settled("");
  ASSERT_EQ(outbox["callbacks"].Size(), 1u);
  const rapidjson::Value& delivery = outbox["callbacks"][0];
  EXPECT_EQ(Str(delivery["state"]), "failed");
  ASSERT_EQ(delivery["attempts"].Size(), 1u);  // v4: tried once
  ExpectEveryAttemptFailed(delivery, "hostname mismatch");
  EXPECT_EQ(receiver.Received().size(), 0u);
}

TEST_F(TrustedHttpsCallbacksTest, AnAddressTheCertificateDoesNotCarryFails) {
  CallbackReceiver receiver(Receivers().elsewhere);  // other.example and 10.0.0.1
  ConfigureV1(receiver.Url("/v1"), R"(["cancel"])");
  Play(R"({"sdkappid":1400000000,"caller":"alice","callees":["bob"],"outcome":"cancel"})");
  rapidjson::Document outbox = Settled("");
  ASSERT_EQ(outbox["callbacks"].Size(), 1u);
  const rapidjson::Value& delivery = outbox["callbacks"][0];
  EXPECT_EQ(Str(delivery["state"]), "failed");
  EXPECT_EQ(delivery["attempts"].Size(), 7u);  // v1: the first try and six retries
  ExpectEveryAttemptFailed(delivery, "IP address mismatch");
  EXPECT_EQ(receiver.Received().size(), 0u);
}

TEST_F(UntrustedHttpsCallbacksTest, ASelfSignedReceiverFailsWithTheCertificateError) {
  CallbackReceiver receiver(Receivers().loopback);
  const rapidjson::Document outbox = PlayToBothFamilies(receiver.Url("/v4"), receiver.Url("/v1"));
  const rapidjson::Value* v4 = OfFamily(outbox["callbacks"], "v4");
  const rapidjson::Value* v1 = OfFamily(outbox["callbacks"], "v1");
  ASSERT_TRUE(v4 && v1);
  EXPECT_EQ(Str((*v4)["state"]), "failed");
  EXPECT_EQ((*v4)["attempts"].Size(), 1u);  // v4: tried once
  ExpectEveryAttemptFailed(*v4, "self-signed certificate");
  EXPECT_EQ(Str((*v1)["state"]), "failed");
  EXPECT_EQ((*v1)["attempts"].Size(), 7u);  // v1: the first try and six retries
  ExpectEveryAttemptFailed(*v1, "self-signed certificate");
  EXPECT_EQ(receiver.Received().size(), 0u);
}

TEST_F(UnverifiedHttpsCallbacksTest, AnyCertificateIsAccepted) {
  CallbackReceiver receiver(Receivers().elsewhere);
  const rapidjson::Document outbox =
      PlayToBothFamilies(receiver.UrlVia("localhost", "/v4"), receiver.Url("/v1"));
  EXPECT_EQ(receiver.Received().size(), 2u);
  for (const char* family : {"v4", "v1"}) {
    const rapidjson::Value* delivery = OfFamily(outbox["callbacks"], family);
    ASSERT_TRUE(delivery) << family;
    EXPECT_EQ(Str((*delivery)["state"]), "delivered") << family;
    ASSERT_EQ((*delivery)["attempts"].Size(), 1u) << family;
    EXPECT_EQ(Str((*delivery)["attempts"][0]["error"]), "") << family;
  }
}

}  // namespace
}  // namespace trtc::testing
