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

RuleResult Problem(RuleProblem problem, std::string message) {
  return RuleResult{problem, std::move(message)};
}

std::string_view View(const rapidjson::Value& string) {
  return std::string_view(string.GetString(), string.GetStringLength());
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

RuleResult ParseCallbackConfig(const rapidjson::Value& object, const CallbackShape& shape,
                               storage::CallbackConfig* config) {
  const std::string url_field = shape.url_field;
  const std::string events_field = shape.events_field;
  auto url = object.FindMember(shape.url_field);
  if (url == object.MemberEnd()) {
    return Problem(RuleProblem::kMissing, url_field + " is required");
  }
  if (!url->value.IsString()) {
    return Problem(RuleProblem::kWrongType, url_field + " must be a string");
  }
  if (!HasHttpScheme(View(url->value))) {
    return Problem(RuleProblem::kBadValue, shape.bad_url_message);
  }
  auto events = object.FindMember(shape.events_field);
  if (events == object.MemberEnd()) {
    return Problem(RuleProblem::kMissing, events_field + " is required");
  }
  if (!events->value.IsArray()) {
    return Problem(RuleProblem::kWrongType, events_field + " must be an array of strings");
  }
  if (events->value.Empty()) {
    return Problem(RuleProblem::kBadValue, events_field + " must not be empty");
  }
  config->url.assign(url->value.GetString(), url->value.GetStringLength());
  config->events.clear();
  for (const auto& event : events->value.GetArray()) {
    if (!event.IsString()) {
      return Problem(RuleProblem::kWrongType, events_field + " must be an array of strings");
    }
    const std::string_view word = View(event);
    if (!shape.is_event(word)) {
      return Problem(RuleProblem::kBadValue, events_field + ": unknown " + shape.event_noun +
                                                 " \"" + std::string(word) + "\"");
    }
    if (std::find(config->events.begin(), config->events.end(), word) == config->events.end()) {
      config->events.emplace_back(word);
    }
  }
  return RuleResult{};
}


std::string CallbackConfigJson(const storage::CallbackConfig& config, const CallbackShape& shape,
                               bool events_first) {
  // Appended by hand (json_string.h): a get_callback answers this on every call.
  std::string out;
  out.reserve(64 + config.url.size() + 40 * config.events.size());
  out += '{';
  auto append_url = [&] {
    json::AppendString(&out, shape.url_field);
    out += ':';
    json::AppendString(&out, config.url);
  };
  if (!events_first) {
    append_url();
    out += ',';
  }
  json::AppendString(&out, shape.events_field);
  out += ":[";
  for (size_t i = 0; i < config.events.size(); ++i) {
    if (i > 0) out += ',';
    json::AppendString(&out, config.events[i]);
  }
  out += ']';
  if (events_first) {
    out += ',';
    append_url();
  }
  out += '}';
  return out;
}

}  // namespace trtc::domain
