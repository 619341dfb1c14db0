// Small helpers that turn plain values into the raw JSON payloads handlers return.
#pragma once

#include <string>
#include <string_view>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace trtc::handlers {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

inline void WriteString(JsonWriter& writer, std::string_view text) {
  writer.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
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
