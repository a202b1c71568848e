package dev.vc.transport.udp;

import dev.vc.api.VideoCodec;
import dev.vc.transport.udp.cc.TransportSequenceNumber;
import dev.vc.transport.udp.h264.H264ParameterSets;
import dev.vc.transport.udp.rtp.AbsCaptureTime;
import dev.vc.transport.udp.rtp.RtpPacketWriter;
import dev.vc.transport.udp.rtp.RtxPacket;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A session description (SDP, RFC 4566) of vc streams, so that standard tools can receive them: ffplay, ffmpeg,
 * VLC, GStreamer. Each stream is one {@code m=video} section: JPEG with its static payload type 26
 * (RFC 3551), H.264 with a dynamic payload type, {@code a=rtpmap:<pt> H264/90000} and {@code a=fmtp} with
 * {@code packetization-mode=1} and, when the parameter sets are known, {@code profile-level-id} and
 * {@code sprop-parameter-sets} (RFC 6184 §8.1-8.2). Every section says that RTCP shares the RTP port
 * ({@code a=rtcp-mux}, RFC 5761: vc sends its sender reports and feedback there), names the header extensions vc sends
 * ({@code a=extmap}, RFC 8285: abs-capture-time on ID 1, the transport-wide sequence number on ID 2) and
 * offers transport-cc feedback ({@code a=rtcp-fb:<pt> transport-cc}), as a browser's offer does; with
 * {@link Builder#retransmissions()}, the RTX payload type of its retransmissions too (RFC 4588).
 *
 * <pre>{@code
 * H264ParameterSets sets = H264ParameterSets.find(keyframe.data(), 0, keyframe.length());
 * Sdp sdp = Sdp.builder(InetAddress.getLoopbackAddress()).h264(5004, 96, sets).build();
 * sdp.write(Path.of("vc.sdp"));   // then: ffplay -protocol_whitelist file,udp,rtp -i vc.sdp
 * }</pre>
 *
 * <p>The receiver listens on the {@code m=} port, for RTP and RTCP both; point the vc transport's remote address
 * at it. Immutable.
 */
public final class Sdp {
    private static final String CRLF = "\r\n";

    private final String text;

    private Sdp(String text) {
        this.text = text;
    }

    /**
     * @param connection the address of the {@code c=} line: where the receiver listens
     * @return a builder for a description with no streams yet
     */
    public static Builder builder(InetAddress connection) {
        return new Builder(connection);
    }

    /** @return the description, lines ending in CRLF */
    public String text() {
        return text;
    }

    /**
     * Writes the description to a file (UTF-8), such as the {@code .sdp} file ffmpeg opens.
     *
     * @param file destination, replaced if it exists
     * @throws IOException if the file cannot be written
     */
    public void write(Path file) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return text;
    }

    /**
     * Collects the session fields and the streams of an {@link Sdp}. Not thread-safe.
     */
    public static final class Builder {
        private final InetAddress connection;
        private final List<String> media = new ArrayList<>();
        private String sessionName = "vc";
        private long sessionId;
        private long sessionVersion;
        private boolean rtx;
        private boolean receiveOnly;

        private Builder(InetAddress connection) {
            this.connection = Objects.requireNonNull(connection, "connection");
        }

        /**
         * @param name the {@code s=} line, one line of text (default {@code vc})
         * @return this builder
         */
        public Builder sessionName(String name) {
            Objects.requireNonNull(name, "name");
            if (name.isEmpty() || name.indexOf('\r') >= 0 || name.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("session name must be one non-empty line");
            }
            this.sessionName = name;
            return this;
        }

        /**
         * @param id      the {@code o=} session id (default 0)
         * @param version the {@code o=} session version (default 0)
         * @return this builder
         */
        public Builder origin(long id, long version) {
            if (id < 0 || version < 0) {
                throw new IllegalArgumentException("session id and version must not be negative");
            }
            this.sessionId = id;
            this.sessionVersion = version;
            return this;
        }

        /**
         * Adds a JPEG stream (RFC 2435, static payload type 26).
         *
         * @param port the receiver's RTP port
         * @return this builder
         */
        public Builder jpeg(int port) {
            int pt = VideoCodec.JPEG.defaultPayloadType();
            media.add("m=video " + checkPort(port) + " RTP/AVP " + pt + rtxFormat(pt) + CRLF
                    + "a=rtpmap:" + pt + " JPEG/" + VideoCodec.RTP_CLOCK_RATE + CRLF
                    + rtxAttributes(pt)
                    + transportAttributes(pt));
            return this;
        }

        /**
         * Makes the streams added after this call list the payload type their retransmissions travel with (RTX,
         * RFC 4588 §8.6, SSRC-multiplexed): the format in the {@code m=} line, {@code a=rtpmap:<rtx> rtx/90000} and
         * {@code a=fmtp:<rtx> apt=<pt>}, as vc sends them ({@link RtxPacket#payloadTypeFor}). Off by default: ffmpeg
         * does not take RTX, and its SDP reader mistakes a JPEG section's RTX payload type for the stream's codec.
         *
         * @return this builder
         */
        public Builder retransmissions() {
            this.rtx = true;
            return this;
        }

        /**
         * Marks the session {@code a=recvonly} (RFC 4566 §6): the receiver the description is for only receives,
         * as a recording or monitoring tool fed by the relay does.
         *
         * @return this builder
         */
        public Builder receiveOnly() {
            this.receiveOnly = true;
            return this;
        }

        private String rtxFormat(int payloadType) {
            return rtx ? " " + RtxPacket.payloadTypeFor(payloadType) : "";
        }

        private String rtxAttributes(int payloadType) {
            if (!rtx) {
                return "";
            }
            int rtxType = RtxPacket.payloadTypeFor(payloadType);
            return "a=rtpmap:" + rtxType + " rtx/" + VideoCodec.RTP_CLOCK_RATE + CRLF
                    + "a=fmtp:" + rtxType + " apt=" + payloadType + CRLF;
        }

        /**
         * Adds an H.264 stream (RFC 6184, packetization mode 1).
         *
         * @param port          the receiver's RTP port
         * @param payloadType   the dynamic payload type, 96..127
         * @param parameterSets the stream's SPS and PPS, or null to leave them to the stream
         * @return this builder
         */
        public Builder h264(int port, int payloadType, H264ParameterSets parameterSets) {
            if (payloadType < 96 || payloadType > 127) {
                throw new IllegalArgumentException("dynamic payload type must be in 96..127, got " + payloadType);
            }
            StringBuilder fmtp = new StringBuilder("a=fmtp:").append(payloadType).append(" packetization-mode=1");
            if (parameterSets != null) {
                fmtp.append(";profile-level-id=").append(parameterSets.profileLevelId())
                        .append(";sprop-parameter-sets=").append(parameterSets.spropParameterSets());
            }
            media.add("m=video " + checkPort(port) + " RTP/AVP " + payloadType + rtxFormat(payloadType) + CRLF
                    + "a=rtpmap:" + payloadType + " " + VideoCodec.H264.encodingName() + "/"
                    + VideoCodec.RTP_CLOCK_RATE + CRLF
                    + fmtp + CRLF
                    + rtxAttributes(payloadType)
                    + transportAttributes(payloadType));
            return this;
        }

        /**
         * RTCP on the RTP port (RFC 5761: vc sends its reports and feedback there), transport-cc feedback for the
         * payload type, and the header extensions every vc packet carries.
         */
        private static String transportAttributes(int payloadType) {
            return "a=rtcp-mux" + CRLF
                    + "a=rtcp-fb:" + payloadType + " transport-cc" + CRLF
                    + "a=extmap:" + AbsCaptureTime.ID + " " + AbsCaptureTime.URI + CRLF
                    + "a=extmap:" + RtpPacketWriter.TRANSPORT_SEQUENCE_ID + " " + TransportSequenceNumber.URI + CRLF;
        }

        private static int checkPort(int port) {
            if (port < 1 || port > 65_535) {
                throw new IllegalArgumentException("port must be in 1..65535, got " + port);
            }
            return port;
        }

        /**
         * @return the description
         * @throws IllegalStateException if no stream was added
         */
        public Sdp build() {
            if (media.isEmpty()) {
                throw new IllegalStateException("a session description needs at least one stream");
            }
            String family = connection instanceof Inet6Address ? "IP6" : "IP4";
            String address = connection.getHostAddress();
            int zone = address.indexOf('%');
            if (zone >= 0) {
                address = address.substring(0, zone);
            }
            StringBuilder sdp = new StringBuilder()
                    .append("v=0").append(CRLF)
                    .append("o=- ").append(sessionId).append(' ').append(sessionVersion).append(" IN ")
                    .append(family).append(' ').append(address).append(CRLF)
                    .append("s=").append(sessionName).append(CRLF)
                    .append("c=IN ").append(family).append(' ').append(address).append(CRLF)
                    .append("t=0 0").append(CRLF);
            if (receiveOnly) {
                sdp.append("a=recvonly").append(CRLF);
            }
            media.forEach(sdp::append);
            return new Sdp(sdp.toString());
        }
    }
}
