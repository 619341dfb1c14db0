#include "server/api/envelope.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "server/common/utf8.h"

namespace trtc::api {
namespace {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

void Key(JsonWriter& w, std::string_view key) {
  w.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
}

// An error message may quote the request's path or query values, which may be any
// bytes: bad ones become U+FFFD, so that the envelope is always valid JSON.
void String(JsonWriter& w, std::string_view value) {
  if (IsValidUtf8(value)) {
    w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
  } else {
    const std::string valid = ValidUtf8(value);
    w.String(valid.data(), static_cast<rapidjson::SizeType>(valid.size()));
  }
}

void Payload(JsonWriter& w, const std::string& raw) {
  w.RawValue(raw.data(), raw.size(), rapidjson::kObjectType);
}

}  // namespace

std::string WriteV4Envelope(const ApiReply& reply, std::string_view request_id) {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  Key(w, "ActionStatus");
  String(w, reply.ok() ? "OK" : "FAIL");
  Key(w, "ErrorCode");
  w.Int(reply.code());
  Key(w, "ErrorInfo");
  String(w, reply.ok() ? "" : reply.message_or_detail());
  Key(w, "RequestId");
  String(w, request_id);
  if (reply.ok() && !reply.payload.empty()) {
    Key(w, "Response");
    Payload(w, reply.payload);
  }
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

std::string WriteV1Envelope(const ApiReply& reply, std::string_view request_id) {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  Key(w, "errorCode");
  w.Int(reply.code());
  Key(w, "errorMessage");
  String(w, reply.ok() ? "Success" : reply.message_or_detail());
  Key(w, "requestId");
  String(w, request_id);
  Key(w, "data");
  if (reply.ok() && !reply.payload.empty()) {
    Payload(w, reply.payload);
  } else {
    String(w, "");
  }
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace trtc::api
