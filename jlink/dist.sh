#!/bin/sh
# Packs the linked image with its service files into the distribution tarball. Maven runs it at
# `package`, after link.sh (see pom.xml), as
#   sh dist.sh IMAGE_DIR VERSION README OUT_DIR
# and it writes OUT_DIR/loombus-VERSION-OS-ARCH.tar.gz with one top directory loombus-VERSION:
# the image (bin/, lib/, conf/, legal/), the manual (README.md, docs/, CHANGELOG.md,
# module-info.md: the files beside README), systemd/loombusd.service and the example configuration
# in etc/ (loombusd.conf, aaa.properties, tinylog.properties).
set -eu
image=$1
version=$2
readme=$3
out=$4
here=$(cd -- "$(dirname -- "$0")" && pwd -P)

os=$(uname -s | tr '[:upper:]' '[:lower:]')
case $(uname -m) in
  x86_64 | amd64) arch=x64 ;;
  *) arch=$(uname -m) ;;
esac
name=loombus-$version
staging=$out/dist-staging
rm -rf "$staging"
mkdir -p "$staging/$name/etc" "$staging/$name/systemd"
cp -R "$image/." "$staging/$name/"
cp "$readme" "$staging/$name/README.md"
# The README links into docs/ and to these two; the tarball keeps those links working.
src=$(dirname -- "$readme")
mkdir "$staging/$name/docs"
cp "$src"/docs/*.md "$staging/$name/docs/"
cp "$src/CHANGELOG.md" "$src/module-info.md" "$staging/$name/"
cp "$here/src/dist/loombusd.service" "$staging/$name/systemd/"
cp "$here/src/dist/loombusd.conf" "$here/src/dist/aaa.properties" \
  "$here/src/dist/tinylog.properties" "$staging/$name/etc/"
chmod 644 "$staging/$name/README.md" "$staging/$name/CHANGELOG.md" "$staging/$name/module-info.md" \
  "$staging/$name/docs/"* "$staging/$name/systemd/"* "$staging/$name/etc/"*

# Owned by root in the archive, whoever built it: it is unpacked into /opt as root.
tarball=$out/$name-$os-$arch.tar.gz
rm -f "$out"/loombus-*.tar.gz
tar -C "$staging" --sort=name --owner=0 --group=0 --numeric-owner -czf "$tarball" "$name"
rm -rf "$staging"
echo "distribution: $tarball"
