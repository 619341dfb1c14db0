#!/usr/bin/env bash
# Builds docker/Dockerfile with podman (no Docker engine needed) and checks what the README's
# Docker section promises: the image turns healthy, a signed API call works, state survives a
# restart on the named volume, and docker-compose.yml's dependent service runs against the
# emulator. Prints the image size, build time and time to healthy.
#
# Run as root on Debian 12: it installs podman, runc, debootstrap, podman-compose and curl.
# The base image (localhost/debian:bookworm-slim, from debootstrap) is cached with
# `podman save` in $TRTC_PODMAN_CACHE (default build/podman in this checkout: ignored by git
# and by the image's build context). Everything the test starts is removed on exit, pass or
# fail. Only 127.0.0.1 is used.
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
#   up the emulator, waits for it to be healthy, then `up -d --no-deps client`.
# - netavark turns IP forwarding on for its bridges: the cleanup puts it back.
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive

CACHE=${TRTC_PODMAN_CACHE:-$PWD/build/podman}
BASE=localhost/debian:bookworm-slim
IMAGE=localhost/trtc-emulator:test
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
for tool in podman runc debootstrap podman-compose curl; do
  command -v "$tool" >/dev/null 2>&1 || need+=("$tool")
done
if [ ${#need[@]} -gt 0 ]; then
  say "installing ${need[*]}"
  apt-get update -qq
  apt-get install -y -qq podman runc debootstrap podman-compose curl >/dev/null
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
cleanup() {
  local status=$?
  set +e
  # A debootstrap that failed half-way. --one-file-system: never into a /dev, /proc or /sys
  # that debootstrap may have left mounted inside it.
  [ -n "$rootfs" ] && rm -rf --one-file-system "$rootfs"
  if [ $status -ne 0 ]; then
    for c in "$NAME" "${PROJECT}_emulator_1" "${PROJECT}_client_1"; do
      podman container exists "$c" 2>/dev/null && { echo "--- logs of $c"; podman logs "$c" 2>&1 | tail -20; }
    done
  fi
  podman rm -f -t 0 "$NAME" >/dev/null 2>&1
  podman volume rm -f "$VOLUME" >/dev/null 2>&1
  "${COMPOSE[@]}" down -v >/dev/null 2>&1
  podman rm -f -t 0 "${PROJECT}_emulator_1" "${PROJECT}_client_1" >/dev/null 2>&1
  podman volume rm -f "${PROJECT}_emulator-data" >/dev/null 2>&1
  podman network rm -f "${PROJECT}_default" >/dev/null 2>&1
  podman pod rm -f "pod_$PROJECT" >/dev/null 2>&1
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
quiet podman run -d --init --name "$NAME" -p 127.0.0.1::9000 -v "$VOLUME:/data" "$IMAGE" ||
  die "podman run"
wait_healthy "$NAME"
healthy_s=$(seconds_since "$started")
say "healthy $healthy_s s after podman run"
port=$(podman port "$NAME" 9000/tcp | sed -n 's/^127\.0\.0\.1:\([0-9]*\)$/\1/p' | head -1)
[ -n "$port" ] || die "no host port for 9000/tcp: $(podman port "$NAME")"
E=http://127.0.0.1:$port
# The image has no shell or `id`: ask podman which user the server process runs as.
server_uid=$(podman top "$NAME" huser | sed -n 2p | tr -d ' ')
[ -n "$server_uid" ] && [ "$server_uid" != 0 ] && [ "$server_uid" != root ] ||
  die "the server runs as '$server_uid', not a non-root user"
curl -fsS --max-time 5 "$E/_emulator/health" | grep -q '"status":"ok"' || die "GET /_emulator/health"

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

# api PATH BODY: a signed v4 call as the default app's admin.
api() {
  curl -fsS --max-time 5 \
    "$E/$1?sdkappid=$SDKAPPID&identifier=$ADMIN&usersig=$sig&random=$RANDOM&contenttype=json" -d "$2"
}
url="https://docker-test.example/cb-$$"
reply=$(api v4/call_config/set_callback \
  "{\"Url\":\"$url\",\"CallbackCommandList\":[\"Call.CallbackAfterStartCall\"]}")
echo "$reply" | grep -q '"ActionStatus":"OK"' || die "set_callback: $reply"
say "set_callback: $reply"

# ---- the state is on the volume: it survives a restart
quiet podman restart -t 10 "$NAME" || die "podman restart"
started=$(now_ms)
wait_healthy "$NAME"
say "healthy again $(seconds_since "$started") s after podman restart"
port=$(podman port "$NAME" 9000/tcp | sed -n 's/^127\.0\.0\.1:\([0-9]*\)$/\1/p' | head -1)
E=http://127.0.0.1:$port
reply=$(api v4/call_config/get_callback '{}')
echo "$reply" | grep -q "\"Url\":\"$url\"" || die "after restart, get_callback: $reply"
say "get_callback after restart: $reply"
quiet podman rm -f -t 10 "$NAME" || die "podman rm"

# ---- compose: emulator, healthy, then the dependent client (podman-compose ignores
# service_healthy, so this script is what waits)
free_port() {
  local p
  for p in $(shuf -i 20000-29999 -n 50); do
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
  die "no free port"
}
host_port=$(free_port)  # on its own line, so that its failure stops the script
export TRTC_EMULATOR_IMAGE=$IMAGE TRTC_CLIENT_IMAGE=$BASE TRTC_EMULATOR_HOST_PORT=$host_port
say "compose: up emulator"
quiet "${COMPOSE[@]}" up -d emulator || die "compose up emulator"
wait_healthy "${PROJECT}_emulator_1"
curl -fsS --max-time 5 "http://127.0.0.1:$TRTC_EMULATOR_HOST_PORT/_emulator/health" >/dev/null ||
  die "compose: the emulator is not on 127.0.0.1:$TRTC_EMULATOR_HOST_PORT"
say "compose: up client"
quiet "${COMPOSE[@]}" up -d --no-deps client || die "compose up client"
client_status=$(timeout 60 podman wait "${PROJECT}_client_1") || die "compose: the client did not finish in 60 s"
podman logs "${PROJECT}_client_1" 2>&1 | sed 's/^/   client| /'
[ "$client_status" = 0 ] || die "compose: the client exited $client_status"

# A callback to a compose service by name: the image (no shell, glibc's own lookups) must
# resolve and reach it. The emulator calls itself; its GET-only health route answers 405,
# which the outbox records as the attempt's HTTP status.
E=http://127.0.0.1:$TRTC_EMULATOR_HOST_PORT
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
