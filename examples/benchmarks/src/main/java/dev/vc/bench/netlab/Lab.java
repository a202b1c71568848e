package dev.vc.bench.netlab;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The lab's namespaces and links, and their removal: a core namespace, edge namespaces, and a veth link from
 * the core to each edge. Everything it creates is removed by {@link #close()}, and by a shutdown hook if the
 * JVM ends first; what a crashed run left behind (its JVM is gone) is removed when a lab opens.
 *
 * <pre>
 * try (Lab lab = Lab.open()) {
 *     Namespace core = lab.namespace("core");
 *     VethLink link = lab.link(core, lab.namespace("edge1"));
 *     Shaper.apply(link.downlink(), new TokenBucket(2_000_000, 10_240, 300));
 *     ...
 * }   // namespaces, and with them the veth pairs, deleted
 * </pre>
 *
 * <p>Needs root (or {@code CAP_NET_ADMIN} and {@code CAP_SYS_ADMIN}) and {@code ip} and {@code tc} from iproute2;
 * {@link #unavailableBecause()} says why not before anything is tried. Addresses are only ever given to devices
 * inside lab namespaces (10.77.0.0/16, see {@link VethLink}); the root namespace is only touched to create a
 * veth pair and hand its ends over.
 */
final class Lab implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Lab.class.getName());

    private final LabNames names;
    private final List<Namespace> namespaces = new ArrayList<>();
    private final List<VethLink> links = new ArrayList<>();
    private final Thread hook = new Thread(this::removeAll, "vc-netlab-cleanup");
    private boolean closed;

    private Lab(LabNames names) {
        this.names = names;
    }

    /**
     * Removes what crashed runs left, registers the shutdown hook, and returns an empty lab.
     *
     * @return the lab
     * @throws IOException if the namespaces cannot be listed
     */
    static Lab open() throws IOException {
        removeStale();
        Lab lab = new Lab(LabNames.ofThisProcess());
        Runtime.getRuntime().addShutdownHook(lab.hook);
        return lab;
    }

    /**
     * Tries what a lab needs in a throw-away namespace: creating it, a veth pair and a token bucket inside it, and
     * deleting it.
     *
     * @return null if labs can be made here, else why not (not root, no {@code ip} or {@code tc}, namespaces not
     *         allowed, no veth or tbf in the kernel), for a skipped test or a main's error line
     */
    static String unavailableBecause() {
        String probe = LabNames.NAMESPACE_PREFIX + ProcessHandle.current().pid() + "-probe";
        try {
            Shell.run(List.of("tc", "-V"));
        } catch (IOException e) {
            return "tc (iproute2) is not usable: " + e.getMessage();
        }
        try {
            Shell.run(List.of("ip", "netns", "add", probe));
        } catch (IOException e) {
            return "cannot create a network namespace (root and iproute2 needed): " + e.getMessage();
        }
        String missing = null;
        try {
            // a veth pair and a token bucket inside the probe namespace only (kernel modules veth and sch_tbf)
            Namespace ns = new Namespace(probe);
            Shell.run(ns.ip("link", "add", "vnprobea", "type", "veth", "peer", "name", "vnprobeb"));
            List<String> tbf = new ArrayList<>(List.of("qdisc", "add", "dev", "vnprobea", "root"));
            tbf.addAll(new TokenBucket(1_000_000, 10_240, 50).tbfArguments());
            Shell.run(ns.tc(tbf.toArray(String[]::new)));
        } catch (IOException e) {
            missing = "veth links or tc tbf are not available: " + e.getMessage();
        }
        String failed = Shell.tryRun(List.of("ip", "netns", "del", probe));
        if (missing != null) {
            return missing;
        }
        return failed == null ? null : "cannot delete a network namespace: " + failed;
    }

    /**
     * Deletes every lab namespace and root-namespace veth end whose owning JVM is no longer running.
     *
     * @throws IOException if they cannot be listed
     */
    static void removeStale() throws IOException {
        for (String name : namespaceNames()) {
            OptionalLong owner = LabNames.ownerOfNamespace(name);
            if (owner.isPresent() && ProcessHandle.of(owner.getAsLong()).isEmpty()) {
                LOG.log(System.Logger.Level.INFO, "removing namespace {0} left by a crashed run", name);
                Shell.tryRun(List.of("ip", "netns", "del", name));
            }
        }
        for (String line : Shell.run(List.of("ip", "-o", "link", "show")).split("\n")) {
            String[] parts = line.split(":\\s+", 3);
            if (parts.length < 2) {
                continue;
            }
            String device = parts[1].replaceFirst("@.*$", "");
            OptionalLong owner = LabNames.ownerOfDevice(device);
            if (owner.isPresent() && ProcessHandle.of(owner.getAsLong()).isEmpty()) {
                LOG.log(System.Logger.Level.INFO, "removing veth {0} left by a crashed run", device);
                Shell.tryRun(List.of("ip", "link", "del", device));
            }
        }
    }

    /**
     * @return the names of every network namespace on the machine, lab or not
     * @throws IOException if {@code ip netns list} fails
     */
    static List<String> namespaceNames() throws IOException {
        List<String> names = new ArrayList<>();
        for (String line : Shell.run(List.of("ip", "netns", "list")).split("\n")) {
            String name = line.strip().split("\\s+")[0];
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return names;
    }

    /** @return the names this lab gives things */
    LabNames names() {
        return names;
    }

    /**
     * Creates a namespace with its loopback up.
     *
     * @param role {@code core} or {@code edge<i>}, part of the name
     * @return the namespace
     * @throws IOException if it cannot be created
     */
    synchronized Namespace namespace(String role) throws IOException {
        Namespace ns = new Namespace(LabNames.NAMESPACE_PREFIX + names.pid() + "-" + role);
        Shell.run(List.of("ip", "netns", "add", ns.name()));
        namespaces.add(ns);
        Shell.run(ns.ip("link", "set", "lo", "up"));
        return ns;
    }

    /**
     * Joins the core namespace to an edge namespace with the next veth link.
     *
     * @param core the core namespace
     * @param edge the edge namespace
     * @return the link
     * @throws IOException if a command fails
     */
    synchronized VethLink link(Namespace core, Namespace edge) throws IOException {
        VethLink link = VethLink.create(names, core, edge, links.size() + 1);
        links.add(link);
        return link;
    }

    /** Deletes every namespace this lab made (their veth ends go with them) and the shutdown hook. */
    @Override
    public void close() {
        removeAll();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run
        }
    }

    private synchronized void removeAll() {
        if (closed) {
            return;
        }
        closed = true;
        for (Namespace ns : namespaces) {
            String failed = Shell.tryRun(List.of("ip", "netns", "del", ns.name()));
            if (failed != null) {
                LOG.log(System.Logger.Level.WARNING, "could not delete namespace {0}: {1}", ns.name(), failed);
            }
        }
    }
}
