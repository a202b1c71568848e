package dev.vc.transport.udp.cc;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.LongUnaryOperator;

/**
 * A synthetic hop for estimator tests, in simulated time (no clock, no sockets): a paced sender, random loss,
 * a bottleneck of a given capacity with a drop-tail FIFO queue, a one-way propagation delay each way, and a
 * receiver that records arrivals in its own clock and sends transport-cc feedback every 50 ms; optionally
 * random jitter after the bottleneck, which reorders packets. The sender
 * sends at the estimator's target (or a fixed rate) and hands it every feedback message.
 */
final class LinkSimulator {
    static final int PACKET_BYTES = 1200;
    static final long STEP_MICROS = 1_000;

    /** Capacity in bit/s as a function of time (µs). */
    private final LongUnaryOperator capacity;
    private final long propagationMicros;
    private final long queueLimitMicros;
    private final double lossProbability;
    private final Random random;
    final SendSideBandwidthEstimator estimator;
    private final TransportFeedbackRecorder recorder;
    /** The receiver's clock runs this far ahead of the sender's: only differences may matter. */
    private static final long RECEIVER_CLOCK_OFFSET = 987_654_321_000L;

    private long fixedRateBps = -1;
    private long now;
    private long nextSend;
    private int sequence = 65000;                        // wraps early in every run
    private long linkFreeAt;
    private final java.util.PriorityQueue<long[]> inFlight =
            new java.util.PriorityQueue<>(java.util.Comparator.comparingLong(p -> p[0]));    // {arrival, seq}
    private long jitterMicros;
    private final ArrayDeque<Object[]> feedbackInFlight = new ArrayDeque<>();   // {arrival, bytes}
    private final byte[] feedbackBuffer = new byte[1500];
    private long maxQueueMicros;
    private int burstBytes;
    private double tokens;
    private long tokensAt;
    private long lastDeparture;
    private long wantedBps;
    private ProbeCluster cluster;
    private long clusterStart;
    private long clusterBytes;
    private long probeClustersSent;

    /** One sample per 100 ms: time, target, capacity, queueing delay. */
    final List<long[]> trace = new ArrayList<>();

    LinkSimulator(LongUnaryOperator capacity, long propagationMicros, long queueLimitMicros, double lossProbability,
                  long seed, BitrateLimits limits) {
        this.capacity = capacity;
        this.propagationMicros = propagationMicros;
        this.queueLimitMicros = queueLimitMicros;
        this.lossProbability = lossProbability;
        this.random = new Random(seed);
        this.estimator = new SendSideBandwidthEstimator(limits, SendSideBandwidthEstimator.DEFAULT_LOG_CAPACITY,
                SendSideBandwidthEstimator.LONG_PROBE_MICROS);
        this.recorder = new TransportFeedbackRecorder(0x0BAD_CAFE, 4096, 1200,
                TransportFeedbackRecorder.DEFAULT_INTERVAL_MICROS);
    }

    /** Sends at a fixed rate instead of following the estimate. */
    LinkSimulator fixedRate(long bps) {
        this.fixedRateBps = bps;
        return this;
    }

    /** Adds a random delay of up to {@code maxMicros} after the bottleneck, which reorders close packets. */
    LinkSimulator jitter(long maxMicros) {
        this.jitterMicros = maxMicros;
        return this;
    }

    /**
     * Makes the bottleneck a token bucket ({@code tc ... tbf}): after a quiet spell up to {@code bytes} pass at
     * line rate, then packets leave at the capacity.
     */
    LinkSimulator burst(int bytes) {
        this.burstBytes = bytes;
        this.tokens = bytes;
        return this;
    }

    /**
     * Lets the sender probe: it states {@code bps} as the most it would use, sends at most that, and sends the
     * probe clusters the estimator asks for as padding, paced at their rate beside the media.
     */
    LinkSimulator probing(long bps) {
        this.wantedBps = bps;
        estimator.setWantedBitrateBps(bps);
        return this;
    }

    /** One line per probe cluster sent. */
    final List<String> clusterLog = new ArrayList<>();

    long probeClustersSent() {
        return probeClustersSent;
    }

    /** Runs until {@code untilMicros} of simulated time. */
    void runUntil(long untilMicros) {
        while (now < untilMicros) {
            step();
            now += STEP_MICROS;
        }
    }

    long now() {
        return now;
    }

    long target() {
        return estimator.targetBitrateBps();
    }

    /** Samples of the target between two times, in bit/s. */
    long[] targets(long fromMicros, long toMicros) {
        return trace.stream().filter(s -> s[0] >= fromMicros && s[0] < toMicros).mapToLong(s -> s[1]).toArray();
    }

    long maxQueueMicros() {
        return maxQueueMicros;
    }

    private void step() {
        long rate = fixedRateBps > 0 ? fixedRateBps : estimator.targetBitrateBps();
        if (wantedBps > 0) {
            rate = Math.min(rate, wantedBps);
            if (cluster == null) {
                cluster = estimator.probeDue(now);
                if (cluster != null) {
                    clusterLog.add(String.format("%.2f s cluster %d at %d kbit/s for %d ms (target %d)", now / 1e6,
                            cluster.id(), cluster.bitrateBps() / 1000, cluster.durationMicros() / 1000,
                            estimator.targetBitrateBps() / 1000));
                    probeClustersSent++;
                    clusterStart = now;
                    clusterBytes = 0;
                }
            }
        }
        while (nextSend <= now) {
            send(nextSend);
            nextSend += PACKET_BYTES * 8L * 1_000_000 / rate;
        }
        if (cluster != null) {
            // as the relay does: media sent during the cluster counts towards its rate, padding fills the rest
            long elapsed = Math.min(now - clusterStart, cluster.durationMicros());
            long due = PACKET_BYTES + cluster.bitrateBps() * elapsed / 8_000_000;
            while (clusterBytes + PACKET_BYTES <= due) {
                send(now);
            }
            if (elapsed == cluster.durationMicros()) {
                estimator.onProbeSent(cluster.id());
                cluster = null;
            }
        }
        while (!inFlight.isEmpty() && inFlight.peek()[0] <= now) {
            long[] p = inFlight.poll();
            recorder.onPacket((int) p[1], 0x1234, p[0] + RECEIVER_CLOCK_OFFSET);
        }
        while (recorder.isFeedbackDue(now + RECEIVER_CLOCK_OFFSET)) {
            int length = recorder.writeFeedback(feedbackBuffer, 0, now + RECEIVER_CLOCK_OFFSET);
            if (length > 0) {
                feedbackInFlight.add(new Object[] {now + propagationMicros,
                        java.util.Arrays.copyOf(feedbackBuffer, length)});
            }
        }
        while (!feedbackInFlight.isEmpty() && (long) feedbackInFlight.peek()[0] <= now) {
            byte[] message = (byte[]) feedbackInFlight.poll()[1];
            estimator.onFeedback(message, 0, message.length, now);
        }
        if (now % 100_000 == 0) {
            trace.add(new long[] {now, estimator.targetBitrateBps(), capacity.applyAsLong(now),
                    Math.max(0, linkFreeAt - now), estimator.acknowledgedBitrateBps(), estimator.queueingDelayMicros(),
                    estimator.delayBasedBitrateBps(), estimator.lossBasedBitrateBps()});
        }
    }

    /** Sends one packet (in the cluster, if one is in flight) onto the link. */
    private void send(long sendAt) {
        int seq = sequence++ & 0xFFFF;
        estimator.onPacketSent(seq, sendAt, PACKET_BYTES, cluster != null ? cluster.id() : ProbeCluster.NONE);
        if (cluster != null) {
            clusterBytes += PACKET_BYTES;
        }
        if (random.nextDouble() >= lossProbability) {
            long departure = burstBytes > 0 ? leaveBucket(sendAt) : leaveLink(sendAt);
            if (departure >= 0) {
                long jitter = jitterMicros > 0 ? (long) (random.nextDouble() * jitterMicros) : 0;
                inFlight.add(new long[] {departure + propagationMicros + jitter, seq});
            }
        }
    }

    /** A drop-tail FIFO at the capacity: when the packet has crossed the link, or -1 if the queue was full. */
    private long leaveLink(long sendAt) {
        long queued = Math.max(0, linkFreeAt - sendAt);
        if (queued > queueLimitMicros) {
            return -1;
        }
        maxQueueMicros = Math.max(maxQueueMicros, queued);
        linkFreeAt = Math.max(linkFreeAt, sendAt) + PACKET_BYTES * 8L * 1_000_000 / capacity.applyAsLong(sendAt);
        return linkFreeAt;
    }

    /** A token bucket in front of a FIFO: when the packet leaves it, or -1 if it would wait too long. */
    private long leaveBucket(long sendAt) {
        long c = capacity.applyAsLong(sendAt);
        long start = Math.max(sendAt, lastDeparture);
        double available = Math.min(burstBytes, tokens + (start - tokensAt) * c / 8e6);
        long departure = available >= PACKET_BYTES ? start
                : start + (long) Math.ceil((PACKET_BYTES - available) * 8e6 / c);
        if (departure - sendAt > queueLimitMicros) {
            return -1;
        }
        maxQueueMicros = Math.max(maxQueueMicros, departure - sendAt);
        tokens = available + (departure - start) * c / 8e6 - PACKET_BYTES;
        tokensAt = departure;
        lastDeparture = departure;
        linkFreeAt = departure;
        return departure;
    }

    /** The trace as text, one line per second, for failure messages. */
    String describe() {
        StringBuilder b = new StringBuilder();
        for (long[] s : trace) {
            if (s[0] % 1_000_000 == 0) {
                b.append(String.format("%5.1f s target %5d kbit/s capacity %5d kbit/s queue %4d ms%n", s[0] / 1e6,
                        s[1] / 1000, s[2] / 1000, s[3] / 1000));
            }
        }
        return b.toString();
    }
}
