#!/usr/bin/env bash
# trtc-emulator benchmark (not part of the test suite). Builds a Release binary and the
# reference server, then drives both with wrk over loopback and prints a table:
# requests/s and p50/p99 latency at 1 and 64 connections for an authenticated
# v4 get_callback, a durable v4 set_callback, a v1 get — in memory and on disk — and the
# same load against tests/bench/reference_server (the HTTP stack doing no work), plus
# start-to-ready time and RSS idle and under load; HTTPS beside HTTP (keep-alive, and TLS
# handshakes per second); get_record_by_filter over 10,000 call records; get_member_list and
# send_text_msg in a room of 1,000 members; get_gift_info_list over 500 gifts; then the
# state-size case: get_room_list's first page and a middle page with 10 rooms and with
# 10,000; and the event stream's cost (REST with and without a subscriber, RSS with 50).
#
# The server under test (and the reference) runs one worker thread pinned to CPU 0 and wrk
# one thread pinned to CPU 1: on a 2-core machine, letting them share both cores measures
# the scheduler more than the server (every p99 was several ms, the reference's too).
#
#   tests/bench/run.sh [SECONDS_PER_RUN] [state-size|https|records|people|gifts|events]
#       (default 5 seconds; a case's name runs that case alone; needs wrk, curl, node,
#       taskset)
set -euo pipefail
cd "$(dirname "$0")/../.."
secs=${1:-5}
server_cpu=0 load_cpu=1
[ "$(nproc)" -ge 2 ] || load_cpu=0
build=build/bench
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DTRTC_BUILD_TESTS=OFF -DTRTC_BUILD_BENCH=ON >/dev/null
cmake --build "$build" -j"$(nproc)" >/dev/null
bin=$build/trtc-emulator
[ -d tests/node/node_modules/tls-sig-api-v2 ] || (cd tests/node && npm install --no-audit --no-fund --loglevel=error)

key=5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e
sig=$(echo "[{\"sdkappid\":1400000000,\"key\":\"$key\",\"identifier\":\"administrator\",\"expire\":86400}]" |
  node tests/node/gen_usersig.js | tr -d '[]"\n')
query="sdkappid=1400000000&identifier=administrator&usersig=$sig&random=1&contenttype=json"
set_body='{"Url":"https://bench.example/callback","CallbackCommandList":["Call.CallbackAfterStartCall"]}'

# Starts the emulator with "$@"; sets pid and port (and https_port with --https-port).
# Reads the ready line (the https line comes first), no sleeping.
start_emulator() {
  mkfifo "$work/ready"
  taskset -c "$server_cpu" "$bin" --port 0 --threads 1 --rate-limits off "$@" >"$work/ready" 2>"$work/stderr" &
  pid=$!
  exec 5<"$work/ready"
  read -r line <&5
  if [[ $line == *https://* ]]; then https_port=${line##*:}; read -r line <&5; fi
  exec 5<&-
  rm -f "$work/ready"
  port=${line##*:}
}

rss_kb() { awk -v f="$2" '$1 == f":" {print $2}' "/proc/$1/status"; }

# wrk CONNECTIONS PATH BODY [WRK ARGS...] -> "requests/s p50 p99"
load() {
  local conns=$1 url=$2 body=$3
  shift 3
  BODY=$body taskset -c "$load_cpu" wrk -t1 -c"$conns" -d"${secs}s" --latency "$@" -s tests/bench/post.lua "$url" >"$work/wrk"
  if grep -q "Non-2xx" "$work/wrk"; then echo "wrk saw non-2xx responses" >&2; cat "$work/wrk" >&2; exit 1; fi
  awk '/^Requests\/sec/ {rps=$2}
       /^ +50%/ {p50=$2} /^ +99%/ {p99=$2}
       END {printf "%d %s %s\n", rps, p50, p99}' "$work/wrk"
}

expect_ok() {  # the call must succeed, or the numbers would measure an error path
  local reply
  reply=$(curl -s "http://127.0.0.1:$port/$1?$query" -d "$2")
  case "$reply" in *'"ErrorCode":0'*|*'"errorCode":0'*) ;; *) echo "not OK: $1 -> $reply" >&2; exit 1 ;; esac
}

row() { printf '| %-34s | %5s | %9s | %9s | %9s |\n' "$@"; }
table_head() { row "load" "conns" "req/s" "p50" "p99"; row "---" "---:" "---:" "---:" "---:"; }

# load_rows LABEL PATH BODY: a row at 1 connection and one at 64.
load_rows() {
  local r p50 p99 conns
  for conns in 1 64; do
    read -r r p50 p99 < <(load "$conns" "http://127.0.0.1:$port/$2?$query" "$3")
    row "$1" "$conns" "$r" "$p50" "$p99"
  done
}

# wrk's latency ("850.00us", "1.23ms", "2.00s") in milliseconds.
to_ms() {
  awk -v v="$1" 'BEGIN { if (v ~ /us$/) v = v / 1000; else if (v ~ /ms$/) v = v + 0;
                         else if (v ~ /s$/) v = v * 1000; printf "%.2f", v }'
}
median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

# Cost against state size: get_room_list's first page and a page from the middle of the
# list (Count 5 both, so every answer holds 5 rooms) with 10 rooms and with 10,000, seeded
# by a fixture. Both emulators are up at once and driven in alternating rounds, so that a
# slow moment of a shared machine hits both sizes alike; the medians of 3 rounds are shown.
state_size_case() {
  local list=v4/live_engine_http_srv/get_room_list n kind conns round body r p50 p99
  local -A room_port room_pid middle rates p99s
  for n in 10 10000; do
    awk -v n="$n" -v key="$key" 'BEGIN {
      app = "\"sdkappid\":1400000000"
      printf "{\"apps\":[{%s,\"key\":\"%s\",\"packages\":{\"live\":true}}],\"rooms\":[", app, key
      for (i = 0; i < n; i++) printf "%s{%s,\"room_id\":\"room-%05d\"}", (i ? "," : ""), app, i
      print "]}" }' >"$work/rooms-$n.json"
    start_emulator --in-memory --fixtures "$work/rooms-$n.json"
    room_port[$n]=$port room_pid[$n]=$pid
    # The cursor after the first n/2 rooms, walked to as a client would.
    local left=$((n / 2)) next="" count reply
    while [ "$left" -gt 0 ]; do
      count=$((left < 20 ? left : 20))
      reply=$(curl -s "http://127.0.0.1:$port/$list?$query" \
        -d "{\"Next\":\"$next\",\"Count\":$count}")
      next=$(echo "$reply" | grep -o '"Next":"[^"]*"' | cut -d'"' -f4)
      left=$((left - count))
    done
    middle[$n]=$next
    expect_ok "$list" "{\"Next\":\"$next\",\"Count\":5}"
  done
  for conns in 1 64; do
    for round in 1 2 3; do
      for kind in first middle; do
        for n in 10 10000; do
          body='{"Count":5}'
          [ "$kind" = middle ] && body="{\"Next\":\"${middle[$n]}\",\"Count\":5}"
          read -r r p50 p99 < <(load "$conns" "http://127.0.0.1:${room_port[$n]}/$list?$query" \
            "$body")
          rates["$kind $n $conns"]+="$r "
          p99s["$kind $n $conns"]+="$(to_ms "$p99") "
        done
      done
    done
  done
  kill -TERM "${room_pid[10]}" "${room_pid[10000]}"
  wait "${room_pid[10]}" "${room_pid[10000]}" || true
  echo
  echo "get_room_list against state size (Count 5; medians of 3 alternating rounds; p99 in ms):"
  echo
  printf '| %-6s | %5s | %12s | %8s | %15s | %11s | %16s |\n' page conns "10 rooms r/s" "p99" \
    "10,000 rooms r/s" "p99" "ratio 10,000/10"
  printf '| %-6s | %5s | %12s | %8s | %15s | %11s | %16s |\n' --- ---: ---: ---: ---: ---: ---:
  local small big
  for conns in 1 64; do
    for kind in first middle; do
      small=$(median ${rates["$kind 10 $conns"]}) big=$(median ${rates["$kind 10000 $conns"]})
      printf '| %-6s | %5s | %12s | %8s | %15s | %11s | %16s |\n' "$kind" "$conns" "$small" \
        "$(median ${p99s["$kind 10 $conns"]})" "$big" "$(median ${p99s["$kind 10000 $conns"]})" \
        "$(awk -v a="$big" -v b="$small" 'BEGIN { printf "%.2f", a / b }')"
    done
  done
}

# HTTPS beside plain HTTP on one server: the authenticated get, keep-alive, on the HTTPS
# port and on the HTTP port in alternating rounds (medians of 3); then full TLS handshakes
# per second: every request on a new connection (Connection: close), over HTTPS and, for
# comparison, over HTTP.
https_case() {
  local conns round r p50 p99 url_plain url_tls
  local -A rates p99s
  start_emulator --in-memory --https-port 0
  expect_ok v4/call_config/set_callback "$set_body"
  url_plain="http://127.0.0.1:$port/v4/call_config/get_callback?$query"
  url_tls="https://127.0.0.1:$https_port/v4/call_config/get_callback?$query"
  for conns in 1 64; do
    for round in 1 2 3; do
      for scheme in http https; do
        local url=$url_plain
        [ "$scheme" = https ] && url=$url_tls
        read -r r p50 p99 < <(load "$conns" "$url" "{}")
        rates["$scheme $conns"]+="$r " p99s["$scheme $conns"]+="$(to_ms "$p99") "
      done
    done
  done
  for scheme in http https; do
    read -r r p50 p99 < <(load 16 "$(if [ $scheme = https ]; then echo "$url_tls"; else echo "$url_plain"; fi)" \
      "{}" -H "Connection: close")
    rates["$scheme close"]=$r p99s["$scheme close"]=$(to_ms "$p99")
  done
  kill -TERM "$pid"; wait "$pid"
  echo
  echo "HTTPS beside HTTP (authenticated get; keep-alive: medians of 3 alternating rounds; p99 in ms):"
  echo
  printf '| %-28s | %5s | %9s | %7s | %9s | %7s | %12s |\n' load conns "HTTP r/s" p99 "HTTPS r/s" p99 "HTTPS/HTTP"
  printf '| %-28s | %5s | %9s | %7s | %9s | %7s | %12s |\n' --- ---: ---: ---: ---: ---: ---:
  local plain tls
  for conns in 1 64; do
    plain=$(median ${rates["http $conns"]}) tls=$(median ${rates["https $conns"]})
    printf '| %-28s | %5s | %9s | %7s | %9s | %7s | %12s |\n' "keep-alive" "$conns" "$plain" \
      "$(median ${p99s["http $conns"]})" "$tls" "$(median ${p99s["https $conns"]})" \
      "$(awk -v a="$tls" -v b="$plain" 'BEGIN { printf "%.2f", a / b }')"
  done
  printf '| %-28s | %5s | %9s | %7s | %9s | %7s | %12s |\n' "new connection per request" 16 \
    "${rates["http close"]}" "${p99s["http close"]}" "${rates["https close"]}" "${p99s["https close"]}" \
    "$(awk -v a="${rates["https close"]}" -v b="${rates["http close"]}" 'BEGIN { printf "%.2f", a / b }')"
  echo
  echo "TLS handshakes per second (P-256 leaf, one server thread): ${rates["https close"]}"
}

# get_record_by_filter over 10,000 call records of one app (a fixture seeds them, one a
# minute back from now): the default page (newest 10 of the last 7 days, TotalNum over all
# of them), a filtered middle page, and v1's default 100 a page; also how long the start
# takes with those seeds applied.
records_case() {
  local r p50 p99 t0 t1
  awk -v key="$key" -v now="$(date +%s)" 'BEGIN {
    app = "\"sdkappid\":1400000000"
    printf "{\"apps\":[{%s,\"key\":\"%s\"}],\"call_records\":[", app, key
    for (i = 0; i < 10000; i++) {
      split("normal_end cancel reject", outcomes, " "); o = outcomes[i % 3 + 1]
      start = now - 60 * i; accept = (o == "normal_end") ? start + 2 : 0
      printf "%s{%s,\"call_id\":\"call-%05d\",\"caller\":\"alice\",\"callees\":[\"bob\"%s],", (i ? "," : ""), app, i, (i % 4 ? "" : ",\"carol\"")
      printf "\"media_type\":\"Audio\",\"outcome\":\"%s\",\"start_time\":%d,\"accept_time\":%d,\"end_time\":%d}", o, start, accept, start + 30
    }
    print "]}" }' >"$work/records.json"
  t0=$(date +%s%N); start_emulator --in-memory --fixtures "$work/records.json"; t1=$(date +%s%N)
  local filter=v4/call_record_http_srv/get_record_by_filter
  expect_ok "$filter" '{}'
  echo
  echo "get_record_by_filter over 10,000 records (start with them seeded: $(( (t1 - t0) / 1000000 )) ms):"
  echo
  row "load" "conns" "req/s" "p50" "p99"
  row "---" "---:" "---:" "---:" "---:"
  for conns in 1 64; do
    read -r r p50 p99 < <(load "$conns" "http://127.0.0.1:$port/$filter?$query" '{}')
    row "v4 {} (newest 10, TotalNum 10,000)" "$conns" "$r" "$p50" "$p99"
  done
  read -r r p50 p99 < <(load 64 "http://127.0.0.1:$port/$filter?$query" \
    '{"CallResult":"Cancel","CallType":"SingleCall","NumberPerPage":20,"Page":50}')
  row "v4 filtered, page 50 of 20" 64 "$r" "$p50" "$p99"
  read -r r p50 p99 < <(load 64 "http://127.0.0.1:$port/v1/records/get_records_by_filter?$query" \
    '{"startTimestamp":0}')
  row "v1 100 a page" 64 "$r" "$p50" "$p99"
  kill -TERM "$pid"; wait "$pid"
}

# A live room with 1,000 members (a fixture seeds them): get_member_list's first and a
# middle page, and send_text_msg (a durable write: MsgSeq, the message and the counter),
# in memory and on disk.
people_case() {
  local r p50 p99 mode
  awk -v key="$key" 'BEGIN {
    printf "{\"apps\":[{\"sdkappid\":1400000000,\"key\":\"%s\"}],\"rooms\":[{\"sdkappid\":1400000000,", key
    printf "\"room_id\":\"big\",\"room_info\":{\"MaxSeatCount\":8},\"members\":["
    for (i = 0; i < 1000; i++) printf "%s\"member-%04d\"", (i ? "," : ""), i
    print "]}]}" }' >"$work/people.json"
  echo
  echo "A live room with 1,000 members:"
  echo
  row "load" "conns" "req/s" "p50" "p99"
  row "---" "---:" "---:" "---:" "---:"
  for mode in in-memory disk; do
    if [ "$mode" = in-memory ]; then
      start_emulator --in-memory --fixtures "$work/people.json"
    else
      rm -f "$work/people.db"*; start_emulator --db "$work/people.db" --fixtures "$work/people.json"
    fi
    local list=v4/live_engine_http_srv/get_member_list send=v4/live_engine_http_srv/send_text_msg
    local text='{"RoomId":"big","Sender_Account":"member-0001","TextContent":"hello, room"}'
    expect_ok "$list" '{"RoomId":"big","Next":""}'
    expect_ok "$send" "$text"
    if [ "$mode" = in-memory ]; then
      read -r r p50 p99 < <(load 64 "http://127.0.0.1:$port/$list?$query" '{"RoomId":"big","Next":""}')
      row "get_member_list first page (100)" 64 "$r" "$p50" "$p99"
      read -r r p50 p99 < <(load 64 "http://127.0.0.1:$port/$list?$query" '{"RoomId":"big","Next":"500"}')
      row "get_member_list page 6" 64 "$r" "$p50" "$p99"
    fi
    for conns in 1 64; do
      read -r r p50 p99 < <(load "$conns" "http://127.0.0.1:$port/$send?$query" "$text")
      row "send_text_msg ($mode)" "$conns" "$r" "$p50" "$p99"
    done
    echo "   RSS after ($mode): $(rss_kb "$pid" VmRSS) kB"
    kill -TERM "$pid"; wait "$pid"
  done
}

# get_gift_info_list over a catalogue of 500 gifts in 10 categories, each gift and category
# named in the 3 languages (a fixture seeds them).
gifts_case() {
  local r p50 p99 conns
  awk -v key="$key" 'BEGIN {
    app = "\"sdkappid\":1400000000"
    langs = "\"languages\":{\"en\":{\"name\":\"N\",\"desc\":\"D\"},\"zh-Hans\":{\"name\":\"名\",\"desc\":\"述\"},\"zh-Hant\":{\"name\":\"名\",\"desc\":\"述\"}}"
    printf "{\"apps\":[{%s,\"key\":\"%s\"}],\"gifts\":[", app, key
    for (i = 0; i < 500; i++) {
      printf "%s{%s,\"gift_id\":\"gift-%03d\",\"coins\":%d,\"default_name\":\"Gift %d\",", (i ? "," : ""), app, i, i + 1, i
      printf "\"icon_url\":\"https://img.example/%03d.png\",\"resource_url\":\"https://img.example/%03d.svga\",%s}", i, i, langs
    }
    printf "],\"gift_categories\":["
    for (c = 0; c < 10; c++) {
      printf "%s{%s,\"category_id\":\"cat-%d\",\"default_name\":\"Cat %d\",%s,\"gift_ids\":[", (c ? "," : ""), app, c, c, langs
      for (i = 0; i < 50; i++) printf "%s\"gift-%03d\"", (i ? "," : ""), c * 50 + i
      printf "]}"
    }
    print "]}" }' >"$work/gifts.json"
  start_emulator --in-memory --fixtures "$work/gifts.json"
  local list=v4/live_engine_http_srv/get_gift_info_list
  expect_ok "$list" '{"Language":"zh-Hans"}'
  echo
  echo "get_gift_info_list over 500 gifts in 10 categories, 3 languages ($(curl -s -X POST \
    "http://127.0.0.1:$port/$list?$query" -d '{"Language":"zh-Hans"}' | wc -c) bytes a response):"
  echo
  row "load" "conns" "req/s" "p50" "p99"
  row "---" "---:" "---:" "---:" "---:"
  for conns in 1 64; do
    read -r r p50 p99 < <(load "$conns" "http://127.0.0.1:$port/$list?$query" '{"Language":"zh-Hans"}')
    row "get_gift_info_list zh-Hans" "$conns" "$r" "$p50" "$p99"
  done
  echo "   RSS after: $(rss_kb "$pid" VmRSS) kB"
  kill -TERM "$pid"; wait "$pid"
}

# The event stream's cost (GET /_emulator/events): the server's RSS with 50 idle subscribers
# attached; then v4 get_callback with no subscriber, and with one subscriber reading every
# event (curl, on the load's CPU), in the same run.
events_case() {
  local get=v4/call_config/get_callback subscriber
  start_emulator --in-memory
  expect_ok v4/call_config/set_callback "$set_body"
  echo
  echo "The event stream: RSS with 50 idle subscribers; v4 get_callback (each request one"
  echo "journal event) without and with a subscriber reading every event:"
  echo
  # First, on the fresh process: RSS idle, then with 50 subscribers that receive nothing.
  local before idle=() open
  before=$(rss_kb "$pid" VmRSS)
  for _ in $(seq 50); do
    curl -sN "http://127.0.0.1:$port/_emulator/events" >/dev/null &
    idle+=($!)
  done
  for _ in $(seq 100); do
    open=$(ss -Htn state established "( sport = :$port )" | wc -l)
    [ "$open" -ge 50 ] && break
    curl -sf "http://127.0.0.1:$port/_emulator/health" >/dev/null
  done
  echo "RSS: $before kB idle; $(rss_kb "$pid" VmRSS) kB with $open idle subscribers"
  kill "${idle[@]}"; wait "${idle[@]}" 2>/dev/null || true
  expect_ok "$get" '{}'
  table_head
  load_rows "get_callback, no subscriber" "$get" '{}'
  taskset -c "$load_cpu" curl -sN "http://127.0.0.1:$port/_emulator/events" >"$work/events" &
  subscriber=$!
  load_rows "get_callback, 1 subscriber" "$get" '{}'
  kill "$subscriber"; wait "$subscriber" 2>/dev/null || true
  load_rows "get_callback, no subscriber again" "$get" '{}'
  echo "   events the subscriber received: $(grep -c '^event: journal' "$work/events")"
  kill -TERM "$pid"; wait "$pid"
}

case "${2:-}" in
  events) events_case; exit 0 ;;
  gifts) gifts_case; exit 0 ;;
  people) people_case; exit 0 ;;
  state-size) state_size_case; exit 0 ;;
  https) https_case; exit 0 ;;
  records) records_case; exit 0 ;;
esac

echo "## trtc-emulator benchmark ($(nproc) cores, ${secs}s per run, wrk over loopback;" \
  "server on CPU $server_cpu with one thread, wrk on CPU $load_cpu)"
echo
# Start-to-ready: median of 21 starts (in memory).
times=()
for _ in $(seq 21); do
  t0=$(date +%s%N); start_emulator --in-memory; t1=$(date +%s%N)
  times+=($(( (t1 - t0) / 1000 ))); kill -TERM "$pid"; wait "$pid"
done
ready_us=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 11p)
echo "start-to-ready (median of 21, in memory): $((ready_us / 1000)).$(( (ready_us % 1000) / 100 )) ms"
echo

row "load" "conns" "req/s" "p50" "p99"
row "---" "---:" "---:" "---:" "---:"
declare -A rps
for storage in in-memory disk; do
  if [ "$storage" = in-memory ]; then start_emulator --in-memory; else start_emulator --db "$work/bench.db"; fi
  expect_ok v4/call_config/set_callback "$set_body"
  expect_ok v1/callback/set '{"address":"https://bench.example/v1","actions":["call_busy"]}'
  idle=$(rss_kb "$pid" VmRSS)
  for conns in 1 64; do
    for api in "v4/call_config/get_callback|{}" "v4/call_config/set_callback|$set_body" "v1/callback/get|{}"; do
      path=${api%%|*} body=${api#*|}
      read -r r p50 p99 < <(load "$conns" "http://127.0.0.1:$port/$path?$query" "$body")
      rps["$storage $path $conns"]=$r
      row "$storage $path" "$conns" "$r" "$p50" "$p99"
    done
  done
  peak=$(rss_kb "$pid" VmHWM)
  kill -TERM "$pid"; wait "$pid"
  echo "RSS $storage: idle ${idle} kB, peak under load ${peak} kB" >>"$work/rss"
done

taskset -c "$server_cpu" "$build/tests/bench/reference_server" "$work/ref-port" 1 &
ref=$!
while [ ! -s "$work/ref-port" ]; do sleep 0.05; done
port=$(cat "$work/ref-port")
for conns in 1 64; do
  read -r r p50 p99 < <(load "$conns" "http://127.0.0.1:$port/v4/call_config/get_callback?$query" "{}")
  rps["reference $conns"]=$r
  row "reference (same bytes, no work)" "$conns" "$r" "$p50" "$p99"
done
kill -TERM "$ref"; wait "$ref" 2>/dev/null || true

# The ratio, measured in alternating rounds with both servers up (each idle while the
# other is driven), so that a slow minute on a shared machine hits both alike.
start_emulator --in-memory
expect_ok v4/call_config/set_callback "$set_body"
ours=$port
taskset -c "$server_cpu" "$build/tests/bench/reference_server" "$work/ref-port2" 1 &
ref=$!
while [ ! -s "$work/ref-port2" ]; do sleep 0.05; done
theirs=$(cat "$work/ref-port2")
echo
for conns in 1 64; do
  ratios=()
  for _ in 1 2 3 4 5; do
    read -r a _ _ < <(load "$conns" "http://127.0.0.1:$ours/v4/call_config/get_callback?$query" "{}")
    read -r b _ _ < <(load "$conns" "http://127.0.0.1:$theirs/v4/call_config/get_callback?$query" "{}")
    ratios+=("$(awk -v a="$a" -v b="$b" 'BEGIN {printf "%.2f", a / b}')")
  done
  echo "authenticated get / reference at $conns connection(s): median $(printf '%s\n' "${ratios[@]}" |
    sort -n | sed -n 3p) of 5 alternating rounds (${ratios[*]})"
done
kill -TERM "$pid" "$ref"; wait "$pid" "$ref" 2>/dev/null || true
https_case
records_case
people_case
gifts_case
events_case
state_size_case
echo
cat "$work/rss"
echo "binary: $(stat -c %s "$bin") bytes ($(strip -o "$work/stripped" "$bin" && stat -c %s "$work/stripped") stripped)"
