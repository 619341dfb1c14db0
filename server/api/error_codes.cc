#include "server/api/error_codes.h"

namespace trtc::api {
namespace {

const ErrorCode& V4Error(Rejection rejection) {
  switch (rejection) {
    case Rejection::kMalformedQuery:
    case Rejection::kInvalidRandom:
    case Rejection::kMethodNotAllowed: return v4::kHttpParse;
    case Rejection::kMissingSdkappid: return v4::kMissingSdkappid;
    case Rejection::kInvalidSdkappid: return v4::kInvalidSdkappid;
    case Rejection::kMissingCredentials: return v4::kAccountOrSignature;
    case Rejection::kInvalidContentType: return v4::kBadUrlParameter;
    case Rejection::kUnknownApi: return v4::kUnknownApi;
    case Rejection::kAppNotFound: return v4::kAppNotFound;
    case Rejection::kAppHasNoKey: return v4::kAppHasNoKey;
    case Rejection::kNotAdmin: return v4::kNotAdmin;
    case Rejection::kRateLimited: return v4::kRateLimited;
    case Rejection::kInvalidJson: return v4::kJsonParse;
  }
  return v4::kInternal;
}

// The callkit host documents no 60xxx codes: every query problem is 70001, and with no key to
// verify against, an unknown app is an invalid UserSig (callkit common codes, TRTC page 60138).
const ErrorCode& V1Error(Rejection rejection) {
  switch (rejection) {
    case Rejection::kMalformedQuery:
    case Rejection::kMissingSdkappid:
    case Rejection::kInvalidSdkappid:
    case Rejection::kMissingCredentials:
    case Rejection::kInvalidRandom:
    case Rejection::kInvalidContentType:
    case Rejection::kUnknownApi:
    case Rejection::kMethodNotAllowed: return v1::kInvalidParameter;
    case Rejection::kAppNotFound:
    case Rejection::kAppHasNoKey: return v1::kUserSigInvalid;
    case Rejection::kNotAdmin: return v1::kNotAdmin;
    case Rejection::kRateLimited: return v1::kRateLimited;
    case Rejection::kInvalidJson: return v1::kBadBody;
  }
  return v1::kInvalidParameter;
}

const ErrorCode& V4Error(auth::UserSigOutcome outcome) {
  using auth::UserSigOutcome;
  switch (outcome) {
    case UserSigOutcome::kEmpty: return v4::kUserSigEmpty;
    case UserSigOutcome::kUndecodable: return v4::kUserSigUndecodable;
    case UserSigOutcome::kMalformed: return v4::kUserSigInvalid;
    case UserSigOutcome::kIdentifierMismatch: return v4::kUserSigIdentifierMismatch;
    case UserSigOutcome::kSdkappidMismatch: return v4::kUserSigSdkappidMismatch;
    case UserSigOutcome::kExpired: return v4::kUserSigExpired;
    case UserSigOutcome::kBadSignature:
    case UserSigOutcome::kOk: break;
  }
  return v4::kUserSigBadSignature;
}

}  // namespace

const ErrorCode& ErrorFor(Family family, Rejection rejection) {
  return family == Family::kV4 ? V4Error(rejection) : V1Error(rejection);
}

const ErrorCode& ErrorFor(Family family, auth::UserSigOutcome outcome) {
  if (family == Family::kV4) return V4Error(outcome);
  return outcome == auth::UserSigOutcome::kExpired ? v1::kUserSigExpired : v1::kUserSigInvalid;
}

}  // namespace trtc::api
