package dev.vc.transport.udp;

/**
 * Receives the packets a packetizer produces, one call per packet, in sending order.
 *
 * <p>The buffer belongs to the packetizer and is overwritten by the next packet: send or copy
 * {@code packet[offset, offset + length)} before returning.
 *
 * <pre>{@code
 * List<byte[]> packets = new ArrayList<>();
 * packetizer.packetize(jpeg, 0, jpeg.length, captureNanos, rtp,
 *         (packet, offset, length) -> packets.add(Arrays.copyOfRange(packet, offset, offset + length)));
 * }</pre>
 */
@FunctionalInterface
public interface PacketSink {
    /**
     * @param packet a buffer holding one complete RTP packet
     * @param offset where the packet starts
     * @param length its length in bytes (the UDP payload size)
     */
    void accept(byte[] packet, int offset, int length);
}
