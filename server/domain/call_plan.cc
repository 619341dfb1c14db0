#include "server/domain/call_plan.h"

#include <algorithm>
#include <string_view>

#include "server/common/json.h"
#include "server/domain/call_records.h"
#include "server/domain/callback_url.h"

namespace trtc::domain {
namespace {

using storage::CallbackFamily;

bool Subscribed(const storage::CallbackConfig* config, std::string_view word) {
  return config != nullptr &&
         std::find(config->events.begin(), config->events.end(), word) != config->events.end();
}

// One participant as the v4 UserList shows it.
struct Member {
  std::string user;
  const char* status;  // "Calling" (in the call) or "Waiting" (ringing)
};

// Walks through the call, appending the callbacks of each step as it happens.
class CallPlayer {
 public:
  CallPlayer(const SimulatedCall& call, const storage::CallbackConfig* v4,
             const storage::CallbackConfig* v1, int64_t start_ms)
      : call_(call), v4_(v4), v1_(v1), start_ms_(start_ms), now_ms_(start_ms) {
    members_.push_back({call.caller, "Calling"});
    for (const std::string& callee : call.callees) members_.push_back({callee, "Waiting"});
  }

  PlannedCall Play() {
    Start();
    switch (call_.outcome) {
      case CallOutcome::kNormalEnd:
        AcceptAll();
        // The caller hangs up first, then callees until at most one participant is left.
        while (members_.size() > 1) Leave(members_.front().user, "Hangup");
        End("caller_call_end", "callee_call_end");
        break;
      case CallOutcome::kReject:
        EveryCalleeRefuses("Reject", "callee_reject_call");
        End("caller_call_rejected", nullptr);
        break;
      case CallOutcome::kNotAnswer:
        EveryCalleeRefuses("NotAnswer", "callee_not_answer_call");
        End("caller_call_missed", nullptr);
        break;
      case CallOutcome::kCancel:
        End("caller_cancel_call", "callee_call_canceled");
        break;
      case CallOutcome::kCallBusy:
        End("caller_call_busy", nullptr);
        break;
      case CallOutcome::kInterrupt:
        AcceptAll();
        DropEveryone();
        End("caller_call_interrupted", "callee_call_interrupted");
        break;
    }
    return {std::move(planned_), std::move(record_)};
  }

 private:
  // Every step happens one millisecond after the one before.
  void Tick() { ++now_ms_; }

  void Start() {
    if (Subscribed(v4_, "Call.CallbackAfterStartCall")) {
      json::Writer w;
      w.StartObject();
      w.Key("CallbackCommand");
      w.String("Call.CallbackAfterStartCall");
      w.Key("CallInfo");
      w.StartObject();
      w.Key("CallId");
      w.String(call_.call_id);
      w.Key("CallMediaType");
      w.String(MediaType());
      w.Key("ChatGroupId");
      w.String("");
      w.Key("RoomId");
      w.String(call_.room_id);
      w.Key("RoomIdType");
      w.Int(RoomIdType(call_.room_id));
      w.EndObject();
      w.Key("UserList");
      WriteUserList(w);
      w.Key("EventTime");
      w.Int(now_ms_);
      w.EndObject();
      AddV4("Call.CallbackAfterStartCall", w);
    }
    V1Event("caller_start_call", call_.caller);
    for (const std::string& callee : call_.callees) V1Event("callee_receive_call", callee);
  }

  void AcceptAll() {
    for (size_t i = 0; i < call_.callees.size(); ++i) {
      Tick();
      if (i == 0) accept_ms_ = now_ms_;
      const std::string& callee = call_.callees[i];
      for (Member& member : members_) {
        if (member.user == callee) member.status = "Calling";
      }
      MemberChanged({callee}, "Accept");
      V1Event("callee_accept_call", callee);
      if (i == 0) V1Event("caller_call_accepted", call_.caller);
    }
  }

  // Each callee in turn leaves by `action` (v4 ActionType), with its v1 event.
  void EveryCalleeRefuses(const char* action, const char* callee_event) {
    for (const std::string& callee : call_.callees) {
      Leave(callee, action);
      V1Event(callee_event, callee);
    }
  }

  // `user` leaves the call by `action` (Reject, NotAnswer, Hangup). By value: the
  // caller may pass a name held by the member about to be removed.
  void Leave(std::string user, const char* action) {
    Tick();
    std::erase_if(members_, [&](const Member& member) { return member.user == user; });
    MemberChanged({user}, action);
  }

  // An interruption: every participant drops out at once.
  void DropEveryone() {
    Tick();
    std::vector<std::string> everyone;
    for (const Member& member : members_) everyone.push_back(member.user);
    members_.clear();
    MemberChanged(everyone, "Offline");
  }

  void MemberChanged(const std::vector<std::string>& changed, const char* action) {
    if (!Subscribed(v4_, "Call.CallbackAfterMemberChanged")) return;
    json::Writer w;
    w.StartObject();
    w.Key("CallbackCommand");
    w.String("Call.CallbackAfterMemberChanged");
    w.Key("CallId");
    w.String(call_.call_id);
    w.Key("UserList");
    WriteUserList(w);
    w.Key("ChangedUserList");
    w.StartArray();
    for (const std::string& user : changed) {
      w.StartObject();
      w.Key("User_Account");
      w.String(user);
      w.Key("ActionType");
      w.String(action);
      w.EndObject();
    }
    w.EndArray();
    w.Key("EventTime");
    w.Int(now_ms_);
    w.EndObject();
    AddV4("Call.CallbackAfterMemberChanged", w);
  }

  // The call is over: the caller's and each callee's closing event (when the outcome has
  // one), the v4 end record, then the v1 status callback.
  void End(const char* caller_event, const char* callee_event) {
    Tick();
    record_ = RecordOfCall(call_, start_ms_ / 1000, accept_ms_ ? *accept_ms_ / 1000 : 0,
                           now_ms_ / 1000);
    V1Event(caller_event, call_.caller);
    if (callee_event != nullptr) {
      for (const std::string& callee : call_.callees) V1Event(callee_event, callee);
    }
    EndRecord();
    V1Status();
  }

  void EndRecord() {
    if (!Subscribed(v4_, "Call.CallbackAfterEndCall")) return;
    json::Writer w;
    w.StartObject();
    w.Key("CallbackCommand");
    w.String("Call.CallbackAfterEndCall");
    // The same record the record APIs answer, field for field.
    w.Key("CallRecord");
    WriteV4Record(w, record_);
    w.Key("EventTime");
    w.Int(now_ms_);
    w.EndObject();
    AddV4("Call.CallbackAfterEndCall", w);
  }

  // An event callback about `user`: its Event is the action without its role prefix.
  void V1Event(std::string_view action, const std::string& user) {
    if (!Subscribed(v1_, action)) return;
    std::string_view event = action;
    const bool caller = event.starts_with("caller_");
    if (caller || event.starts_with("callee_")) event.remove_prefix(7);
    V1Callback(action, user, caller || user == call_.caller, event);
  }

  // One status callback per call, from the caller's side.
  void V1Status() {
    const std::string_view action = OutcomeWord(call_.outcome);
    if (Subscribed(v1_, action)) V1Callback(action, call_.caller, true, {});
  }

  // `event` empty: a status callback (CallResult set, timestamps on normal_end).
  void V1Callback(std::string_view action, const std::string& user, bool caller,
                  std::string_view event) {
    const bool status = event.empty();
    json::Writer w;
    w.StartObject();
    w.Key("UserId");
    w.String(user);
    w.Key("RoomId");
    w.String(call_.room_id);
    w.Key("TotalNum");
    w.Uint(static_cast<unsigned>(1 + call_.callees.size()));
    w.Key("MediaType");
    w.String(MediaType());
    w.Key("CallType");
    w.String(call_.group() ? "Group" : "Single");
    w.Key("CallId");
    w.String(call_.call_id);
    w.Key("Role");
    w.String(caller ? "Caller" : "Callee");
    if (!status) {
      w.Key("Event");
      w.String(event);
    }
    w.Key("CallResult");
    w.String(status ? V1CallbackResult(call_.outcome) : "");
    w.Key("EventTime");
    w.Int(now_ms_ / 1000);
    if (status && call_.outcome == CallOutcome::kNormalEnd) {
      w.Key("StartCallTs");
      w.Int(start_ms_ / 1000);
      w.Key("AcceptTs");
      w.Int(accept_ms_.value_or(start_ms_) / 1000);
      w.Key("EndTs");
      w.Int(now_ms_ / 1000);
    }
    w.EndObject();
    const std::string query = "sdkappid=" + std::to_string(call_.sdkappid) +
                              "&command=" + std::string(action) +
                              "&contenttype=json&clientip=" + kCallbackClientIp +
                              "&optplatform=" + kCallbackPlatform;
    Add(CallbackFamily::kCallkit, WithQuery(v1_->url, query), std::string(action), w.Take());
  }

  void AddV4(const char* command, json::Writer& body) {
    Add(CallbackFamily::kCallConfig,
        ChatCallbackUrl(v4_->url, call_.sdkappid, command, kCallbackPlatform), command,
        body.Take());
  }

  // A delivery of this call, made when the call starts, not yet sent.
  void Add(CallbackFamily family, std::string url, std::string command, std::string body) {
    storage::CallbackDelivery& delivery = planned_.emplace_back();
    delivery.sdkappid = call_.sdkappid;
    delivery.call_id = call_.call_id;
    delivery.family = family;
    delivery.url = std::move(url);
    delivery.command = std::move(command);
    delivery.body = std::move(body);
    delivery.created_ms = start_ms_;
  }

  void WriteUserList(json::Writer& w) const {
    w.StartArray();
    for (const Member& member : members_) {
      w.StartObject();
      w.Key("User_Account");
      w.String(member.user);
      w.Key("Status");
      w.String(member.status);
      w.EndObject();
    }
    w.EndArray();
  }

  const char* MediaType() const { return call_.video ? "Video" : "Audio"; }

  const SimulatedCall& call_;
  const storage::CallbackConfig* v4_;
  const storage::CallbackConfig* v1_;
  const int64_t start_ms_;
  int64_t now_ms_;
  std::optional<int64_t> accept_ms_;
  std::vector<Member> members_;
  std::vector<storage::CallbackDelivery> planned_;
  storage::CallRecord record_;
};

}  // namespace

PlannedCall PlanCallbacks(const SimulatedCall& call, const storage::CallbackConfig* v4,
                          const storage::CallbackConfig* v1, int64_t start_ms) {
  return CallPlayer(call, v4, v1, start_ms).Play();
}

}  // namespace trtc::domain
