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
# Roots only; jlink adds what they require (org.loombus.server, org.loombus.broker,
# org.loombus.broker.service, org.loombus.management, org.loombus.rpc, org.loombus.protocol,
# org.loombus.client, org.tinylog.api, jdk.net, jdk.unsupported, java.management, jdk.httpserver). org.tinylog.impl
# is required by nobody (it is found through ServiceLoader), so without it here tinylog would log
# nothing. jdk.management.agent is required by nobody either: the JVM loads it for
# -Dcom.sun.management.jmxremote.* and when jconsole or jcmd attach to a running daemon; it brings
# java.management.rmi and java.rmi for remote JMX. org.loombus.daemon is bin/loombusd, org.loombus.cli bin/loombus.
"$java_home/bin/jlink" \
  --module-path "$modules" \
  --add-modules org.loombus.daemon,org.loombus.cli,org.tinylog.impl,jdk.management.agent \
  --strip-debug --no-header-files --no-man-pages --compress zip-6 \
  --output "$image"

# Commands that come with modules linked for their APIs (jdk.httpserver, java.rmi) and serve
# no purpose here; keytool stays, for keystores of JMX over TLS.
rm -f "$image/bin/jwebserver" "$image/bin/rmiregistry"

for launcher in "$here"/src/bin/*; do
  cp "$launcher" "$image/bin/"
  chmod 755 "$image/bin/$(basename -- "$launcher")"
done

# libjvm.so arrives with its symbol table (5 MB); the image does not need it.
if command -v strip >/dev/null 2>&1; then
  strip --strip-unneeded "$image/lib/server/libjvm.so"
fi

# Class-data sharing cuts the daemon's start-up by a third (measured with
# src/check/StartupTime.java). Record the classes one real daemon run loads (the smoke test's start,
# two clients, a message, SIGTERM) and archive the application's own (org.loombus, tinylog,
# msgpack) at the default place lib/server/classes.jsa, where the launchers' -Xshare:auto finds it;
# the VM adds the core JDK classes it always needs. Archiving every JDK class loaded as well is
# faster still (about 100 ms instead of 150 ms) but adds 6 MB and takes the image past 50 MB.
classlist="$image.classlist"
LOOMBUS_JAVA_OPTS="-XX:DumpLoadedClassList=$classlist.all" \
  "$java_home/bin/java" "$here/src/check/SmokeTest.java" "$image" >/dev/null
grep '^org/' "$classlist.all" > "$classlist"
LOOMBUS_JAVA_OPTS="-Xshare:dump -XX:SharedClassListFile=$classlist -Xlog:cds=error" \
  "$image/bin/loombusd"
rm -f "$classlist" "$classlist.all"
