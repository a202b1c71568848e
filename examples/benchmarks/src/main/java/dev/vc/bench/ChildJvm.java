package dev.vc.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The command line that starts another main class of {@code dev.vc.bench} in a child JVM: this JVM's own
 * {@code java}, a module path holding {@code dev.vc.bench} and its dependencies (by default this JVM's own, e.g.
 * {@code examples/benchmarks/target/modules}) and, when that is this JVM's module path and it also has a class
 * path (a test JVM keeps FFmpeg's natives there), that too. The measuring tools run participants or an attacker
 * in processes of their own, so that their memory and threads are not counted as the relay's, or inside a
 * network namespace.
 *
 * <pre>{@code
 * List<String> command = ChildJvm.command(ChildJvm.currentModulePath(), Attacker.class, List.of("-Xmx256m"));
 * command.addAll(List.of("127.0.0.1", "5000", "room", "nack"));
 * Process attacker = new ProcessBuilder(command).start();
 * }</pre>
 */
public final class ChildJvm {
    private ChildJvm() {
    }

    /**
     * @param modulePath the module path, {@code File.pathSeparator}-separated
     * @param main       the class whose {@code main} to run, in module {@code dev.vc.bench}
     * @param jvmOptions options for the child JVM (heap, collector)
     * @return a mutable command line; the caller appends the main's arguments
     */
    public static List<String> command(String modulePath, Class<?> main, List<String> jvmOptions) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(jvmOptions);
        command.addAll(List.of("--add-modules", "ALL-MODULE-PATH", "-p", modulePath));
        String classPath = System.getProperty("java.class.path", "");
        if (!classPath.isBlank() && modulePath.equals(System.getProperty("jdk.module.path"))) {
            command.addAll(List.of("-cp", classPath));
        }
        command.addAll(List.of("-m", "dev.vc.bench/" + main.getName()));
        return command;
    }

    /**
     * @return the module path this JVM was started with, which holds {@code dev.vc.bench}
     * @throws IllegalStateException if it was started without one
     */
    public static String currentModulePath() {
        String path = System.getProperty("jdk.module.path");
        if (path == null || path.isBlank()) {
            throw new IllegalStateException("not started with a module path: run with -p examples/benchmarks/target/modules");
        }
        return path;
    }
}
