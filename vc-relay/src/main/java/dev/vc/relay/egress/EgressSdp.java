package dev.vc.relay.egress;

import dev.vc.api.VideoCodec;
import dev.vc.transport.udp.Sdp;

import java.net.InetSocketAddress;

/**
 * The session description of an egress forward, which ffplay, ffmpeg, GStreamer's {@code sdpdemux} and VLC open as
 * is: the destination in {@code c=} and {@code m=video}, RTP/AVP with H.264 on payload type {@value #H264_PAYLOAD_TYPE}
 * ({@code a=rtpmap:96 H264/90000}, {@code packetization-mode=1}, the parameter sets in band with each keyframe) or
 * JPEG on its static 26, {@code a=rtcp-mux} and {@code a=recvonly}.
 *
 * <pre>{@code
 * String sdp = EgressSdp.describe(VideoCodec.H264, new InetSocketAddress("127.0.0.1", 5004), "vc team/alice");
 * }</pre>
 */
public final class EgressSdp {
    /** The payload type an egress forward gives H.264, whatever the sender used. */
    public static final int H264_PAYLOAD_TYPE = 96;

    private EgressSdp() {
    }

    /**
     * @param codec the sender's codec
     * @return the payload type its egress forwards carry
     */
    public static int payloadType(VideoCodec codec) {
        return codec == VideoCodec.H264 ? H264_PAYLOAD_TYPE : VideoCodec.JPEG.defaultPayloadType();
    }

    /**
     * @param codec       the sender's codec
     * @param destination where the forward sends
     * @param sessionName the {@code s=} line: any text, control characters replaced
     * @return the SDP text, lines ending in CRLF
     */
    public static String describe(VideoCodec codec, InetSocketAddress destination, String sessionName) {
        String name = sessionName.replaceAll("\\p{Cntrl}", " ").strip();
        Sdp.Builder sdp = Sdp.builder(destination.getAddress()).sessionName(name.isEmpty() ? "vc" : name).receiveOnly();
        if (codec == VideoCodec.H264) {
            sdp.h264(destination.getPort(), H264_PAYLOAD_TYPE, null);
        } else {
            sdp.jpeg(destination.getPort());
        }
        return sdp.build().text();
    }
}
