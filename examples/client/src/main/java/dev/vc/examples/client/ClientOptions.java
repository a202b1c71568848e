package dev.vc.examples.client;

import dev.vc.api.ConfigException;
import dev.vc.examples.client.cli.Flags;
import dev.vc.examples.client.cli.LoggingFlags;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The client's command line:
 * {@code [--relay host:port[,host:port...]] [--relay-fingerprint AB:CD:...] [--room R] [--name N] [--secret S]
 * [--source synthetic|camera|file|screen|none] [--file PATH] [--device D] [--codec C] [--headless] [--seconds N]}.
 *
 * @param relays    the relays' control addresses, unresolved, in the order to try them (default
 *                  {@code 127.0.0.1:5000}): a cluster's relays, any of which places the room and redirects to the one
 *                  serving it; after a lost connection the client rejoins through the one it was on first, then the
 *                  others
 * @param room      the room to join (default {@code lobby})
 * @param name      the display name (default the user's login name)
 * @param secret    the room secret (default none)
 * @param source    the frame source provider (default {@code synthetic})
 * @param file      the video file of the {@code file} source, or null
 * @param device    the camera of the {@code camera} source ({@code vc.source.device}), or null for the first
 * @param codec     the encoder provider, or null for the configured default
 * @param headless  no window: print status lines instead
 * @param seconds   stop after this many seconds; 0 runs until stopped
 * @param relayFingerprint the SHA-256 fingerprint of the relay's certificate to pin ({@code vc.relay.fingerprint}),
 *                  or null to verify it as the configuration says (the system trust store by default)
 */
public record ClientOptions(List<InetSocketAddress> relays, String room, String name, String secret, String source,
                            String file, String device, String codec, boolean headless, int seconds,
                            String relayFingerprint) {
    /** The flags that take no value. */
    static final List<String> SWITCHES = List.of("--headless");
    /** The flags that take a value. */
    static final List<String> OPTIONS = List.of("--relay", "--relay-fingerprint", "--room", "--name", "--secret",
            "--source", "--file", "--device", "--codec", "--seconds");

    /** Validates the values. */
    public ClientOptions {
        relays = List.copyOf(relays);
        if (relays.isEmpty()) {
            throw new ConfigException("--relay needs at least one host:port");
        }
        Flags.check("--seconds", seconds, 0, 86_400);
        if (room.isBlank() || name.isBlank()) {
            throw new ConfigException("--room and --name must not be empty");
        }
    }

    /** @return {@code host:port} of the relay, or of each relay, comma-separated */
    public String relay() {
        return relays.stream().map(a -> a.getHostString() + ":" + a.getPort()).collect(Collectors.joining(", "));
    }

    /**
     * @param args the command line
     * @return the options
     * @throws dev.vc.examples.client.cli.HelpRequested on {@code --help}, with {@link #usage()}
     * @throws ConfigException on an unknown flag or a bad value, in one line
     */
    public static ClientOptions parse(String... args) {
        Flags flags = Flags.parse(args, usage(), SWITCHES, OPTIONS);
        List<InetSocketAddress> relays = flags.addresses("--relay",
                List.of(InetSocketAddress.createUnresolved("127.0.0.1", 5000)));
        String file = flags.string("--file", null);
        String source = file != null && !flags.has("--source") ? "file"
                : flags.string("--source", "synthetic").toLowerCase(Locale.ROOT);
        return new ClientOptions(relays, flags.string("--room", "lobby"),
                flags.string("--name", System.getProperty("user.name", "me")), flags.string("--secret", ""), source,
                file, flags.string("--device", null), flags.string("--codec", null), flags.has("--headless"),
                flags.integer("--seconds", 0), flags.string("--relay-fingerprint", null));
    }

    /** @return the usage text: the synopsis, then each option with what it does and its default */
    public static String usage() {
        return """
                usage: Client [--relay host:port[,...]] [--relay-fingerprint AB:CD:...] [--room R] [--name N] [--secret S]
                              [--source synthetic|camera|file|screen|none] [--file PATH] [--device D]
                              [--codec jpeg|h264|h264-jcodec] [--headless] [--seconds N] [-v] [--log-file PATH]
                Joins a room on a vc relay, sends video and shows the other participants.
                  --relay host:port[,...]    the relay's control address (default 127.0.0.1:5000), or a cluster's
                                             relays, tried in order; after a lost connection the client rejoins
                                             through the one it was on, then the others
                  --relay-fingerprint AB:..  SHA-256 fingerprint of the relay's certificate to pin, as the relay
                                             prints it (vc.relay.fingerprint); absent: the system trust store
                  --room R                   the room to join (default lobby)
                  --name N                   your name as the others see it (default your login name)
                  --secret S                 the room's secret (default none: a room without a secret)
                  --source S                 what you send: synthetic (default), camera, file, screen or none
                  --file PATH                the video file the file source loops, or a stream URL FFmpeg opens
                                             (rtsp://, srt://, rtmp://, udp://; implies --source file)
                  --device D                 the camera of the camera source, such as /dev/video2 (default the first)
                  --codec C                  the encoder: jpeg, h264 or h264-jcodec (vc.codec; absent: the best
                                             available here)
                  --headless                 no window: print a status line each second (also without a display)
                  --seconds N                with --headless, stop after N seconds (default 0: run until Ctrl-C)
                {logging}
                  -h, --help                 print this help and exit
                Exit status: 0 done, 2 bad option or unknown codec, 3 join refused, 4 relay unreachable or not
                trusted, 5 video source failed, 6 disconnected by the relay.""".replace("{logging}", LoggingFlags.USAGE);
    }
}
