package dev.vc.transport.udp.internal.control;

import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The transport's one timer thread, {@code vc-udp-timer-<port>}, and what it sends: hellos to the relay
 * (every 200 ms until the relay answers, then every 5 s: {@link RelayBinding#periodMillis()}; one warning when
 * they go unanswered for {@link RelayBinding#WARNING_MILLIS}) and RTCP reports
 * about once a second, each 0.5 to 1.5 report periods after the last (RFC 3550 §6.3.1).
 *
 * <pre>{@code
 * ControlTimers timers = new ControlTimers(localPort);
 * timers.startHellos(binding, output);
 * timers.startReports(() -> session.report(rtpNow));
 * timers.close();
 * }</pre>
 */
public final class ControlTimers implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ControlTimers.class.getName());
    private static final long REPORT_MILLIS = 1_000;

    private final ScheduledExecutorService timer;
    private volatile boolean closed;

    /** @param localPort the transport's port, in the thread's name */
    public ControlTimers(int localPort) {
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "vc-udp-timer-" + localPort);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Sends the first hello now and the next ones at the binding's period, until closed.
     *
     * @param binding writes the hellos
     * @param output  sends a datagram to the relay
     */
    public void startHellos(RelayBinding binding, RtcpSession.Output output) {
        schedule(() -> sendHello(binding, output), 0);
    }

    private void sendHello(RelayBinding binding, RtcpSession.Output output) {
        if (closed) {
            return;
        }
        if (binding.warningDue(System.nanoTime())) {
            LOG.log(System.Logger.Level.WARNING, "the relay has not answered our media hellos for {0} s: no media"
                    + " flows until it does (UDP to the relay's media port blocked, or another process holds that port)",
                    RelayBinding.WARNING_MILLIS / 1000);
        }
        byte[] hello = binding.nextHello();
        output.send(hello, hello.length);
        schedule(() -> sendHello(binding, output), binding.periodMillis());
    }

    /**
     * Runs {@code report} about once a second until closed, the first time within 1.5 s.
     *
     * @param report sends one RTCP report
     */
    public void startReports(Runnable report) {
        long delay = (long) (REPORT_MILLIS * (0.5 + ThreadLocalRandom.current().nextDouble()));
        schedule(() -> {
            if (!closed) {
                report.run();
                startReports(report);
            }
        }, delay);
    }

    private void schedule(Runnable task, long delayMillis) {
        try {
            timer.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
            // close() shut the timer down
        }
    }

    /** Stops the timer thread: nothing is scheduled after this. */
    @Override
    public void close() {
        closed = true;
        timer.shutdownNow();
    }
}
