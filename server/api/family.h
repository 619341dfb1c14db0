// The two REST families the emulator serves. They differ on the wire (envelope, error
// table, RequestId format); everything family-specific is decided by this value.
#pragma once

namespace trtc::api {

enum class Family {
  kV4,  // Chat REST host: ActionStatus / ErrorCode / ErrorInfo / RequestId
  kV1,  // callkit host: errorCode / errorMessage / requestId / data
};

}  // namespace trtc::api
