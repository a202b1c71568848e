package dev.vc.bench.netlab;

import java.io.IOException;
import java.util.List;

/**
 * A veth pair joining the core namespace to an edge namespace, the {@code index}-th of the lab, with the
 * addresses {@code 10.77.<index>.1/24} (core end) and {@code 10.77.<index>.2/24} (edge end). Both ends live in
 * lab namespaces from the moment they are configured, and deleting either namespace deletes the pair.
 *
 * <pre>
 * VethLink link = VethLink.create(names, core, edge, 1);
 * link.downlink();      // core end's egress: what the edge host receives
 * link.uplink();        // edge end's egress: what it sends
 * link.coreAddress();   // "10.77.1.1", where the edge host reaches the relay
 * </pre>
 *
 * @param core     the core namespace
 * @param edge     the edge namespace
 * @param index    1..250, the third octet of both addresses
 * @param coreEnd  the core end's device name
 * @param edgeEnd  the edge end's device name
 */
record VethLink(Namespace core, Namespace edge, int index, String coreEnd, String edgeEnd) {
    /** The lab's addresses: 10.77.0.0/16, one /24 per link, used only inside lab namespaces. */
    static final String NETWORK = "10.77.";

    /**
     * Creates the pair in the root namespace, moves each end into its namespace at once, then addresses them and
     * brings them up.
     *
     * @param names the run's names
     * @param core  the core namespace
     * @param edge  the edge namespace
     * @param index 1..250
     * @return the link
     * @throws IOException if a command fails
     */
    static VethLink create(LabNames names, Namespace core, Namespace edge, int index) throws IOException {
        if (index < 1 || index > 250) {
            throw new IllegalArgumentException("link index must be 1..250, got " + index);
        }
        VethLink link = new VethLink(core, edge, index, names.coreEnd(index), names.edgeEnd(index));
        Shell.run(List.of("ip", "link", "add", link.coreEnd, "type", "veth", "peer", "name", link.edgeEnd));
        try {
            Shell.run(List.of("ip", "link", "set", link.coreEnd, "netns", core.name()));
            Shell.run(List.of("ip", "link", "set", link.edgeEnd, "netns", edge.name()));
        } catch (IOException e) {
            Shell.tryRun(List.of("ip", "link", "del", link.coreEnd));  // still in the root namespace
            throw e;
        }
        Shell.run(core.ip("addr", "add", link.coreAddress() + "/24", "dev", link.coreEnd));
        Shell.run(edge.ip("addr", "add", link.edgeAddress() + "/24", "dev", link.edgeEnd));
        Shell.run(core.ip("link", "set", link.coreEnd, "up"));
        Shell.run(edge.ip("link", "set", link.edgeEnd, "up"));
        return link;
    }

    /** @return the core end's address, where hosts of the edge namespace reach the relay */
    String coreAddress() {
        return NETWORK + index + ".1";
    }

    /** @return the edge end's address */
    String edgeAddress() {
        return NETWORK + index + ".2";
    }

    /** @return the direction towards the edge host: the core end's egress */
    Egress downlink() {
        return new Egress(core, coreEnd, "edge" + index + "-down");
    }

    /** @return the direction from the edge host: the edge end's egress */
    Egress uplink() {
        return new Egress(edge, edgeEnd, "edge" + index + "-up");
    }
}
