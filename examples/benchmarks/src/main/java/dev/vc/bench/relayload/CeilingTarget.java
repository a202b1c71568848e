package dev.vc.bench.relayload;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The raw forwarder ({@link UdpEchoCeiling}) as {@link RelayLoad}'s target ({@code --ceiling}): no join, each
 * participant's socket connected straight to it, rooms told by address.
 */
final class CeilingTarget implements LoadTarget {
    private final UdpEchoCeiling ceiling;

    CeilingTarget(UdpEchoCeiling ceiling) {
        this.ceiling = ceiling;
    }

    @Override
    public String name() {
        return "ceiling";
    }

    @Override
    public boolean inProcessRelay() {
        return false;
    }

    @Override
    public InetSocketAddress mediaAddress() {
        return ceiling.address();
    }

    @Override
    public void connect(List<LoadParticipant> everyone, List<AutoCloseable> open) throws IOException {
        List<List<InetSocketAddress>> rooms = new ArrayList<>();
        Random random = new Random(42);
        for (LoadParticipant p : everyone) {
            while (rooms.size() <= p.room) {
                rooms.add(new ArrayList<>());
            }
            rooms.get(p.room).add((InetSocketAddress) p.channel.getLocalAddress());
            p.channel.connect(ceiling.address());
            p.ssrc(random.nextInt());
        }
        ceiling.start(rooms);
    }

    @Override
    public long accepted() {
        return ceiling.packetsIn();
    }

    @Override
    public long forwarded() {
        return ceiling.packetsOut();
    }

    @Override
    public String threadPrefix() {
        return UdpEchoCeiling.THREAD_NAME;
    }

    @Override
    public String forwardingThread() {
        return UdpEchoCeiling.THREAD_NAME;
    }

    @Override
    public void printDrops(PrintStream out) {
        if (ceiling.unknown() > 0) {
            out.println("ceiling: " + ceiling.unknown() + " datagrams from unknown addresses");
        }
    }

    @Override
    public void close() {
        ceiling.close();
    }
}
