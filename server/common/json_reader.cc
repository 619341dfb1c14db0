#include <string>

#include <rapidjson/error/en.h>

#include "server/common/json.h"

namespace trtc::json {

Body::Body()
    : value_allocator_(value_buffer_, sizeof value_buffer_),
      parse_allocator_(parse_buffer_, sizeof parse_buffer_),
      document_(&value_allocator_, sizeof parse_buffer_ / 2, &parse_allocator_) {}

Status Body::Parse(std::string_view text, std::string_view what, Encoding encoding) {
  // An empty body is read as {} (an emulator choice, in the README's differences).
  const std::string_view json = text.empty() ? std::string_view("{}") : text;
  constexpr unsigned kIterative = rapidjson::kParseIterativeFlag;
  if (encoding == Encoding::kStrict) {
    document_.Parse<kIterative | rapidjson::kParseValidateEncodingFlag>(json.data(), json.size());
  } else {
    document_.Parse<kIterative>(json.data(), json.size());
  }
  if (document_.HasParseError()) {
    return Status::InvalidArgument(std::string(what) + " is not valid JSON: " +
                                   rapidjson::GetParseError_En(document_.GetParseError()) +
                                   " (at byte " + std::to_string(document_.GetErrorOffset()) +
                                   ")");
  }
  if (!document_.IsObject()) {
    return Status::InvalidArgument(std::string(what) + " must be a JSON object");
  }
  return Status::Ok();
}

std::string_view Text(const Value& string) {
  return std::string_view(string.GetString(), string.GetStringLength());
}

const Value* Find(const Value& object, std::string_view name) {
  const Value key(rapidjson::StringRef(name.data(), name.size()));
  auto it = object.FindMember(key);
  return it == object.MemberEnd() ? nullptr : &it->value;
}

std::string Fields::Name(std::string_view name) const {
  std::string full(prefix_);
  full += name;
  return full;
}

Status Fields::Mistyped(std::string_view name, std::string_view expected) const {
  return Status::WrongType(Name(name) + " must be " + std::string(expected));
}

Status Fields::Convert(std::string_view name, const Value& value, std::string* out) const {
  if (!value.IsString()) return Mistyped(name, "a string");
  out->assign(value.GetString(), value.GetStringLength());
  return Status::Ok();
}

Status Fields::Convert(std::string_view name, const Value& value, std::string_view* out) const {
  if (!value.IsString()) return Mistyped(name, "a string");
  *out = Text(value);
  return Status::Ok();
}

Status Fields::Convert(std::string_view name, const Value& value, bool* out) const {
  if (!value.IsBool()) return Mistyped(name, "true or false");
  *out = value.GetBool();
  return Status::Ok();
}

Status Fields::Convert(std::string_view name, const Value& value, int64_t* out) const {
  if (!value.IsInt64()) return Mistyped(name, "an integer");
  *out = value.GetInt64();
  return Status::Ok();
}

Status Fields::Convert(std::string_view name, const Value& value, uint32_t* out) const {
  if (!value.IsUint()) return Mistyped(name, "an unsigned 32-bit integer");
  *out = value.GetUint();
  return Status::Ok();
}

Status Fields::Convert(std::string_view name, const Value& value,
                       std::vector<std::string>* out) const {
  if (!value.IsArray()) return Mistyped(name, "an array of strings");
  out->clear();
  out->reserve(value.Size());
  for (const Value& item : value.GetArray()) {
    if (!item.IsString()) return Mistyped(name, "an array of strings");
    out->emplace_back(Text(item));
  }
  return Status::Ok();
}

Status Fields::Convert(std::string_view name, const Value& value, Object* out) const {
  if (!value.IsObject()) return Mistyped(name, "an object");
  out->value = &value;
  return Status::Ok();
}

Status Fields::Convert(std::string_view name, const Value& value, Array* out) const {
  if (!value.IsArray()) return Mistyped(name, "an array");
  out->value = &value;
  return Status::Ok();
}

}  // namespace trtc::json
