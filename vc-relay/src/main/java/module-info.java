/**
 * The relay server: participants join rooms over a TLS control channel, prove their media address with an
 * authenticated STUN hello, and the relay forwards each one's RTP to the others in its room. Depends on no
 * native library, so it runs on a small jlinked runtime.
 */
module dev.vc.relay {
    requires transitive dev.vc.api;
    requires dev.vc.transport.udp;
    requires jdk.httpserver;
    // Process and JVM figures on /metrics (ProcessMetrics): CPU time and file descriptors come from jdk.management.
    requires java.management;
    requires jdk.management;
    requires info.picocli;
    // The self-signed certificate of the control channel's TLS (dev.vc.relay.tls.SelfSignedCertificate).
    requires org.bouncycastle.pkix;
    requires org.bouncycastle.provider;
    // The JDK's SunEC provider: the certificate's P-256 key and the handshake's key exchange (a jlinked image
    // would leave it out, as nothing else names it).
    requires jdk.crypto.ec;

    exports dev.vc.relay;
    // A cluster (vc-relay-cluster) implements the placement interface; without one on the module path, none runs.
    exports dev.vc.relay.placement;
    uses dev.vc.relay.placement.RoomPlacementProvider;
    // picocli fills the command's option fields reflectively.
    opens dev.vc.relay.cli to info.picocli;
}
