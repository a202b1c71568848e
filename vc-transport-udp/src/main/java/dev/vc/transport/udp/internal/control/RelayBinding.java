package dev.vc.transport.udp.internal.control;

import dev.vc.api.MediaBinding;
import dev.vc.transport.udp.MediaHello;

import java.security.SecureRandom;

/**
 * The client side of the relay's media hello (see {@link MediaHello}): writes signed hellos with a growing
 * counter, and recognises the relay's signed answer. Hellos are sent often until one is answered, then
 * seldom, which keeps the binding and any NAT mapping fresh and moves the binding when the local address
 * changes.
 */
public final class RelayBinding {
    /** Hello period while unanswered. */
    static final long UNBOUND_PERIOD_MILLIS = 200;
    /** Hello period once answered. */
    static final long BOUND_PERIOD_MILLIS = 5_000;
    /** How long hellos may go unanswered before {@link #warningDue(long)} says to tell the user. */
    public static final long WARNING_MILLIS = 3_000;

    private final int participantId;
    private final MediaHello writer;
    private final MediaHello checker;
    private final int nonce = new SecureRandom().nextInt();
    private final byte[] packet = new byte[MediaHello.REQUEST_BYTES];
    private long counter;
    private volatile long answered = -1;
    /** When the oldest hello not followed by an answer went out (System.nanoTime), or {@link #NONE}. */
    private volatile long unansweredSinceNanos = NONE;
    /** When the first answer arrived (System.nanoTime), or {@link #NONE}. */
    private volatile long firstAnswerNanos = NONE;
    private static final long NONE = Long.MIN_VALUE;
    /** Whether the current wait for an answer was already reported by {@link #warningDue(long)}. */
    private volatile boolean warned;

    public RelayBinding(MediaBinding binding) {
        this.participantId = binding.participantId();
        // Two MAC instances: hellos are written on the timer thread, answers checked on the receive thread.
        this.writer = new MediaHello(binding.sessionKey());
        this.checker = new MediaHello(binding.sessionKey());
    }

    /** Timer thread: writes the next hello; valid until the next call. */
    public byte[] nextHello() {
        if (unansweredSinceNanos == NONE) {
            unansweredSinceNanos = System.nanoTime();
        }
        writer.writeRequest(packet, 0, participantId, ++counter, nonce);
        return packet;
    }

    /**
     * Receive thread: takes a STUN datagram.
     *
     * @return true if it was the relay's valid answer to one of our hellos
     */
    public boolean onStun(byte[] buffer, int length) {
        if (!MediaHello.isSuccess(buffer, 0, length) || !checker.verify(buffer, 0, length)) {
            return false;
        }
        if (answered < 0) {
            firstAnswerNanos = System.nanoTime();
        }
        answered = Math.max(answered, MediaHello.answeredCounter(buffer, 0));
        unansweredSinceNanos = NONE;
        warned = false;
        return true;
    }

    /**
     * @param nowNanos {@link System#nanoTime()}
     * @return how long a hello of ours has been waiting for the relay's answer, 0 if none is; the relay refuses
     *         hellos from an address another participant holds, so a long wait is worth telling the user
     */
    public long unansweredMillis(long nowNanos) {
        long since = unansweredSinceNanos;
        return since == NONE ? 0 : Math.max(0, (nowNanos - since) / 1_000_000);
    }

    /**
     * Timer thread: whether to warn now that the relay leaves our hellos unanswered; true once per wait of at least
     * {@link #WARNING_MILLIS} (an answer ends the wait).
     *
     * @param nowNanos {@link System#nanoTime()}
     * @return true the first time this wait reaches the limit
     */
    public boolean warningDue(long nowNanos) {
        if (warned || unansweredMillis(nowNanos) < WARNING_MILLIS) {
            return false;
        }
        warned = true;
        return true;
    }

    /** @return when the relay first answered a hello ({@link System#nanoTime()}), or {@code Long.MIN_VALUE} before */
    public long firstAnswerNanos() {
        return firstAnswerNanos;
    }

    /** @return true once the relay answered a hello */
    public boolean bound() {
        return answered >= 0;
    }

    /** @return how long to wait before the next hello */
    public long periodMillis() {
        return bound() ? BOUND_PERIOD_MILLIS : UNBOUND_PERIOD_MILLIS;
    }
}
