package dev.vc.bench.netlab;

import java.util.ArrayList;
import java.util.List;

/**
 * A token-bucket shaper's settings ({@code tc qdisc ... tbf}): packets leave at {@code rate} on average, up to
 * {@code burstBytes} at line speed after a quiet spell, and wait in a drop-tail queue that holds at most
 * {@code queueMillis} of traffic at the rate ({@code tbf}'s {@code latency}); what does not fit is dropped.
 * The rate counts whole Ethernet frames, as the kernel does.
 *
 * @param bitsPerSecond the rate, 8 kbit/s..10 Gbit/s
 * @param burstBytes    the bucket, at least one full-size frame
 * @param queueMillis   the queue, in milliseconds at the rate (RFC 8867's test cases use 300 ms)
 */
record TokenBucket(long bitsPerSecond, int burstBytes, int queueMillis) {
    /** Checks the ranges. */
    TokenBucket {
        if (bitsPerSecond < 8_000 || bitsPerSecond > 10_000_000_000L) {
            throw new IllegalArgumentException("rate must be 8 kbit/s..10 Gbit/s, got " + bitsPerSecond);
        }
        if (burstBytes < 1_600 || burstBytes > 10_000_000) {
            throw new IllegalArgumentException("burst must be 1600..10000000 bytes, got " + burstBytes);
        }
        if (queueMillis < 1 || queueMillis > 10_000) {
            throw new IllegalArgumentException("queue must be 1..10000 ms, got " + queueMillis);
        }
    }

    /**
     * @param newBitsPerSecond another rate
     * @return the same bucket and queue at that rate
     */
    TokenBucket withRate(long newBitsPerSecond) {
        return new TokenBucket(newBitsPerSecond, burstBytes, queueMillis);
    }

    /** @return {@code tbf}'s arguments: {@code tbf rate 2000000bit burst 10240b latency 300ms} */
    List<String> tbfArguments() {
        List<String> args = new ArrayList<>();
        args.add("tbf");
        args.add("rate");
        args.add(bitsPerSecond + "bit");
        args.add("burst");
        args.add(burstBytes + "b");
        args.add("latency");
        args.add(queueMillis + "ms");
        return args;
    }

    /**
     * @param backlogBytes bytes waiting in the queue
     * @return how long the last of them waits before it leaves: backlog / rate, milliseconds
     */
    double queueDelayMillis(long backlogBytes) {
        return backlogBytes * 8_000.0 / bitsPerSecond;
    }
}
