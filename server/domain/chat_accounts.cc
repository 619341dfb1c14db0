#include "server/domain/chat_accounts.h"

#include <algorithm>
#include <array>
#include <limits>
#include <span>
#include <string>

namespace trtc::domain {
namespace {

enum class Kind { kString, kNumber, kEnum };

struct Tag {
  std::string_view name;
  Kind kind;
  size_t max_bytes;                       // kString
  std::span<const std::string_view> values;  // kEnum
};

constexpr std::string_view kGenders[] = {"Gender_Type_Unknown", "Gender_Type_Female",
                                         "Gender_Type_Male"};
constexpr std::string_view kAllowTypes[] = {"AllowType_Type_NeedConfirm", "AllowType_Type_AllowAny",
                                            "AllowType_Type_DenyAny"};
constexpr std::string_view kAdminForbidTypes[] = {"AdminForbid_Type_None",
                                                  "AdminForbid_Type_SendOut"};

// The standard profile fields (page 33520).
constexpr std::array<Tag, 11> kStandardTags = {{
    {"Tag_Profile_IM_Nick", Kind::kString, 500, {}},
    {"Tag_Profile_IM_Gender", Kind::kEnum, 0, kGenders},
    {"Tag_Profile_IM_BirthDay", Kind::kNumber, 0, {}},
    {"Tag_Profile_IM_Location", Kind::kString, 16, {}},
    {"Tag_Profile_IM_SelfSignature", Kind::kString, 500, {}},
    {"Tag_Profile_IM_AllowType", Kind::kEnum, 0, kAllowTypes},
    {"Tag_Profile_IM_Language", Kind::kNumber, 0, {}},
    {"Tag_Profile_IM_Image", Kind::kString, 500, {}},
    {"Tag_Profile_IM_AdminForbidType", Kind::kEnum, 0, kAdminForbidTypes},
    {"Tag_Profile_IM_Level", Kind::kNumber, 0, {}},
    {"Tag_Profile_IM_Role", Kind::kNumber, 0, {}},
}};

// Custom fields need registering in the console; the emulator takes any, as strings.
constexpr Tag kCustomTag = {"Tag_Profile_Custom_", Kind::kString, kMaxProfileStringBytes, {}};

const Tag* FindTag(std::string_view name) {
  for (const Tag& tag : kStandardTags) {
    if (tag.name == name) return &tag;
  }
  if (name.starts_with(kCustomTag.name) && name.size() > kCustomTag.name.size()) return &kCustomTag;
  return nullptr;
}

}  // namespace

bool IsValidUserId(std::string_view user_id) {
  return !user_id.empty() && user_id.size() <= kMaxUserIdBytes;
}

bool IsProfileTag(std::string_view tag) { return FindTag(tag) != nullptr; }

ProfileProblem ReadProfileValue(std::string_view tag_name, const json::Value& value,
                                storage::ProfileValue* out, std::string* message) {
  const Tag* tag = FindTag(tag_name);
  const std::string name(tag_name);
  if (tag == nullptr) {
    *message = "the profile tag " + name + " does not exist";
    return ProfileProblem::kUnknownTag;
  }
  if (tag->kind == Kind::kNumber) {
    if (!value.IsNumber()) {
      *message = name + " must be a number";
      return ProfileProblem::kWrongType;
    }
    if (!value.IsUint()) {
      *message = name + " must be an integer from 0 to 4294967295";
      return ProfileProblem::kBadValue;
    }
    *out = {true, value.GetUint(), ""};
    return ProfileProblem::kNone;
  }
  if (!value.IsString()) {
    *message = name + " must be a string";
    return ProfileProblem::kWrongType;
  }
  const std::string_view text = json::Text(value);
  if (tag->kind == Kind::kEnum &&
      std::find(tag->values.begin(), tag->values.end(), text) == tag->values.end()) {
    *message = name + " has no value \"" + std::string(text) + "\"";
    return ProfileProblem::kBadValue;
  }
  if (tag->kind == Kind::kString && text.size() > tag->max_bytes) {
    *message = name + " exceeds the length limit of " + std::to_string(tag->max_bytes) + " bytes";
    return ProfileProblem::kTooLong;
  }
  *out = {false, 0, std::string(text)};
  return ProfileProblem::kNone;
}

storage::ProfileValue UnsetProfileValue(std::string_view tag_name) {
  const Tag* tag = FindTag(tag_name);
  return {tag != nullptr && tag->kind == Kind::kNumber, 0, ""};
}

}  // namespace trtc::domain
