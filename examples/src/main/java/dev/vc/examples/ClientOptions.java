package dev.vc.examples;

import dev.vc.api.ConfigException;

import java.util.Locale;

/**
 * The client's command line:
 * {@code [--relay host:port] [--room R] [--name N] [--secret S] [--source synthetic|camera|file|screen|none]
 * [--file PATH] [--device D] [--codec C] [--headless] [--seconds N]}.
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
 */
public record ClientOptions(String relayHost, int relayPort, String room, String name, String secret, String source,
                            String file, String device, String codec, boolean headless, int seconds) {
    /** Validates the values. */
    public ClientOptions {
        if (relayPort < 1 || relayPort > 65_535) {
            throw new ConfigException("--relay port must be in 1..65535, got " + relayPort);
        }
        if (seconds < 0 || seconds > 86_400) {
            throw new ConfigException("--seconds must be in 0..86400, got " + seconds);
        }
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
        String host = "127.0.0.1";
        int port = 5000;
        String room = "lobby";
        String name = System.getProperty("user.name", "me");
        String secret = "";
        String source = "synthetic";
        String file = null;
        String device = null;
        String codec = null;
        boolean headless = false;
        int seconds = 0;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--headless")) {
                headless = true;
                continue;
            }
            if (flag.equals("--help") || flag.equals("-h")) {
                throw new ConfigException(usage());
            }
            if (i + 1 >= args.length) {
                throw new ConfigException("missing value after " + flag + "\n" + usage());
            }
            String value = args[++i];
            switch (flag) {
                case "--relay" -> {
                    int colon = value.lastIndexOf(':');
                    if (colon <= 0 || colon == value.length() - 1) {
                        throw new ConfigException("--relay needs host:port, got '" + value + "'");
                    }
                    host = value.substring(0, colon);
                    port = parseInt(flag, value.substring(colon + 1));
                }
                case "--room" -> room = value;
                case "--name" -> name = value;
                case "--secret" -> secret = value;
                case "--source" -> source = value.toLowerCase(Locale.ROOT);
                case "--file" -> file = value;
                case "--device" -> device = value;
                case "--codec" -> codec = value;
                case "--seconds" -> seconds = parseInt(flag, value);
                default -> throw new ConfigException("unknown option " + flag + "\n" + usage());
            }
        }
        if (file != null && args.length > 0 && !java.util.Arrays.asList(args).contains("--source")) {
            source = "file";
        }
        return new ClientOptions(host, port, room, name, secret, source, file, device, codec, headless, seconds);
    }

    private static int parseInt(String flag, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new ConfigException(flag + " needs a whole number, got '" + value + "'", e);
        }
    }

    /** @return the usage text */
    public static String usage() {
        return """
                usage: Client [--relay host:port] [--room R] [--name N] [--secret S]
                              [--source synthetic|camera|file|screen|none] [--file PATH] [--device D]
                              [--codec jpeg|h264|h264-jcodec] [--headless] [--seconds N]""";
    }
}
