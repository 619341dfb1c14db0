// The one JSON module: every body, fixture, UserSig document and control request is read
// through json::Body and json::Fields, and every response, callback body and control
// answer is written through json::Writer (or AppendString, its escaper).
//
// Reading: Body parses text into an object (iteratively, so deep nesting cannot exhaust
// the stack; values first in a buffer inside the Body, so a typical request allocates
// nothing). Fields reads typed members and answers a Status that names the member and
// what was expected: kInvalidArgument when a required one is absent, kWrongType when it
// has another JSON type.
//
// Writing: compact, byte for byte what RapidJSON's Writer writes for valid UTF-8; text
// that is not UTF-8 (a path or query value quoted back) gets U+FFFD for its bad bytes,
// so the output is always valid JSON.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <rapidjson/document.h>

#include "server/common/status.h"

namespace trtc::json {

using Value = rapidjson::Value;

// ---------------------------------------------------------------------------- reading

class Body {
 public:
  // kStrict rejects text that is not UTF-8; kBytes takes strings as they are (the
  // official UserSig checkers do not validate the document's encoding).
  enum class Encoding { kStrict, kBytes };

  Body();
  Body(const Body&) = delete;
  Body& operator=(const Body&) = delete;

  // Parses `text` (empty reads as {}) and requires an object. Failures are
  // kInvalidArgument: "<what> is not valid JSON: <reason> (at byte N)" or
  // "<what> must be a JSON object".
  Status Parse(std::string_view text, std::string_view what, Encoding encoding = Encoding::kStrict);
  const Value& root() const { return document_; }

 private:
  using Allocator = rapidjson::MemoryPoolAllocator<>;
  using Document = rapidjson::GenericDocument<rapidjson::UTF8<>, Allocator, Allocator>;
  alignas(std::max_align_t) char value_buffer_[2048];
  alignas(std::max_align_t) char parse_buffer_[1024];
  Allocator value_allocator_;
  Allocator parse_allocator_;
  Document document_;
};

std::string_view Text(const Value& string);  // a string value's bytes
const Value* Find(const Value& object, std::string_view name);  // null when absent

// Typed reads of one object's members. `prefix` goes before member names in messages
// ("RoomInfo." gives "RoomInfo.RoomName must be a string"). Types read: std::string,
// std::string_view (into the document), bool, int64_t, uint32_t, std::vector<std::string>,
// and Object / Array (a pointer to the member's value, checked for its type).
class Fields {
 public:
  struct Object { const Value* value = nullptr; };
  struct Array { const Value* value = nullptr; };

  explicit Fields(const Value& object, std::string_view prefix = {})
      : object_(object), prefix_(prefix) {}

  bool Has(std::string_view name) const { return Find(object_, name) != nullptr; }

  // Absent: kInvalidArgument "<name> is required"; wrong type: kWrongType.
  template <typename T>
  Status Required(std::string_view name, T* out) const {
    const Value* value = Find(object_, name);
    if (value == nullptr) return Status::InvalidArgument(Name(name) + " is required");
    return Convert(name, *value, out);
  }
  // Absent: OK, *out untouched; wrong type: kWrongType.
  template <typename T>
  Status Optional(std::string_view name, T* out) const {
    const Value* value = Find(object_, name);
    return value == nullptr ? Status::Ok() : Convert(name, *value, out);
  }
  template <typename T>
  Status Optional(std::string_view name, std::optional<T>* out) const {
    const Value* value = Find(object_, name);
    if (value == nullptr) return Status::Ok();
    return Convert(name, *value, &out->emplace());
  }

  // "<prefix><name>", for messages of the caller's own checks.
  std::string Name(std::string_view name) const;

 private:
  Status Convert(std::string_view name, const Value& value, std::string* out) const;
  Status Convert(std::string_view name, const Value& value, std::string_view* out) const;
  Status Convert(std::string_view name, const Value& value, bool* out) const;
  Status Convert(std::string_view name, const Value& value, int64_t* out) const;
  Status Convert(std::string_view name, const Value& value, uint32_t* out) const;
  Status Convert(std::string_view name, const Value& value, std::vector<std::string>* out) const;
  Status Convert(std::string_view name, const Value& value, Object* out) const;
  Status Convert(std::string_view name, const Value& value, Array* out) const;
  Status Mistyped(std::string_view name, std::string_view expected) const;

  const Value& object_;
  std::string_view prefix_;
};

// ---------------------------------------------------------------------------- writing

// Appends `text` as a JSON string literal: \" \\ \b \f \n \r \t, other control characters
// as \u00XX (upper-case hex, as RapidJSON), bad UTF-8 as U+FFFD, the rest as it is.
void AppendString(std::string* out, std::string_view text);
// `text` as a JSON string literal, quotes included.
std::string Quote(std::string_view text);

// Builds one JSON text; commas and colons are placed for the caller.
class Writer {
 public:
  explicit Writer(size_t reserve = 256) { out_.reserve(reserve); }

  Writer& StartObject() { return Open('{'); }
  Writer& EndObject() { return Close('}'); }
  Writer& StartArray() { return Open('['); }
  Writer& EndArray() { return Close(']'); }
  Writer& Key(std::string_view name);
  Writer& String(std::string_view text);
  Writer& Int(int64_t value);
  Writer& Uint(uint64_t value);
  Writer& Bool(bool value);
  Writer& Null();
  // A value that is already JSON text (a stored callback body, a handler's payload).
  Writer& Raw(std::string_view json);
  // A value read from a request, written back as it was (canonical form).
  Writer& Copy(const Value& value);

  const std::string& text() const { return out_; }
  std::string Take() { return std::move(out_); }

 private:
  Writer& Open(char bracket);
  Writer& Close(char bracket);
  void BeforeValue();

  std::string out_;
  uint64_t level_has_values_ = 0;  // bit d: the container at depth d has a value already
  int depth_ = 0;
  bool after_key_ = false;
};

}  // namespace trtc::json
