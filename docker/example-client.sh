#!/bin/bash
# The compose file's dependent service: an app's back end in miniature. It gets a UserSig
# from the emulator's control plane and configures the call callback with a signed v4 call,
# over the compose network. Plain bash (/dev/tcp), so it runs on any Debian image, offline.
set -euo pipefail
host=${TRTC_EMULATOR_HOST:-emulator}
port=${TRTC_EMULATOR_PORT:-9000}
sdkappid=${TRTC_SDKAPPID:-1400000000}
admin=${TRTC_ADMIN:-administrator}

# post TARGET BODY: prints the response body (the server closes after one exchange).
post() {
  exec 3<>"/dev/tcp/$host/$port"
  printf 'POST %s HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s' \
    "$1" "$host" "${#2}" "$2" >&3
  sed '1,/^\r$/d' <&3
  exec 3<&-
}

usersig=$(post /_emulator/usersig "{\"sdkappid\":$sdkappid,\"identifier\":\"$admin\",\"expire\":3600}" |
  sed -n 's/.*"usersig":"\([^"]*\)".*/\1/p')
[ -n "$usersig" ] || { echo "example-client: no usersig from $host:$port" >&2; exit 1; }

query="sdkappid=$sdkappid&identifier=$admin&usersig=$usersig&random=$RANDOM&contenttype=json"
reply=$(post "/v4/call_config/set_callback?$query" \
  '{"Url":"https://app.example/trtc-callback","CallbackCommandList":["Call.CallbackAfterStartCall"]}')
echo "set_callback: $reply"
case $reply in
  *'"ActionStatus":"OK"'*) echo "example-client: OK" ;;
  *) echo "example-client: set_callback failed" >&2; exit 1 ;;
esac
