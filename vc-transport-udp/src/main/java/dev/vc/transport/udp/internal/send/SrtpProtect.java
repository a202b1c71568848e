package dev.vc.transport.udp.internal.send;

import dev.vc.transport.udp.internal.secure.SrtpHop;

/**
 * The stage before the socket writer on an encrypted hop: protects each packet (SRTP, RFC 3711 / RFC 7714) into
 * the hop's own buffer and passes that on, so the packetizer's buffer and the history keep the plain packet. A
 * packet the hop refuses (no keys any more, an index protected already: a plain retransmission of a packet sent
 * before) does not leave and is counted ({@link ChainCounters#packetsNotProtected()}).
 */
final class SrtpProtect extends SendStage {
    private final SrtpHop hop;
    private final ChainCounters counters;
    private final SrtpHop.ProtectedOut onward = (datagram, length) -> next.accept(datagram, 0, length);

    /**
     * @param hop      the hop's keys
     * @param counters counts packets refused
     */
    SrtpProtect(SrtpHop hop, ChainCounters counters) {
        this.hop = hop;
        this.counters = counters;
    }

    @Override
    public void accept(byte[] packet, int offset, int length) {
        if (!hop.protect(packet, offset, length, onward)) {
            counters.packetNotProtected();
        }
    }
}
