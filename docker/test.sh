#!/usr/bin/env bash
# Builds docker/Dockerfile with podman (no Docker engine needed) and checks what the README's
# Docker section promises: the image turns healthy and prints both ready lines, a signed API
# call works over HTTP, over HTTPS on 9443 and through the proxy door (CONNECT on 9000), each
# TLS call trusting only the CA from /_emulator/ca.pem; the dashboard is served; state and the
# CA survive a restart on the named volume; and docker-compose.yml's dependent services run
# against the emulator: `client` over plain HTTP, and `app`, which calls https://console.tim.qq.com unmodified,
# pointed at the emulator by HTTPS_PROXY and CURL_CA_BUNDLE alone. Prints the image size,
# build time and time to healthy.
#
# Nothing resolves or contacts a real Tencent host: the host's curl names console.tim.qq.com
# only with --resolve to 127.0.0.1, or through the door with no DNS at all (its own mount
# namespace, with a resolv.conf whose server is a dead loopback address: a lookup would fail
# the call); the compose app's curl, the same Debian curl, sends CONNECT to emulator:9000 and
# leaves the name to the proxy (NO_PROXY names only `emulator`).
#
# Run as root on Debian 12: it installs podman, runc, debootstrap, podman-compose, curl and
# busybox (whose sh runs docker/unmodified-app.sh, as in curlimages/curl).
# The base image (localhost/debian:bookworm-slim, from debootstrap) is cached with
# `podman save` in $TRTC_PODMAN_CACHE (default build/podman in this checkout: ignored by git
# and by the image's build context). The compose app's image (localhost/trtc-emulator-app,
# the base plus Debian's curl and ca-certificates, from the same Debian mirror as the build
# stage's packages) is built on it and kept by podman's layer cache, like the build stage.
# Everything the test starts is removed on exit, pass or fail. Only 127.0.0.1 is used.
#
# Why podman is set up as it is (Podman 4.3 from Debian, no systemd, no Docker engine):
# - runtime runc: crun, podman's default, fails with "cgroups in hybrid mode not supported";
#   cgroupfs and a file events logger, as there is no systemd.
# - default_ulimits: podman's own (nofile 1048576) fail with "setrlimit RLIMIT_NOFILE:
#   Operation not permitted"; nofile is the hard limit of this shell, nproc 32768.
# - the base image is made with debootstrap and `podman import`, and built on with
#   --pull=never: no registry is contacted.
# - `podman build --format docker`: an OCI image has no place for the HEALTHCHECK. Nothing
#   runs the healthcheck by itself without systemd: this script polls `podman healthcheck run`.
# - podman-compose 1.0.3 ignores `depends_on: condition: service_healthy`: the script brings
#   up the emulator, waits for it to be healthy, then `up -d --no-deps client app`.
# - netavark turns IP forwarding on for its bridges: the cleanup puts it back.
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive

CACHE=${TRTC_PODMAN_CACHE:-$PWD/build/podman}
BASE=localhost/debian:bookworm-slim
IMAGE=localhost/trtc-emulator:test
APP_IMAGE=localhost/trtc-emulator-app:test
NAME=trtc-emulator-test-$$
VOLUME=trtc-emulator-test-$$
PROJECT=trtc-compose-test-$$
COMPOSE=(podman-compose -p "$PROJECT" -f docker/docker-compose.yml)
SDKAPPID=1400000000
KEY=5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e
ADMIN=administrator

say() { echo "== docker/test.sh: $*"; }
die() { echo "docker/test.sh: FAILED: $*" >&2; exit 1; }
now_ms() { date +%s%3N; }
# quiet CMD...: runs CMD, showing its output only when it fails. (Without systemd, podman
# logs an error about healthcheck timers on every run, restart and rm; the check itself
# works through `podman healthcheck run`.)
quiet() {
  local out
  out=$("$@" 2>&1) || { echo "$out" >&2; return 1; }
}
seconds_since() { local t=$(( $(now_ms) - $1 )); printf '%d.%03d' $((t / 1000)) $((t % 1000)); }

# ---- podman, configured as the header says (runc; ulimits the kernel allows)
need=()
for tool in podman runc debootstrap podman-compose curl busybox; do
  command -v "$tool" >/dev/null 2>&1 || need+=("$tool")
done
if [ ${#need[@]} -gt 0 ]; then
  say "installing ${need[*]}"
  apt-get update -qq
  apt-get install -y -qq podman runc debootstrap podman-compose curl busybox >/dev/null
fi
mkdir -p "$CACHE"
cat > "$CACHE/containers.conf" <<CONF
[containers]
default_ulimits = ["nofile=$(ulimit -Hn):$(ulimit -Hn)", "nproc=32768:32768"]
[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
CONF
export CONTAINERS_CONF="$CACHE/containers.conf"  # podman-compose passes it on to podman

# ---- cleanup: whatever this run started goes, on any exit
ip_forward_before=$(cat /proc/sys/net/ipv4/ip_forward)
rootfs=""
TMP=$(mktemp -d)
CA=$TMP/ca.pem
cleanup() {
  local status=$?
  set +e
  # A debootstrap that failed half-way. --one-file-system: never into a /dev, /proc or /sys
  # that debootstrap may have left mounted inside it.
  [ -n "$rootfs" ] && rm -rf --one-file-system "$rootfs"
  if [ $status -ne 0 ]; then
    for c in "$NAME" "${PROJECT}_emulator_1" "${PROJECT}_client_1" "${PROJECT}_app_1"; do
      podman container exists "$c" 2>/dev/null && { echo "--- logs of $c"; podman logs "$c" 2>&1 | tail -20; }
    done
  fi
  podman rm -f -t 0 "$NAME" >/dev/null 2>&1
  podman volume rm -f "$VOLUME" >/dev/null 2>&1
  "${COMPOSE[@]}" down -v >/dev/null 2>&1
  podman rm -f -t 0 "${PROJECT}_emulator_1" "${PROJECT}_client_1" "${PROJECT}_app_1" >/dev/null 2>&1
  podman volume rm -f "${PROJECT}_emulator-data" >/dev/null 2>&1
  podman network rm -f "${PROJECT}_default" >/dev/null 2>&1
  podman pod rm -f "pod_$PROJECT" >/dev/null 2>&1
  rm -rf "$TMP"
  # netavark turns IP forwarding on for its bridges; put it back as it was.
  echo "$ip_forward_before" > /proc/sys/net/ipv4/ip_forward 2>/dev/null
  exit $status
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- the base image: debootstrap once, then podman load from the cache
if ! podman image exists "$BASE"; then
  if [ -f "$CACHE/debian-bookworm-slim.tar" ]; then
    say "loading $BASE from $CACHE"
    podman load -q -i "$CACHE/debian-bookworm-slim.tar" >/dev/null
  else
    say "making $BASE with debootstrap"
    started=$(now_ms)
    mirror=$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
    rootfs=$(mktemp -d "$CACHE/rootfs.XXXXXX")
    debootstrap --variant=minbase bookworm "$rootfs" "${mirror:-http://deb.debian.org/debian}" >/dev/null
    # Like Docker Hub's bookworm-slim (debuerreotype): no docs, man pages or locales, and apt
    # keeps no caches, now or after later apt-get installs.
    rm -rf "$rootfs"/usr/share/{doc,man,info,locale}/* "$rootfs"/var/cache/apt/*.bin \
      "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
    cat > "$rootfs/etc/dpkg/dpkg.cfg.d/docker" <<'DPKG'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/info/*
path-exclude /usr/share/locale/*
DPKG
    cat > "$rootfs/etc/apt/apt.conf.d/docker-clean" <<'APT'
DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
Dir::Cache::pkgcache "";
Dir::Cache::srcpkgcache "";
APT
    echo 'Acquire::Languages "none";' > "$rootfs/etc/apt/apt.conf.d/docker-no-languages"
    tar -C "$rootfs" -c . | podman import -q - "$BASE" >/dev/null
    rm -rf --one-file-system "$rootfs"
    rootfs=""
    podman save -q -o "$CACHE/debian-bookworm-slim.tar" "$BASE"
    say "base image made in $(seconds_since "$started") s"
  fi
fi
podman image exists "$BASE" || die "no $BASE"

# ---- build
say "building $IMAGE"
started=$(now_ms)
podman build -q --pull=never --format docker -t "$IMAGE" -f docker/Dockerfile . >/dev/null ||
  die "podman build failed (run it without -q to see why)"
build_s=$(seconds_since "$started")
size=$(podman image inspect --format '{{.Size}}' "$IMAGE")
gzipped=$(podman save "$IMAGE" 2>/dev/null | gzip -c | wc -c)
say "build took $build_s s; image $((size / 1000000)) MB unpacked, $((gzipped / 1000000)) MB gzipped"
podman image inspect --format '{{json .Config.Healthcheck}}' "$IMAGE" | grep -q -- '--healthcheck' ||
  die "the image has no HEALTHCHECK (podman build needs --format docker)"

# The compose app's image: any image with curl and sh would do (the compose file defaults to
# curlimages/curl); this one needs no registry.
say "building $APP_IMAGE"
started=$(now_ms)
mkdir "$TMP/app"
cat > "$TMP/app/Containerfile" <<CONTAINERFILE
FROM $BASE
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl ca-certificates \
 && rm -rf /var/lib/apt/lists/*
CONTAINERFILE
quiet podman build --pull=never -t "$APP_IMAGE" "$TMP/app" || die "podman build $APP_IMAGE"
say "app image built in $(seconds_since "$started") s"

# wait_healthy CONTAINER: polls `podman healthcheck run` (nothing runs it by itself without
# systemd), at most 60 tries a half second apart.
wait_healthy() {
  local i
  for i in $(seq 60); do
    podman healthcheck run "$1" >/dev/null 2>&1 && return 0
    [ "$(podman inspect --format '{{.State.Running}}' "$1" 2>/dev/null)" = true ] ||
      die "$1 is not running"
    sleep 0.5
  done
  die "$1 not healthy after 60 tries"
}

# ---- run it, as the README says
say "running $NAME"
started=$(now_ms)
quiet podman run -d --init --name "$NAME" -p 127.0.0.1::9000 -p 127.0.0.1::9443 \
  -v "$VOLUME:/data" "$IMAGE" || die "podman run"
wait_healthy "$NAME"
healthy_s=$(seconds_since "$started")
say "healthy $healthy_s s after podman run"
# host_port CONTAINER_PORT: where podman published it on 127.0.0.1 (new at each restart).
host_port() {
  local p
  p=$(podman port "$NAME" "$1/tcp" | sed -n 's/^127\.0\.0\.1:\([0-9]*\)$/\1/p' | head -1)
  [ -n "$p" ] || die "no host port for $1/tcp: $(podman port "$NAME")"
  echo "$p"
}
port=$(host_port 9000)
tls_port=$(host_port 9443)
E=http://127.0.0.1:$port
# Both ready lines, the HTTPS one first (the image sets TRTC_EMULATOR_HTTPS_PORT=9443). The
# server listens before it prints them, so a passing healthcheck may come a moment earlier.
expected_ready="trtc-emulator listening on https://0.0.0.0:9443
trtc-emulator listening on http://0.0.0.0:9000"
for i in $(seq 20); do
  ready=$(podman logs "$NAME" 2>&1 | grep '^trtc-emulator listening on ' || true)
  [ "$ready" = "$expected_ready" ] && break
  sleep 0.1
done
[ "$ready" = "$expected_ready" ] || die "the ready lines: $ready"
# The image has no shell or `id`: ask podman which user the server process runs as.
server_uid=$(podman top "$NAME" huser | sed -n 2p | tr -d ' ')
[ -n "$server_uid" ] && [ "$server_uid" != 0 ] && [ "$server_uid" != root ] ||
  die "the server runs as '$server_uid', not a non-root user"
curl -fsS --max-time 5 "$E/_emulator/health" | grep -q '"status":"ok"' || die "GET /_emulator/health"
# The dashboard is in the image (compiled in), and a browser's GET / is sent to it.
curl -fsS --max-time 5 "$E/_emulator/ui" | grep -q '<script type="module"' || die "GET /_emulator/ui"
[ "$(curl -sS --max-time 5 -o /dev/null -w '%{http_code} %{redirect_url}' -H 'Accept: text/html' "$E/")" = \
  "302 $E/_emulator/ui" ] || die "a browser's GET / is not redirected to /_emulator/ui"
say "the dashboard answers at $E/_emulator/ui"

# A UserSig from Tencent's official generator when tests/node is installed (as in CI).
if command -v node >/dev/null 2>&1 && [ -d tests/node/node_modules/tls-sig-api-v2 ]; then
  sig=$(echo "[{\"sdkappid\":$SDKAPPID,\"key\":\"$KEY\",\"identifier\":\"$ADMIN\",\"expire\":3600}]" |
    node tests/node/gen_usersig.js | sed -n 's/^\["\(.*\)"\]$/\1/p')
else
  say "no tests/node/node_modules: UserSig from POST /_emulator/usersig instead"
  sig=$(curl -fsS --max-time 5 "$E/_emulator/usersig" \
    -d "{\"sdkappid\":$SDKAPPID,\"identifier\":\"$ADMIN\",\"expire\":3600}" |
    sed -n 's/.*"usersig":"\([^"]*\)".*/\1/p')
fi
[ -n "$sig" ] || die "no UserSig"

# api PATH BODY: a signed v4 call as the default app's admin, to $E, with the curl options
# in via[] (how it gets there: by default plain HTTP), curl run by the command in wrap[].
via=()
wrap=()
api() {
  "${wrap[@]}" curl -fsS --max-time 5 "${via[@]}" \
    "$E/$1?sdkappid=$SDKAPPID&identifier=$ADMIN&usersig=$sig&random=$RANDOM&contenttype=json" -d "$2"
}
set_callback_ok() {
  local reply
  reply=$(api v4/call_config/set_callback \
    "{\"Url\":\"$1\",\"CallbackCommandList\":[\"Call.CallbackAfterStartCall\"]}")
  echo "$reply" | grep -q '"ActionStatus":"OK"' || die "set_callback $1: $reply"
}
url="https://docker-test.example/cb-$$"
set_callback_ok "$url"
say "set_callback over HTTP: OK"

# ---- HTTPS: the CA from /_emulator/ca.pem is the one on the volume, and it alone is trusted
curl -fsS --max-time 5 "$E/_emulator/ca.pem" -o "$CA" || die "GET /_emulator/ca.pem"
grep -q -- '-----BEGIN CERTIFICATE-----' "$CA" || die "/_emulator/ca.pem is no PEM certificate"
volume_dir=$(podman volume inspect --format '{{.Mountpoint}}' "$VOLUME")
cmp -s "$CA" "$volume_dir/trtc-emulator-tls/ca.pem" ||
  die "/_emulator/ca.pem is not the volume's trtc-emulator-tls/ca.pem"
key_mode=$(stat -c '%a %u' "$volume_dir/trtc-emulator-tls/ca.key") || die "no ca.key on the volume"
[ "$key_mode" = "600 10001" ] || die "ca.key on the volume has mode and owner '$key_mode', not '600 10001'"
say "the local CA is on the volume: trtc-emulator-tls/ca.pem (served by /_emulator/ca.pem), ca.key 0600"
# tls_to PORT: curl options that reach the emulator's HTTPS port as console.tim.qq.com.
tls_to() { via=(--cacert "$CA" --resolve "console.tim.qq.com:$1:127.0.0.1"); E=https://console.tim.qq.com:$1; }
# The proxy door: CONNECT console.tim.qq.com:443 to the HTTP port. --noproxy '' so that no
# NO_PROXY of this shell bypasses --proxy; no_dns runs curl where nothing resolves.
door_to() { via=(--proxy "http://127.0.0.1:$1" --noproxy '' --cacert "$CA"); E=https://console.tim.qq.com; }
# no_dns CMD...: runs CMD in its own mount namespace, where /etc/resolv.conf names a
# loopback address with no server: any DNS lookup fails there (and /etc/hosts has no
# Tencent name).
echo 'nameserver 127.0.0.9' > "$TMP/resolv.conf"
no_dns() {
  unshare --mount sh -c 'mount --bind "$0" /etc/resolv.conf && exec "$@"' "$TMP/resolv.conf" "$@"
}
[ "$(no_dns cat /etc/resolv.conf)" = 'nameserver 127.0.0.9' ] || die "no_dns does not work here"
! grep -qiE 'tim\.qq\.com|qcloud\.com|tencent-cloud\.com' /etc/hosts ||
  die "/etc/hosts names a Tencent host"
tls_to "$tls_port"
curl -fsS --max-time 5 "${via[@]}" "$E/_emulator/health" | grep -q '"status":"ok"' ||
  die "GET $E/_emulator/health over HTTPS"
reply=$(api v4/call_config/get_callback '{}')
echo "$reply" | grep -q "\"Url\":\"$url\"" || die "get_callback over HTTPS: $reply"
say "HTTPS on 9443 (as console.tim.qq.com, trusting ca.pem only): get_callback OK"
# The compose app's script, run here by each shell it is written for, through the door (it sets
# its own callback URL; the door's own check below sets the one read back after the restart).
# Under busybox, its od, tr and sed too, as in curlimages/curl.
mkdir "$TMP/busybox"
for applet in od tr sed; do ln -s "$(command -v busybox)" "$TMP/busybox/$applet"; done
for shell in bash dash "busybox sh"; do
  path=$PATH
  [ "$shell" = "busybox sh" ] && path=$TMP/busybox:$PATH
  out=$(PATH=$path HTTPS_PROXY=http://127.0.0.1:$port NO_PROXY= CURL_CA_BUNDLE=$CA \
    TRTC_EMULATOR_URL=http://127.0.0.1:$port no_dns $shell docker/unmodified-app.sh 2>&1) ||
    die "unmodified-app.sh under $shell: $out"
  grep -q "^unmodified-app: CONNECT 200 via 127.0.0.1:$port, HTTP 200$" <<<"$out" ||
    die "unmodified-app.sh under $shell did not go through the door: $out"
done
say "docker/unmodified-app.sh under bash, dash and busybox sh, through the door: OK"
door_to "$port"
wrap=(no_dns)
url="https://docker-test.example/door-$$"
set_callback_ok "$url"
wrap=()
journal=$(curl -fsS --max-time 5 "http://127.0.0.1:$port/_emulator/requests?sdkappid=$SDKAPPID&api=v4/call_config/set_callback")
grep -q '"host":"console.tim.qq.com"' <<<"$journal" ||
  die "the journal has no set_callback with host console.tim.qq.com: $journal"
say "proxy door (CONNECT console.tim.qq.com:443 to the HTTP port, no DNS): set_callback OK"

# ---- the state is on the volume: it survives a restart
quiet podman restart -t 10 "$NAME" || die "podman restart"
started=$(now_ms)
wait_healthy "$NAME"
say "healthy again $(seconds_since "$started") s after podman restart"
port=$(host_port 9000)
tls_port=$(host_port 9443)
E=http://127.0.0.1:$port
via=()
reply=$(api v4/call_config/get_callback '{}')
echo "$reply" | grep -q "\"Url\":\"$url\"" || die "after restart, get_callback: $reply"
say "get_callback after restart: $reply"
curl -fsS --max-time 5 "$E/_emulator/ca.pem" -o "$TMP/ca-after-restart.pem" ||
  die "GET /_emulator/ca.pem after restart"
cmp -s "$CA" "$TMP/ca-after-restart.pem" || die "the CA changed across the restart"
# The new start's leaf chains to the CA trusted before the restart.
tls_to "$tls_port"
curl -fsS --max-time 5 "${via[@]}" "$E/_emulator/health" >/dev/null ||
  die "after restart, HTTPS with the CA from before"
say "the CA survived the restart (ca.pem identical; HTTPS trusts it)"
quiet podman rm -f -t 10 "$NAME" || die "podman rm"

# ---- compose: emulator, healthy, then the dependent client and app (podman-compose ignores
# service_healthy, so this script is what waits)
free_port() {
  local p
  for p in $(shuf -i 20000-29999 -n 50); do
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
  die "no free port"
}
http_host_port=$(free_port)  # on its own line, so that its failure stops the script
https_host_port=$(free_port)
[ "$https_host_port" != "$http_host_port" ] || https_host_port=$(free_port)
[ "$https_host_port" != "$http_host_port" ] || die "no second free port"
export TRTC_EMULATOR_IMAGE=$IMAGE TRTC_CLIENT_IMAGE=$BASE TRTC_APP_IMAGE=$APP_IMAGE \
  TRTC_EMULATOR_HOST_PORT=$http_host_port TRTC_EMULATOR_HOST_HTTPS_PORT=$https_host_port
say "compose: up emulator"
quiet "${COMPOSE[@]}" up -d emulator || die "compose up emulator"
wait_healthy "${PROJECT}_emulator_1"
curl -fsS --max-time 5 "http://127.0.0.1:$http_host_port/_emulator/health" >/dev/null ||
  die "compose: the emulator is not on 127.0.0.1:$http_host_port"
# Its HTTPS port is published too; its CA is its own volume's.
curl -fsS --max-time 5 "http://127.0.0.1:$http_host_port/_emulator/ca.pem" -o "$CA" ||
  die "compose: GET /_emulator/ca.pem"
tls_to "$https_host_port"
curl -fsS --max-time 5 "${via[@]}" "$E/_emulator/health" >/dev/null ||
  die "compose: the emulator's HTTPS is not on 127.0.0.1:$https_host_port"
say "compose: up client app"
quiet "${COMPOSE[@]}" up -d --no-deps client app || die "compose up client app"
for service in client app; do
  status=$(timeout 60 podman wait "${PROJECT}_${service}_1") ||
    die "compose: $service did not finish in 60 s"
  podman logs "${PROJECT}_${service}_1" 2>&1 | sed "s/^/   $service| /"
  [ "$status" = 0 ] || die "compose: $service exited $status"
done
# (The log is read whole first: grep -q stopping early would fail the pipe under pipefail.)
app_log=$(podman logs "${PROJECT}_app_1" 2>&1)
grep -q '^unmodified-app: CONNECT 200 via .*:9000, HTTP 200$' <<<"$app_log" ||
  die "compose: the app's call did not go through the emulator's proxy door"

# A callback to a compose service by name: the image (no shell, glibc's own lookups) must
# resolve and reach it. The emulator calls itself; its GET-only health route answers 405,
# which the outbox records as the attempt's HTTP status.
E=http://127.0.0.1:$http_host_port
via=()
reply=$(api v4/call_config/set_callback \
  '{"Url":"http://emulator:9000/_emulator/health","CallbackCommandList":["Call.CallbackAfterStartCall"]}')
echo "$reply" | grep -q '"ActionStatus":"OK"' || die "compose: set_callback: $reply"
curl -fsS --max-time 5 "$E/_emulator/calls" \
  -d "{\"sdkappid\":$SDKAPPID,\"caller\":\"alice\",\"callees\":[\"bob\"],\"outcome\":\"normal_end\"}" >/dev/null ||
  die "compose: POST /_emulator/calls"
for i in $(seq 40); do
  outbox=$(curl -fsS --max-time 5 "$E/_emulator/callbacks?sdkappid=$SDKAPPID")
  echo "$outbox" | grep -q '"http_status":' && break
  sleep 0.25
done
echo "$outbox" | grep -q '"http_status":405' ||
  die "compose: the callback to http://emulator:9000 was not answered by the emulator: $outbox"
say "compose: a callback by service name reached http://emulator:9000 (HTTP 405 recorded)"
quiet "${COMPOSE[@]}" down -v || die "compose down"

say "PASSED: image $((size / 1000000)) MB ($((gzipped / 1000000)) MB gzipped), build $build_s s, healthy in $healthy_s s"
