#!/bin/sh
# The compose file's `app` service: an app that calls Tencent's real URL,
# https://console.tim.qq.com/v4/..., and is pointed at the emulator by its environment alone:
# HTTPS_PROXY=http://emulator:9000 sends its HTTPS through the emulator's proxy door (curl
# sends `CONNECT console.tim.qq.com:443` to the emulator and never resolves the Tencent name
# itself), and CURL_CA_BUNDLE makes it trust the emulator's local CA, read from the
# emulator's volume. POSIX sh (busybox, dash or bash) and curl: any image with curl runs it.
set -eu
emulator=${TRTC_EMULATOR_URL:-http://emulator:9000}
sdkappid=${TRTC_SDKAPPID:-1400000000}
admin=${TRTC_ADMIN:-administrator}
[ -n "${HTTPS_PROXY:-${https_proxy:-}}" ] ||
  { echo "unmodified-app: set HTTPS_PROXY to the emulator, e.g. http://emulator:9000" >&2; exit 1; }

# Stand-in for the app's own UserSig generator (which holds the app's secret key): the
# emulator makes one. A direct call to the emulator, never through the proxy.
usersig=$(curl -fsS --max-time 10 --noproxy '*' "$emulator/_emulator/usersig" \
  -H 'Content-Type: application/json' \
  -d "{\"sdkappid\":$sdkappid,\"identifier\":\"$admin\",\"expire\":3600}" |
  sed -n 's/.*"usersig":"\([^"]*\)".*/\1/p')
[ -n "$usersig" ] || { echo "unmodified-app: no usersig from $emulator" >&2; exit 1; }

# The app's unchanged call. -w shows where the connection went: the CONNECT answer and the
# proxy's address, never a Tencent server's.
random=$(od -An -N4 -tu4 /dev/urandom | tr -d ' \n') && [ -n "$random" ] || random=$$
url="https://console.tim.qq.com/v4/call_config/set_callback?sdkappid=$sdkappid&identifier=$admin&usersig=$usersig&random=$random&contenttype=json"
reply=$(curl -sS --max-time 10 -H 'Content-Type: application/json' \
  -d '{"Url":"https://app.example/cb","CallbackCommandList":["Call.CallbackAfterStartCall"]}' \
  -w '\nCONNECT %{http_connect} via %{remote_ip}:%{remote_port}, HTTP %{http_code}' "$url") || {
  echo "unmodified-app: curl failed: $reply" >&2
  exit 1
}
echo "unmodified-app: POST https://console.tim.qq.com/v4/call_config/set_callback"
printf '%s\n' "$reply" | sed 's/^/unmodified-app: /'
case $reply in
  *'"ActionStatus":"OK"'*) echo "unmodified-app: OK" ;;
  *) echo "unmodified-app: set_callback failed" >&2; exit 1 ;;
esac
