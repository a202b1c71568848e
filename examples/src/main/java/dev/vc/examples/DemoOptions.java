package dev.vc.examples;

import dev.vc.api.ConfigException;

/**
 * The demo's command line: {@code [--seconds N] [--participants N] [--codec NAME]}.
 *
 * @param seconds      how long to run before stopping by itself
 * @param participants how many participants join the room
 * @param codec        encoder provider name, or null for the configured default
 */
public record DemoOptions(int seconds, int participants, String codec) {
    /** Validates the ranges. */
    public DemoOptions {
        if (seconds < 1 || seconds > 86_400) {
            throw new ConfigException("--seconds must be in 1..86400, got " + seconds);
        }
        if (participants < 2 || participants > 16) {
            throw new ConfigException("--participants must be in 2..16, got " + participants);
        }
    }

    /**
     * @param args the command line
     * @return the options, defaulting to 5 seconds and 3 participants
     * @throws ConfigException on an unknown flag or a bad value
     */
    public static DemoOptions parse(String... args) {
        int seconds = 5;
        int participants = 3;
        String codec = null;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (i + 1 >= args.length) {
                throw new ConfigException("missing value after " + flag + "\n" + usage());
            }
            String value = args[++i];
            switch (flag) {
                case "--seconds" -> seconds = parseInt(flag, value);
                case "--participants" -> participants = parseInt(flag, value);
                case "--codec" -> codec = value;
                default -> throw new ConfigException("unknown option " + flag + "\n" + usage());
            }
        }
        return new DemoOptions(seconds, participants, codec);
    }

    private static int parseInt(String flag, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new ConfigException(flag + " needs a whole number, got '" + value + "'", e);
        }
    }

    /** @return the usage line */
    public static String usage() {
        return "usage: Demo [--seconds N] [--participants N] [--codec jpeg|h264|h264-jcodec]";
    }
}
