package dev.vc.examples.client;

import dev.vc.api.SourceException;
import dev.vc.api.TransportException;
import dev.vc.api.UnknownProviderException;
import dev.vc.api.VcException;
import dev.vc.api.control.JoinRejectedException;
import dev.vc.api.control.RelayTlsException;
import dev.vc.api.session.ConnectionState;
import dev.vc.api.session.LatencyStats;
import dev.vc.api.session.Participant;
import dev.vc.api.session.ParticipantStats;
import dev.vc.api.session.StreamStats;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What the client tells its user: the once-a-second status line (frames sent, the uplink's bandwidth
 * estimate once the relay's transport-cc feedback gave one, the picture size and frames received per remote stream,
 * capture-to-render latency, packets the transport dropped by reason) and a plain explanation of each
 * failure, shared by the window and the headless mode.
 */
final class ClientStatus {
    /** Exit status: a bad option, or a codec or another setting the configuration names that does not exist here. */
    static final int EXIT_CONFIG = 2;
    /** Exit status: the relay refused the join. */
    static final int EXIT_REJECTED = 3;
    /** Exit status: the relay could not be reached or the connection failed. */
    static final int EXIT_UNREACHABLE = 4;
    /** Exit status: the video source failed or is not available. */
    static final int EXIT_SOURCE = 5;
    /** Exit status: the relay dropped the connection. */
    static final int EXIT_DISCONNECTED = 6;

    /** How long hellos may go unanswered before the line says so (the relay answers within a round trip). */
    static final long HELLO_WARNING_MILLIS = 3_000;

    private final Map<Integer, Long> renderedBefore = new HashMap<>();
    private long sentBefore;
    private long lastNanos = System.nanoTime();

    /**
     * @param participant the running participant
     * @param source      what it sends, for the line
     * @return e.g. {@code sending 30.0 fps (synthetic), uplink estimate 1150 kbit/s | bob 640x480 29.9 fps,
     *         carol 320x240 30.0 fps | latency p50 8.1 ms p99 15.2 ms | dropped {DUPLICATE=3}}: each stream with
     *         the size of its last picture (with simulcast, the layer the relay forwards now); led by
     *         {@code insecure (plain TCP to the relay) | } when the control channel is not TLS and
     *         {@code insecure media (plain RTP) | } when the media is not SRTP, and by
     *         {@code reconnecting to the relay… | } while the participant reconnects; without remote video it says
     *         how many others are in the room ({@link #others})
     */

    String line(Participant participant, String source) {
        ParticipantStats stats = participant.stats();
        LatencyStats latency = participant.drainIntervalLatency();
        long now = System.nanoTime();
        double seconds = Math.max(1e-3, (now - lastNanos) / 1e9);
        lastNanos = now;
        StringBuilder line = new StringBuilder();
        if (participant.connectionState() == ConnectionState.RECONNECTING) {
            line.append("reconnecting to the relay\u2026 | ");
        }
        if (participant.controlInsecure()) {
            line.append("insecure (plain TCP to the relay) | ");
        }
        if (participant.mediaInsecure()) {
            line.append("insecure media (plain RTP) | ");
        }
        line.append(String.format(Locale.ROOT, "sending %.1f fps (%s)", (stats.framesEncoded() - sentBefore) / seconds,
                source));
        sentBefore = stats.framesEncoded();
        long estimate = stats.transport().uplinkEstimateBps();
        if (estimate >= 0) {
            line.append(String.format(Locale.ROOT, ", uplink estimate %d kbit/s", estimate / 1000));
        }
        line.append(" | ");
        if (stats.streams().isEmpty()) {
            line.append(others(participant.roster().size()));
        }
        Map<Integer, Long> rendered = new HashMap<>();
        for (int i = 0; i < stats.streams().size(); i++) {
            StreamStats s = stats.streams().get(i);
            long before = renderedBefore.getOrDefault(s.stream().ssrc(), 0L);   // a new stream started within the interval
            rendered.put(s.stream().ssrc(), s.framesRendered());
            line.append(i == 0 ? "" : ", ").append(s.stream().label());
            if (s.width() > 0) {
                line.append(' ').append(s.width()).append('x').append(s.height());   // the layer received now
            }
            line.append(String.format(Locale.ROOT, " %.1f fps", (s.framesRendered() - before) / seconds));
        }
        renderedBefore.clear();
        renderedBefore.putAll(rendered);
        if (latency.count() > 0) {
            line.append(String.format(Locale.ROOT, " | latency p50 %.1f ms p99 %.1f ms", latency.p50(), latency.p99()));
        }
        if (stats.transport().helloUnansweredMillis() >= HELLO_WARNING_MILLIS) {
            line.append(String.format(Locale.ROOT, " | relay not answering hellos (%d s)",
                    stats.transport().helloUnansweredMillis() / 1000));
        }
        if (!stats.transport().feedbackRefused().isEmpty()) {
            line.append(" | feedback refused: ").append(reasons(stats.transport().feedbackRefused()));
        }
        if (!stats.transport().sendDropsByReason().isEmpty()) {
            line.append(" | not sent: ").append(reasons(stats.transport().sendDropsByReason()));
        }
        if (!stats.transport().dropsByReason().isEmpty()) {
            line.append(" | dropped: ").append(reasons(stats.transport().dropsByReason()));   // since the start
        }
        return line.toString();
    }

    /** @return counts by reason as a person reads them: {@code "frame before keys 3, malformed 1"} */
    static String reasons(java.util.Map<?, Long> counts) {
        StringBuilder text = new StringBuilder();
        counts.forEach((reason, count) -> text.append(text.length() == 0 ? "" : ", ")
                .append(reason.toString().toLowerCase(Locale.ROOT).replace('_', ' ')).append(' ').append(count));
        return text.toString();
    }

    /**
     * @param others how many others are in the room
     * @return what the line says when no remote video comes: whether anyone else is there at all
     */
    static String others(int others) {
        return switch (others) {
            case 0 -> "nobody else in the room";
            case 1 -> "1 other in the room, not sending video";
            default -> others + " others in the room, none sending video";
        };
    }

    /**
     * @param e       what failed
     * @param options what the user asked for
     * @return a sentence for a person
     */
    static String explain(VcException e, ClientOptions options, String source) {
        if (e instanceof JoinRejectedException rejected) {
            String why = switch (rejected.reason()) {
                case BAD_SECRET -> "wrong secret for room '" + options.room() + "'";
                case ROOM_FULL -> "room '" + options.room() + "' is full";
                case SERVER_FULL -> "the relay has no room for another room";
                case RATE_LIMITED -> "too many attempts from this address; wait a minute";
                case UNSUPPORTED_VERSION -> "this client and the relay speak different protocol versions";
                case BAD_REQUEST -> "the relay did not accept the request";
                case MEDIA_SECURITY_MISMATCH -> "this client and the relay disagree on encrypting media: " + rejected.getMessage();
                case CLUSTER_UNAVAILABLE -> "the relay cannot reach its cluster's directory to find the room; try again";
            };
            return "The relay refused to let you in: " + why + " (" + rejected.reason() + ").";
        }
        if (e instanceof RelayTlsException) {
            return "Cannot trust the relay at " + options.relay() + ": " + e.getMessage() + ".";
        }
        if (e instanceof TransportException) {
            return "Cannot reach the relay at " + options.relay() + ": " + e.getMessage() + ". Is it running?";
        }
        if (e instanceof SourceException) {
            return "The video source '" + source + "' failed: " + e.getMessage();
        }
        if (e instanceof UnknownProviderException) {
            return "Cannot use what was asked for: " + e.getMessage();
        }
        return e.getMessage();
    }

    /** @return the process exit status for a failure */
    static int exitCode(VcException e) {
        if (e instanceof JoinRejectedException) {
            return EXIT_REJECTED;
        }
        if (e instanceof TransportException) {
            return EXIT_UNREACHABLE;
        }
        if (e instanceof SourceException || e instanceof UnknownProviderException) {
            return EXIT_SOURCE;
        }
        return 1;
    }
}
