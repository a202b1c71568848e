package dev.vc.api.session;

import dev.vc.api.EncodedFrame;
import dev.vc.api.VideoCodec;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrameQueueTest {
    private final EncodedFrame frame = new EncodedFrame();

    private EncodedFrame frame(VideoCodec codec, long sequence) {
        return frame.set(new byte[] {(byte) sequence, 1, 2}, 0, 3).describe(codec, false, 2, 2, 0, sequence);
    }

    @Test
    void shouldHandOverABurstOfInterFrameFramesInOrderWithoutDroppingAny() {
        FrameQueue queue = new FrameQueue();
        for (int i = 0; i < FrameQueue.CAPACITY; i++) {
            assertEquals(0, queue.offer(frame(VideoCodec.H264, i), 0));
        }
        for (int i = 0; i < FrameQueue.CAPACITY; i++) {
            EncodedFrame next = queue.poll();
            assertEquals(i, next.sequence());
            assertEquals((byte) i, next.data()[0], "the queue holds a copy");
            assertFalse(queue.gapBeforePolled());
        }
        assertNull(queue.poll());
    }

    @Test
    void shouldKeepOnlyTheNewestJpegFrame() {
        FrameQueue queue = new FrameQueue();
        assertEquals(0, queue.offer(frame(VideoCodec.JPEG, 1), 0));
        assertEquals(1, queue.offer(frame(VideoCodec.JPEG, 2), 0));
        assertEquals(1, queue.offer(frame(VideoCodec.JPEG, 3), 0));
        assertEquals(3, queue.poll().sequence());
        assertFalse(queue.gapBeforePolled(), "a JPEG frame needs no other");
        assertNull(queue.poll());
    }

    @Test
    void shouldDropAFullInterFrameQueueAndMarkTheNextFrameAsFollowingAGap() {
        FrameQueue queue = new FrameQueue();
        for (int i = 0; i < FrameQueue.CAPACITY; i++) {
            queue.offer(frame(VideoCodec.H264, i), 0);
        }
        assertEquals(FrameQueue.CAPACITY, queue.offer(frame(VideoCodec.H264, 99), 7_000));
        assertEquals(99, queue.poll().sequence());
        assertTrue(queue.gapBeforePolled());
        assertEquals(7_000, queue.polledGapNanos());
        assertNull(queue.poll());
    }

    @Test
    void shouldAttachALossToTheNextFrameNotToTheFramesAlreadyWaiting() {
        FrameQueue queue = new FrameQueue();
        queue.offer(frame(VideoCodec.H264, 1), 0);
        queue.offer(frame(VideoCodec.H264, 2), 0);
        queue.markGap(1_000);
        queue.markGap(2_000);
        queue.offer(frame(VideoCodec.H264, 5), 0);
        queue.offer(frame(VideoCodec.H264, 6), 0);
        assertEquals(1, queue.poll().sequence());
        assertFalse(queue.gapBeforePolled(), "frame 1 came before the loss");
        assertEquals(2, queue.poll().sequence());
        assertFalse(queue.gapBeforePolled());
        assertEquals(5, queue.poll().sequence());
        assertTrue(queue.gapBeforePolled());
        assertEquals(1_000, queue.polledGapNanos(), "the first loss of the run");
        assertEquals(6, queue.poll().sequence());
        assertFalse(queue.gapBeforePolled());
    }

    @Test
    void shouldCarryTheEarliestGapOfDroppedFramesOverToTheNextFrame() {
        FrameQueue queue = new FrameQueue();
        queue.offer(frame(VideoCodec.H264, 0), 0);
        queue.markGap(500);
        for (int i = 1; i < FrameQueue.CAPACITY; i++) {
            queue.offer(frame(VideoCodec.H264, i), 0);
        }
        queue.offer(frame(VideoCodec.H264, 50), 9_000);
        queue.poll();
        assertTrue(queue.gapBeforePolled());
        assertEquals(500, queue.polledGapNanos());
    }

    /** Operations: 0..5 offer an H.264 frame, 6 marks a gap, 7..9 poll. */
    @Property(tries = 300)
    void framesLeaveInOrderAndEveryFrameIsPolledOrDroppedOrWaiting(
            @ForAll @Size(max = 200) List<@IntRange(min = 0, max = 9) Integer> operations) {
        FrameQueue queue = new FrameQueue();
        long offered = 0;
        long dropped = 0;
        long polled = 0;
        long lastSequence = -1;
        for (int op : operations) {
            if (op <= 5) {
                dropped += queue.offer(frame(VideoCodec.H264, offered++), offered);
            } else if (op == 6) {
                queue.markGap(offered);
            } else {
                EncodedFrame next = queue.poll();
                if (next != null) {
                    assertTrue(next.sequence() > lastSequence, "in order, each once");
                    lastSequence = next.sequence();
                    polled++;
                }
            }
            assertTrue(queue.size() <= FrameQueue.CAPACITY);
        }
        assertEquals(offered, dropped + polled + queue.size());
    }
}
