// Status: the outcome of an operation that can fail, LevelDB style, with a code that says
// what kind of failure it is, so a caller decides by the code and shows the message.
// StatusOr<T>: a value, or the Status that says why there is none. No exceptions cross
// module boundaries; both are [[nodiscard]] so a failure is never dropped by accident.
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <utility>

namespace trtc {

enum class StatusCode {
  kOk = 0,
  kNotFound,            // the thing asked for does not exist (a room, a configuration)
  kAlreadyExists,       // it exists and may not be created again
  kInvalidArgument,     // a value is missing or not allowed
  kWrongType,           // a JSON member has the wrong type (some APIs answer it apart)
  kFailedPrecondition,  // the state does not allow it now (a delivery still in flight)
  kResourceExhausted,   // a size or count limit
  kInternal,            // storage, the OS, anything the caller could not have prevented
};

class [[nodiscard]] Status {
 public:
  Status() = default;
  static Status Ok() { return Status(); }
  static Status NotFound(std::string message) { return {StatusCode::kNotFound, std::move(message)}; }
  static Status AlreadyExists(std::string message) {
    return {StatusCode::kAlreadyExists, std::move(message)};
  }
  static Status InvalidArgument(std::string message) {
    return {StatusCode::kInvalidArgument, std::move(message)};
  }
  static Status WrongType(std::string message) { return {StatusCode::kWrongType, std::move(message)}; }
  static Status FailedPrecondition(std::string message) {
    return {StatusCode::kFailedPrecondition, std::move(message)};
  }
  static Status ResourceExhausted(std::string message) {
    return {StatusCode::kResourceExhausted, std::move(message)};
  }
  static Status Internal(std::string message) { return {StatusCode::kInternal, std::move(message)}; }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  bool IsNotFound() const { return code_ == StatusCode::kNotFound; }
  bool IsAlreadyExists() const { return code_ == StatusCode::kAlreadyExists; }
  const std::string& message() const { return message_; }

  // The same failure with `context` in front of its message ("fixtures.json: " + ...).
  Status Prefixed(const std::string& context) const {
    return ok() ? *this : Status(code_, context + message_);
  }

 private:
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

template <typename T>
class [[nodiscard]] StatusOr {
 public:
  StatusOr(T value) : value_(std::move(value)) {}  // NOLINT: implicit, like absl::StatusOr
  StatusOr(Status status) : status_(std::move(status)) { assert(!status_.ok()); }  // NOLINT

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }
  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T& operator*() & { return *value_; }
  const T& operator*() const& { return *value_; }
  T&& operator*() && { return std::move(*value_); }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }

 private:
  Status status_;  // Ok when there is a value
  std::optional<T> value_;
};

}  // namespace trtc
