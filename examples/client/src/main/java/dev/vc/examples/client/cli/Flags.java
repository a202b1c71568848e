package dev.vc.examples.client.cli;

import dev.vc.api.ConfigException;

import java.net.InetSocketAddress;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The command line of an example main: {@code --name value} pairs and bare switches, read back through typed
 * getters that fall back to a default when the flag was not given. Every mistake is a {@link ConfigException}
 * that names the flag.
 *
 * <pre>{@code
 * Flags flags = Flags.parse(args, usage(), List.of("--ceiling"), List.of("--seconds", "--out"));
 * int seconds = flags.integer("--seconds", 10);
 * boolean ceiling = flags.has("--ceiling");
 * }</pre>
 *
 * <p>{@code --help} or {@code -h} anywhere throws {@link HelpRequested} with the usage text; an unknown flag or a
 * flag without its value throws one line that names it and points to {@code --help}. A flag given twice keeps its last value (a switch given twice is on).
 * A list is comma-separated, its items trimmed, and may hold neither empty items nor the same item twice.
 */
public final class Flags {
    /** Ends a message about the command line's shape. */
    private static final String SEE_HELP = " (--help lists the options)";

    private final Set<String> declared;
    private final Set<String> switchesOn = new HashSet<>();
    private final Map<String, String> values = new HashMap<>();

    private Flags(Set<String> declared) {
        this.declared = declared;
    }

    /**
     * @param args     the command line
     * @param usage    the usage text, the message of {@link HelpRequested}
     * @param switches the flags that take no value
     * @param options  the flags that take the next argument as their value
     * @return the flags given
     * @throws HelpRequested   on {@code --help} or {@code -h}
     * @throws ConfigException on an unknown flag or a missing value
     */
    public static Flags parse(String[] args, String usage, List<String> switches, List<String> options) {
        Set<String> declared = new HashSet<>(switches);
        declared.addAll(options);
        Flags flags = new Flags(declared);
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--help") || flag.equals("-h")) {
                throw new HelpRequested(usage);
            }
            if (switches.contains(flag)) {
                flags.switchesOn.add(flag);
            } else if (!options.contains(flag)) {
                throw new ConfigException("unknown option " + flag + SEE_HELP);
            } else if (i + 1 >= args.length) {
                throw new ConfigException("missing value after " + flag + SEE_HELP);
            } else {
                flags.values.put(flag, args[++i]);
            }
        }
        return flags;
    }

    /**
     * @param flag a switch or a flag with a value
     * @return whether it was given
     */
    public boolean has(String flag) {
        return switchesOn.contains(flag) || value(flag) != null;
    }

    /** @return the flag's value as given, or {@code fallback} */
    public String string(String flag, String fallback) {
        String value = value(flag);
        return value == null ? fallback : value;
    }

    /** @return the flag's whole number, or {@code fallback} */
    public int integer(String flag, int fallback) {
        String value = value(flag);
        return value == null ? fallback : toInt(flag, value);
    }

    /** @return the flag's whole number, or {@code fallback} */
    public long longInteger(String flag, long fallback) {
        String value = value(flag);
        try {
            return value == null ? fallback : Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw wholeNumbers(flag, value, e);
        }
    }

    /** @return the flag's number, or {@code fallback} */
    public double decimal(String flag, double fallback) {
        String value = value(flag);
        try {
            return value == null ? fallback : Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new ConfigException(flag + " needs a number, got '" + value + "'", e);
        }
    }

    /** @return the flag's directory, or {@code fallback} */
    public Path directory(String flag, Path fallback) {
        String value = value(flag);
        if (value == null) {
            return fallback;
        }
        if (value.isBlank()) {
            throw new ConfigException(flag + " needs a directory");
        }
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new ConfigException(flag + " is not a valid path: '" + value + "'", e);
        }
    }

    /**
     * @return the flag's {@code host:port}, unresolved, or {@code fallback}
     * @throws ConfigException without a host, or without a port in 1..65535
     */
    public InetSocketAddress address(String flag, InetSocketAddress fallback) {
        String value = value(flag);
        return value == null ? fallback : toAddress(flag, value);
    }

    /** @return the flag's comma-separated list of {@code host:port} addresses, unresolved, or {@code fallback} */
    public List<InetSocketAddress> addresses(String flag, List<InetSocketAddress> fallback) {
        return list(flag, item -> toAddress(flag, item), fallback);
    }

    private static InetSocketAddress toAddress(String flag, String value) {
        int colon = value.lastIndexOf(':');
        if (colon <= 0 || colon == value.length() - 1) {
            throw new ConfigException(flag + " needs host:port, got '" + value + "'");
        }
        int port = toInt(flag, value.substring(colon + 1));
        check(flag + " port", port, 1, 65_535);
        return InetSocketAddress.createUnresolved(value.substring(0, colon), port);
    }

    /** @return the flag's list of items, or {@code fallback} */
    public List<String> strings(String flag, List<String> fallback) {
        return list(flag, item -> item, fallback);
    }

    /** @return the flag's list of whole numbers, or {@code fallback} */
    public List<Integer> integers(String flag, List<Integer> fallback) {
        return list(flag, item -> toInt(flag, item), fallback);
    }

    /**
     * @param parse turns one trimmed item into a value, throwing {@link ConfigException} if it cannot
     * @return the flag's list of items, each parsed, in the order given, or {@code fallback}
     */
    public <T> List<T> list(String flag, Function<String, T> parse, List<T> fallback) {
        String value = value(flag);
        if (value == null) {
            return fallback;
        }
        List<T> items = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String part : value.split(",", -1)) {
            String item = part.trim();
            if (item.isEmpty()) {
                throw new ConfigException(flag + " needs a comma-separated list without empty items, got '" + value
                        + "'");
            }
            if (!seen.add(item)) {
                throw new ConfigException(flag + " lists '" + item + "' twice");
            }
            items.add(parse.apply(item));
        }
        return items;
    }

    /**
     * @param flag  the flag the value came from, named in the message
     * @throws ConfigException unless {@code min <= value <= max}
     */
    public static void check(String flag, int value, int min, int max) {
        if (value < min || value > max) {
            throw new ConfigException(flag + " must be in " + min + ".." + max + ", got " + value);
        }
    }

    private String value(String flag) {
        if (!declared.contains(flag)) {
            throw new IllegalArgumentException(flag + " was not declared to Flags.parse");
        }
        return values.get(flag);
    }

    private static int toInt(String flag, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw wholeNumbers(flag, value, e);
        }
    }

    private static ConfigException wholeNumbers(String flag, String value, NumberFormatException e) {
        return new ConfigException(flag + " needs whole numbers, got '" + value + "'", e);
    }
}
