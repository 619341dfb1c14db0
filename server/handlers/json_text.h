// Small helpers that turn plain values into the raw JSON payloads handlers return.
#pragma once

#include <string>
#include <string_view>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "server/common/utf8.h"

namespace trtc::handlers {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

// Text that is not UTF-8 (a path or query value quoted back) is written with U+FFFD for
// its bad bytes: the Writer would copy them as they are, and the response not be JSON.
inline void WriteString(JsonWriter& writer, std::string_view text) {
  if (IsValidUtf8(text)) {
    writer.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
  } else {
    const std::string valid = ValidUtf8(text);
    writer.String(valid.data(), static_cast<rapidjson::SizeType>(valid.size()));
  }
}

inline std::string TakeJson(const rapidjson::StringBuffer& buffer) {
  return std::string(buffer.GetString(), buffer.GetSize());
}

// `text` as a JSON string literal, quotes and escapes included.
inline std::string JsonString(std::string_view text) {
  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  WriteString(writer, text);
  return TakeJson(buffer);
}

}  // namespace trtc::handlers
