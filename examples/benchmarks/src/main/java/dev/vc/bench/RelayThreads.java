package dev.vc.bench;

/**
 * The names of the relay's threads, by which the tools that run a relay in their own process
 * ({@link dev.vc.bench.relayload.RelayLoad}, {@link dev.vc.bench.conference.ConferenceBench}) tell its CPU time
 * from theirs.
 *
 * <pre>{@code
 * Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith(RelayThreads.PREFIX))
 * }</pre>
 */
public final class RelayThreads {
    /** Prefix of the relay's own threads, whose CPU time is the relay's. */
    public static final String PREFIX = "vc-relay-";
    /** The relay thread that forwards media. */
    public static final String MEDIA = "vc-relay-media";

    private RelayThreads() {
    }
}
