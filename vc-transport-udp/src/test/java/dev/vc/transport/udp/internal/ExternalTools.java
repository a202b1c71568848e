package dev.vc.transport.udp.internal;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real peers the interop tests talk to (ffmpeg, gst-launch-1.0): output and errors go to files. */
final class ExternalTools {
    /** What a finished process left. */
    record Run(int exitCode, String stderr, Path stdout) {
    }

    private ExternalTools() {
    }

    static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    static Process start(Path dir, String name, List<String> command) throws IOException {
        return new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(dir.resolve(name + ".out").toFile())
                .redirectError(dir.resolve(name + ".err").toFile()).start();
    }

    static Run finish(Path dir, String name, Process process, long seconds) throws IOException, InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            throw new AssertionError(name + " did not finish within " + seconds + " s: "
                    + Files.readString(dir.resolve(name + ".err")));
        }
        return new Run(process.exitValue(), Files.readString(dir.resolve(name + ".err")), dir.resolve(name + ".out"));
    }

    static Run run(Path dir, String name, long seconds, String... command) throws IOException, InterruptedException {
        return finish(dir, name, start(dir, name, List.of(command)), seconds);
    }
}
