#!/usr/bin/env bash
# Builds a stand-in for node:24-slim from this machine's own files, for tests where no image registry is reachable:
# the host's Node 24 binary, the glibc libraries it (and sh, cp) links, Debian's static tini, and a `node` user (uid 1000)
# as the official image has. Usage: local-base-image.sh <image-tag> [node-binary]
set -euo pipefail
tag=${1:?usage: local-base-image.sh <image-tag> [node-binary]}
node_bin=${2:-$(command -v node)}
podman=(podman --runtime runc --cgroup-manager=cgroupfs)

# Importing copies ~130 MB: skip it when the image already holds these very binaries.
digest=$(cat "$node_bin" /usr/bin/tini-static 2>/dev/null | sha256sum | cut -c1-32)
if [ "$("${podman[@]}" image inspect --format '{{ index .Labels "sso-creds.base-digest" }}' "$tag" 2>/dev/null)" = "$digest" ]; then
  echo "$tag"
  exit 0
fi

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
chmod 755 "$root"
mkdir -p "$root"/{bin,usr/local/bin,usr/bin,etc,tmp,home/node,root}
chmod 1777 "$root/tmp"

# Every binary the image needs, and each shared library ldd names for it, at the same path as on the host.
copy_with_libs() {
  local src=$1 dest=$2
  cp -L "$src" "$root$dest"
  ldd "$src" 2>/dev/null | grep -oE '/[^ ]+' | while read -r lib; do
    mkdir -p "$root$(dirname "$lib")"
    [ -e "$root$lib" ] || cp -L "$lib" "$root$lib"
  done
}
copy_with_libs "$node_bin" /usr/local/bin/node
copy_with_libs "$(readlink -f /bin/sh)" /bin/sh
for tool in cp rm mkdir cat chmod; do copy_with_libs "$(command -v $tool)" "/bin/$tool"; done
# Scripts with `#!/usr/bin/env node` (sso-whoami) need env where Debian has it.
copy_with_libs /usr/bin/env /usr/bin/env
# The official image would apt-get install tini in the Dockerfile's init stage; with no network it finds this one instead.
if [ -x /usr/bin/tini-static ]; then cp /usr/bin/tini-static "$root/usr/bin/tini-static"; fi

printf 'root:x:0:0:root:/root:/bin/sh\nnode:x:1000:1000::/home/node:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n' >"$root/etc/passwd"
printf 'root:x:0:\nnode:x:1000:\nnogroup:x:65534:\n' >"$root/etc/group"
printf '127.0.0.1 localhost\n::1 localhost\n' >"$root/etc/hosts"
chown 1000:1000 "$root/home/node"

tar -C "$root" --numeric-owner -cf "$root.tar" .
trap 'rm -rf "$root" "$root.tar"' EXIT
"${podman[@]}" import --quiet \
  --change 'ENV PATH=/usr/local/bin:/usr/bin:/bin' \
  --change 'CMD ["node"]' \
  --change "LABEL sso-creds.base-digest=$digest" \
  "$root.tar" "$tag" >/dev/null
echo "$tag"
