// AccountStore: the Chat accounts of each app (account_import and friends, Chat pages 34953-34956)
// and their profile fields (portrait_get / portrait_set, 34916-34917). Plain values in and out:
// which tags exist and what they may hold is the domain's (domain/chat_profile.h).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "server/common/status.h"
#include "storage/database.h"

namespace trtc::storage {

// One profile field's value: a string or an unsigned integer, as its tag decides.
struct ProfileValue {
  bool is_number = false;
  int64_t number = 0;
  std::string text;
  bool operator==(const ProfileValue&) const = default;
};

struct ProfileField {
  std::string tag;
  ProfileValue value;
  bool operator==(const ProfileField&) const = default;
};

// An account to import, with the profile fields the import sets (Nick, FaceUrl).
struct AccountImport {
  std::string user_id;
  std::vector<ProfileField> fields;
};

class AccountStore {
 public:
  explicit AccountStore(Database* db) : db_(db) {}

  // Creates the accounts that do not exist and sets the given fields of each (an existing
  // account is updated, as a repeated import is), in one transaction.
  Status Import(uint32_t sdkappid, const std::vector<AccountImport>& accounts);
  // For each id, whether it is imported, in the same order.
  StatusOr<std::vector<bool>> Exist(uint32_t sdkappid, const std::vector<std::string>& user_ids);
  // Deletes each account and its profile; for each id, whether it existed. One transaction.
  StatusOr<std::vector<bool>> Delete(uint32_t sdkappid, const std::vector<std::string>& user_ids);
  // The stored fields of an account, in tag order; kNotFound when it is not imported.
  StatusOr<std::vector<ProfileField>> Profile(uint32_t sdkappid, std::string_view user_id);
  // Sets fields of an imported account (kNotFound, nothing written, when it is not).
  Status SetProfile(uint32_t sdkappid, std::string_view user_id,
                    const std::vector<ProfileField>& fields);
  // Every imported account of the app, in id order (the state dump).
  StatusOr<std::vector<std::string>> List(uint32_t sdkappid);

  // Removes every account of one app / of every app (reset).
  Status DeleteApp(uint32_t sdkappid);
  Status DeleteAll();

 private:
  Status PutFields(uint32_t sdkappid, std::string_view user_id,
                   const std::vector<ProfileField>& fields);
  Database* db_;
};

}  // namespace trtc::storage
