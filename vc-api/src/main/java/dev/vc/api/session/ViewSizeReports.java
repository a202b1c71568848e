package dev.vc.api.session;

import dev.vc.api.RemoteStream;
import dev.vc.api.Renderer;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntUnaryOperator;
import java.util.function.LongSupplier;

/**
 * Turns the view sizes a renderer reports (or an application sets) into {@code ViewSize} messages to the relay:
 * only real changes ({@link Renderer.ViewSizeListener#changed}), at most one per sender per
 * {@link Renderer.ViewSizeListener#MIN_INTERVAL_MILLIS}, the newest size of a burst winning, each addressed to
 * the participant id the roster gives the stream's SSRC.
 *
 * <p>Nothing is sent on the caller's thread (often the event dispatch thread): a report is recorded and a send
 * scheduled on the {@link Scheduler}, at once or when the sender's interval is over. What does not go out is
 * counted: reports that changed nothing, reports out of range, streams no roster member sends, sends the
 * control connection refused (closed). The participant's own SSRC (the self view) is never reported.
 *
 * <pre>{@code
 * ViewSizeReports sizes = ViewSizeReports.sending(ownSsrc, roster::participantOf, control::sendViewSize);
 * renderer.setViewSizeListener(sizes);
 * roster.onLeft(sizes::forget);
 * }</pre>
 */
final class ViewSizeReports implements Renderer.ViewSizeListener {
    private static final long MIN_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(MIN_INTERVAL_MILLIS);
    private static final int MAX_SIDE = 0xFFFF;

    /** Sends one {@code ViewSize}; false if it could not (connection closed). */
    @FunctionalInterface
    interface Sender {
        boolean send(int participantId, int width, int height);
    }

    /** Runs a task after a delay, on another thread. */
    @FunctionalInterface
    interface Scheduler {
        void runAfter(long delayNanos, Runnable task);
    }

    /** One sender's view size: what went to the relay last, and what is wanted now. */
    private static final class Wish {
        boolean sentAny;
        int sentWidth;
        int sentHeight;
        long sentNanos;
        int wantWidth;
        int wantHeight;
        boolean scheduled;
    }

    private final int ownSsrc;
    private final IntUnaryOperator participantOf;
    private final Sender sender;
    private final LongSupplier clock;
    private final Scheduler scheduler;
    private final Map<Integer, Wish> bySsrc = new HashMap<>();   // guarded by this
    private boolean closed;
    private long sent;
    private long unchanged;
    private long outOfRange;
    private long unknownSender;
    private long refused;

    /**
     * @param ownSsrc       this participant's SSRC: its self view is not reported
     * @param participantOf the participant id of the roster member sending an SSRC, or a negative number
     * @param sender        writes a {@code ViewSize} on the control connection
     * @param clock         {@link System#nanoTime()} or a test's clock
     * @param scheduler     runs the sends
     */
    ViewSizeReports(int ownSsrc, IntUnaryOperator participantOf, Sender sender, LongSupplier clock,
                    Scheduler scheduler) {
        this.ownSsrc = ownSsrc;
        this.participantOf = participantOf;
        this.sender = sender;
        this.clock = clock;
        this.scheduler = scheduler;
    }

    /**
     * Reports sent from the JDK's shared delay scheduler (no thread of its own).
     *
     * @param ownSsrc       this participant's SSRC
     * @param participantOf the participant id of the roster member sending an SSRC, or a negative number
     * @param sender        writes a {@code ViewSize}
     * @return the reports
     */
    static ViewSizeReports sending(int ownSsrc, IntUnaryOperator participantOf, Sender sender) {
        return new ViewSizeReports(ownSsrc, participantOf, sender, System::nanoTime,
                (delay, task) -> CompletableFuture.delayedExecutor(delay, TimeUnit.NANOSECONDS).execute(task));
    }

    /** Any thread: records the size; a send follows if it changed enough. */
    @Override
    public void onViewSize(RemoteStream stream, int width, int height) {
        int ssrc = stream.ssrc();
        if (ssrc == ownSsrc) {
            return;
        }
        long delay;
        synchronized (this) {
            if (closed) {
                return;
            }
            if (width < 0 || height < 0 || width > MAX_SIDE || height > MAX_SIDE) {
                outOfRange++;
                return;
            }
            Wish wish = bySsrc.computeIfAbsent(ssrc, k -> new Wish());
            wish.wantWidth = width;
            wish.wantHeight = height;
            if (wish.scheduled) {
                return;   // the send already scheduled takes the newest size
            }
            if (wish.sentAny && !Renderer.ViewSizeListener.changed(wish.sentWidth, wish.sentHeight, width, height)) {
                unchanged++;
                return;
            }
            wish.scheduled = true;
            delay = wish.sentAny ? Math.max(0, wish.sentNanos + MIN_INTERVAL_NANOS - clock.getAsLong()) : 0;
        }
        scheduler.runAfter(delay, () -> flush(ssrc));
    }

    /** Scheduler thread: sends the newest wanted size of the stream, unless it no longer differs. */
    private void flush(int ssrc) {
        int width;
        int height;
        int participantId;
        synchronized (this) {
            Wish wish = bySsrc.get(ssrc);
            if (wish == null || closed) {
                return;
            }
            wish.scheduled = false;
            width = wish.wantWidth;
            height = wish.wantHeight;
            if (wish.sentAny && !Renderer.ViewSizeListener.changed(wish.sentWidth, wish.sentHeight, width, height)) {
                unchanged++;
                return;
            }
            participantId = participantOf.applyAsInt(ssrc);
            if (participantId < 0) {
                unknownSender++;
                bySsrc.remove(ssrc);
                return;
            }
            wish.sentAny = true;
            wish.sentWidth = width;
            wish.sentHeight = height;
            wish.sentNanos = clock.getAsLong();
        }
        if (sender.send(participantId, width, height)) {
            synchronized (this) {
                sent++;
            }
        } else {
            synchronized (this) {
                refused++;
            }
        }
    }

    /**
     * Forgets a stream whose participant left.
     *
     * @param ssrc the stream's SSRC
     */
    synchronized void forget(int ssrc) {
        bySsrc.remove(ssrc);
    }

    /** Forgets every size sent: after a reconnection the relay knows none, so each is sent again. */
    synchronized void forgetAll() {
        bySsrc.clear();
    }

    /** Stops sending; reports after this are ignored. */
    synchronized void close() {
        closed = true;
        bySsrc.clear();
    }

    /** @return {@code ViewSize} messages written */
    synchronized long sent() {
        return sent;
    }

    /** @return reports (or scheduled sends) that did not change the size enough to tell the relay */
    synchronized long unchanged() {
        return unchanged;
    }

    /** @return reports with a negative size or one above 65535, dropped */
    synchronized long outOfRange() {
        return outOfRange;
    }

    /** @return sends dropped because no roster member sends the stream's SSRC */
    synchronized long unknownSender() {
        return unknownSender;
    }

    /** @return sends the control connection refused (closed, or the write failed) */
    synchronized long refused() {
        return refused;
    }
}
