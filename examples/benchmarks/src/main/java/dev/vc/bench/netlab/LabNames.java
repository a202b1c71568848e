package dev.vc.bench.netlab;

import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names one lab run gives its namespaces and veth ends, all carrying the process id of the JVM that made
 * them: {@code vcnl-<pid>-core}, {@code vcnl-<pid>-edge1}, veth ends {@code vn<pid>c1} (core side) and
 * {@code vn<pid>e1} (edge side), within the kernel's 15 characters. Two labs in two JVMs never share a name,
 * and what a crashed run left behind is recognised by its owner being gone ({@link Lab#removeStale()}).
 *
 * @param pid the owning JVM's process id
 */
record LabNames(long pid) {
    /** Namespaces of every lab start with this. */
    static final String NAMESPACE_PREFIX = "vcnl-";
    /** Veth ends of every lab start with this. */
    static final String DEVICE_PREFIX = "vn";

    private static final Pattern NAMESPACE = Pattern.compile("^" + NAMESPACE_PREFIX + "(\\d+)-\\S+");
    private static final Pattern DEVICE = Pattern.compile("^" + DEVICE_PREFIX + "(\\d+)[ce]\\d+$");

    /** @return this JVM's names */
    static LabNames ofThisProcess() {
        return new LabNames(ProcessHandle.current().pid());
    }

    /** @return the core namespace's name */
    String core() {
        return NAMESPACE_PREFIX + pid + "-core";
    }

    /** @return the i-th edge namespace's name */
    String edge(int i) {
        return NAMESPACE_PREFIX + pid + "-edge" + i;
    }

    /** @return true if a namespace of this run has that name */
    boolean owns(String namespace) {
        return namespace.startsWith(NAMESPACE_PREFIX + pid + "-");
    }

    String coreEnd(int link) {
        return DEVICE_PREFIX + pid + "c" + link;
    }

    String edgeEnd(int link) {
        return DEVICE_PREFIX + pid + "e" + link;
    }

    /** @return the pid in a lab namespace's name, or empty if it is not one */
    static OptionalLong ownerOfNamespace(String name) {
        Matcher m = NAMESPACE.matcher(name);
        return m.find() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
    }

    /** @return the pid in a lab veth end's name, or empty if it is not one */
    static OptionalLong ownerOfDevice(String name) {
        Matcher m = DEVICE.matcher(name);
        return m.find() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
    }
}
