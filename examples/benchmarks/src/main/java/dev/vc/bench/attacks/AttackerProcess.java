package dev.vc.bench.attacks;

import dev.vc.bench.ChildJvm;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An {@link Attacker} in a child JVM: started and joined by {@link #start}, attacking from {@link #go} to
 * {@link #stop}. Its standard error is inherited, so a failing attack says why.
 */
final class AttackerProcess implements AutoCloseable {
    private static final long READY_SECONDS = 30;

    private final Process process;
    private final BufferedReader out;
    private final Writer in;

    private AttackerProcess(Process process) {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    }

    /**
     * Starts the attacker and waits until it has joined and bound its media socket.
     *
     * @param control     the relay's control address
     * @param fingerprint the relay's certificate fingerprint, which the attacker pins like any client
     * @param room    the room to join
     * @param attack  the attack it will run
     * @return the joined attacker, not attacking yet
     * @throws IOException if it cannot be started or did not join
     */
    static AttackerProcess start(InetSocketAddress control, String fingerprint, String room, String attack)
            throws IOException {
        List<String> command = ChildJvm.command(ChildJvm.currentModulePath(), Attacker.class,
                List.of("-Xmx256m", "-XX:+UseSerialGC"));
        command.addAll(List.of(control.getHostString(), Integer.toString(control.getPort()), fingerprint, room,
                attack));
        AttackerProcess attacker = new AttackerProcess(new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start());
        String line = attacker.readLine();
        if (!Attacker.READY.equals(line)) {
            attacker.close();
            throw new IOException("the attacker did not join (it printed " + line + ")");
        }
        return attacker;
    }

    /** Starts the attack. */
    void go() throws IOException {
        in.write(Attacker.GO + "\n");
        in.flush();
    }

    /**
     * Stops the attack and waits for the attacker's count.
     *
     * @return datagrams or connections the attack sent
     * @throws IOException if the attacker did not report
     */
    long stop() throws IOException {
        in.write("stop\n");
        in.flush();
        String line = readLine();
        if (line == null || !line.startsWith(Attacker.SENT)) {
            throw new IOException("the attacker did not report what it sent (it printed " + line + ")");
        }
        return Long.parseLong(line.substring(Attacker.SENT.length()).trim());
    }

    /** Reads one line, giving up after {@value #READY_SECONDS} s (the process is then ended). */
    private String readLine() throws IOException {
        Thread watchdog = new Thread(() -> {
            try {
                if (!process.waitFor(READY_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                // the line came in time
            }
        }, "vc-attacker-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        try {
            return out.readLine();
        } finally {
            watchdog.interrupt();
        }
    }

    /** Ends the attacker's process. */
    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            // it is gone already
        }
        try {
            if (!process.waitFor(3, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(3, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
