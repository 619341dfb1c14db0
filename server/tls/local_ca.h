// LocalCa: the emulator's own certificate authority. Created on first use in a folder
// (ca.pem, and ca.key with mode 0600, which is never served) and reused after, so a
// client trusts ca.pem once; or kept in memory only (--in-memory). It issues the leaf
// that the HTTPS port and the proxy door present.
#pragma once

#include <string>

#include "server/common/status.h"
#include "server/tls/certificate.h"

namespace trtc::tls {

// A PEM file's text; kNotFound with the system's reason when it cannot be read.
StatusOr<std::string> ReadPemFile(const std::string& path);

class LocalCa {
 public:
  static constexpr const char* kCertificateFile = "ca.pem";
  static constexpr const char* kKeyFile = "ca.key";

  // Loads ca.pem and ca.key from `dir`, or creates them (and the folder, mode 0700).
  // Safe against another emulator doing the same at the same moment (a lock file).
  static StatusOr<LocalCa> OpenOrCreate(const std::string& dir);
  // A new CA that lives only as long as this process.
  static StatusOr<LocalCa> CreateInMemory();

  const std::string& certificate_pem() const { return ca_.certificate_pem; }

  // A leaf for localhost, 127.0.0.1, ::1 and every Tencent API host, valid one year.
  StatusOr<KeyAndCertificate> IssueServerCertificate() const;

 private:
  explicit LocalCa(KeyAndCertificate ca) : ca_(std::move(ca)) {}
  KeyAndCertificate ca_;
};

}  // namespace trtc::tls
