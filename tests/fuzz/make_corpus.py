#!/usr/bin/env python3
"""Writes the committed seed corpora of tests/fuzz/corpus/ from real examples: the UserSig
vectors of tests/data, request bodies of tests/integration, the fixture files. Run it
again after changing the request format of api_request_fuzz.cc (the route order below
must be its kRoutes order, then the endpoint table's)."""
import hashlib
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DATA = os.path.join(ROOT, "tests", "data")

ROUTES = [
    "GET /_emulator/health", "GET /_emulator/clock", "POST /_emulator/clock",
    "POST /_emulator/usersig", "GET /_emulator/requests", "DELETE /_emulator/requests",
    "POST /_emulator/faults", "GET /_emulator/faults", "DELETE /_emulator/faults",
    "POST /_emulator/reset", "GET /_emulator/state",
    "POST /_emulator/calls", "GET /_emulator/callbacks", "POST /_emulator/callbacks/1/replay",
    "GET /_emulator/ca.pem", "POST /_emulator/rooms/members", "GET /_emulator/rooms/messages",
    "GET /_emulator/apps", "GET /_emulator/events", "GET /_emulator/ui",
    # The REST endpoints in the endpoint table's order (server/handlers/endpoints.cc).
    "v4/call_config/set_callback", "v4/call_config/get_callback",
    "v4/call_config/delete_callback", "v1/callback/set", "v1/callback/get",
    "v1/callback/update", "v1/callback/delete", "v4/live_engine_http_srv/create_room",
    "v4/live_engine_http_srv/destroy_room", "v4/live_engine_http_srv/update_room_info",
    "v4/live_engine_http_srv/get_room_info", "v4/live_engine_http_srv/get_room_list",
    "v4/live_engine_http_srv/set_room_metadata", "v4/live_engine_http_srv/get_room_metadata",
    "v4/live_engine_http_srv/del_room_metadata",
    "v4/call_record_http_srv/get_record_by_callid", "v4/call_record_http_srv/get_record_by_filter",
    "v1/records/get_record_by_callId", "v1/records/get_records_by_filter",
    "v4/live_config/set_callback", "v4/live_config/update_callback", "v4/live_config/get_callback",
    "v4/live_config/delete_callback", "v4/live_config/set_callback_token",
    "v4/live_config/get_callback_token", "v4/room_config/set_callback",
    "v4/room_config/update_callback", "v4/room_config/get_callback",
    "v4/room_config/delete_callback",
    "v4/im_open_login_svc/account_import", "v4/im_open_login_svc/multiaccount_import",
    "v4/im_open_login_svc/account_check", "v4/im_open_login_svc/account_delete",
    "v4/profile/portrait_get", "v4/profile/portrait_set",
    "v4/live_engine_http_srv/get_member_list", "v4/live_engine_http_srv/get_admin_list",
    "v4/live_engine_http_srv/modify_admin", "v4/live_engine_http_srv/change_room_owner",
    "v4/live_engine_http_srv/ban_member", "v4/live_engine_http_srv/unban_member",
    "v4/live_engine_http_srv/get_banned_member_list", "v4/live_engine_http_srv/mute_member",
    "v4/live_engine_http_srv/get_muted_member_list",
    "v4/room_engine_http_mic/get_seat_list", "v4/room_engine_http_mic/pick_user_on_seat",
    "v4/room_engine_http_mic/kick_user_off_seat", "v4/room_engine_http_mic/lock_seat",
    "v4/room_engine_http_mic/switch_seat", "v4/live_engine_http_srv/send_text_msg",
    "v4/live_engine_http_srv/send_custom_msg", "v4/live_engine_http_srv/get_room_stats",
    "v4/live_engine_http_srv/add_robot", "v4/live_engine_http_srv/get_robot",
    "v4/live_engine_http_srv/del_robot",
    "v4/live_engine_http_srv/add_gift", "v4/live_engine_http_srv/get_gift",
    "v4/live_engine_http_srv/edit_gift", "v4/live_engine_http_srv/del_gift",
    "v4/live_engine_http_srv/get_gift_info_list", "v4/live_engine_http_srv/add_gift_category",
    "v4/live_engine_http_srv/get_gift_category", "v4/live_engine_http_srv/edit_gift_category",
    "v4/live_engine_http_srv/del_gift_category",
    "v4/live_engine_http_srv/add_gift_category_relations",
    "v4/live_engine_http_srv/del_gift_category_relations",
    "v4/live_engine_http_srv/get_gift_category_relations",
    "v4/live_engine_http_srv/set_gift_language", "v4/live_engine_http_srv/get_gift_language",
    "v4/live_engine_http_srv/del_gift_language",
    "v4/live_engine_http_srv/set_gift_category_language",
    "v4/live_engine_http_srv/get_gift_category_language",
    "v4/live_engine_http_srv/del_gift_category_language",
    "v4/live_engine_http_srv/send_gift", "v4/live_engine_http_srv/get_gift_count",
    "v4/live_engine_http_srv/get_room_statistic", "v4/live_engine_http_srv/resume_mcu_task",
    "v4/group_open_http_svc/send_group_msg",
]
SEPARATOR = b"\n~~\n"
RAW = 0xff  # a route number past the last route: a raw request
METHODS = {"POST": 0, "GET": 1, "DELETE": 2, "HEAD": 3, "PUT": 4, "OPTIONS": 5, "CONNECT": 6}


def request(route, body="", app=0):
    """One request of the api_request_fuzz format; app 0-3 as its kApps."""
    return bytes([ROUTES.index(route), app]) + body.encode()


def raw(method, target, body=""):
    return bytes([RAW, METHODS[method]]) + target.encode() + b"\n" + body.encode()


def api_seeds():
    room = "v4/live_engine_http_srv/"
    singles = [
        ("v4/call_config/set_callback",
         '{"Url":"https://www.example.com/callback","CallbackCommandList":'
         '["Call.CallbackAfterStartCall","Call.CallbackAfterEndCall"]}'),
        ("v4/call_config/set_callback", '{"Url":5,"CallbackCommandList":[1]}'),
        ("v4/call_config/get_callback", "{}"),
        ("v4/call_config/delete_callback", ""),
        ("v1/callback/set",
         '{"address":"http://www.example.com/callback","actions":["call_busy","normal_end"]}'),
        ("v1/callback/update", '{"address":"https://keep.example/v1","actions":["reject","cancel"]}'),
        ("v1/callback/get", ""),
        ("v1/callback/delete", "{}"),
        (room + "create_room",
         '{"RoomInfo":{"RoomId":"kept","RoomType":"Live","RoomName":"名字","Category":[4],'
         '"MaxSeatCount":8,"TakeSeatMode":"ApplyToTake","IsSeatEnabled":true}}'),
        (room + "create_room", '{"RoomInfo":{"RoomId":"r","RoomType":"Voice"}}'),
        (room + "destroy_room", '{"RoomId":"seeded-room"}'),
        (room + "update_room_info",
         '{"RoomInfo":{"RoomId":"seeded-room","RoomName":"after","IsMessageDisabled":true}}'),
        (room + "get_room_info", '{"RoomId":"seeded-room"}'),
        (room + "get_room_list", '{"Next":"","Count":20}'),
        (room + "set_room_metadata",
         '{"RoomId":"seeded-room","Metadata":[{"Key":"a","Value":"1"},{"Key":"键","Value":"值"}]}'),
        (room + "get_room_metadata", '{"RoomId":"seeded-room","Keys":["theme"]}'),
        (room + "del_room_metadata", '{"RoomId":"seeded-room","Keys":["theme"]}'),
        ("POST /_emulator/clock", '{"offset_s":3600}'),
        ("POST /_emulator/usersig", '{"sdkappid":1400000000,"identifier":"administrator","expire":600}'),
        ("POST /_emulator/faults",
         '{"api":"v4/call_config/get_callback","sdkappid":1400000000,"error_code":1,"times":1}'),
        ("POST /_emulator/reset", '{"sdkappid":1400000000}'),
        ("GET /_emulator/state", ""),
        ("GET /_emulator/requests", ""),
        ("POST /_emulator/calls",
         '{"sdkappid":1400000000,"caller":"alice","callees":["bob","carol"],"outcome":"normal_end",'
         '"call_id":"c-1","media_type":"Video","room_id":"r-1"}'),
        ("GET /_emulator/ca.pem", ""),
        ("v4/call_record_http_srv/get_record_by_callid", '{"CallId":"seeded-call"}'),
        ("v4/call_record_http_srv/get_record_by_filter",
         '{"StartTime":0,"EndTime":4102444800,"CallResult":"NormalEnd","CallType":"SingleCall",'
         '"NumberPerPage":100,"Page":1}'),
        ("v1/records/get_record_by_callId", '{"callId":"seeded-call"}'),
        ("v4/live_config/set_callback",
         '{"Url":"http://live.example/cb","CallbackCommandList":["Live.CallbackAfterCreateRoom",'
         '"Live.CallbackAfterSetMetadata"]}'),
        ("v4/live_config/update_callback",
         '{"Url":"https://live.example/2","CallbackCommandList":["Live.CallbackAfterDestroyRoom"]}'),
        ("v4/live_config/set_callback_token", '{"Token":"xxxxyyyy","IsTokenEnable":true}'),
        ("v4/live_config/get_callback_token", "{}"),
        ("v4/room_config/set_callback",
         '{"Url":"http://room.example/cb","CallbackCommandList":["Room.CallbackUpdateRoomInfo"]}'),
        ("v1/records/get_records_by_filter",
         '{"startTimestamp":0,"callResult":"reject","callType":"group","numberPerPage":5,"page":2}'),
        ("v4/im_open_login_svc/account_import", '{"UserID":"robot_1","Nick":"R","FaceUrl":"x"}'),
        ("v4/im_open_login_svc/multiaccount_import", '{"AccountList":[{"UserID":"a"},{"UserID":""}]}'),
        ("v4/im_open_login_svc/multiaccount_import", '{"Accounts":["a","b",5]}'),
        ("v4/im_open_login_svc/account_check", '{"CheckItem":[{"UserID":"a"},{"UserID":"administrator"}]}'),
        ("v4/im_open_login_svc/account_delete", '{"DeleteItem":[{"UserID":"a"}]}'),
        ("v4/profile/portrait_get",
         '{"To_Account":["administrator","nobody"],"TagList":["Tag_Profile_IM_Nick",'
         '"Tag_Profile_IM_Level","Tag_Profile_Custom_x"]}'),
        ("v4/profile/portrait_set",
         '{"From_Account":"administrator","ProfileItem":[{"Tag":"Tag_Profile_IM_Gender",'
         '"Value":"Gender_Type_Male"},{"Tag":"Tag_Profile_IM_Level","Value":3}]}'),
    ]
    seeds = [request(route, body) for route, body in singles]
    seeds += [request(room + "create_room", '{"RoomInfo":{"RoomId":"r","RoomType":"Live"}}', app)
              for app in (1, 2, 3)]
    seeds.append(request("v1/callback/set", '{"address":"http://a.example/","actions":["cancel"]}', 1))
    # A room with people in it.
    seeds.append(SEPARATOR.join([
        request(room + "create_room", '{"RoomInfo":{"RoomId":"p","RoomType":"Live","MaxMemberCount":3}}'),
        request("POST /_emulator/rooms/members",
                '{"sdkappid":1400000000,"room_id":"p","join":["a","b"],"leave":["c"]}'),
        request(room + "get_member_list", '{"RoomId":"p","Next":""}'),
        request(room + "modify_admin", '{"RoomId":"p","Admin_Account":["a"],"OpType":"add"}'),
        request(room + "get_admin_list", '{"RoomId":"p"}'),
        request(room + "change_room_owner", '{"RoomId":"p","NewOwner_Account":"b"}'),
        request(room + "ban_member", '{"RoomId":"p","MemberList_Account":["a"],"Duration":60,"Reason":"r"}'),
        request(room + "get_banned_member_list", '{"RoomId":"p","Offset":0,"Limit":10}'),
        request(room + "unban_member", '{"RoomId":"p","MemberList_Account":["a"]}'),
        request(room + "mute_member", '{"RoomId":"p","MemberList_Account":["b"],"MuteTime":30}'),
        request(room + "get_muted_member_list", '{"RoomId":"p"}'),
        request("GET /_emulator/rooms/messages", ""),
        request(room + "destroy_room", '{"RoomId":"p"}'),
    ]))
    mic = "v4/room_engine_http_mic/"
    seeds.append(SEPARATOR.join([
        request(room + "create_room", '{"RoomInfo":{"RoomId":"s","RoomType":"Live","MaxSeatCount":3}}'),
        request("POST /_emulator/rooms/members", '{"sdkappid":1400000000,"room_id":"s","join":["a","b"]}'),
        request(mic + "pick_user_on_seat", '{"RoomId":"s","Member_Account":"a","Index":0}'),
        request(mic + "switch_seat", '{"RoomId":"s","ToIndex":2,"Member_Account":"a"}'),
        request(mic + "lock_seat", '{"RoomId":"s","Index":2,"ForbidTaken":true,"ForbidAudio":true}'),
        request(mic + "kick_user_off_seat", '{"RoomId":"s","Member_Account":"b","Data":"x"}'),
        request(mic + "get_seat_list", '{"RoomId":"s"}'),
        request(room + "send_text_msg", '{"RoomId":"s","Sender_Account":"a","TextContent":"hi","ExtensionInfo":"{}"}'),
        request(room + "send_custom_msg", '{"RoomId":"s","BusinessId":"b","Data":"d"}'),
        request(room + "get_room_stats", '{"RoomId":"s"}'),
        request("v4/im_open_login_svc/account_import", '{"UserID":"bot"}'),
        request(room + "add_robot", '{"RoomId":"s","RobotList_Account":["bot"]}'),
        request(room + "get_robot", '{"RoomId":"s"}'),
        request(room + "del_robot", '{"RoomId":"s","RobotList_Account":["bot"]}'),
        request("GET /_emulator/state", ""),
    ]))
    # A gift catalogue, and gifts sent in a room.
    seeds.append(SEPARATOR.join([
        request(room + "add_gift", '{"GiftId":"rose","IconUrl":"i","ResourceUrl":"r","Coins":10,'
                                   '"Level":1,"ExtensionInfo":"{}","DefaultName":"Rose","DefaultDesc":""}'),
        request(room + "edit_gift", '{"GiftId":"rose","Coins":20}'),
        request(room + "add_gift_category", '{"CategoryId":"hot","DefaultName":"Hot"}'),
        request(room + "add_gift_category_relations", '{"CategoryId":"hot","GiftIdList":["rose","x"]}'),
        request(room + "set_gift_language", '{"GiftId":"rose","Language":"en","Name":"Rose","Desc":""}'),
        request(room + "set_gift_category_language", '{"CategoryId":"hot","Language":"zh-Hans","CategoryName":"热门"}'),
        request(room + "get_gift_language", '{"GiftId":"rose","Language":"en"}'),
        request(room + "get_gift_info_list", '{"Language":"zh-Hans"}'),
        request(room + "create_room", '{"RoomInfo":{"RoomId":"g","RoomType":"Live","IsUnlimitedRoomEnabled":true}}'),
        request(room + "send_gift", '{"RoomId":"g","GiftId":"rose","Count":2,"From_Account":"a","ReceiverList_Account":["b"]}'),
        request(room + "get_gift_count", '{"RoomId":"g","From_Account":"b"}'),
        request(room + "get_room_statistic", '{"RoomId":"g"}'),
        request(room + "resume_mcu_task", '{"RoomId":"g"}'),
        request("v4/group_open_http_svc/send_group_msg",
                '{"GroupId":"g","Random":7,"MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"x"}}]}'),
        request(room + "del_gift_category_relations", '{"CategoryId":"hot","GiftIdList":["rose"]}'),
        request(room + "del_gift_category", '{"CategoryId":"hot"}'),
        request(room + "del_gift", '{"GiftId":"rose"}'),
        request("GET /_emulator/state", ""),
    ]))
    # Sequences: what a client does, one step after another.
    seeds.append(SEPARATOR.join([
        request(room + "create_room", '{"RoomInfo":{"RoomId":"m","RoomType":"Live"}}'),
        request(room + "set_room_metadata", '{"RoomId":"m","Metadata":[{"Key":"k","Value":"v"}]}'),
        request(room + "get_room_list", '{"Count":1}'),
        request(room + "update_room_info", '{"RoomInfo":{"RoomId":"m","MaxMemberCount":5}}'),
        request(room + "del_room_metadata", '{"RoomId":"m","Keys":["k"]}'),
        request(room + "destroy_room", '{"RoomId":"m"}'),
        request("GET /_emulator/state"),
    ]))
    seeds.append(SEPARATOR.join([
        request("POST /_emulator/calls",
                '{"sdkappid":1400000000,"caller":"a","callees":["b"],"outcome":"cancel","call_id":"p"}'),
        request("v4/call_record_http_srv/get_record_by_callid", '{"CallId":"p"}'),
        request("POST /_emulator/clock", '{"offset_s":691200}'),
        request("v1/records/get_records_by_filter", '{"startTimestamp":0}'),
        request("GET /_emulator/state"),
    ]))
    seeds.append(SEPARATOR.join([
        request("POST /_emulator/faults", '{"api":"v1/callback/get","delay_ms":50,"times":1}'),
        request("v1/callback/get"),
        request("GET /_emulator/faults"),
        request("GET /_emulator/requests"),
    ]))
    # Raw targets: the query string and routing themselves.
    seeds += [
        raw("POST", "/v4/call_config/get_callback?sdkappid=1400000000&identifier=administrator"
                    "&usersig=x&random=99&contenttype=json", "{}"),
        raw("GET", "/v1/callback/get?sdkappid=1400000000&random=1&contenttype=json"),
        raw("POST", "/v4/nope?sdkappid=%31400000000&random=1&contenttype=json", "{}"),
        raw("GET", "/_emulator/requests?sdkappid=1400000000&api=v1/callback/get&limit=5"),
        raw("POST", "/_emulator/unknown"),
        raw("CONNECT", "console.tim.qq.com:443"),
        raw("CONNECT", "[::1]:443"),
        raw("CONNECT", "adminapisgp.im.qcloud.com:8443"),
        raw("POST", "http://console.tim.qq.com/v4/call_config/get_callback?sdkappid=1400000000"
            "&identifier=administrator&usersig=x&random=1&contenttype=json", "{}"),
        raw("GET", "HTTPS://callkit-intl.trtc.tencent-cloud.com?sdkappid=1400000000"),
    ]
    return seeds


def usersig_seeds():
    with open(os.path.join(DATA, "usersig-vectors.json")) as f:
        vectors = json.load(f)["vectors"]
    return [v["usersig"].encode() for v in vectors if v.get("usersig")]


def fixture_seeds():
    paths = [os.path.join(ROOT, "fixtures", "default.json"),
             os.path.join(HERE, "api_fixture.json")]
    folder = os.path.join(ROOT, "tests", "integration", "fixtures")
    paths += [os.path.join(folder, name) for name in sorted(os.listdir(folder))]
    seeds = []
    for path in paths:
        with open(path, "rb") as f:
            seeds.append(f.read())
    return seeds


def query_seeds():
    return [
        b"/v4/call_config/get_callback?sdkappid=1400000000&identifier=administrator"
        b"&usersig=eJw*-_%2B%2F%3D&random=4294967295&contenttype=json",
        b"/v1/callback/set?sdkappid=%31%34&sdkappid=2&random=&contenttype=js%6Fn",
        b"/_emulator/state?sdkappid=1400000000",
        b"4294967296",
    ]


def write(target, seeds):
    folder = os.path.join(HERE, "corpus", target)
    # The folder holds exactly these seeds: a changed format leaves no stale ones behind.
    if os.path.isdir(folder):
        for name in os.listdir(folder):
            os.remove(os.path.join(folder, name))
    os.makedirs(folder, exist_ok=True)
    for seed in seeds:
        name = hashlib.sha1(seed).hexdigest()
        with open(os.path.join(folder, name), "wb") as f:
            f.write(seed)
    print(f"{target}: {len(seeds)} seeds", file=sys.stderr)


if __name__ == "__main__":
    write("api_request_fuzz", api_seeds())
    write("usersig_fuzz", usersig_seeds())
    write("fixture_loader_fuzz", fixture_seeds())
    write("query_string_fuzz", query_seeds())
