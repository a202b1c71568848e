package dev.vc.transport.udp.internal.receive;

/**
 * Finds the packet's remote stream by SSRC in the {@link StreamTable}, creating it on its first packet (a
 * full table evicts its least recently active stream, whose pending frames count as incomplete). Drops
 * nothing.
 */
final class StreamLookup extends ReceiveStage {
    private final StreamTable streams;

    StreamLookup(StreamTable streams) {
        this.streams = streams;
    }

    @Override
    void accept(ReceivedPacket packet) {
        packet.stream = streams.get(packet.rtp.ssrc(), packet.codec, packet.arrivalNanos);
        next.accept(packet);
    }
}
