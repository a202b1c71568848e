package dev.vc.relay.cli;

import dev.vc.api.Config;
import dev.vc.api.ConfigException;
import dev.vc.api.VcException;
import dev.vc.api.logging.ToolLogging;
import dev.vc.relay.IngressSpec;
import dev.vc.relay.IngressStatus;
import dev.vc.relay.RelayServer;
import dev.vc.relay.RelaySettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The relay's command line: {@code java -p modules -m dev.vc.relay/dev.vc.relay.cli.RelayMain --help}.
 *
 * <p>Flags override {@code vc.relay.*} keys from {@code vc.properties} and system properties: each flag names
 * the {@link RelaySettings} key it sets ({@link RelayFlags}) and is checked by that key's declaration. The relay
 * runs until SIGTERM or SIGINT (or {@code --duration}), then closes its sockets and exits. A bad flag or a port
 * that cannot be bound ends it with a one-line error and a non-zero status.
 */
@Command(name = "vc-relay", mixinStandardHelpOptions = true, version = "vc-relay 0.1.0",
        description = "Forwards each participant's RTP video to the others in its room.", sortOptions = false,
        modelTransformer = RelayFlags.class)
public final class RelayMain {
    private static final System.Logger LOG = System.getLogger(RelayMain.class.getName());

    /** Set by picocli: the command, for the flags {@link RelayFlags} added. */
    @Spec
    CommandSpec spec;

    @Option(names = "--room-secret", paramLabel = "ROOM=SECRET",
            description = "Protect a room with a secret; repeatable. Prefer vc.relay.room.<room>.secret in a file: "
                    + "command lines are visible to other users.")
    Map<String, String> roomSecrets = new LinkedHashMap<>();

    @Option(names = "--ingress", paramLabel = "SPEC",
            description = "Open an ingress, a UDP port where a plain RTP sender's stream (GStreamer, ffmpeg) joins a "
                    + "room as a participant: room=R,name=N,port=P,codec=h264|jpeg[,source=ADDRESS][,ssrc=N]; "
                    + "repeatable.")
    List<String> ingresses = new ArrayList<>();

    @Option(names = "--duration", description = "Stop by itself after this many seconds (default: run until signalled).")
    Integer durationSeconds;

    @Option(names = {"-v", "--verbose"}, description = "Log the details (joins, departures, bindings) on standard "
            + "error too; by default only warnings and errors are.")
    boolean verbose;

    @Option(names = "--log-file", paramLabel = "PATH", description = "Append every log record from INFO on, with "
            + "times, to this file (whatever the console shows).")
    java.nio.file.Path logFile;

    /**
     * Runs the relay until it is signalled.
     *
     * @param args see {@code --help}
     */
    public static void main(String[] args) {
        // A failure ends main with an exception, which the launcher turns into exit status 1; the handler prints
        // one line on stderr instead of a stack trace (none for a failure execute has said already).
        Thread.currentThread().setUncaughtExceptionHandler((t, e) -> {
            if (!(e instanceof Failed)) {
                System.err.println("vc-relay: " + e.getMessage());
            }
        });
        if (execute(args, System.out, System.err) != 0) {
            throw new Failed();
        }
    }

    /** Ends {@link #main} with exit status 1 once {@link #execute} has said why. */
    private static final class Failed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Failed() {
            super(null, null, false, false);
        }
    }

    /**
     * Parses the command line and runs the relay, or prints the help or the version.
     *
     * @param args see {@code --help}
     * @param out  where the help, the version and the relay's addresses go
     * @param err  where a failure's one line goes
     * @return 0 once the relay stopped (or after the help), 1 for a bad flag or a port that cannot be bound
     */
    static int execute(String[] args, PrintStream out, PrintStream err) {
        RelayMain command = new RelayMain();
        CommandLine cli = new CommandLine(command);
        try {
            cli.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            err.println("vc-relay: " + e.getMessage() + " (vc-relay --help lists the flags)");
            return 1;
        }
        if (cli.isUsageHelpRequested()) {
            cli.usage(out);
        } else if (cli.isVersionHelpRequested()) {
            cli.printVersionHelp(out);
        } else {
            try {
                command.serve(out);
            } catch (VcException e) {
                err.println("vc-relay: " + e.getMessage());
                return 1;
            }
        }
        return 0;
    }

    /** The environment variable the operator API's token may come from, when no key sets it. */
    static final String OPERATOR_TOKEN_ENV = "VC_RELAY_OPERATOR_TOKEN";

    /**
     * @return the settings: configuration keys, overridden by the flags given; the operator token from
     *         {@value #OPERATOR_TOKEN_ENV} when no key sets it (a secret has no flag: command lines are visible)
     */
    RelaySettings settings() {
        Config keysAndFlags = RelayFlags.apply(spec.commandLine().getParseResult(), Config.load());
        String envToken = System.getenv(OPERATOR_TOKEN_ENV);
        if (keysAndFlags.get(RelaySettings.OPERATOR_TOKEN) == null && envToken != null && !envToken.isBlank()) {
            keysAndFlags = keysAndFlags.with(RelaySettings.OPERATOR_TOKEN.key(), envToken);
        }
        RelaySettings.Builder b = RelaySettings.from(keysAndFlags);
        roomSecrets.forEach(b::roomSecret);
        for (String ingress : ingresses) {
            try {
                b.ingress(IngressSpec.parse(ingress));
            } catch (ConfigException e) {
                throw new ConfigException("--ingress: " + e.getMessage(), e);
            }
        }
        return b.build();
    }

    /** Starts the relay, prints its addresses and waits until it is signalled or {@code --duration} ends. */
    private void serve(PrintStream out) {
        ToolLogging.configure(verbose, logFile);
        RelayServer relay = RelayServer.start(settings());
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            LOG.log(System.Logger.Level.INFO, "signalled: stopping relay");
            relay.close();
            stopped.countDown();
        }, "vc-relay-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        out.printf("vc-relay: control tcp %s, media udp %s%s%s%n", relay.controlAddress(), relay.mediaAddress(),
                relay.metricsAddress() == null ? "" : ", metrics http " + relay.metricsAddress(),
                relay.operatorAddress() == null ? "" : ", operator api http " + relay.operatorAddress());
        out.printf("vc-relay: control: %s%n", relay.controlSecurity());
        for (IngressStatus ingress : relay.ingresses()) {
            out.printf("vc-relay: ingress '%s' for room '%s': udp %s, %s%n", ingress.spec().name(),
                    ingress.spec().room(), ingress.address(), ingress.spec().codec());
        }
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
