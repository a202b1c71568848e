package dev.vc.api;

/**
 * The compressed formats vc carries, with their RTP identities.
 *
 * <p>A codec is the format on the wire; several {@link EncoderProvider}s may produce the same codec (for
 * example {@code h264} through FFmpeg and {@code h264-jcodec} in pure Java).
 */
public enum VideoCodec {
    /** Baseline JPEG, RTP payload format RFC 2435, static payload type 26. */
    JPEG("JPEG", 26),
    /** H.264, RTP payload format RFC 6184, dynamic payload type (96 by default). */
    H264("H264", 96);

    /** The RTP clock rate of every video payload format: 90 kHz. */
    public static final int RTP_CLOCK_RATE = 90_000;

    private final String encodingName;
    private final int defaultPayloadType;

    VideoCodec(String encodingName, int defaultPayloadType) {
        this.encodingName = encodingName;
        this.defaultPayloadType = defaultPayloadType;
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
