package dev.vc.transport.udp.internal.receive;

import dev.vc.api.EncodedFrame;
import dev.vc.api.TransportListener;

/**
 * The last stage: hands the packet to its stream's {@link FrameAssembler} for the packet's codec, then tells
 * the listener of every complete frame and of every frame given up. Drops what the assembler drops, each
 * under its reason ({@link FrameAssembler} lists them).
 */
final class FrameAssembly extends ReceiveStage {
    private static final System.Logger LOG = System.getLogger(FrameAssembly.class.getName());

    private final TransportListener listener;
    private final ReceiveCounters counters;
    private final FrameAssembler.FrameSink sink = this::deliver;
    private ReceiveStream current;

    /**
     * @param listener receives complete frames and losses
     * @param counters where delivered frames are counted
     */
    FrameAssembly(TransportListener listener, ReceiveCounters counters) {
        this.listener = listener;
        this.counters = counters;
    }

    @Override
    void accept(ReceivedPacket packet) {
        current = packet.stream;
        current.use(packet.codec).onPacket(packet.rtp, packet.arrivalNanos, sink);
        reportLoss();
    }

    /**
     * Tells the listener of frames the stream's assembler gave up. Also called before each delivery: a frame that
     * completes discards the older incomplete ones, and an inter-frame decoder must hear of that gap before it
     * gets the frame after it, or it decodes that frame against a missing reference.
     */
    private void reportLoss() {
        if (current.assembler.takeLoss()) {
            listener.onFrameLost(current.id);
        }
    }

    private void deliver(EncodedFrame frame) {
        reportLoss();
        counters.framesReceived.increment();
        try {
            listener.onFrame(current.id, frame);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "transport listener failed on a frame of " + current.id, e);
        }
    }
}
