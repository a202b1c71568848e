/**
 * The relay server: participants join rooms over a TCP control channel, prove their media address with an
 * authenticated STUN hello, and the relay forwards each one's RTP to the others in its room. Depends on no
 * native library, so it runs on a small jlinked runtime.
 */
module dev.vc.relay {
    requires transitive dev.vc.api;
    requires dev.vc.transport.udp;
    requires jdk.httpserver;
    requires info.picocli;

    exports dev.vc.relay;
    // picocli fills the command's option fields reflectively.
    opens dev.vc.relay.cli to info.picocli;
}
