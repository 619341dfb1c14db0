// Status: the outcome of an operation that can fail, LevelDB style.
// ok() or an error message that says what went wrong; no exceptions cross module
// boundaries.
#pragma once

#include <string>
#include <utility>

namespace trtc {

class Status {
 public:
  Status() = default;
  static Status Ok() { return Status(); }
  static Status Error(std::string message) { return Status(std::move(message)); }

  bool ok() const { return !failed_; }
  const std::string& message() const { return message_; }

 private:
  explicit Status(std::string message) : failed_(true), message_(std::move(message)) {}
  bool failed_ = false;
  std::string message_;
};

}  // namespace trtc
