// The validation rules of a callback configuration, shared by the REST handlers of both
// families and by the fixture loader (a seed is checked exactly like the API that would
// have written it). Knows JSON values, not envelopes: it answers a Status whose code says
// which kind of problem it found, and each caller maps that to its own error code.
#pragma once

#include <string>
#include <string_view>

#include "server/common/json.h"
#include "server/common/status.h"
#include "storage/callback_config_store.h"

namespace trtc::domain {

// The documented event words of each family (TRTC pages 68934 and 60135).
bool IsCallCommand(std::string_view word);    // v4: "Call.CallbackAfterStartCall", ...
bool IsCallkitAction(std::string_view word);  // v1: "call_busy", "caller_start_call", ...
bool IsLiveCommand(std::string_view word);    // live_config: "Live.CallbackAfterCreateRoom", ...
bool IsRoomCommand(std::string_view word);    // room_config: "Room.CallbackAfterCreateRoom", ...

// Field names and word list of one kind of configuration object.
struct CallbackShape {
  const char* url_field;      // "Url" (v4 API), "address" (v1 API), "url" (v4 seed)
  const char* events_field;   // "CallbackCommandList", "actions", "commands"
  bool (*is_event)(std::string_view word);
  const char* event_noun;     // "callback command" / "action", for messages
  const char* bad_url_message;
};

inline constexpr CallbackShape kCallConfigApi{
    "Url", "CallbackCommandList", IsCallCommand, "callback command",
    "Url must start with http:// or https://"};
inline constexpr CallbackShape kCallkitApi{
    "address", "actions", IsCallkitAction, "action",
    "Callback address must start with http or https"};
inline constexpr CallbackShape kCallConfigSeed{
    "url", "commands", IsCallCommand, "callback command", "url must start with http:// or https://"};
inline constexpr CallbackShape kCallkitSeed{
    "address", "actions", IsCallkitAction, "action",
    "address must start with http:// or https://"};
inline constexpr CallbackShape kLiveConfigApi{
    "Url", "CallbackCommandList", IsLiveCommand, "callback command",
    "Url must start with http:// or https://"};
inline constexpr CallbackShape kRoomConfigApi{
    "Url", "CallbackCommandList", IsRoomCommand, "callback command",
    "Url must start with http:// or https://"};
inline constexpr CallbackShape kLiveSeed{
    "url", "commands", IsLiveCommand, "callback command", "url must start with http:// or https://"};
inline constexpr CallbackShape kRoomSeed{
    "url", "commands", IsRoomCommand, "callback command", "url must start with http:// or https://"};

// The LiveKit signing token (set_callback_token, page 69528): Token 1..128 bytes. The
// first call sets both fields; later ones may send only the fields to change, but not
// neither. `current` is the stored token (null: none yet); on success *token is the new one.
Status ParseCallbackToken(const json::Value& object, const storage::CallbackToken* current,
                          storage::CallbackToken* token, const char* token_field = "Token",
                          const char* enabled_field = "IsTokenEnable");

// "Sign" of a LiveKit callback: lower-case hex SHA-256 of the token followed by the
// request time in decimal (page 64412).
std::string CallbackSign(std::string_view token, int64_t request_time);

// Whether `text` starts with `prefix` (lower case) in any case: URL schemes.
bool StartsWithNoCase(std::string_view text, std::string_view prefix);
// Case-insensitive "http://" or "https://" prefix.
bool HasHttpScheme(std::string_view url);

// Reads and checks the two fields of `object` (a JSON object). On success fills *config;
// duplicate words are kept once, in their first position. A field that is missing or a
// value not allowed (bad scheme, empty list, unknown word) is kInvalidArgument; a field
// of the wrong JSON type is kWrongType. The message names the field.
Status ParseCallbackConfig(const json::Value& object, const CallbackShape& shape,
                           storage::CallbackConfig* config);

// The configuration as a JSON object with the shape's field names: url first, or the
// event list first when `events_first` (the v1 get example's order).
std::string CallbackConfigJson(const storage::CallbackConfig& config, const CallbackShape& shape,
                               bool events_first);

}  // namespace trtc::domain
