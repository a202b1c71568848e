package dev.vc.examples.demo;

import dev.vc.api.ConfigException;
import dev.vc.examples.client.cli.Flags;

import java.util.List;

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
        Flags.check("--seconds", seconds, 1, 86_400);
        Flags.check("--participants", participants, 2, 16);
    }

    /**
     * @param args the command line
     * @return the options, defaulting to 5 seconds and 3 participants
     * @throws ConfigException on an unknown flag or a bad value
     */
    public static DemoOptions parse(String... args) {
        Flags flags = Flags.parse(args, usage(), List.of(), List.of("--seconds", "--participants", "--codec"));
        return new DemoOptions(flags.integer("--seconds", 5), flags.integer("--participants", 3),
                flags.string("--codec", null));
    }

    /** @return the usage line */
    public static String usage() {
        return "usage: Demo [--seconds N] [--participants N] [--codec jpeg|h264|h264-jcodec] [-v] [--log-file PATH]";
    }
}
