package dev.vc.examples.client.cli;

import dev.vc.api.ConfigException;

/**
 * The command line asked for {@code --help}: the message is the usage, for standard output, and the main exits 0.
 * A {@link ConfigException} so that a main that does not tell it apart still stops before doing anything.
 */
public final class HelpRequested extends ConfigException {
    private static final long serialVersionUID = 1L;

    /** @param usage the usage text */
    public HelpRequested(String usage) {
        super(usage);
    }
}
