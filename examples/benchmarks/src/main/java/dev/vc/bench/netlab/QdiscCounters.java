package dev.vc.bench.netlab;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kernel's counters of the qdisc at the root of an egress ({@code tc -s -j qdisc show dev X}), cumulative
 * since it was added except the backlog, which is the queue now.
 *
 * @param bytes           bytes sent on through the link (whole frames)
 * @param packets         packets sent on
 * @param drops           packets dropped because the queue was full
 * @param backlogBytes    bytes waiting now
 * @param backlogPackets  packets waiting now
 */
record QdiscCounters(long bytes, long packets, long drops, long backlogBytes, long backlogPackets) {
    /** Nothing counted. */
    static final QdiscCounters ZERO = new QdiscCounters(0, 0, 0, 0, 0);

    /**
     * @param egress where the qdisc is
     * @return its counters now
     * @throws IOException if {@code tc} fails or its answer has no root qdisc
     */
    static QdiscCounters read(Egress egress) throws IOException {
        return parse(Shell.run(egress.namespace().tc("-s", "-j", "qdisc", "show", "dev", egress.device())));
    }

    /**
     * @param json {@code tc -s -j qdisc show dev X}'s answer: a JSON array of qdiscs
     * @return the counters of the root qdisc (the first object that says {@code "root":true})
     * @throws IOException if there is none, or a counter is missing
     */
    static QdiscCounters parse(String json) throws IOException {
        for (String object : json.split("\\},\\s*\\{")) {
            if (object.contains("\"root\":true")) {
                return new QdiscCounters(field(object, "bytes"), field(object, "packets"), field(object, "drops"),
                        field(object, "backlog"), field(object, "qlen"));
            }
        }
        throw new IOException("no root qdisc in tc's answer: " + json.strip());
    }

    /**
     * @param earlier counters read before
     * @return the growth of the cumulative counters since then, with this backlog
     */
    QdiscCounters minus(QdiscCounters earlier) {
        return new QdiscCounters(bytes - earlier.bytes, packets - earlier.packets, drops - earlier.drops,
                backlogBytes, backlogPackets);
    }

    private static long field(String object, String name) throws IOException {
        Matcher m = Pattern.compile("\"" + name + "\":(\\d+)").matcher(object);
        if (!m.find()) {
            throw new IOException("tc's answer has no \"" + name + "\": " + object.strip());
        }
        return Long.parseLong(m.group(1));
    }
}
