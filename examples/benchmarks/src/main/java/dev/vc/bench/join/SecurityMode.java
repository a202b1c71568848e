package dev.vc.bench.join;

import dev.vc.api.session.JoinTimings;
import dev.vc.api.session.Participant;
import dev.vc.relay.RelayServer;
import dev.vc.relay.RelaySettings;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One relay of the benchmark (TLS control and DTLS-SRTP media, or both off), a participant in its room that
 * keeps sending, and the joins measured against it: each join builds a new participant through the public API,
 * starts it, waits for its first rendered picture of the sender, keeps its {@link JoinTimings} and leaves.
 */
final class SecurityMode implements AutoCloseable {
    private static final String ROOM = "first-frame";
    private static final String SECRET = "first-frame-bench-secret";
    private static final Duration FIRST_FRAME_TIMEOUT = Duration.ofSeconds(10);

    private final String name;
    private final RelayServer relay;
    private final Map<String, String> clientSettings;
    private final Participant sender;
    private final List<JoinTimings> measured = new ArrayList<>();
    private long senderKeyframes;
    private long relayKeyframeRequests;
    private int joins;

    /**
     * @param secure   TLS control and DTLS-SRTP media (the defaults), else plain TCP and plain RTP
     * @param state    where the secure relay keeps its certificate
     * @param media    the participants' settings: source, codec, size, rate, renderer
     */
    SecurityMode(boolean secure, Path state, Map<String, String> media) {
        this.name = secure ? "TLS + DTLS-SRTP" : "plain TCP + plain RTP (insecure)";
        RelaySettings.Builder settings = RelaySettings.builder().host("127.0.0.1").controlPort(0).mediaPort(0)
                .joinAttemptsPerMinute(100_000).roomSecret(ROOM, SECRET);
        settings = secure ? settings.stateDirectory(state.toString())
                : settings.controlInsecure(true).mediaInsecure(true);
        this.relay = RelayServer.start(settings.build());
        Map<String, String> client = new java.util.HashMap<>(media);
        if (secure) {
            client.put("vc.relay.fingerprint", relay.certificateFingerprint());
        } else {
            client.put("vc.relay.insecure", "true");
            client.put("vc.media.security", "insecure");
        }
        this.clientSettings = Map.copyOf(client);
        try {
            this.sender = participant("sender", 1);
            sender.start();
        } catch (RuntimeException e) {
            relay.close();
            throw e;
        }
    }

    String name() {
        return name;
    }

    private Participant participant(String displayName, int seed) {
        InetSocketAddress control = new InetSocketAddress(InetAddress.getLoopbackAddress(),
                relay.controlAddress().getPort());
        Participant.Builder builder = Participant.builder().relay(control).room(ROOM).secret(SECRET).name(displayName)
                .set("vc.source.seed", Integer.toString(seed));
        clientSettings.forEach(builder::set);
        return builder.build();
    }

    /**
     * Joins once, waits for the first rendered picture, leaves, and waits until the relay let the joiner go.
     *
     * @param measure whether the join's timings count
     * @throws IllegalStateException if no picture came within the timeout
     */
    void join(boolean measure) throws InterruptedException {
        long keyframesBefore = sender.stats().keyframes();
        long requestsBefore = relay.stats().keyframeRequests();
        JoinTimings timings;
        try (Participant joiner = participant("joiner-" + joins, 100 + joins)) {
            joiner.start();
            joins++;
            long deadline = System.nanoTime() + FIRST_FRAME_TIMEOUT.toNanos();
            timings = joiner.joinTimings();
            while (!timings.complete()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(name + ": no picture within " + FIRST_FRAME_TIMEOUT.toMillis()
                            + " ms of the join: " + timings + ", " + joiner.stats());
                }
                Thread.sleep(1);
                timings = joiner.joinTimings();
            }
        }
        if (measure) {
            measured.add(timings);
            senderKeyframes += sender.stats().keyframes() - keyframesBefore;
            relayKeyframeRequests += relay.stats().keyframeRequests() - requestsBefore;
        }
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (relay.stats().connections() > 1 && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
    }

    List<JoinTimings> measured() {
        return measured;
    }

    /** @return keyframes the sender made per measured join (up to the joiner's leave) */
    double senderKeyframesPerJoin() {
        return measured.isEmpty() ? Double.NaN : (double) senderKeyframes / measured.size();
    }

    /** @return keyframe requests (PLIs) the relay sent of its own per measured join */
    double relayKeyframeRequestsPerJoin() {
        return measured.isEmpty() ? Double.NaN : (double) relayKeyframeRequests / measured.size();
    }

    @Override
    public void close() {
        try {
            sender.close();
        } finally {
            relay.close();
        }
    }
}
