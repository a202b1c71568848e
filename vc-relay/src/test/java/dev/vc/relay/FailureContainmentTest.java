package dev.vc.relay;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A bug that one datagram or one round of work runs into costs that datagram or that round, counted, and never the
 * media thread that serves every room.
 */
class FailureContainmentTest {
    @Test
    void shouldDropAndCountADatagramWhoseHandlingFailsAndForwardTheNextOne() {
        RouterHarness relay = new RouterHarness();
        RouterHarness.Peer alice = relay.join("alice", 44_000);
        RouterHarness.Peer bob = relay.join("bob", 44_001);
        relay.deliveries.clear();
        relay.sendFailure = new IllegalStateException("a bug in the output path");
        byte[] first = RouterHarness.h264(alice, 0, 1, 3000, true, 1);
        relay.send(alice, first, first.length);
        assertEquals(1, relay.dropped(DropReason.INTERNAL_ERROR));
        relay.sendFailure = null;
        byte[] second = RouterHarness.h264(alice, 0, 2, 6000, true, 2);
        relay.send(alice, second, second.length);
        assertEquals(1, relay.rtpDelivered(alice, bob), "the next datagram is forwarded");
    }

    @Test
    void shouldKeepTheMediaThreadRunningAfterARoundOfWorkFails() throws Exception {
        RelaySettings settings = RelaySettings.builder().mediaInsecure(true).host("127.0.0.1").mediaPort(0).build();
        try (MediaRelay media = new MediaRelay(settings, new RoomDirectory(settings))) {
            media.start();
            media.execute(() -> {
                throw new IllegalStateException("a bug in a task");
            });
            CountDownLatch after = new CountDownLatch(1);
            media.execute(after::countDown);
            assertTrue(after.await(10, TimeUnit.SECONDS), "work handed over after the failure runs");
            assertTrue(media.running(), "the media thread is alive");
        }
    }
}
