package dev.vc.relay;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Bounds join attempts per remote address: at most {@code perMinute} in any sliding minute (a token bucket
 * refilled continuously). Remembers at most {@code maxAddresses} addresses, forgetting the least recently
 * seen, so a flood of spoofed addresses cannot grow it. Used by the control thread only.
 */
final class JoinLimiter {
    private static final long MINUTE_NANOS = 60_000_000_000L;

    private final int perMinute;
    private final Map<InetAddress, long[]> buckets;

    JoinLimiter(int perMinute, int maxAddresses) {
        this.perMinute = perMinute;
        this.buckets = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<InetAddress, long[]> eldest) {
                return size() > maxAddresses;
            }
        };
    }

    /** @return true if {@code address} may try to join now (and counts the attempt) */
    boolean tryAcquire(InetAddress address, long nowNanos) {
        // bucket[0] = tokens scaled by MINUTE_NANOS (fixed point), bucket[1] = last refill time
        long[] bucket = buckets.computeIfAbsent(address, a -> new long[] {perMinute * MINUTE_NANOS, nowNanos});
        long elapsed = Math.max(0, nowNanos - bucket[1]);
        bucket[0] = Math.min(perMinute * MINUTE_NANOS, bucket[0] + elapsed * perMinute);
        bucket[1] = nowNanos;
        if (bucket[0] < MINUTE_NANOS) {
            return false;
        }
        bucket[0] -= MINUTE_NANOS;
        return true;
    }
}
