package dev.vc.bench.quality;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the {@code ffmpeg} command-line tool (or any command) to completion, bounded in time, and hands back
 * what it printed. Used to render {@code lavfi} test sources into raw frames and by the ffmpeg CLI baseline.
 *
 * <pre>{@code
 * String log = FfmpegCli.run(List.of(FfmpegCli.executable(), "-version"), 10);
 * }</pre>
 */
public final class FfmpegCli {
    /** System property naming the ffmpeg executable; {@code ffmpeg} from the PATH if unset. */
    public static final String PROPERTY = "vc.bench.ffmpeg";

    private FfmpegCli() {
    }

    /** @return the ffmpeg CLI: system property {@value #PROPERTY}, else {@code ffmpeg} from the PATH */
    public static String executable() {
        return System.getProperty(PROPERTY, "ffmpeg");
    }

    /**
     * Runs a command, bounded in time.
     *
     * @param command the command line
     * @param seconds time allowed
     * @return what the command wrote to stdout and stderr
     * @throws IOException if it cannot start, fails, or runs out of time
     */
    public static String run(List<String> command, int seconds) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Process process = builder.start();
        byte[][] output = new byte[1][];
        Thread reader = new Thread(() -> {
            try (InputStream in = process.getInputStream()) {
                output[0] = in.readAllBytes();
            } catch (IOException e) {
                output[0] = new byte[0];
            }
        }, "ffmpeg-output");
        reader.start();
        try {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("timed out after " + seconds + " s: " + String.join(" ", command));
            }
            reader.join(5_000);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        }
        String printed = output[0] == null ? "" : new String(output[0], StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IOException("exit " + process.exitValue() + ": " + String.join(" ", command) + "\n" + printed);
        }
        return printed;
    }
}
