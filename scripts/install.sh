#!/bin/sh
# Installs a Loombus distribution tarball under PREFIX, for one user or for the machine:
#   PREFIX/lib/loombus-VERSION/   the unpacked image (a Java runtime with the launchers)
#   PREFIX/lib/loombus            a link to the version installed last (an upgrade relinks it)
#   PREFIX/bin/loombusd, ...      links to its launchers, so PREFIX/bin on the PATH is enough
# The launchers find their image through the links, so nothing else needs to be set.
# Usage: install.sh TARBALL PREFIX   (./dev install builds the tarball first and calls this)
set -eu
if [ $# -ne 2 ]; then
  echo "usage: install.sh TARBALL PREFIX" >&2
  exit 2
fi
tarball=$1
prefix=$2
[ -f "$tarball" ] || { echo "install.sh: no tarball at $tarball" >&2; exit 1; }
top=$(basename "$tarball" | sed 's/-[a-z]*-[a-z0-9_]*\.tar\.gz$//')
mkdir -p "$prefix/lib" "$prefix/bin"
# A reinstall of the same version replaces it whole, so no file of the old copy stays behind.
rm -rf "${prefix:?}/lib/$top"
tar -xzf "$tarball" -C "$prefix/lib"
ln -sfn "$top" "$prefix/lib/loombus"
launchers=""
for path in "$prefix/lib/$top/bin/"*; do
  name=$(basename "$path")
  # The image's own java and keytool stay private to it: they would shadow the system's.
  case $name in java | keytool) continue ;; esac
  ln -sfn "../lib/loombus/bin/$name" "$prefix/bin/$name"
  launchers="$launchers $name"
done
echo "installed $top in $prefix/lib/$top; in $prefix/bin:$launchers"
case ":${PATH:-}:" in
  *":$prefix/bin:"*) ;;
  *) echo "$prefix/bin is not on your PATH; add it: export PATH=\"$prefix/bin:\$PATH\"" ;;
esac
