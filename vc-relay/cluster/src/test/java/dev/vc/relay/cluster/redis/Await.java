package dev.vc.relay.cluster.redis;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Bounded waits for the cluster tests: each loop ends within 20 s (a loaded 2-core machine starts JVMs slowly). */
final class Await {
    private Await() {
    }

    static void until(BooleanSupplier condition, Supplier<String> what) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 20 s: " + what.get());
            }
            Thread.sleep(20);
        }
    }
}
