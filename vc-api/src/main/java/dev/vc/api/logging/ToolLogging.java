package dev.vc.api.logging;

import dev.vc.api.ConfigException;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.logging.StreamHandler;

/**
 * How vc's command-line tools (the relay, the client, the demo, the recorder) log: warnings and errors on standard
 * error, one line each ({@code WARNING RelayServer: ...}), so what the tool prints itself stays readable; the
 * details (joins, bindings, streams starting) on request ({@code --verbose}: on standard error too) or to a file
 * ({@code --log-file}: every record from INFO on, with times, whatever the console shows). vc logs through
 * {@link System.Logger}, whose default backend is {@code java.util.logging}; a configuration of the user's own
 * ({@code -Djava.util.logging.config.file=...} or {@code ...config.class}) is left alone. A library that embeds vc
 * never calls this: its logging is the application's.
 *
 * <pre>{@code
 * ToolLogging.configure(options.verbose(), options.logFile());   // first thing in main, after parsing options
 * }</pre>
 */
public final class ToolLogging {
    private ToolLogging() {
    }

    /**
     * Sets up the root logger for a command-line tool.
     *
     * @param verbose details on the console too (INFO and up), and stack traces with warnings
     * @param logFile a file to append every record from INFO on to, or null for none
     * @throws ConfigException if the log file cannot be opened (the message names it)
     */
    public static void configure(boolean verbose, Path logFile) {
        if (System.getProperty("java.util.logging.config.file") != null
                || System.getProperty("java.util.logging.config.class") != null) {
            return;
        }
        Logger root = LogManager.getLogManager().getLogger("");
        Handler file = null;
        if (logFile != null) {
            try {
                file = new FlushingFileHandler(Files.newOutputStream(logFile, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND, StandardOpenOption.WRITE));
            } catch (IOException | RuntimeException e) {
                throw new ConfigException("cannot write the log file " + logFile + ": " + e.getMessage(), e);
            }
            file.setLevel(Level.INFO);
        }
        for (Handler h : root.getHandlers()) {
            root.removeHandler(h);
            h.close();
        }
        ConsoleHandler console = new ConsoleHandler();
        console.setLevel(verbose ? Level.INFO : Level.WARNING);
        console.setFormatter(new OneLine(verbose));
        root.addHandler(console);
        if (file != null) {
            root.addHandler(file);
        }
        root.setLevel(verbose || file != null ? Level.INFO : Level.WARNING);
    }

    /** Appends to a file (no pattern in its name, no lock file, as {@code FileHandler} has), each record flushed. */
    static final class FlushingFileHandler extends StreamHandler {
        FlushingFileHandler(OutputStream out) {
            super(out, new SimpleFormatter());
        }

        @Override
        public synchronized void publish(LogRecord record) {
            super.publish(record);
            flush();
        }
    }

    /** {@code LEVEL Source: message}, the exception's class and message after it (its stack only when verbose). */
    static final class OneLine extends Formatter {
        private final boolean stacks;

        OneLine(boolean stacks) {
            this.stacks = stacks;
        }

        @Override
        public String format(LogRecord record) {
            StringBuilder line = new StringBuilder(128).append(record.getLevel().getName()).append(' ');
            String source = record.getLoggerName();
            if (source != null) {
                line.append(source.substring(source.lastIndexOf('.') + 1)).append(": ");
            }
            line.append(formatMessage(record));
            Throwable thrown = record.getThrown();
            if (thrown != null && !stacks) {
                line.append(" (").append(thrown).append(')');
            }
            line.append(System.lineSeparator());
            if (thrown != null && stacks) {
                java.io.StringWriter trace = new java.io.StringWriter();
                thrown.printStackTrace(new java.io.PrintWriter(trace));
                line.append(trace);
            }
            return line.toString();
        }
    }
}
