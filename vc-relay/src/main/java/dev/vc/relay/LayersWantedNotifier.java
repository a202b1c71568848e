package dev.vc.relay;

import dev.vc.api.control.ControlMessage;

import java.util.concurrent.atomic.LongAdder;

/**
 * Tells each sender which of its layers the relay forwards to anyone ({@code LAYERS_WANTED}), so it encodes only
 * those. The media thread publishes each sender's mask in {@link Member#layersWanted} when its streams change; the
 * control thread calls {@link #tell} for every member on each tick (every 100 ms) and sends the mask when it
 * differs from the last one sent. So the hand-off between the threads is one volatile int per member (bounded),
 * and changes within a tick coalesce into one message (at most ten a second per member) that always carries the
 * latest mask. A sender starts with all its layers on, so a single-layer sender that someone watches is never sent
 * anything.
 */
final class LayersWantedNotifier {
    private final LongAdder sent = new LongAdder();

    /** Control thread: sends {@code member} its wanted layers if they changed since last told. */
    void tell(Member member) {
        int mask = member.layersWanted;
        if (mask != member.layersWantedSent) {
            member.layersWantedSent = mask;
            member.connection.send(new ControlMessage.LayersWanted(mask));
            sent.increment();
        }
    }

    /** @return {@code LAYERS_WANTED} messages sent */
    long sent() {
        return sent.sum();
    }
}
