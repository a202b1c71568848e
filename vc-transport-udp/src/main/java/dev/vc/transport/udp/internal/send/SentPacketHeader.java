package dev.vc.transport.udp.internal.send;

/** Reads the RTP header facts the send path needs from a packet it just wrote. */
final class SentPacketHeader {
    private SentPacketHeader() {
    }

    /** @return the packet's RTP sequence number */
    static int sequence(byte[] packet, int offset) {
        return (packet[offset + 2] & 0xFF) << 8 | (packet[offset + 3] & 0xFF);
    }

    /** @return the packet's SSRC */
    static int ssrc(byte[] packet, int offset) {
        return (packet[offset + 8] & 0xFF) << 24 | (packet[offset + 9] & 0xFF) << 16
                | (packet[offset + 10] & 0xFF) << 8 | (packet[offset + 11] & 0xFF);
    }

    /** @return the length of its RTP header: fixed part, CSRC list and extension */
    static int headerLength(byte[] packet, int offset) {
        int csrcs = packet[offset] & 0x0F;
        int length = 12 + 4 * csrcs;
        if ((packet[offset] & 0x10) != 0) {
            int words = (packet[offset + length + 2] & 0xFF) << 8 | (packet[offset + length + 3] & 0xFF);
            length += 4 + 4 * words;
        }
        return length;
    }
}
