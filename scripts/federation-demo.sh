#!/usr/bin/env bash
# ./dev federation-demo: three hosts on one machine, federated over NATS (docs/federation.md).
#   bash scripts/federation-demo.sh IMAGE_DIR
# Builds network namespaces lbd-1, lbd-2, lbd-3 joined by veths to a bridge in lbd-hub (addresses
# 10.77.1.1-3, which exist only inside them), starts a nats-server in each (clustered by routes)
# and a loombusd node in each, shows a cross-node exchange with the loombus tool over the nodes'
# Unix sockets, and removes everything again, also when interrupted. Needs root and nats-server.
set -euo pipefail
image=$(cd "$1" && pwd)
[ "$(id -u)" = 0 ] || { echo "federation-demo: network namespaces need root" >&2; exit 1; }
nats=$(command -v nats-server || echo /usr/sbin/nats-server)
[ -x "$nats" ] || { echo "federation-demo: nats-server is missing (apt-get install nats-server)" >&2; exit 1; }
dir=$(mktemp -d /tmp/loombus-demo.XXXXXX)
pids=()

sweep() {  # the demo's namespaces and everything running in them
  for ns in $(ip netns list | awk '{print $1}' | grep '^lbd-' || true); do
    for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -9 "$pid" 2>/dev/null || true; done
    ip netns del "$ns" 2>/dev/null || true
  done
}
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  sleep 0.5
  sweep
  rm -rf "$dir"
  echo "demo: cleaned up (namespaces, processes, $dir)"
}
trap cleanup EXIT
sweep

ip netns add lbd-hub
ip -n lbd-hub link add br0 type bridge
ip -n lbd-hub link set br0 up
for i in 1 2 3; do
  ip netns add lbd-$i
  ip link add lbdv$i netns lbd-hub type veth peer name eth0 netns lbd-$i
  ip -n lbd-$i addr add 10.77.1.$i/24 dev eth0
  ip -n lbd-$i link set eth0 up
  ip -n lbd-$i link set lo up
  ip -n lbd-hub link set lbdv$i master br0
  ip -n lbd-hub link set lbdv$i up
done
echo "demo: hosts lbd-1, lbd-2, lbd-3 at 10.77.1.1-3 (network namespaces)"

for i in 1 2 3; do
  routes=""
  for j in 1 2 3; do [ $j = $i ] || routes="$routes \"nats-route://10.77.1.$j:6222\","; done
  cat > "$dir/nats$i.conf" <<CONF
server_name: demo$i
listen: 10.77.1.$i:4222
cluster { name: demo, listen: 10.77.1.$i:6222, routes: [ ${routes%,} ] }
CONF
  ip netns exec lbd-$i "$nats" -c "$dir/nats$i.conf" > "$dir/nats$i.log" 2>&1 &
  pids+=($!)
done
for i in 1 2 3; do
  others=""
  for j in 1 2 3; do [ $j = $i ] || others="$others,nats://10.77.1.$j:4222"; done
  ip netns exec lbd-$i "$image/bin/loombusd" -B "$dir/node$i.sock" \
    --federate "nats://10.77.1.$i:4222$others" --node host$i > "$dir/node$i.log" 2>&1 &
  pids+=($!)
done
for i in 1 2 3; do
  for _ in $(seq 100); do [ -S "$dir/node$i.sock" ] && break; sleep 0.1; done
done
echo "demo: nats-server and loombusd running on each host; nodes listen on $dir/node{1,2,3}.sock"

tool() { local n=$1; shift; "$image/bin/loombus" "$dir/node$n.sock" "$@"; }
tool 2 -n svc.hello listen > "$dir/hello.out" 2>&1 &
pids+=($!)
tool 3 -n news.reader listen -t 'demo/#' > "$dir/news.out" 2>&1 &
pids+=($!)
# until node 1 knows svc.hello of node 2 (the directory and the NATS routes are up)
for _ in $(seq 100); do tool 1 send svc.hello "hello from host1" >/dev/null 2>&1 && break; sleep 0.2; done
tool 1 publish demo/news "published on host1, read on host3"
tool 1 send 'svc.*' "a broadcast from host1"
sleep 1

echo; echo "\$ loombus node1.sock broker client.list      # on host1: host2's and host3's clients too"
tool 1 broker client.list
echo; echo "\$ loombus node1.sock broker stats            # the federation's counters"
tool 1 broker stats
echo; echo "what svc.hello received on host2:"
sed 's/^/  /' "$dir/hello.out"
echo "what news.reader received on host3:"
sed 's/^/  /' "$dir/news.out"
