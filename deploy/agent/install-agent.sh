#!/bin/sh
# Installs the edgefleet site agent on a Debian host.
#
#   install-agent.sh [--root DIR] [--no-start] APP_DIR [INVENTORY_FILE]
#
# APP_DIR is the agent's Quarkus build output (site-agent/target/quarkus-app, containing
# quarkus-run.jar). INVENTORY_FILE, if given, becomes /etc/edgefleet/site-inventory.json.
# --root DIR installs under DIR instead of / (staging, packaging, tests) and implies --no-start.
# --no-start installs and enables nothing with systemctl.
#
# Safe to run again for an upgrade: the application is swapped in whole, an existing
# /etc/edgefleet/agent.conf is never overwritten (the new one lands beside it as agent.conf.dist),
# and restarting the agent does not stop running microVMs (see edgefleet-agent.service).
set -eu

root=""
start=yes
while [ $# -gt 0 ]; do
    case "$1" in
        --root) root="${2:?--root needs a directory}"; start=no; shift 2 ;;
        --no-start) start=no; shift ;;
        -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
        --) shift; break ;;
        -*) echo "unknown option $1" >&2; exit 2 ;;
        *) break ;;
    esac
done
app="${1:?usage: install-agent.sh [--root DIR] [--no-start] APP_DIR [INVENTORY_FILE]}"
inventory="${2:-}"
here=$(cd "$(dirname "$0")" && pwd)

[ -f "$app/quarkus-run.jar" ] || { echo "$app/quarkus-run.jar not found: build site-agent first (mvn -pl site-agent -am package)" >&2; exit 1; }
if [ -z "$root" ]; then
    [ "$(id -u)" -eq 0 ] || { echo "run as root (or use --root DIR to stage)" >&2; exit 1; }
    [ -f /etc/debian_version ] || echo "warning: not a Debian host; continuing" >&2
    # The agent needs a Java 17 runtime at /usr/bin/java (the unit's ExecStart).
    if ! [ -x /usr/bin/java ]; then
        apt-get update
        apt-get install -y --no-install-recommends openjdk-17-jre-headless
    fi
fi

opt="$root/opt/edgefleet-agent"
etc="$root/etc/edgefleet"
units="$root/etc/systemd/system"
state="$root/var/lib/edgefleet-agent"
mkdir -p "$(dirname "$opt")" "$etc" "$units" "$state/vm" "$state/qemu" "$root/var/lib/edgefleet/images/sha256"
chmod 0750 "$state"

# Application: copy beside, then swap, so a running agent never sees a half-copied tree.
rm -rf "$opt.new"
cp -a "$app" "$opt.new"
cp "$here/agent.conf" "$opt.new/agent.conf.dist"
mkdir -p "$opt.new/config"
# Quarkus reads ./config/application.properties from its working directory (/opt/edgefleet-agent).
ln -sfn /etc/edgefleet/agent.conf "$opt.new/config/application.properties"
rm -rf "$opt.old"
[ -d "$opt" ] && mv "$opt" "$opt.old"
mv "$opt.new" "$opt"
rm -rf "$opt.old"

# Configuration: keep the operator's file.
if [ -f "$etc/agent.conf" ]; then
    cp "$here/agent.conf" "$etc/agent.conf.dist"
    echo "kept existing $etc/agent.conf; the shipped one is $etc/agent.conf.dist"
else
    install -m 0600 "$here/agent.conf" "$etc/agent.conf"   # may hold the Kafka password
    echo "installed $etc/agent.conf: set edgefleet.agent.site-id, the inventory and Kafka before starting"
fi
if [ -n "$inventory" ]; then
    install -m 0644 "$inventory" "$etc/site-inventory.json"
fi

install -m 0644 "$here/edgefleet-agent.service" "$units/edgefleet-agent.service"
install -m 0644 "$here/edgefleet-microvms.slice" "$units/edgefleet-microvms.slice"

if [ "$start" = yes ]; then
    systemctl daemon-reload
    systemctl enable edgefleet-agent.service
    if grep -q '=CHANGE-ME' "$etc/agent.conf"; then
        echo "not starting: $etc/agent.conf still has CHANGE-ME values; then run: systemctl start edgefleet-agent"
    else
        # restart, not start: an upgrade must load the new code. Running microVMs are not affected.
        systemctl restart edgefleet-agent.service
        systemctl --no-pager status edgefleet-agent.service || true
    fi
fi
# Identity: the agent makes the site key on first start; the operator enrolls its public half.
key=$(sed -n 's/^edgefleet\.agent\.identity\.key-file=//p' "$etc/agent.conf" | tail -1)
if [ -n "$key" ]; then
    echo "site identity: the agent signs its reports with $key (made on first start if absent);"
    echo "  enroll its public key once: fleetctl site enroll <site-id> --public-key $key.pub"
    echo "  (a host agent, edgefleet.agent.host-id set: add --host <host-id>; each host has its own key)"
fi
echo "edgefleet agent installed under ${root:-/}"
