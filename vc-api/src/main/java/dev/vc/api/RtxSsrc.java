package dev.vc.api;

/**
 * The rule that pairs a media stream's SSRC with the SSRC its retransmissions travel on (RTX, RFC 4588,
 * SSRC-multiplexed): the RTX SSRC is the media SSRC with its lowest bit flipped. A relay assigns media SSRCs
 * with that bit clear ({@link #isMedia}), so no RTX SSRC is ever another stream's media SSRC, and distinct media
 * SSRCs have distinct RTX SSRCs; a receiver finds the stream a retransmission belongs to without being told.
 *
 * <pre>{@code
 * int rtx = RtxSsrc.of(layerSsrc);          // what a sender resends on
 * int media = RtxSsrc.mediaOf(rtx);         // what a receiver puts it back on
 * }</pre>
 */
public final class RtxSsrc {
    private RtxSsrc() {
    }

    /**
     * @param mediaSsrc a media stream's SSRC
     * @return the SSRC its retransmissions travel on
     */
    public static int of(int mediaSsrc) {
        return mediaSsrc ^ 1;
    }

    /**
     * @param rtxSsrc the SSRC of a retransmission
     * @return the SSRC of the media stream it retransmits
     */
    public static int mediaOf(int rtxSsrc) {
        return rtxSsrc ^ 1;
    }

    /**
     * @param ssrc an SSRC
     * @return whether the rule can pair it as a media SSRC: its lowest bit is clear (a relay assigns only such)
     */
    public static boolean isMedia(int ssrc) {
        return (ssrc & 1) == 0;
    }

    /**
     * @param random a random 32-bit value
     * @return a media SSRC drawn from it: its lowest bit cleared
     */
    public static int media(int random) {
        return random & ~1;
    }
}
