package dev.vc.relay.cli;

import dev.vc.api.Config;
import dev.vc.api.ConfigException;
import dev.vc.relay.RelayServer;
import dev.vc.relay.RelaySettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The relay's command line: {@code java -p modules -m dev.vc.relay/dev.vc.relay.cli.RelayMain --help}.
 *
 * <p>Flags override {@code vc.relay.*} keys from {@code vc.properties} and system properties. The relay runs
 * until SIGTERM or SIGINT (or {@code --duration}), then closes its sockets and exits. A bad flag or a port
 * that cannot be bound ends it with a one-line error and a non-zero status.
 */
@Command(name = "vc-relay", mixinStandardHelpOptions = true, version = "vc-relay 0.1.0",
        description = "Forwards each participant's RTP video to the others in its room.", sortOptions = false)
public final class RelayMain implements Runnable {
    private static final System.Logger LOG = System.getLogger(RelayMain.class.getName());

    @Option(names = "--host", description = "Address to bind (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--control-port", description = "TCP control port, 0 = ephemeral (default 5000).")
    Integer controlPort;

    @Option(names = "--media-port", description = "UDP media port, 0 = ephemeral (default 5001).")
    Integer mediaPort;

    @Option(names = "--metrics-port", description = "HTTP port of the Prometheus /metrics endpoint, -1 = off (default).")
    Integer metricsPort;

    @Option(names = "--max-participants", description = "Most participants per room (default 10).")
    Integer maxParticipants;

    @Option(names = "--max-rooms", description = "Most rooms (default 100).")
    Integer maxRooms;

    @Option(names = "--room-secret", paramLabel = "ROOM=SECRET",
            description = "Protect a room with a secret; repeatable. Prefer vc.relay.room.<name>.secret in a file: "
                    + "command lines are visible to other users.")
    Map<String, String> roomSecrets = new LinkedHashMap<>();

    @Option(names = "--no-ad-hoc-rooms", description = "Refuse rooms that have no configured secret.")
    boolean noAdHocRooms;

    @Option(names = "--stale-timeout-ms", description = "Silence before a stream is reported stale (default 3000).")
    Integer staleMillis;

    @Option(names = "--keepalive-ms", description = "Control keepalive period; 3 missed = removed (default 2000).")
    Integer keepaliveMillis;

    @Option(names = "--max-bitrate", description = "Per-participant cap in bit/s (default 8000000).")
    Long maxBitrate;

    @Option(names = "--join-attempts-per-minute", description = "Join attempts allowed per address (default 30).")
    Integer joinAttempts;

    @Option(names = "--receive-buffer-bytes", description = "Media socket receive buffer (default 4194304).")
    Integer receiveBufferBytes;

    @Option(names = "--shared-media-socket", description = "Read every participant's media from the one shared socket"
            + " instead of a connected socket per participant (for hosts shared with untrusted local users).")
    boolean sharedMediaSocket;

    @Option(names = "--duration", description = "Stop by itself after this many seconds (default: run until signalled).")
    Integer durationSeconds;

    /**
     * Runs the relay until it is signalled.
     *
     * @param args see {@code --help}
     */
    public static void main(String[] args) {
        // A failure ends main with one clear line on stderr and exit status 1, without a stack trace.
        Thread.currentThread().setUncaughtExceptionHandler((t, e) -> System.err.println("vc-relay: " + e.getMessage()));
        RelayMain command = new RelayMain();
        CommandLine cli = new CommandLine(command);
        try {
            cli.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            cli.usage(System.err);
            throw new ConfigException(e.getMessage(), e);
        }
        if (cli.isUsageHelpRequested()) {
            cli.usage(System.out);
        } else if (cli.isVersionHelpRequested()) {
            cli.printVersionHelp(System.out);
        } else {
            command.run();
        }
    }

    /** @return the settings: configuration keys, overridden by the flags given */
    RelaySettings settings() {
        RelaySettings.Builder b = RelaySettings.from(Config.load());
        if (host != null) {
            b.host(host);
        }
        if (controlPort != null) {
            b.controlPort(controlPort);
        }
        if (mediaPort != null) {
            b.mediaPort(mediaPort);
        }
        if (metricsPort != null) {
            b.metricsPort(metricsPort);
        }
        if (maxParticipants != null) {
            b.maxParticipantsPerRoom(maxParticipants);
        }
        if (maxRooms != null) {
            b.maxRooms(maxRooms);
        }
        roomSecrets.forEach(b::roomSecret);
        if (noAdHocRooms) {
            b.adHocRooms(false);
        }
        if (staleMillis != null) {
            b.staleMillis(staleMillis);
        }
        if (keepaliveMillis != null) {
            b.keepaliveMillis(keepaliveMillis);
        }
        if (maxBitrate != null) {
            b.maxBitrate(maxBitrate);
        }
        if (joinAttempts != null) {
            b.joinAttemptsPerMinute(joinAttempts);
        }
        if (receiveBufferBytes != null) {
            b.receiveBufferBytes(receiveBufferBytes);
        }
        if (sharedMediaSocket) {
            b.socketPerParticipant(false);
        }
        return b.build();
    }

    @Override
    public void run() {
        RelayServer relay = RelayServer.start(settings());
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            LOG.log(System.Logger.Level.INFO, "signalled: stopping relay");
            relay.close();
            stopped.countDown();
        }, "vc-relay-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        System.out.printf("vc-relay: control tcp %s, media udp %s%s%n", relay.controlAddress(), relay.mediaAddress(),
                relay.metricsAddress() == null ? "" : ", metrics http " + relay.metricsAddress());
        try {
            if (durationSeconds == null) {
                stopped.await();
            } else if (!stopped.await(durationSeconds, TimeUnit.SECONDS)) {
                Runtime.getRuntime().removeShutdownHook(hook);
                relay.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            relay.close();
        }
    }
}
