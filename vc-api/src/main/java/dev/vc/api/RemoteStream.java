package dev.vc.api;

/**
 * Identifies a remote participant's video stream.
 *
 * @param ssrc  the stream's RTP synchronisation source identifier
 * @param codec the codec it carries
 * @param label what to show a person (display name, or the SSRC in hex when unknown)
 */
public record RemoteStream(int ssrc, VideoCodec codec, String label) {
    /**
     * @param ssrc  the SSRC
     * @param codec the codec
     * @return a stream labelled with its SSRC
     */
    public static RemoteStream of(int ssrc, VideoCodec codec) {
        return new RemoteStream(ssrc, codec, String.format("%08x", ssrc));
    }
}
