package dev.vc.record.cli;

import dev.vc.api.Config;
import dev.vc.api.ConfigException;
import dev.vc.api.CoreSettings;
import dev.vc.api.logging.ToolLogging;
import dev.vc.record.RecordSettings;
import dev.vc.record.Recorder;
import dev.vc.record.RecorderStats;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The recorder's command line: {@code java -p modules -m dev.vc.record/dev.vc.record.cli.RecorderMain --relay
 * host:5000 --room team --dir recordings}. Other keys ({@code vc.room.secret}, {@code vc.relay.fingerprint},
 * {@code vc.media.security}, ...) come from {@code vc.properties} and system properties, as for any participant.
 * Records until SIGTERM or SIGINT (or {@code --duration}), then closes every file cleanly and prints what it wrote.
 * A bad flag, a refused join or an unreachable relay ends it with a one-line error and a non-zero status.
 */
@Command(name = "vc-record", mixinStandardHelpOptions = true, version = "vc-record 0.1.0",
        description = "Records each participant of a room to its own Matroska file, without re-encoding.",
        sortOptions = false)
public final class RecorderMain implements Runnable {
    @Option(names = "--relay", required = true, paramLabel = "HOST:PORT", description = "The relay's control address.")
    String relay;

    @Option(names = "--room", description = "The room to record (default: vc.room).")
    String room;

    @Option(names = "--dir", description = "Where the files go (default: vc.record.dir, 'recordings').")
    String directory;

    @Option(names = "--container", paramLabel = "mkv|mp4",
            description = "The files' format: mkv (Matroska) or mp4 (fragmented MP4) (default: vc.record.container, mkv).")
    String container;

    @Option(names = "--name", description = "The recorder's name in the room (default: vc.record.name, 'recorder').")
    String name;

    @Option(names = "--duration", description = "Stop by itself after this many seconds (default: until signalled).")
    Integer durationSeconds;

    @Option(names = {"-v", "--verbose"}, description = "Log the details on standard error too; by default only "
            + "warnings and errors are.")
    boolean verbose;

    @Option(names = "--log-file", paramLabel = "PATH", description = "Append every log record from INFO on, with "
            + "times, to this file.")
    java.nio.file.Path logFile;

    /**
     * Records until signalled.
     *
     * @param args see {@code --help}
     */
    public static void main(String[] args) {
        // A failure ends main with an exception, which the launcher turns into exit status 1: one line on stderr.
        Thread.currentThread().setUncaughtExceptionHandler((t, e) -> System.err.println("vc-record: " + e.getMessage()));
        RecorderMain command = new RecorderMain();
        CommandLine cli = new CommandLine(command);
        try {
            cli.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            cli.usage(System.err);
            throw new ConfigException(e.getMessage(), e);
        }
        if (cli.isUsageHelpRequested()) {
            cli.usage(System.out);
        } else if (cli.isVersionHelpRequested()) {
            cli.printVersionHelp(System.out);
        } else {
            command.run();
        }
    }

    /** @return the configuration: keys, overridden by the flags given */
    Config config() {
        Config config = Config.load();
        if (room != null) {
            config = config.with(CoreSettings.ROOM.key(), room);
        }
        if (directory != null) {
            config = config.with(RecordSettings.DIRECTORY.key(), directory);
        }
        if (name != null) {
            config = config.with(RecordSettings.NAME.key(), name);
        }
        if (container != null) {
            config = config.with(RecordSettings.CONTAINER.key(), container);
        }
        return config;
    }

    /** @return the relay's address from {@code HOST:PORT} */
    static InetSocketAddress relayAddress(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        try {
            if (colon > 0) {
                return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
            }
        } catch (IllegalArgumentException e) {
            throw new ConfigException("--relay must be HOST:PORT, got '" + hostPort + "'", e);
        }
        throw new ConfigException("--relay must be HOST:PORT, got '" + hostPort + "'");
    }

    @Override
    public void run() {
        ToolLogging.configure(verbose, logFile);
        Recorder recorder = Recorder.builder().relay(relayAddress(relay)).config(config()).build();
        CountDownLatch stopped = new CountDownLatch(1);
        // The summary is printed by whoever stops the recorder: after SIGTERM the JVM ends once its hooks have run.
        Thread hook = new Thread(() -> {
            stop(recorder);
            stopped.countDown();
        }, "vc-record-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        recorder.start();
        System.out.printf("vc-record: recording room %s as #%d%n", config().get(CoreSettings.ROOM),
                recorder.session().participantId());
        try {
            if (durationSeconds == null) {
                stopped.await();
            } else if (!stopped.await(durationSeconds, TimeUnit.SECONDS)) {
                Runtime.getRuntime().removeShutdownHook(hook);
                stop(recorder);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            recorder.close();
        }
    }

    /** Closes every file and says what was written. */
    private static void stop(Recorder recorder) {
        recorder.close();
        RecorderStats stats = recorder.stats();
        System.out.printf("vc-record: %d frames written (%d skipped) in %d files%n", stats.framesWritten(),
                stats.framesSkipped(), stats.files().size());
        stats.files().forEach(file -> System.out.println("vc-record: " + file));
        System.out.flush();
    }
}
