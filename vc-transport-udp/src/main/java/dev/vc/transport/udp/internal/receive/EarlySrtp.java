package dev.vc.transport.udp.internal.receive;

/**
 * SRTP that arrives from the relay while this side's DTLS handshake finishes, kept until the keys are in. The relay
 * is DTLS's server: it is keyed once it has sent its last flight and may send media at once, while this client is
 * keyed only when its handshake thread has read that flight; the first packets of a stream (a keyframe's SPS and PPS
 * among them) can come in between. Dropped, they left the receiver a keyframe without its parameter sets, which its
 * decoder rejects. The relay keeps a member's early packets the same way.
 *
 * <p>Copies, at most {@value #PACKETS} of at most {@value #BYTES} bytes each, the buffers made at the first packet
 * held. Receive thread only.
 */
final class EarlySrtp {
    /** Most packets held. */
    static final int PACKETS = 16;
    /** Largest packet held (a UDP payload within an Ethernet MTU). */
    static final int BYTES = 1500;

    /** Takes a packet held, in the order it arrived. */
    interface Replay {
        /**
         * @param packet       the packet, valid during the call only
         * @param length       its length
         * @param arrivalNanos when it arrived
         */
        void accept(byte[] packet, int length, long arrivalNanos);
    }

    private byte[][] packets;
    private int[] lengths;
    private long[] arrivals;
    private int count;

    /**
     * Keeps a copy of a packet.
     *
     * @return false when it is not kept: larger than {@value #BYTES} bytes, or {@value #PACKETS} held already
     */
    boolean hold(byte[] packet, int length, long arrivalNanos) {
        if (length > BYTES || count == PACKETS) {
            return false;
        }
        if (packets == null) {
            packets = new byte[PACKETS][BYTES];
            lengths = new int[PACKETS];
            arrivals = new long[PACKETS];
        }
        System.arraycopy(packet, 0, packets[count], 0, length);
        lengths[count] = length;
        arrivals[count++] = arrivalNanos;
        return true;
    }

    /** @return packets held */
    int count() {
        return count;
    }

    /**
     * Hands over the packets held, in the order they arrived, and forgets them (buffers included).
     *
     * @param replay takes each packet
     */
    void replay(Replay replay) {
        byte[][] held = packets;
        int[] heldLengths = lengths;
        long[] heldArrivals = arrivals;
        int n = count;
        packets = null;
        lengths = null;
        arrivals = null;
        count = 0;
        for (int i = 0; i < n; i++) {
            replay.accept(held[i], heldLengths[i], heldArrivals[i]);
        }
    }
}
