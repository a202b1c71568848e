package dev.vc.bench.netlab;

import java.util.ArrayList;
import java.util.List;

/**
 * A network namespace of the lab, by name: builds the command lines that act inside it. It has its own
 * interfaces, addresses, routes, ports and loopback, so a relay in one lab can listen on the usual ports while
 * another lab runs beside it.
 *
 * <pre>
 * Namespace core = new Namespace("vcnl-4242-core");
 * Shell.run(core.ip("addr", "add", "10.77.1.1/24", "dev", "vn4242c1"));
 * new ProcessBuilder(core.exec("java", "-version"));
 * </pre>
 *
 * @param name the name {@code ip netns} knows it by
 */
record Namespace(String name) {
    /**
     * @param args an {@code ip} command's arguments
     * @return {@code ip -n NAME args...}
     */
    List<String> ip(String... args) {
        return with(List.of("ip", "-n", name), args);
    }

    /**
     * @param args a {@code tc} command's arguments
     * @return {@code tc -n NAME args...}
     */
    List<String> tc(String... args) {
        return with(List.of("tc", "-n", name), args);
    }

    /**
     * @param command a program and its arguments
     * @return {@code ip netns exec NAME command...}: the program run inside the namespace
     */
    List<String> exec(List<String> command) {
        List<String> all = new ArrayList<>(List.of("ip", "netns", "exec", name));
        all.addAll(command);
        return all;
    }

    private static List<String> with(List<String> head, String... args) {
        List<String> all = new ArrayList<>(head);
        all.addAll(List.of(args));
        return all;
    }
}
