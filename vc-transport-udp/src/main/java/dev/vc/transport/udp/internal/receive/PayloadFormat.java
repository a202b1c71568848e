package dev.vc.transport.udp.internal.receive;

import dev.vc.api.EncodedFrame;
import dev.vc.api.VideoCodec;
import dev.vc.transport.udp.MalformedPacketException;
import dev.vc.transport.udp.rtp.RtpHeader;

/**
 * The codec-specific half of frame assembly: checks a packet's payload on its own and makes the
 * {@link Reassembler}s that rebuild frames from payloads. {@link FrameAssembler} does the rest (sequence window,
 * grouping by timestamp, bounds, timeouts), the same for every codec.
 *
 * <p>One instance per stream and codec; receive thread only.
 */
abstract class PayloadFormat {
    /** @return the codec the format carries */
    abstract VideoCodec codec();

    /**
     * Checks a packet's payload on its own; a packet that fails is dropped before it touches any state.
     *
     * @param rtp the parsed packet
     * @throws MalformedPacketException if the payload is malformed
     */
    abstract void check(RtpHeader rtp);

    /**
     * @param maxFrameBytes largest frame accepted
     * @return a reassembler for one frame at a time
     */
    abstract Reassembler newReassembler(int maxFrameBytes);

    /** One frame being rebuilt from its packets. */
    interface Reassembler {
        /** Forgets the frame; buffers are kept. */
        void reset();

        /**
         * Adds a packet that passed {@link PayloadFormat#check} just before.
         *
         * @param rtp the packet
         * @return false if it added nothing (a duplicate)
         * @throws MalformedPacketException if it cannot belong to the frame; the frame is then discarded
         */
        boolean add(RtpHeader rtp);

        /**
         * @param window    the stream's sequence window, which knows the packets around the frame
         * @param timestamp the frame's RTP timestamp
         * @return whether every packet of the frame arrived
         */
        boolean isComplete(SequenceWindow window, int timestamp);

        /**
         * @param window    the stream's sequence window
         * @param timestamp the frame's RTP timestamp
         * @return whether the frame can never complete, so nothing is worth waiting for it (false unless the format
         *         can tell)
         */
        default boolean isTruncated(SequenceWindow window, int timestamp) {
            return false;
        }

        /**
         * Writes and describes the complete frame.
         *
         * @param frame            destination
         * @param captureTimeNanos the frame's capture time
         * @param sequence         the stream's frame counter
         * @throws MalformedPacketException if the packets do not make a valid frame after all
         */
        void writeTo(EncodedFrame frame, long captureTimeNanos, long sequence);
    }
}
