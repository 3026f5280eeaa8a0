#!/bin/sh
# Links the Loombus runtime image. Maven runs it at `package` (see pom.xml) as
#   sh link.sh JAVA_HOME MODULE_DIR IMAGE_DIR
# JAVA_HOME is the JDK that runs Maven (its jlink, and its java for the training run);
# MODULE_DIR holds the reactor's module jars and their dependencies.
set -eu
java_home=$1
modules=$2
image=$3
here=$(cd -- "$(dirname -- "$0")" && pwd -P)

rm -rf "$image"
# Roots only; jlink adds what they require (org.loombus.broker, org.loombus.protocol,
# org.tinylog.api, jdk.net, jdk.unsupported, java.management). org.tinylog.impl is required by
# nobody (it is found through ServiceLoader), so without it here tinylog would log nothing.
# org.msgpack.core is for the RPC layer.
"$java_home/bin/jlink" \
  --module-path "$modules" \
  --add-modules org.loombus.server,org.tinylog.impl,org.msgpack.core \
  --strip-debug --no-header-files --no-man-pages --compress zip-6 \
  --output "$image"

for launcher in "$here"/src/bin/*; do
  cp "$launcher" "$image/bin/"
  chmod 755 "$image/bin/$(basename -- "$launcher")"
done

# Class-data sharing halves the daemon's start-up (measured with src/check/StartupTime.java).
# Instead of jlink's --generate-cds-archive (the JDK's generic class list, two archives of 14 MB
# each), record the classes one real daemon run loads (the smoke test's start, two clients, a
# message, SIGTERM) and archive exactly those, our own modules included, at the default place
# lib/server/classes.jsa, where the launchers' -Xshare:auto finds it.
classlist="$image.classlist"
LOOMBUS_JAVA_OPTS="-XX:DumpLoadedClassList=$classlist" \
  "$java_home/bin/java" "$here/src/check/SmokeTest.java" "$image" >/dev/null
LOOMBUS_JAVA_OPTS="-Xshare:dump -XX:SharedClassListFile=$classlist -Xlog:cds=error" \
  "$image/bin/loombusd"
rm -f "$classlist"
