#include "server/domain/callback_rules.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>

#include <openssl/sha.h>

#include "server/common/json.h"

namespace trtc::domain {
namespace {

constexpr std::array<std::string_view, 3> kCallCommands = {
    "Call.CallbackAfterStartCall", "Call.CallbackAfterEndCall", "Call.CallbackAfterMemberChanged"};

constexpr std::array<std::string_view, 25> kCallkitActions = {
    // status callbacks
    "cancel", "reject", "not_answer", "normal_end", "call_busy", "interrupt",
    // event callbacks
    "caller_start_call", "caller_call_accepted", "caller_call_missed", "caller_call_rejected",
    "caller_call_busy", "caller_cancel_call", "caller_call_failed", "caller_call_end",
    "caller_call_interrupted", "callee_receive_call", "callee_accept_call",
    "callee_not_answer_call", "callee_reject_call", "callee_ignore_call", "callee_call_canceled",
    "callee_call_end", "callee_call_interrupted", "invite_user", "join_in_group_call"};

// TUILiveKit (page 64413), and the follow words the LiveKit pages accept too.
constexpr std::array<std::string_view, 19> kLiveCommands = {
    "Live.CallbackAfterCreateRoom", "Live.CallbackAfterDestroyRoom",
    "Live.CallbackAfterUpdateRoomInfo", "Live.CallbackAfterSetMetadata",
    "Live.CallbackAfterDelMetadata", "Live.CallbackAfterCreateRoomReachingThreshold",
    "Live.CallbackAfterMemberStateChanged", "Live.CallbackAfterChangeOwner",
    "Live.CallbackAfterModifyAdmin", "Mic.CallbackAfterSeatInfoChanged",
    "Live.CallbackAfterCreateBattle", "Live.CallbackAfterStartBattle",
    "Live.CallbackAfterEndBattle", "Live.CallbackBeforeSendGift",
    "Live.CallbackBeforeCallBackNotBlock", "Group.CallbackAfterSendMsg",
    "Group.CallbackBeforeSendMsg", "Follow.CallbackAfterFollowAdd",
    "Follow.CallbackAfterFollowDelete"};

// TUIRoomKit (page 60720); older pages spell one of them Room.CallbackUpdateRoomInfo.
constexpr std::array<std::string_view, 7> kRoomCommands = {
    "Room.CallbackAfterCreateRoom", "Room.CallbackAfterDestroyRoom",
    "Room.CallbackAfterUpdateRoomInfo", "Room.CallbackUpdateRoomInfo",
    "Room.CallbackAfterMemberEnter", "Room.CallbackAfterMemberLeave",
    "Mic.CallbackAfterSeatInfoChanged"};

template <size_t N>
bool Contains(const std::array<std::string_view, N>& words, std::string_view word) {
  return std::find(words.begin(), words.end(), word) != words.end();
}

}  // namespace

bool IsCallCommand(std::string_view word) { return Contains(kCallCommands, word); }
bool IsCallkitAction(std::string_view word) { return Contains(kCallkitActions, word); }
bool IsLiveCommand(std::string_view word) { return Contains(kLiveCommands, word); }
bool IsRoomCommand(std::string_view word) { return Contains(kRoomCommands, word); }

bool StartsWithNoCase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[i])) != prefix[i]) return false;
  }
  return true;
}

bool HasHttpScheme(std::string_view url) {
  return StartsWithNoCase(url, "http://") || StartsWithNoCase(url, "https://");
}

Status ParseCallbackToken(const json::Value& object, const storage::CallbackToken* current,
                          storage::CallbackToken* token, const char* token_field,
                          const char* enabled_field) {
  const json::Fields fields(object);
  std::optional<std::string> text;
  std::optional<bool> enabled;
  Status status = fields.Optional(token_field, &text);
  if (status.ok()) status = fields.Optional(enabled_field, &enabled);
  if (!status.ok()) return status;
  if (!current && (!text || !enabled)) {
    return Status::InvalidArgument(std::string(!text ? token_field : enabled_field) +
                                   " is required when no token is set yet");
  }
  if (!text && !enabled) {
    return Status::InvalidArgument(std::string(token_field) + " or " + enabled_field +
                                   " is required");
  }
  if (text && (text->empty() || text->size() > 128)) {
    return Status::InvalidArgument(std::string(token_field) + " must be 1..128 bytes");
  }
  *token = current ? *current : storage::CallbackToken{};
  if (text) token->token = std::move(*text);
  if (enabled) token->enabled = *enabled;
  return Status::Ok();
}

std::string CallbackSign(std::string_view token, int64_t request_time) {
  const std::string text = std::string(token) + std::to_string(request_time);
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(text.data()), text.size(), digest);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(2 * sizeof digest);
  for (unsigned char byte : digest) {
    hex.push_back(kHex[byte >> 4]);
    hex.push_back(kHex[byte & 15]);
  }
  return hex;
}

Status ParseCallbackConfig(const json::Value& object, const CallbackShape& shape,
                           storage::CallbackConfig* config) {
  const json::Fields fields(object);
  std::string_view url;
  Status status = fields.Required(shape.url_field, &url);
  if (!status.ok()) return status;
  if (!HasHttpScheme(url)) return Status::InvalidArgument(shape.bad_url_message);
  std::vector<std::string> words;
  status = fields.Required(shape.events_field, &words);
  if (!status.ok()) return status;
  if (words.empty()) {
    return Status::InvalidArgument(fields.Name(shape.events_field) + " must not be empty");
  }
  config->url.assign(url);
  config->events.clear();
  for (std::string& word : words) {
    if (!shape.is_event(word)) {
      return Status::InvalidArgument(fields.Name(shape.events_field) + ": unknown " +
                                     shape.event_noun + " \"" + word + "\"");
    }
    if (std::find(config->events.begin(), config->events.end(), word) == config->events.end()) {
      config->events.push_back(std::move(word));
    }
  }
  return Status::Ok();
}

std::string CallbackConfigJson(const storage::CallbackConfig& config, const CallbackShape& shape,
                               bool events_first) {
  // A get_callback answers this on every call: one buffer, sized up front.
  json::Writer w(64 + config.url.size() + 40 * config.events.size());
  w.StartObject();
  if (!events_first) w.Key(shape.url_field).String(config.url);
  w.Key(shape.events_field).StartArray();
  for (const std::string& event : config.events) w.String(event);
  w.EndArray();
  if (events_first) w.Key(shape.url_field).String(config.url);
  w.EndObject();
  return w.Take();
}

}  // namespace trtc::domain
