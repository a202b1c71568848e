package dev.vc.transport.udp.jpeg;

import dev.vc.api.TransportSettings;
import dev.vc.transport.udp.PacketSink;
import dev.vc.transport.udp.Packetizer;
import dev.vc.transport.udp.rtp.NtpTime;
import dev.vc.transport.udp.rtp.RtpPacketWriter;

/**
 * Splits a baseline JPEG into RTP packets per RFC 2435: bytes in, packets out, no socket.
 *
 * <p>Each packet is {@value RtpPacketWriter#HEADER_LENGTH} bytes of RTP header (with abs-capture-time), the
 * 8-byte main JPEG header (type-specific 0, fragment offset, type 0 or 1 from the luma sampling, Q 255,
 * width/8, height/8), in the first packet the quantization table header with the image's two tables
 * inline, then a slice of the entropy-coded scan. Packets never exceed the MTU; the last carries the
 * marker bit. All packets of a frame share the RTP timestamp and capture time.
 *
 * <pre>{@code
 * JpegPacketizer packetizer = new JpegPacketizer(1200);
 * RtpPacketWriter rtp = RtpPacketWriter.random(ssrc, 26, new SecureRandom());
 * packetizer.packetize(frame.data(), 0, frame.length(), frame.captureTimeNanos(), rtp,
 *         (packet, offset, length) -> channel.send(ByteBuffer.wrap(packet, offset, length), remote));
 * }</pre>
 *
 * <p>Reuses one packet buffer; not thread-safe.
 */
public final class JpegPacketizer implements Packetizer {
    /** The Q value vc sends: tables are inline in every frame's first packet and may change per frame. */
    public static final int Q_DYNAMIC_TABLES = 255;
    /** Largest UDP payload over IPv4. */
    public static final int MAX_UDP_PAYLOAD = 65_507;

    private static final int TABLES_LENGTH = 128;
    private static final int FIRST_OVERHEAD = RtpPacketWriter.HEADER_LENGTH + JpegPayloadHeader.MAIN_HEADER_LENGTH
            + JpegPayloadHeader.QUANTIZATION_HEADER_LENGTH + TABLES_LENGTH;
    private static final int OVERHEAD = RtpPacketWriter.HEADER_LENGTH + JpegPayloadHeader.MAIN_HEADER_LENGTH;

    private final int mtu;
    private final byte[] packet;
    private final JfifReader jfif = new JfifReader();

    /**
     * @param mtu largest packet (UDP payload) to produce, in {@code [TransportSettings.MIN_MTU, 65507]}
     */
    public JpegPacketizer(int mtu) {
        if (mtu < TransportSettings.MIN_MTU || mtu > MAX_UDP_PAYLOAD) {
            throw new IllegalArgumentException("MTU must be in " + TransportSettings.MIN_MTU + ".."
                    + MAX_UDP_PAYLOAD + ", got " + mtu);
        }
        this.mtu = mtu;
        this.packet = new byte[mtu];
    }

    /** @return the largest packet this packetizer produces */
    public int mtu() {
        return mtu;
    }

    /**
     * Packetizes one JPEG image. The image is validated completely before the first packet, so a rejected
     * image produces no packet and consumes no sequence number.
     *
     * @param jpeg             buffer holding the JFIF
     * @param offset           where it starts
     * @param length           its length
     * @param captureTimeNanos capture time, epoch nanoseconds: sets the RTP timestamp and abs-capture-time
     * @param rtp              the stream's header writer
     * @param sink             receives each packet
     * @return the number of packets produced
     * @throws JpegFormatException if RFC 2435 cannot carry the image
     */
    @Override
    public int packetize(byte[] jpeg, int offset, int length, long captureTimeNanos, RtpPacketWriter rtp,
                         PacketSink sink) {
        jfif.parse(jpeg, offset, length);
        int timestamp = rtp.timestamp(captureTimeNanos);
        long ntp = NtpTime.fromEpochNanos(captureTimeNanos);
        int scanLength = jfif.scanLength;
        int sent = 0;
        int packets = 0;
        while (sent < scanLength) {
            boolean first = sent == 0;
            int room = mtu - (first ? FIRST_OVERHEAD : OVERHEAD);
            int chunk = Math.min(room, scanLength - sent);
            boolean last = sent + chunk == scanLength;
            int at = rtp.writeHeader(packet, 0, last, timestamp, ntp);
            at += JpegPayloadHeader.writeMainHeader(packet, at, sent, jfif.type, Q_DYNAMIC_TABLES, jfif.width,
                    jfif.height);
            if (first) {
                at += JpegPayloadHeader.writeQuantizationHeader(packet, at, jfif.tables, 0, TABLES_LENGTH);
            }
            System.arraycopy(jpeg, jfif.scanOffset + sent, packet, at, chunk);
            sink.accept(packet, 0, at + chunk);
            sent += chunk;
            packets++;
        }
        return packets;
    }
}
