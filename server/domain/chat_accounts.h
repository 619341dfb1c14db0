// Chat accounts and their profile fields (Chat pages 34953-34956, 34916-34917, 33520):
// which UserIDs are valid, which profile tags exist, and what each may hold. Pure: no IO.
#pragma once

#include <cstddef>
#include <string_view>

#include "server/common/json.h"
#include "server/common/status.h"
#include "storage/account_store.h"

namespace trtc::domain {

inline constexpr size_t kMaxUserIdBytes = 32;        // "a string of up to 32 bytes" (34953)
inline constexpr size_t kMaxAccountsPerCall = 100;   // the batch APIs' limit
inline constexpr size_t kMaxProfileStringBytes = 500;

// Nick and FaceUrl of account_import are these profile tags.
inline constexpr std::string_view kNickTag = "Tag_Profile_IM_Nick";
inline constexpr std::string_view kImageTag = "Tag_Profile_IM_Image";

// A UserID: a non-empty string of at most 32 bytes.
bool IsValidUserId(std::string_view user_id);

// Why a profile value was refused, in the order portrait_set checks them.
enum class ProfileProblem {
  kNone,
  kUnknownTag,  // 40009
  kWrongType,   // 40610: a number for a string tag or the reverse
  kBadValue,    // 40605: an enum tag's unknown value (or a number out of uint32)
  kTooLong,     // 40601: a string over its tag's limit
};

// Whether `tag` is a standard tag (33520) or a custom one (Tag_Profile_Custom_*).
bool IsProfileTag(std::string_view tag);
// Reads `value` for `tag` into *out; the problem and a message naming the tag otherwise.
ProfileProblem ReadProfileValue(std::string_view tag, const json::Value& value,
                                storage::ProfileValue* out, std::string* message);
// What portrait_get answers for a tag never set: "" for a string tag, 0 for a number.
storage::ProfileValue UnsetProfileValue(std::string_view tag);

}  // namespace trtc::domain
