package dev.vc.examples.client.cli;

import dev.vc.api.ConfigException;
import dev.vc.api.logging.ToolLogging;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The logging flags every example tool takes, {@code -v}/{@code --verbose} and {@code --log-file PATH}: taken out of
 * the command line and applied ({@link ToolLogging}), the rest handed on to the tool's own parser.
 *
 * <pre>{@code
 * DemoOptions options = DemoOptions.parse(LoggingFlags.apply(args));
 * }</pre>
 */
public final class LoggingFlags {
    /** The usage lines of the two flags, indented as the tools' own. */
    public static final String USAGE =
            "  -v, --verbose              log the details (joins, streams starting) on standard error too; by\n"
            + "                             default only warnings and errors are\n"
            + "  --log-file PATH            append every log record from INFO on, with times, to PATH";

    private LoggingFlags() {
    }

    /**
     * @param args the command line
     * @return it without the logging flags, which are applied
     * @throws ConfigException if {@code --log-file} has no value or the file cannot be written
     */
    public static String[] apply(String[] args) {
        List<String> rest = new ArrayList<>(args.length);
        boolean verbose = false;
        Path logFile = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("-v") || arg.equals("--verbose")) {
                verbose = true;
            } else if (arg.equals("--log-file")) {
                if (i + 1 == args.length) {
                    throw new ConfigException("--log-file needs a path");
                }
                logFile = Path.of(args[++i]);
            } else if (arg.startsWith("--log-file=")) {
                logFile = Path.of(arg.substring("--log-file=".length()));
            } else {
                rest.add(arg);
            }
        }
        ToolLogging.configure(verbose, logFile);
        return rest.toArray(String[]::new);
    }
}
