#include "server/domain/callback_rules.h"

#include <algorithm>
#include <array>
#include <cctype>

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

template <size_t N>
bool Contains(const std::array<std::string_view, N>& words, std::string_view word) {
  return std::find(words.begin(), words.end(), word) != words.end();
}

}  // namespace

bool IsCallCommand(std::string_view word) { return Contains(kCallCommands, word); }
bool IsCallkitAction(std::string_view word) { return Contains(kCallkitActions, word); }

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
