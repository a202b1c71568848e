package dev.vc.bench.relayload;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * Where {@link RelayLoad}'s load goes: the relay ({@link RelayTarget}) or the raw forwarder that is its ceiling
 * ({@link CeilingTarget}).
 */
interface LoadTarget extends AutoCloseable {
    String name();

    boolean inProcessRelay();

    InetSocketAddress mediaAddress();

    /** Makes every participant known to the target and connects its socket to the target's media port. */
    void connect(List<LoadParticipant> everyone, List<AutoCloseable> open) throws IOException;

    /** @return datagrams accepted so far, or -1 */
    long accepted();

    /** @return datagrams forwarded so far, or -1 */
    long forwarded();

    /** @return name prefix of the target's threads in this process, or null */
    String threadPrefix();

    /** @return name of the forwarding thread in this process, or null */
    String forwardingThread();

    void printDrops(PrintStream out);

    @Override
    void close();
}
