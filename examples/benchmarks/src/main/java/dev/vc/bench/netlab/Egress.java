package dev.vc.bench.netlab;

/**
 * One direction of a lab link: the sending side of a veth end, where a qdisc shapes what leaves it. The
 * downlink of a host is the egress of the veth end facing it (in the core namespace); its uplink is the egress
 * of its own end.
 *
 * @param namespace where the device is
 * @param device    the veth end, e.g. {@code vn4242c1}
 * @param label     how tables and charts name it, e.g. {@code edge1-down}
 */
record Egress(Namespace namespace, String device, String label) {
}
