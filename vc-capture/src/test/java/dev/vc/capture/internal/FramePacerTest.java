package dev.vc.capture.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FramePacerTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void shouldDeliverOneSlotPerPeriodToAPromptReader() {
        FakePacingClock clock = new FakePacingClock();
        FramePacer pacer = new FramePacer(30, clock);
        long start = clock.nanoTime();
        for (long slot = 0; slot <= 300; slot++) {
            assertEquals(slot, pacer.awaitNextSlot());
        }
        assertEquals(10 * SECOND, clock.nanoTime() - start, 1_000_000, "slot 300 is due 10 simulated seconds in");
        assertEquals(301, pacer.delivered());
        assertEquals(0, pacer.skipped());
        assertEquals(300, clock.parks(), "one sleep per frame after the first");
    }

    @Test
    void shouldSkipAheadInsteadOfBurstingWhenTheReaderIsLate() {
        FakePacingClock clock = new FakePacingClock();
        FramePacer pacer = new FramePacer(30, clock);
        long start = clock.nanoTime();
        long previous = -1;
        while (clock.nanoTime() - start < 10 * SECOND) {
            long slot = pacer.awaitNextSlot();
            assertTrue(slot > previous, "slots increase");
            previous = slot;
            clock.advance(100_000_000L); // the reader spends 100 ms on each frame
        }
        assertEquals(100, pacer.delivered(), "one frame per 100 ms of work, not a burst of missed ones");
        assertTrue(pacer.skipped() >= 190, "about two of every three slots skipped: " + pacer.skipped());
        assertEquals(previous + 1, pacer.delivered() + pacer.skipped(), "every slot delivered or skipped");
    }

    @Test
    void shouldDeliverALateSlotAtOnceWhenLessThanAPeriodLate() {
        FakePacingClock clock = new FakePacingClock();
        FramePacer pacer = new FramePacer(10, clock);
        assertEquals(0, pacer.awaitNextSlot());
        clock.advance(150_000_000L); // slot 1 was due at 100 ms, slot 2 not until 200 ms
        int parksBefore = clock.parks();
        assertEquals(1, pacer.awaitNextSlot());
        assertEquals(parksBefore, clock.parks(), "no sleep when the slot is already due");
        assertEquals(2, pacer.awaitNextSlot());
        assertEquals(0, pacer.skipped());
    }

    @Test
    void shouldReturnMinusOneAfterClose() {
        FramePacer pacer = new FramePacer(30, new FakePacingClock());
        assertEquals(0, pacer.awaitNextSlot());
        pacer.close();
        pacer.close();
        assertEquals(-1, pacer.awaitNextSlot());
        assertTrue(pacer.isClosed());
    }

    @Test
    void shouldWakeASleepingReaderWhenClosedFromAnotherThread() throws Exception {
        FramePacer pacer = new FramePacer(0.01, new SystemPacingClock()); // the next slot is 100 s away
        assertEquals(0, pacer.awaitNextSlot());
        CompletableFuture<Long> next = CompletableFuture.supplyAsync(pacer::awaitNextSlot);
        Thread.sleep(50);
        pacer.close();
        assertEquals(-1L, next.get(20, TimeUnit.SECONDS));
    }
}
