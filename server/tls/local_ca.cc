#include "server/tls/local_ca.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <openssl/pem.h>

#include "server/tls/openssl_ptr.h"
#include "server/tls/tencent_hosts.h"

namespace trtc::tls {
namespace {

constexpr int kCaValidDays = 3650;
constexpr int kLeafValidDays = 365;

std::string SystemError(const std::string& what) { return what + ": " + std::strerror(errno); }

// Holds an exclusive flock on DIR/.lock while it lives.
class DirectoryLock {
 public:
  explicit DirectoryLock(const std::string& dir)
      : fd_(::open((dir + "/.lock").c_str(), O_CREAT | O_RDWR | O_CLOEXEC, 0600)) {
    if (fd_ >= 0 && ::flock(fd_, LOCK_EX) != 0) {
      ::close(fd_);
      fd_ = -1;
    }
  }
  ~DirectoryLock() {
    if (fd_ >= 0) ::close(fd_);  // closing releases the lock
  }
  bool locked() const { return fd_ >= 0; }

 private:
  int fd_;
};

// Writes `text` to `path` with `mode`, through a temporary file and a rename, so a reader
// never sees half a file.
Status WriteFile(const std::string& path, const std::string& text, mode_t mode) {
  const std::string temporary = path + ".tmp";
  const int fd = ::open(temporary.c_str(), O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC, mode);
  if (fd < 0) return Status::Internal(SystemError("cannot create " + temporary));
  // The umask may have narrowed `mode`; a key must never be wider than asked either.
  bool ok = ::fchmod(fd, mode) == 0;
  for (size_t written = 0; ok && written < text.size();) {
    const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
    ok = n > 0;
    if (ok) written += static_cast<size_t>(n);
  }
  ok = ok && ::fsync(fd) == 0;
  ::close(fd);
  if (!ok || std::rename(temporary.c_str(), path.c_str()) != 0) {
    const std::string error = SystemError("cannot write " + path);
    std::remove(temporary.c_str());
    return Status::Internal(error);
  }
  return Status::Ok();
}

// Whether the key is the certificate's: a mismatched pair would issue leaves no client trusts.
bool KeyMatches(const KeyAndCertificate& pair) {
  BioPtr key_bio(BIO_new_mem_buf(pair.key_pem.data(), static_cast<int>(pair.key_pem.size())));
  BioPtr cert_bio(BIO_new_mem_buf(pair.certificate_pem.data(),
                                  static_cast<int>(pair.certificate_pem.size())));
  KeyPtr key(PEM_read_bio_PrivateKey(key_bio.get(), nullptr, nullptr, nullptr));
  X509Ptr cert(PEM_read_bio_X509(cert_bio.get(), nullptr, nullptr, nullptr));
  const bool matches = key && cert && X509_check_private_key(cert.get(), key.get()) == 1;
  ERR_clear_error();
  return matches;
}

StatusOr<KeyAndCertificate> NewCa() {
  CertificateRequest request;
  request.common_name = "trtc-emulator local CA";
  request.valid_days = kCaValidDays;
  request.is_ca = true;
  return Issue(request);
}

}  // namespace

StatusOr<std::string> ReadPemFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(SystemError("cannot read " + path));
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

StatusOr<LocalCa> LocalCa::OpenOrCreate(const std::string& dir) {
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) return Status::Internal("cannot create the TLS folder " + dir + ": " + error.message());
  DirectoryLock lock(dir);
  if (!lock.locked()) return Status::Internal(SystemError("cannot lock " + dir + "/.lock"));
  const std::string certificate_path = dir + "/" + kCertificateFile;
  const std::string key_path = dir + "/" + kKeyFile;
  const bool has_certificate = std::filesystem::exists(certificate_path);
  const bool has_key = std::filesystem::exists(key_path);
  if (has_certificate && has_key) {
    StatusOr<std::string> certificate = ReadPemFile(certificate_path);
    if (!certificate.ok()) return certificate.status();
    StatusOr<std::string> key = ReadPemFile(key_path);
    if (!key.ok()) return key.status();
    KeyAndCertificate ca{*key, *certificate};
    if (!KeyMatches(ca)) {
      return Status::InvalidArgument(key_path + " is not the key of " + certificate_path +
                                     " (remove both to make a new CA)");
    }
    return LocalCa(std::move(ca));
  }
  if (has_certificate) {
    return Status::FailedPrecondition(certificate_path + " exists without " + key_path +
                                      " (remove it to make a new CA)");
  }
  StatusOr<KeyAndCertificate> ca = NewCa();
  if (!ca.ok()) return ca.status();
  // The key first: a crash between the two leaves a key without a certificate, which
  // nobody can trust yet, so the next start simply makes a new pair.
  if (Status written = WriteFile(key_path, ca->key_pem, 0600); !written.ok()) return written;
  if (Status written = WriteFile(certificate_path, ca->certificate_pem, 0644); !written.ok()) {
    return written;
  }
  return LocalCa(*ca);
}

StatusOr<LocalCa> LocalCa::CreateInMemory() {
  StatusOr<KeyAndCertificate> ca = NewCa();
  if (!ca.ok()) return ca.status();
  return LocalCa(*ca);
}

StatusOr<KeyAndCertificate> LocalCa::IssueServerCertificate() const {
  CertificateRequest request;
  request.common_name = "trtc-emulator";
  request.dns_names = {"localhost"};
  for (std::string_view host : kTencentApiHosts) request.dns_names.emplace_back(host);
  request.ip_addresses = {"127.0.0.1", "::1"};
  request.valid_days = kLeafValidDays;
  return Issue(request, &ca_);
}

}  // namespace trtc::tls
