package dev.vc.transport.udp.internal.send;

import dev.vc.transport.udp.rtp.SendHistory;

/**
 * Keeps a copy of each packet in the {@link SendHistory} of its layer (found by its SSRC), so a packet a
 * receiver NACKs can be sent again. Drops nothing.
 */
final class HistoryRecorder extends SendStage {
    private final SendLayers layers;

    HistoryRecorder(SendLayers layers) {
        this.layers = layers;
    }

    @Override
    public void accept(byte[] packet, int offset, int length) {
        SendHistory history = layers.historyOf(packet, offset);
        if (history != null) {
            history.record(SentPacketHeader.sequence(packet, offset), packet, offset, length);
        }
        next.accept(packet, offset, length);
    }
}
