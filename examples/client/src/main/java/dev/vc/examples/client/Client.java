package dev.vc.examples.client;

import dev.vc.capture.CaptureSettings;
import dev.vc.api.CoreSettings;
import dev.vc.api.Config;
import dev.vc.api.ConfigException;
import dev.vc.api.ProviderRegistry;
import dev.vc.api.Renderer;
import dev.vc.api.UnknownProviderException;
import dev.vc.api.VcException;
import dev.vc.api.control.ControlMessage;
import dev.vc.api.session.ConnectionState;
import dev.vc.api.session.Participant;
import dev.vc.api.session.PresenceListener;
import dev.vc.examples.client.cli.HelpRequested;
import dev.vc.examples.client.cli.LoggingFlags;

import java.awt.GraphicsEnvironment;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A conference client a person can use: joins a room on a relay, sends a camera, a video file, the screen or
 * the synthetic camera, and shows everyone else in a window (a {@link dev.vc.ui.swing.VideoGrid}) with a
 * toolbar (video on/off, source chooser, Leave) and a status line. Failures (relay unreachable, wrong secret,
 * room full, camera missing) are shown in the window with Retry and Quit.
 *
 * <p>With {@code --headless} (or without a display) it prints the same status line once a second and stops
 * after {@code --seconds} or on Ctrl-C; the exit status tells what went wrong (2 bad option or unknown codec,
 * 3 join refused, 4 relay unreachable, 5 video source failed, 6 disconnected). {@code --help} prints every option
 * and exits 0.
 *
 * <pre>
 * java --add-modules ALL-MODULE-PATH -p examples/client/target/modules -m dev.vc.examples.client/dev.vc.examples.client.Client \
 *      --relay 127.0.0.1:5000 --relay-fingerprint AB:CD:... --room team --secret s3cret --name alice --source camera
 * </pre>
 */
public final class Client {
    private Client() {
    }

    /**
     * Entry point.
     *
     * @param args see {@link ClientOptions#usage()}
     */
    public static void main(String[] args) {
        Start start = start(args, System.out, System.err);
        if (start.options() == null) {
            System.exit(start.exitStatus());
            return;
        }
        ClientOptions options = start.options();
        if (options.headless() || GraphicsEnvironment.isHeadless()) {
            System.exit(runHeadless(options, System.out, System.err));
        }
        ClientWindow.open(options);   // runs until the user leaves (the window exits the JVM)
    }

    /**
     * What the command line asks for.
     *
     * @param options    the options to run with, or null to exit at once
     * @param exitStatus the status to exit with when {@code options} is null
     */
    record Start(ClientOptions options, int exitStatus) {
    }

    /**
     * Reads the command line and checks the codec it names before anything joins: prints the usage for
     * {@code --help}, or one line for a bad option or a codec that does not exist here (naming the ones that do).
     *
     * @param args the command line
     * @param out  where the usage goes
     * @param err  where a configuration error goes
     * @return the options to run with, or status 0 after the help and {@link ClientStatus#EXIT_CONFIG} after an error
     */
    static Start start(String[] args, PrintStream out, PrintStream err) {
        try {
            ClientOptions options = ClientOptions.parse(LoggingFlags.apply(args));
            Config config = config(options, options.source());
            if (config.isSet(CoreSettings.CODEC)) {
                try {
                    ProviderRegistry.encoders().byName(config.get(CoreSettings.CODEC));
                } catch (UnknownProviderException e) {
                    String origin = options.codec() != null ? "--codec" : CoreSettings.CODEC.key();
                    throw new ConfigException(origin + ": " + e.getMessage(), e);
                }
            }
            return new Start(options, 0);
        } catch (HelpRequested help) {
            out.println(help.getMessage());
            return new Start(null, 0);
        } catch (ConfigException e) {
            err.println("vc client: " + e.getMessage());
            return new Start(null, ClientStatus.EXIT_CONFIG);
        }
    }

    /**
     * The configuration a session of the client runs with: {@link Config#load()} plus the options.
     *
     * @param options the command line
     * @param source  the source provider to send with
     * @return the configuration
     */
    static Config config(ClientOptions options, String source) {
        Config config = Config.load().with(CoreSettings.SOURCE, source);
        if (!config.isSet(CoreSettings.SELF_VIEW)) {
            config = config.with(CoreSettings.SELF_VIEW, true);  // a person wants to see what they send
        }
        if (!config.isSet(CoreSettings.DECODER_OUTPUT)) {
            // The grid paints int RGB pixels: convert natively, once, to what the screen takes as it is.
            config = config.with(CoreSettings.DECODER_OUTPUT, "bgrx32");
        }
        if (options.file() != null) {
            config = config.with(CaptureSettings.FILE, options.file());
            if (!config.isSet(CaptureSettings.LOOP)) {
                config = config.with(CaptureSettings.LOOP, true);
            }
        }
        if (options.device() != null) {
            config = config.with(CaptureSettings.DEVICE, options.device());
        }
        if (options.codec() != null) {
            config = config.with(CoreSettings.CODEC, options.codec());
        }
        if (options.relayFingerprint() != null) {
            config = config.with(CoreSettings.RELAY_FINGERPRINT, options.relayFingerprint());
        }
        return config;
    }

    /**
     * Joins the room and opens the providers.
     *
     * @param options  the command line
     * @param config   the session's configuration
     * @param renderer where remote video goes, or null for the one {@code vc.renderer} selects
     * @return the participant, not started
     * @throws VcException (typed) if the relay is unreachable, refuses the join, or a provider fails
     */
    static Participant join(ClientOptions options, Config config, Renderer renderer) {
        Participant.Builder builder = Participant.builder().config(config)
                .relays(options.relays().stream().map(a -> new InetSocketAddress(a.getHostString(), a.getPort()))
                        .toList())
                .room(options.room()).name(options.name()).secret(options.secret());
        if (renderer != null) {
            builder.renderer(renderer);
        }
        return builder.build();
    }

    /**
     * Runs without a window: joins, prints a status line each second, and stops after {@code --seconds} or
     * when the JVM is asked to stop (Ctrl-C).
     *
     * @param options the command line
     * @param out     where status lines go
     * @param err     where failures go
     * @return the exit status: 0, or the failure's (see the class documentation)
     */
    static int runHeadless(ClientOptions options, PrintStream out, PrintStream err) {
        Config config = config(options, options.source()).with(CoreSettings.RENDERER, "headless");
        if (!Config.load().isSet(CoreSettings.DECODER_OUTPUT)) {
            config = config.with(CoreSettings.DECODER_OUTPUT, "i420");  // nothing is painted: no conversion at all
        }
        Participant participant;
        try {
            participant = join(options, config, null);
        } catch (VcException e) {
            err.println("vc client: " + ClientStatus.explain(e, options, options.source()));
            return ClientStatus.exitCode(e);
        }
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                stopped.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "vc-client-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        int status = 0;
        try {
            participant.addPresenceListener(new PresenceListener() {
                @Override
                public void memberJoined(ControlMessage.Participant member) {
                    out.printf("vc client: %s joined%n", member.displayName());
                }

                @Override
                public void memberLeft(ControlMessage.Participant member, String reason) {
                    out.printf("vc client: %s left (%s)%n", member.displayName(), reason);
                }

                @Override
                public void connectionChanged(ConnectionState state, String detail) {
                    out.printf("vc client: %s: %s%n", state == ConnectionState.CONNECTED ? "connected"
                            : state == ConnectionState.RECONNECTING ? "reconnecting" : "disconnected", detail);
                }
            });
            participant.start();
            out.printf("vc client: %s joined room %s on %s as participant #%d, sending %s%n", options.name(),
                    options.room(), participant.relay().getHostString() + ":" + participant.relay().getPort(),
                    participant.session().participantId(), options.source());
            ClientStatus meter = new ClientStatus();
            long start = System.nanoTime();
            for (int second = 1; options.seconds() == 0 || second <= options.seconds(); second++) {
                long wait = start + second * 1_000_000_000L - System.nanoTime();
                if (wait > 0 && stop.await(wait, TimeUnit.NANOSECONDS)) {
                    break;
                }
                out.printf("[%3d s] %s%n", second, meter.line(participant, options.source()));
                if (participant.disconnectReason() != null) {
                    err.println("vc client: disconnected from the relay: " + participant.disconnectReason());
                    status = ClientStatus.EXIT_DISCONNECTED;
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            participant.close();
            stopped.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyStopping) {
                // the JVM is shutting down: the hook is running and now returns
            }
        }
        return status;
    }
}
