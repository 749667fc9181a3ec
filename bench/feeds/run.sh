#!/usr/bin/env bash
# Feed serving benchmark (a measurement, not a test): the local host serving /api/feeds/rss from its
# in-memory copy, against nginx serving the same bytes as a static file, plain and with
# Accept-Encoding: gzip (nginx gzip_static on the same compressed bytes), side by side after a warm-up,
# in alternating rounds; nginx twice, as the target names it (worker_processes auto) and tuned for static
# files (sendfile, no access log); the page's bytes with no coding, gzip and Brotli; cold first-request
# latency; a fresh process's rate in its first ten seconds of load; feed render time for 100 / 1,000 /
# 10,000 stored articles. Loopback only.
#
#   bench/feeds/run.sh            (needs: dotnet, node_modules/.bin/azurite (npm ci), wrk, nginx, curl)
#   ROUNDS=5 DURATION=5s WARMUP=20s CONNECTIONS=32 THREADS=2 SIZES="100 1000 10000" ARTICLES=1000 bench/feeds/run.sh
# Storing goes through Azurite, about 40 articles/s here and slower as it fills: the 10,000 step takes
# over ten minutes on two shared cores. SIZES="100 1000" gives the serving figures in about two.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
DURATION="${DURATION:-5s}"
ROUNDS="${ROUNDS:-5}"
WARMUP="${WARMUP:-20s}"
CONNECTIONS="${CONNECTIONS:-32}"
THREADS="${THREADS:-2}"
ARTICLES="${ARTICLES:-1000}"
# Render time is measured as the store grows through these sizes (ARTICLES must be one of them).
SIZES="${SIZES:-100 1000 10000}"
WORK="$(mktemp -d /tmp/langaj-feed-bench.XXXXXX)"
# nginx's workers run as an unprivileged user and must read the static copy.
chmod 755 "$WORK"
PIDS=()

# Each server runs in a session of its own (setsid), so it is stopped with its children (dotnet run's
# app, nginx's workers) by its own process group id, and signals aimed at one never reach another.
stop() { kill -- "-$1" 2>/dev/null || true; }
cleanup() {
  for pid in "${PIDS[@]}"; do stop "$pid"; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

for tool in wrk nginx curl dotnet; do
  command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install -y wrk nginx curl)" >&2; exit 1; }
done
AZURITE="$ROOT/node_modules/.bin/azurite"
[ -x "$AZURITE" ] || { echo "missing $AZURITE (run: npm ci in $ROOT)" >&2; exit 1; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_port() { for _ in $(seq 1 300); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.2; done; echo "nothing listens on $1" >&2; exit 1; }

BLOB=$(free_port); QUEUE=$(free_port); TABLE=$(free_port); APP=$(free_port); STATIC=$(free_port); TUNED=$(free_port)
setsid "$AZURITE" --silent --disableTelemetry --skipApiVersionCheck --loose --location "$WORK/azurite" \
  --blobHost 127.0.0.1 --blobPort "$BLOB" --queueHost 127.0.0.1 --queuePort "$QUEUE" --tableHost 127.0.0.1 --tablePort "$TABLE" &
PIDS+=($!)
wait_port "$BLOB"; wait_port "$TABLE"

# Azurite's well-known development account; nothing secret.
KEY="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
export ConnectionStrings__Storage="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$KEY;BlobEndpoint=http://127.0.0.1:$BLOB/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$QUEUE/devstoreaccount1;TableEndpoint=http://127.0.0.1:$TABLE/devstoreaccount1;"
export Storage__NamePrefix="bench"
export Feeds__PublicBaseUrl="http://127.0.0.1:$APP/"
export Logging__LogLevel__Default="Warning"
export DOTNET_CLI_TELEMETRY_OPTOUT=1

echo "== building (Release)"
# Published ReadyToRun, as a deployment is (the Functions app publishes the same way): startup code is precompiled.
dotnet publish -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true "$ROOT/src/Langaj.Cli" -o "$WORK/app" -v q -nologo >/dev/null
dotnet build -c Release "$ROOT/bench/feeds/FeedBench.cs" -v q -nologo >/dev/null

BENCH="dotnet run -c Release --no-build $ROOT/bench/feeds/FeedBench.cs --"
STORED=0
RENDER_TIMES="$WORK/render.txt"
grow_to() {
  $BENCH seed "$STORED" "$1"
  STORED="$1"
  $BENCH measure "$STORED" >> "$RENDER_TIMES"
}

echo "== storing articles (the render time is measured at each size: $SIZES)"
for size in $SIZES; do
  [ "$size" -le "$ARTICLES" ] && grow_to "$size"
done
[ "$STORED" -eq "$ARTICLES" ] || { echo "ARTICLES ($ARTICLES) must be one of SIZES ($SIZES)" >&2; exit 1; }

# One source, as seeded; its discovery URL is a closed loopback port, so a scheduled scrape fails fast
# and changes nothing.
cat > "$WORK/sources.json" <<JSON
{ "sources": [ { "id": "bench", "name": "Bench Nouvelles", "language": "fr",
  "feed": { "url": "http://127.0.0.1:1/feed.xml" }, "allowPrivateAddresses": true, "schedule": "0 0 1 1 *" } ] }
JSON

echo "== starting the local host on 127.0.0.1:$APP"
setsid "$WORK/app/Langaj.Cli" serve --urls "http://127.0.0.1:$APP" --sources "$WORK/sources.json" \
  > "$WORK/serve.log" 2>&1 &
PIDS+=($!)
wait_port "$APP"
# An instance warms up in the background when it starts (FeedWarmup): give it the moment it needs,
# as a platform does before routing traffic to a new instance.
sleep "${WARMUP_WAIT:-3}"

# The process's first feed request: JIT, the blob read that fills the in-memory copy, the render-free path.
COLD=$(curl -s -o "$WORK/rss.xml" -w '%{time_total}' "http://127.0.0.1:$APP/api/feeds/rss")
SECOND=$(curl -s -o /dev/null -w '%{time_total}' "http://127.0.0.1:$APP/api/feeds/rss")
BYTES=$(stat -c %s "$WORK/rss.xml")
grep -q "<rss" "$WORK/rss.xml" || { echo "no feed served; see $WORK/serve.log" >&2; cat "$WORK/serve.log" >&2; exit 1; }
# The codings as the host serves them (compressed once, when the feed was rendered).
curl -s -H 'Accept-Encoding: gzip' -o "$WORK/rss.xml.gz" "http://127.0.0.1:$APP/api/feeds/rss"
curl -s -H 'Accept-Encoding: br' -o "$WORK/rss.xml.br" "http://127.0.0.1:$APP/api/feeds/rss"
cmp -s "$WORK/rss.xml" <(gzip -dc "$WORK/rss.xml.gz") || { echo "the gzip answer is not the feed's bytes" >&2; exit 1; }

mkdir -p "$WORK/html/api/feeds"
cp "$WORK/rss.xml" "$WORK/html/api/feeds/rss"
cp "$WORK/rss.xml.gz" "$WORK/html/api/feeds/rss.gz"
# Two nginx on the same files. "nginx" is the one the target names: worker_processes auto and nginx's own
# defaults otherwise (no sendfile, an access log). "nginx, tuned" is configured for static files: sendfile,
# no access log, no cap on requests per connection. Both serve the host's gzip bytes to a client that
# accepts gzip (gzip_static).
# start_nginx NAME PORT [DIRECTIVES]
start_nginx() {
  mkdir -p "$WORK/$1/logs" "$WORK/$1/tmp"
  cat > "$WORK/$1/nginx.conf" <<NGINX
worker_processes auto;
pid $WORK/$1/nginx.pid;
error_log $WORK/$1/logs/error.log warn;
daemon off;
events { }
http {
  ${3:-}
  client_body_temp_path $WORK/$1/tmp;
  proxy_temp_path $WORK/$1/tmp;
  fastcgi_temp_path $WORK/$1/tmp;
  uwsgi_temp_path $WORK/$1/tmp;
  scgi_temp_path $WORK/$1/tmp;
  server {
    listen 127.0.0.1:$2;
    root $WORK/html;
    default_type "application/rss+xml; charset=utf-8";
    gzip_static on;
  }
}
NGINX
  setsid nginx -p "$WORK/$1" -c "$WORK/$1/nginx.conf" &
  PIDS+=($!)
  wait_port "$2"
  cmp -s "$WORK/rss.xml" <(curl -s "http://127.0.0.1:$2/api/feeds/rss") || { echo "$1 does not serve the same bytes" >&2; exit 1; }
  cmp -s "$WORK/rss.xml.gz" <(curl -s -H 'Accept-Encoding: gzip' "http://127.0.0.1:$2/api/feeds/rss") || { echo "$1 does not serve the same gzip bytes" >&2; exit 1; }
}
start_nginx nginx "$STATIC"
start_nginx nginx-tuned "$TUNED" "sendfile on; access_log off; keepalive_requests 1000000;"

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# compare HEADER LABEL URL [LABEL URL ...]: ROUNDS rounds of DURATION, each URL once per round in turn, so
# that the machine's fast and slow phases fall on every server alike. Prints each server's median rate and
# p99; for the others, the host's rate over theirs: the median of the rounds' ratios, then each round's.
compare() {
  local header="$1" labels=() urls=() round url line i
  shift
  while [ $# -gt 0 ]; do labels+=("$1"); urls+=("$2"); shift 2; done
  : > "$WORK/rounds.txt"
  for round in $(seq 1 "$ROUNDS"); do
    line=""
    for url in "${urls[@]}"; do
      wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency ${header:+-H "$header"} "$url" > "$WORK/wrk.txt"
      if grep -qE "Non-2xx|Socket errors" "$WORK/wrk.txt"; then echo "errors from $url:" >&2; cat "$WORK/wrk.txt" >&2; exit 1; fi
      # wrk writes latencies with their unit (us, ms, s); in milliseconds here.
      line+="$(awk '/Requests\/sec/ { r = $2 } $1 == "99%" { v = $2; p = (v ~ /us$/) ? v / 1000 : (v ~ /ms$/) ? v + 0 : v * 1000 }
        END { printf "%s %s ", r, p }' "$WORK/wrk.txt")"
    done
    echo "$line" >> "$WORK/rounds.txt"
  done
  for i in "${!urls[@]}"; do
    local rps p99 ratio="" each=""
    rps=$(awk -v c=$((2 * i + 1)) '{ print $c }' "$WORK/rounds.txt" | median)
    p99=$(awk -v c=$((2 * i + 2)) '{ print $c }' "$WORK/rounds.txt" | median)
    if [ "$i" -gt 0 ]; then
      each=$(awk -v c=$((2 * i + 1)) '{ printf "%.2f ", $1 / $c }' "$WORK/rounds.txt")
      ratio="host/this $(tr ' ' '\n' <<< "$each" | grep . | median | xargs printf '%.2f') (rounds: ${each% })"
    fi
    printf "%-40s %9.0f req/s   p99 %7.1f ms   %s\n" "${labels[$i]}" "$rps" "$p99" "$ratio"
    if [ "$i" -eq 0 ]; then echo "$rps" > "$WORK/host-rps.txt"; fi
  done
}

echo "== bytes on the wire for the RSS page of 20 (body only)"
printf "%-34s %8s bytes\n" "none" "$BYTES" "gzip (smallest, at render)" "$(stat -c %s "$WORK/rss.xml.gz")" "br (quality 11, at render)" "$(stat -c %s "$WORK/rss.xml.br")"

echo "== warm-up: $WARMUP of load on each server, not counted"
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "http://127.0.0.1:$APP/api/feeds/rss" > /dev/null
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -H 'Accept-Encoding: gzip' "http://127.0.0.1:$APP/api/feeds/rss" > /dev/null
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "http://127.0.0.1:$STATIC/api/feeds/rss" > /dev/null
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "http://127.0.0.1:$TUNED/api/feeds/rss" > /dev/null

echo "== serving ($BYTES-byte RSS page of 20 from $ARTICLES stored articles; $ROUNDS rounds of wrk -t$THREADS -c$CONNECTIONS -d$DURATION)"
printf "%-40s %s s (then %s s)\n" "local host, cold first request" "$COLD" "$SECOND"
compare "" \
  "local host /api/feeds/rss" "http://127.0.0.1:$APP/api/feeds/rss" \
  "nginx, same bytes as a static file" "http://127.0.0.1:$STATIC/api/feeds/rss" \
  "nginx tuned (sendfile), same bytes" "http://127.0.0.1:$TUNED/api/feeds/rss"
WARM_RPS=$(cat "$WORK/host-rps.txt")
compare "Accept-Encoding: gzip" \
  "local host, Accept-Encoding: gzip" "http://127.0.0.1:$APP/api/feeds/rss" \
  "nginx gzip_static, same gzip bytes" "http://127.0.0.1:$STATIC/api/feeds/rss" \
  "nginx tuned gzip_static, same gzip bytes" "http://127.0.0.1:$TUNED/api/feeds/rss"

# A fresh process under load from its start: each second's rate against the warm rate above. Instances
# start and stop all the time, so the first seconds matter (ReadyToRun, tiered compilation, FeedWarmup).
stop "${PIDS[1]}"
sleep 1
setsid "$WORK/app/Langaj.Cli" serve --urls "http://127.0.0.1:$APP" --sources "$WORK/sources.json" > "$WORK/serve2.log" 2>&1 &
PIDS[1]=$!
wait_port "$APP"
sleep "${WARMUP_WAIT:-3}"
echo "== fresh process: req/s in each of its first ten seconds of load (warm: $WARM_RPS, the median above)"
for second in $(seq 1 10); do
  rps=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d1s "http://127.0.0.1:$APP/api/feeds/rss" | awk '/Requests\/sec/ {print $2}')
  printf "%6s s %12s req/s %6s x warm\n" "$second" "$rps" "$(awk -v r="$rps" -v w="$WARM_RPS" 'BEGIN { printf "%.2f", r / w }')"
done

# Stop serving before growing the store further, so the two measurements do not share the CPUs.
for pid in "${PIDS[@]:1}"; do stop "$pid"; done
for size in $SIZES; do
  [ "$size" -gt "$ARTICLES" ] && grow_to "$size"
done
echo "== render time as the store grows (one page of about 20, RSS)"
cat "$RENDER_TIMES"
