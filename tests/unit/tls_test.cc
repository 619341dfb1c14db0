// The local CA and the certificates it issues: what clients will check (chain, names,
// usage), and the files it keeps (reused, mode 0600, refused when inconsistent).
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include "server/tls/certificate.h"
#include "server/tls/local_ca.h"
#include "server/tls/openssl_ptr.h"
#include "server/tls/server_identity.h"
#include "server/tls/tencent_hosts.h"
#include "tests/integration/support/temp_dir.h"

namespace trtc::tls {
namespace {

X509Ptr ReadCertificate(const std::string& pem) {
  BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  return X509Ptr(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
}

// Verifies `leaf` against `ca` as a TLS client would (purpose: server), at the real time.
bool ChainVerifies(const std::string& leaf_pem, const std::string& ca_pem) {
  X509Ptr leaf = ReadCertificate(leaf_pem);
  X509Ptr ca = ReadCertificate(ca_pem);
  std::unique_ptr<X509_STORE, OpenSslDeleter<X509_STORE, X509_STORE_free>> store(X509_STORE_new());
  X509_STORE_add_cert(store.get(), ca.get());
  std::unique_ptr<X509_STORE_CTX, OpenSslDeleter<X509_STORE_CTX, X509_STORE_CTX_free>> context(
      X509_STORE_CTX_new());
  X509_STORE_CTX_init(context.get(), store.get(), leaf.get(), nullptr);
  X509_STORE_CTX_set_purpose(context.get(), X509_PURPOSE_SSL_SERVER);
  X509_VERIFY_PARAM_set_flags(X509_STORE_CTX_get0_param(context.get()), X509_V_FLAG_X509_STRICT);
  return X509_verify_cert(context.get()) == 1;
}

bool CoversHost(const std::string& pem, const std::string& host) {
  X509Ptr certificate = ReadCertificate(pem);
  return X509_check_host(certificate.get(), host.data(), host.size(), 0, nullptr) == 1;
}

bool CoversIp(const std::string& pem, const char* ip) {
  X509Ptr certificate = ReadCertificate(pem);
  return X509_check_ip_asc(certificate.get(), ip, 0) == 1;
}

TEST(TencentHosts, MatchTheHostsTheLeafCovers) {
  for (const char* host : {"console.tim.qq.com", "CONSOLE.TIM.QQ.COM", "console.tim.qq.com.",
                           "adminapisgp.im.qcloud.com", "adminapiger.im.qcloud.com",
                           "callkit-intl.trtc.tencent-cloud.com", "trtc.tencent-cloud.com"}) {
    EXPECT_TRUE(IsTencentApiHost(host)) << host;
  }
  for (const char* host : {"example.com", "tim.qq.com", "qq.com", "a.b.tim.qq.com",
                           "evil.com.tim.qq.com.example", "im.qcloud.com", "xim.qcloud.com",
                           "", ".tim.qq.com", "localhost", "127.0.0.1"}) {
    EXPECT_FALSE(IsTencentApiHost(host)) << host;
  }
}

TEST(LocalCa, IssuesALeafThatVerifiesForEveryTencentHostAndLoopback) {
  StatusOr<LocalCa> ca = LocalCa::CreateInMemory();
  ASSERT_TRUE(ca.ok()) << ca.status().message();
  StatusOr<KeyAndCertificate> leaf = ca->IssueServerCertificate();
  ASSERT_TRUE(leaf.ok()) << leaf.status().message();
  EXPECT_TRUE(ChainVerifies(leaf->certificate_pem, ca->certificate_pem()));
  for (const char* host : {"console.tim.qq.com", "adminapisgp.im.qcloud.com",
                           "callkit-intl.trtc.tencent-cloud.com", "localhost"}) {
    EXPECT_TRUE(CoversHost(leaf->certificate_pem, host)) << host;
  }
  EXPECT_FALSE(CoversHost(leaf->certificate_pem, "example.com"));
  EXPECT_TRUE(CoversIp(leaf->certificate_pem, "127.0.0.1"));
  EXPECT_TRUE(CoversIp(leaf->certificate_pem, "::1"));

  // Another CA's leaf does not verify against this one.
  StatusOr<LocalCa> other = LocalCa::CreateInMemory();
  ASSERT_TRUE(other.ok());
  EXPECT_FALSE(ChainVerifies(leaf->certificate_pem, other->certificate_pem()));
  // Two leaves of one CA have different serials and keys.
  StatusOr<KeyAndCertificate> second = ca->IssueServerCertificate();
  ASSERT_TRUE(second.ok());
  EXPECT_NE(second->key_pem, leaf->key_pem);
}

TEST(LocalCa, TheCaIsACaForTenYearsAndTheLeafIsNot) {
  StatusOr<LocalCa> ca = LocalCa::CreateInMemory();
  ASSERT_TRUE(ca.ok());
  X509Ptr ca_certificate = ReadCertificate(ca->certificate_pem());
  EXPECT_EQ(X509_check_ca(ca_certificate.get()), 1);
  int days = 0, seconds = 0;
  ASSERT_EQ(ASN1_TIME_diff(&days, &seconds, X509_get0_notBefore(ca_certificate.get()),
                           X509_get0_notAfter(ca_certificate.get())), 1);
  EXPECT_GE(days, 3650);
  StatusOr<KeyAndCertificate> leaf = ca->IssueServerCertificate();
  ASSERT_TRUE(leaf.ok());
  X509Ptr leaf_certificate = ReadCertificate(leaf->certificate_pem);
  EXPECT_EQ(X509_check_ca(leaf_certificate.get()), 0);
  EXPECT_EQ(X509_get_signature_nid(leaf_certificate.get()), NID_ecdsa_with_SHA256);
  StatusOr<std::vector<std::string>> names = SubjectAltNames(leaf->certificate_pem);
  ASSERT_TRUE(names.ok());
  EXPECT_EQ(*names, (std::vector<std::string>{
                        "DNS:localhost", "DNS:console.tim.qq.com", "DNS:*.tim.qq.com",
                        "DNS:*.im.qcloud.com", "DNS:*.trtc.tencent-cloud.com",
                        "DNS:*.tencent-cloud.com", "IP Address:127.0.0.1", "IP Address:0:0:0:0:0:0:0:1"}));
}

TEST(LocalCa, IsCreatedOnceInItsFolderAndReusedWithTheKeyPrivate) {
  testing::TempDir temp;
  const std::string dir = temp.path() + "/tls";
  StatusOr<LocalCa> first = LocalCa::OpenOrCreate(dir);
  ASSERT_TRUE(first.ok()) << first.status().message();
  struct stat key_stat {};
  ASSERT_EQ(::stat((dir + "/ca.key").c_str(), &key_stat), 0);
  EXPECT_EQ(key_stat.st_mode & 0777, 0600u);
  StatusOr<LocalCa> second = LocalCa::OpenOrCreate(dir);
  ASSERT_TRUE(second.ok()) << second.status().message();
  EXPECT_EQ(second->certificate_pem(), first->certificate_pem());
  // A leaf the reopened CA issues verifies against the certificate clients already trust.
  StatusOr<KeyAndCertificate> leaf = second->IssueServerCertificate();
  ASSERT_TRUE(leaf.ok());
  EXPECT_TRUE(ChainVerifies(leaf->certificate_pem, first->certificate_pem()));
}

TEST(LocalCa, RefusesACertificateWithoutItsKeyAndRemakesAKeyWithoutCertificate) {
  testing::TempDir temp;
  const std::string dir = temp.path() + "/tls";
  StatusOr<LocalCa> first = LocalCa::OpenOrCreate(dir);
  ASSERT_TRUE(first.ok());
  // The key lost: nothing can be issued that clients trusting ca.pem accept.
  std::filesystem::remove(dir + "/ca.key");
  StatusOr<LocalCa> keyless = LocalCa::OpenOrCreate(dir);
  ASSERT_FALSE(keyless.ok());
  EXPECT_NE(keyless.status().message().find("ca.pem exists without"), std::string::npos)
      << keyless.status().message();
  // Only the key (a crash between the two writes): nobody trusts it yet, so a new pair.
  std::filesystem::remove(dir + "/ca.pem");
  std::ofstream(dir + "/ca.key") << "not a key";
  StatusOr<LocalCa> remade = LocalCa::OpenOrCreate(dir);
  ASSERT_TRUE(remade.ok()) << remade.status().message();
  EXPECT_NE(remade->certificate_pem(), first->certificate_pem());
  // A key that is not the certificate's.
  StatusOr<LocalCa> other = LocalCa::CreateInMemory();
  ASSERT_TRUE(other.ok());
  StatusOr<KeyAndCertificate> stranger = Issue(CertificateRequest{"x", {}, {}, 1, true});
  ASSERT_TRUE(stranger.ok());
  std::ofstream(dir + "/ca.key") << stranger->key_pem;
  StatusOr<LocalCa> mismatched = LocalCa::OpenOrCreate(dir);
  ASSERT_FALSE(mismatched.ok());
  EXPECT_NE(mismatched.status().message().find("is not the key of"), std::string::npos);
}

TEST(ServerIdentity, ServesTheLocalCaOrTheUsersOwnCertificate) {
  testing::TempDir temp;
  ServerIdentity local({temp.path() + "/tls", "", ""});
  StatusOr<http::ssl::context*> context = local.Context();
  ASSERT_TRUE(context.ok()) << context.status().message();
  EXPECT_NE(*context, nullptr);
  StatusOr<std::string> ca = local.CaCertificatePem();
  ASSERT_TRUE(ca.ok());
  EXPECT_TRUE(ca->starts_with("-----BEGIN CERTIFICATE-----"));
  EXPECT_EQ(ca->find("PRIVATE KEY"), std::string::npos);

  StatusOr<KeyAndCertificate> own =
      Issue(CertificateRequest{"own", {"localhost"}, {"127.0.0.1"}, 30, false});
  ASSERT_TRUE(own.ok());
  std::ofstream(temp.path() + "/own.pem") << own->certificate_pem;
  std::ofstream(temp.path() + "/own.key") << own->key_pem;
  ServerIdentity user({"", temp.path() + "/own.pem", temp.path() + "/own.key"});
  ASSERT_TRUE(user.Context().ok()) << user.Context().status().message();
  EXPECT_EQ(user.CaCertificatePem().status().code(), StatusCode::kNotFound);

  ServerIdentity wrong_key({"", temp.path() + "/own.pem", temp.path() + "/tls/ca.key"});
  EXPECT_FALSE(wrong_key.Context().ok());
  ServerIdentity missing({"", temp.path() + "/none.pem", temp.path() + "/own.key"});
  ASSERT_FALSE(missing.Context().ok());
  EXPECT_NE(missing.Context().status().message().find("--tls-cert"), std::string::npos);
}

}  // namespace
}  // namespace trtc::tls
