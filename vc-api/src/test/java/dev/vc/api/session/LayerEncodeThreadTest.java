package dev.vc.api.session;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fork and join of the layer encode thread: one job per fork, on its own thread, done when joined. */
class LayerEncodeThreadTest {
    @Test
    void shouldRunEachForkedJobOnItsThreadAndBeDoneWhenJoined() {
        List<String> threads = new ArrayList<>();
        int[] runs = {0};
        try (LayerEncodeThread layers = new LayerEncodeThread("vc-layers-test", () -> {
            threads.add(Thread.currentThread().getName());
            runs[0]++;                                       // plain fields: fork and join hand them over
        })) {
            for (int n = 1; n <= 100; n++) {
                assertTrue(layers.fork());
                layers.join();
                assertEquals(n, runs[0], "job " + n + " done when joined");
            }
            assertEquals(List.of("vc-layers-test"), threads.stream().distinct().toList());
        }
    }

    @Test
    void shouldWaitInJoinForAJobStillRunning() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger done = new AtomicInteger();
        try (LayerEncodeThread layers = new LayerEncodeThread("vc-layers-test", () -> {
            started.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            done.incrementAndGet();
        })) {
            assertTrue(layers.fork());
            assertTrue(started.await(5, TimeUnit.SECONDS));
            Thread releaser = new Thread(() -> {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                release.countDown();
            });
            releaser.start();
            layers.join();
            assertEquals(1, done.get(), "join returned only once the job was done");
            releaser.join();
        }
    }

    @Test
    void shouldCountAJobThatThrowsAndGoOn() {
        AtomicInteger calls = new AtomicInteger();
        try (LayerEncodeThread layers = new LayerEncodeThread("vc-layers-test", () -> {
            if (calls.incrementAndGet() == 2) {
                throw new IllegalStateException("injected");
            }
        })) {
            for (int n = 0; n < 4; n++) {
                assertTrue(layers.fork());
                layers.join();
            }
            assertEquals(4, calls.get());
            assertEquals(1, layers.jobsFailed());
        }
    }

    @Test
    void shouldEndItsThreadOnCloseAndRefuseLaterForks() throws Exception {
        AtomicReference<Thread> thread = new AtomicReference<>();
        LayerEncodeThread layers = new LayerEncodeThread("vc-layers-test", () -> thread.set(Thread.currentThread()));
        assertFalse(layers.alive(), "no thread before start or the first fork");
        layers.start();
        assertTrue(layers.alive());
        assertTrue(layers.fork());
        layers.join();
        assertTrue(layers.alive());
        layers.close();
        assertFalse(layers.alive());
        assertFalse(thread.get().isAlive());
        assertFalse(layers.fork(), "closed: the caller runs the job itself");
        layers.join();                                       // returns: nothing in flight
        layers.close();                                      // idempotent
    }

    @Test
    void shouldCloseWithoutEverStarting() {
        LayerEncodeThread layers = new LayerEncodeThread("vc-layers-test", () -> { });
        layers.close();
        layers.start();
        assertFalse(layers.alive(), "closed: not started");
        assertFalse(layers.fork());
    }
}
