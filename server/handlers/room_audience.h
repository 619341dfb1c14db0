// The audience of a live room: users entering and leaving as the client SDK would make
// them (POST /_emulator/rooms/members, api.md §10.1). Joins come before leaves; a joined
// account becomes an imported Chat account and counts as a viewer; a leaving one leaves
// its seat first. The member (and seat) callbacks go out after the change is stored.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "server/api/endpoint_table.h"
#include "server/common/status.h"

namespace trtc::handlers {

struct AudienceChange {
  std::vector<std::string> joined;  // only the accounts that changed
  std::vector<std::string> left;
};

// kNotFound: no such room. kFailedPrecondition, with nothing applied: an account in
// `join` is banned, or the room would pass its MaxMemberCount (> 0).
StatusOr<AudienceChange> ChangeAudience(const api::Services& services, uint32_t sdkappid,
                                        std::string_view room_id,
                                        const std::vector<std::string>& join,
                                        const std::vector<std::string>& leave);

}  // namespace trtc::handlers
