package dev.vc.bench.netlab;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Shapes one direction of a link with a token bucket, and changes its rate while traffic flows ({@code tc qdisc
 * change}, which keeps the queue). Each direction has its own shaper: the downlink of a host is shaped at the
 * core end, its uplink at its own end.
 *
 * <pre>
 * Shaper down = Shaper.apply(link.downlink(), new TokenBucket(2_000_000, 10_240, 300));
 * down.change(600_000);       // capacity drops to 600 kbit/s now
 * </pre>
 */
final class Shaper {
    private final Egress egress;
    private volatile TokenBucket bucket;

    private Shaper(Egress egress, TokenBucket bucket) {
        this.egress = egress;
        this.bucket = bucket;
    }

    /**
     * Puts a token bucket at the root of the egress.
     *
     * @param egress where
     * @param bucket the settings
     * @return the shaper
     * @throws IOException if {@code tc} fails
     */
    static Shaper apply(Egress egress, TokenBucket bucket) throws IOException {
        Shell.run(command(egress, "add", bucket));
        return new Shaper(egress, bucket);
    }

    /**
     * Changes the rate, keeping burst and queue length.
     *
     * @param bitsPerSecond the new rate
     * @throws IOException if {@code tc} fails
     */
    void change(long bitsPerSecond) throws IOException {
        TokenBucket next = bucket.withRate(bitsPerSecond);
        Shell.run(command(egress, "change", next));
        bucket = next;
    }

    /** @return where it shapes */
    Egress egress() {
        return egress;
    }

    /** @return the settings in force */
    TokenBucket bucket() {
        return bucket;
    }

    /**
     * @return the kernel's counters of this shaper now
     * @throws IOException if {@code tc} fails or prints something unexpected
     */
    QdiscCounters counters() throws IOException {
        return QdiscCounters.read(egress);
    }

    private static List<String> command(Egress egress, String verb, TokenBucket bucket) {
        List<String> args = new ArrayList<>(List.of("qdisc", verb, "dev", egress.device(), "root"));
        args.addAll(bucket.tbfArguments());
        return egress.namespace().tc(args.toArray(String[]::new));
    }
}
