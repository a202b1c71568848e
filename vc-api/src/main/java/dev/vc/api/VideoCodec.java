package dev.vc.api;

/**
 * The compressed formats vc carries, with their RTP identities.
 *
 * <p>A codec is the format on the wire; several {@link EncoderProvider}s may produce the same codec (for
 * example {@code h264} through FFmpeg and {@code h264-jcodec} in pure Java).
 */
public enum VideoCodec {
    /** Baseline JPEG, RTP payload format RFC 2435, static payload type 26. */
    JPEG("JPEG", 26, false),
    /** H.264, RTP payload format RFC 6184, dynamic payload type (96 by default). */
    H264("H264", 96, true);

    /** The RTP clock rate of every video payload format: 90 kHz. */
    public static final int RTP_CLOCK_RATE = 90_000;

    private final String encodingName;
    private final int defaultPayloadType;
    private final boolean interFrame;

    VideoCodec(String encodingName, int defaultPayloadType, boolean interFrame) {
        this.encodingName = encodingName;
        this.defaultPayloadType = defaultPayloadType;
        this.interFrame = interFrame;
    }

    /**
     * @return true if frames are predicted from earlier ones, so that after a lost or skipped frame decoding
     *         must wait for a keyframe; false if every frame stands alone (JPEG)
     */
    public boolean interFrame() {
        return interFrame;
    }

    /** @return the encoding name used in SDP {@code a=rtpmap} lines */
    public String encodingName() {
        return encodingName;
    }

    /** @return the RTP payload type vc uses for this codec unless configured otherwise */
    public int defaultPayloadType() {
        return defaultPayloadType;
    }
}
