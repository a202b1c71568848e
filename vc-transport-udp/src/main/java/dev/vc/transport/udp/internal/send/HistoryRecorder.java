package dev.vc.transport.udp.internal.send;

import dev.vc.transport.udp.rtp.SendHistory;

/** Keeps a copy of each packet in the {@link SendHistory}, so a packet a receiver NACKs can be sent again. */
final class HistoryRecorder extends SendStage {
    private final SendHistory history;

    HistoryRecorder(SendHistory history) {
        this.history = history;
    }

    @Override
    public void accept(byte[] packet, int offset, int length) {
        history.record(SentPacketHeader.sequence(packet, offset), packet, offset, length);
        next.accept(packet, offset, length);
    }
}
