package dev.vc.examples.client;

import dev.vc.api.ConfigException;
import dev.vc.examples.client.cli.Flags;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;

/**
 * The client's command line:
 * {@code [--relay host:port] [--relay-fingerprint AB:CD:...] [--room R] [--name N] [--secret S]
 * [--source synthetic|camera|file|screen|none] [--file PATH] [--device D] [--codec C] [--headless] [--seconds N]}.
 *
 * @param relayHost the relay's host (default {@code 127.0.0.1})
 * @param relayPort the relay's control port (default 5000)
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
public record ClientOptions(String relayHost, int relayPort, String room, String name, String secret, String source,
                            String file, String device, String codec, boolean headless, int seconds,
                            String relayFingerprint) {
    /** Validates the values. */
    public ClientOptions {
        Flags.check("--relay port", relayPort, 1, 65_535);
        Flags.check("--seconds", seconds, 0, 86_400);
        if (room.isBlank() || name.isBlank()) {
            throw new ConfigException("--room and --name must not be empty");
        }
    }

    /** @return {@code host:port} of the relay */
    public String relay() {
        return relayHost + ":" + relayPort;
    }

    /**
     * @param args the command line
     * @return the options
     * @throws ConfigException on an unknown flag or a bad value; the message ends with the usage
     */
    public static ClientOptions parse(String... args) {
        Flags flags = Flags.parse(args, usage(), List.of("--headless"), List.of("--relay", "--relay-fingerprint", "--room", "--name",
                "--secret", "--source", "--file", "--device", "--codec", "--seconds"));
        InetSocketAddress relay = flags.address("--relay", InetSocketAddress.createUnresolved("127.0.0.1", 5000));
        String file = flags.string("--file", null);
        String source = file != null && !flags.has("--source") ? "file"
                : flags.string("--source", "synthetic").toLowerCase(Locale.ROOT);
        return new ClientOptions(relay.getHostString(), relay.getPort(), flags.string("--room", "lobby"),
                flags.string("--name", System.getProperty("user.name", "me")), flags.string("--secret", ""), source,
                file, flags.string("--device", null), flags.string("--codec", null), flags.has("--headless"),
                flags.integer("--seconds", 0), flags.string("--relay-fingerprint", null));
    }

    /** @return the usage text */
    public static String usage() {
        return """
                usage: Client [--relay host:port] [--relay-fingerprint AB:CD:...] [--room R] [--name N] [--secret S]
                              [--source synthetic|camera|file|screen|none] [--file PATH] [--device D]
                              [--codec jpeg|h264|h264-jcodec] [--headless] [--seconds N]""";
    }
}
