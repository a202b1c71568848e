package dev.vc.relay;

import java.net.InetAddress;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Bounds on control connections, for the control thread: how many may be open at once, in total and from one
 * remote address, and how long {@code accept} pauses after it fails (out of file descriptors), growing from
 * {@link #MIN_BACKOFF_NANOS} to {@link #MAX_BACKOFF_NANOS} while failures repeat, so the thread neither spins
 * nor stops: it accepts again as soon as descriptors are free. Counts every connection it turns away.
 *
 * <pre>{@code
 * Closed refused = gate.admit(address);        // null: admitted and counted
 * gate.release(address);                       // when it closes
 * }</pre>
 *
 * The per-address table holds only addresses with open connections, so it is bounded by the total.
 */
final class ConnectionGate {
    /** Why the relay closed a control connection on its own. */
    enum Closed {
        /** Accepted while {@code vc.relay.max.connections} were open. */
        MAX_CONNECTIONS,
        /** Accepted while {@code vc.relay.max.connections.per.address} were open from its address. */
        MAX_PER_ADDRESS,
        /** No JOIN within {@code vc.relay.join.timeout.ms}. */
        JOIN_TIMEOUT,
        /** TLS handshake not completed within {@code vc.relay.tls.handshake.timeout.ms}. */
        TLS_HANDSHAKE_TIMEOUT,
        /** The TLS layer refused what the client sent (not TLS 1.3, a broken record, garbage after a handshake byte). */
        TLS_FAILED,
        /** Plain control frames on the TLS port (a client told insecure); told so in plain words before closing. */
        PLAIN_ON_TLS,
        /** A TLS handshake on the insecure port (a client not told insecure); told so before closing. */
        TLS_ON_PLAIN,
        /** Neither TLS nor a control frame as the first byte. */
        GARBAGE
    }

    static final long MIN_BACKOFF_NANOS = 10_000_000L;
    static final long MAX_BACKOFF_NANOS = 1_000_000_000L;

    private final int maxTotal;
    private final int maxPerAddress;
    private final Map<InetAddress, Integer> perAddress = new HashMap<>();
    private final Map<Closed, LongAdder> closed = new EnumMap<>(Closed.class);
    private final LongAdder acceptFailures = new LongAdder();
    private int open;
    private long backoffNanos;

    ConnectionGate(int maxTotal, int maxPerAddress) {
        this.maxTotal = maxTotal;
        this.maxPerAddress = maxPerAddress;
        for (Closed c : Closed.values()) {
            closed.put(c, new LongAdder());
        }
    }

    /** @return null if a connection from {@code address} may stay open (and is now counted), else why not */
    Closed admit(InetAddress address) {
        if (open >= maxTotal) {
            closed.get(Closed.MAX_CONNECTIONS).increment();
            return Closed.MAX_CONNECTIONS;
        }
        int from = perAddress.getOrDefault(address, 0);
        if (from >= maxPerAddress) {
            closed.get(Closed.MAX_PER_ADDRESS).increment();
            return Closed.MAX_PER_ADDRESS;
        }
        perAddress.put(address, from + 1);
        open++;
        return null;
    }

    /** An admitted connection from {@code address} closed. */
    void release(InetAddress address) {
        Integer from = perAddress.get(address);
        if (from == null) {
            return;
        }
        if (from <= 1) {
            perAddress.remove(address);
        } else {
            perAddress.put(address, from - 1);
        }
        open--;
    }

    /** Counts a connection closed for {@code reason}. */
    void count(Closed reason) {
        closed.get(reason).increment();
    }

    /** @return how long to stop accepting after this failure: doubling while failures repeat */
    long acceptFailed() {
        acceptFailures.increment();
        backoffNanos = backoffNanos == 0 ? MIN_BACKOFF_NANOS : Math.min(MAX_BACKOFF_NANOS, backoffNanos * 2);
        return backoffNanos;
    }

    /** An accept succeeded: the next failure starts from the shortest pause again. */
    void acceptSucceeded() {
        backoffNanos = 0;
    }

    /** @return addresses with open connections (for tests) */
    int addresses() {
        return perAddress.size();
    }

    long acceptFailures() {
        return acceptFailures.sum();
    }

    /** @return {@link #closed()} keyed by lower-case reason, for {@link RelayStats}; safe from any thread */
    Map<String, Long> closedByName() {
        Map<String, Long> map = new java.util.LinkedHashMap<>();
        closed.forEach((k, v) -> map.put(k.name().toLowerCase(java.util.Locale.ROOT), v.sum()));
        return map;
    }

    /** @return connections the relay closed on its own, by reason */
    Map<Closed, Long> closed() {
        Map<Closed, Long> map = new EnumMap<>(Closed.class);
        closed.forEach((k, v) -> map.put(k, v.sum()));
        return map;
    }
}
