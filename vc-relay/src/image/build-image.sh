#!/bin/sh
# Builds the relay's self-contained runtime image (docs/relay.md, "A small runtime image").
#   build-image.sh MODULE_PATH OUTPUT_DIR
# MODULE_PATH: the vc-relay jar and its runtime dependencies; OUTPUT_DIR must not exist. Uses $JAVA_HOME/bin/jlink
# when JAVA_HOME is set, else jlink from PATH; the JDK must have its jmods.
set -eu
if [ $# -ne 2 ]; then
    echo "usage: build-image.sh MODULE_PATH OUTPUT_DIR" >&2
    exit 2
fi
HERE=$(dirname "$0")
JLINK=${JAVA_HOME:+$JAVA_HOME/bin/}jlink
# BouncyCastle's jars are signed, which jlink refuses without --ignore-signing-information. Native access lets a
# Java 22+ image run SRTP's AES-GCM on OpenSSL's libcrypto (docs/relay.md); Java 17 accepts the flag and ignores it.
"$JLINK" --ignore-signing-information --module-path "$1" --add-modules dev.vc.relay \
    --add-options="-XX:AutoBoxCacheMax=65536 --enable-native-access=dev.vc.transport.udp" \
    --strip-debug --no-header-files --no-man-pages --compress=2 --output "$2"
# Not jlink's --launcher: its script runs java as a child without exec, so SIGTERM ends the script and leaves the
# JVM running with its ports.
cp "$HERE/vc-relay" "$2/bin/vc-relay"
chmod 755 "$2/bin/vc-relay"
