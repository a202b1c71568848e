/**
 * The relay server: receives each participant's RTP stream and forwards it to every other participant.
 * Depends on no native library, so it runs on a small jlinked runtime.
 */
module dev.vc.relay {
    requires transitive dev.vc.api;

    exports dev.vc.relay;
}
