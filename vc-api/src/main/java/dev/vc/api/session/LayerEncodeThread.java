package dev.vc.api.session;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A thread that runs one job per captured frame beside the send thread: the send thread {@link #fork forks} it
 * (the smaller simulcast layers of the frame), does its own part (the largest layer), then {@link #join joins} it
 * before it sends the smaller layers and takes the next frame. One frame at most is in flight, so the pictures the
 * job reads and writes (the captured frame, whose ring slot the send thread holds until it returns, and the
 * layers' halved frames) are never touched by the two threads at once, and no frame is queued, dropped or
 * reordered. The fork and join hand over all memory both ways (a volatile state), and nothing is allocated per
 * frame (the threads park and unpark).
 *
 * <pre>{@code
 * LayerEncodeThread layers = new LayerEncodeThread("vc-layers-alice", this::encodeSmallerLayers);
 * if (!layers.fork()) {            // closed: do the job here
 *     encodeSmallerLayers();
 * }
 * encodeLargestLayer();
 * layers.join();
 * }</pre>
 *
 * <p>{@link #fork} and {@link #join} are called by one thread at a time (the send thread), in pairs. A job that
 * throws is logged and counted as done: the send thread never waits for a job that ended.
 */
final class LayerEncodeThread implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(LayerEncodeThread.class.getName());
    private static final int IDLE = 0;
    private static final int FORKED = 1;
    private static final int RUNNING = 2;
    private static final int CLOSED = 3;
    private static final long CLOSE_MILLIS = 2_000;

    private final Thread thread;
    private final Runnable job;
    private final AtomicInteger state = new AtomicInteger(IDLE);
    /** The thread that forked the job in flight, unparked when it is done. */
    private volatile Thread forker;
    private volatile long jobsFailed;
    private final AtomicBoolean started = new AtomicBoolean();

    /**
     * @param name the thread's name
     * @param job  the work of one frame, run on the thread after each {@link #fork}
     */
    LayerEncodeThread(String name, Runnable job) {
        this.job = job;
        this.thread = new Thread(this::loop, name);
        thread.setDaemon(true);
    }

    /**
     * Starts the job on the thread (starting the thread if {@link #start} was not called). Must be followed by
     * {@link #join} before the next fork.
     *
     * @return true if the thread runs it; false if the thread was closed (the caller then runs the job itself)
     */
    boolean fork() {
        forker = Thread.currentThread();
        if (!state.compareAndSet(IDLE, FORKED)) {
            return false;
        }
        start();
        LockSupport.unpark(thread);
        return true;
    }

    /** Starts the thread, if it was not started yet and is not closed; it then waits for the first fork. */
    void start() {
        if (state.get() != CLOSED && started.compareAndSet(false, true)) {
            thread.start();
        }
    }

    /** Waits until the job forked last is done (returns at once if it is, or if nothing was forked). */
    void join() {
        boolean interrupted = false;
        int s;
        while ((s = state.get()) == FORKED || s == RUNNING) {
            LockSupport.park(this);
            interrupted |= Thread.interrupted();    // the job uses the caller's buffers: wait for it anyway
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void loop() {
        while (true) {
            int s = state.get();
            if (s == CLOSED) {
                return;
            }
            if (s != FORKED || !state.compareAndSet(FORKED, RUNNING)) {
                LockSupport.park(this);
                continue;
            }
            try {
                job.run();
            } catch (RuntimeException | Error e) {
                jobsFailed++;
                LOG.log(System.Logger.Level.ERROR, "unexpected failure encoding the smaller layers", e);
            } finally {
                state.compareAndSet(RUNNING, IDLE);     // stays CLOSED if close() gave up waiting
                LockSupport.unpark(forker);
            }
        }
    }

    /** @return jobs that ended with an unexpected exception (each logged) */
    long jobsFailed() {
        return jobsFailed;
    }

    /** @return true while the thread runs (from {@link #start} or the first fork until closed) */
    boolean alive() {
        return thread.isAlive();
    }

    /**
     * Lets a job in flight finish, stops the thread and waits (up to 2 s) for it to end. Later forks return false.
     * Idempotent.
     */
    @Override
    public void close() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_MILLIS);
        while (!state.compareAndSet(IDLE, CLOSED)) {
            if (state.get() == CLOSED || System.nanoTime() > deadline) {
                state.set(CLOSED);
                break;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        LockSupport.unpark(thread);
        try {
            thread.join(CLOSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
