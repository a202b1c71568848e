package dev.vc.bench.dtls;

import dev.vc.bench.MachineLoad;
import dev.vc.transport.udp.dtls.DtlsAssociation;
import dev.vc.transport.udp.dtls.DtlsCertificate;
import dev.vc.transport.udp.dtls.DtlsDemux;
import dev.vc.transport.udp.dtls.DtlsHandshaker;
import dev.vc.transport.udp.dtls.DtlsLimits;
import dev.vc.transport.udp.dtls.DtlsRole;
import dev.vc.transport.udp.dtls.DtlsSrtpKeys;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs DTLS-SRTP handshakes one after another, each between a fresh pair of UDP sockets on 127.0.0.1 (the server
 * started first, as the relay is when a participant joins), and prints the time from start to both sides' keys
 * (p50, p90, max) and the CPU per handshake of each role's handshake threads and of the whole process.
 *
 * <pre>{@code
 * java -p examples/benchmarks/target/modules -m dev.vc.bench/dev.vc.bench.dtls.DtlsHandshakeBench [count] [warm-up]
 * }</pre>
 */
public final class DtlsHandshakeBench {
    private DtlsHandshakeBench() {
    }

    /**
     * @param args optional: handshakes measured (50), handshakes run first and not measured (20)
     * @throws Exception when a handshake fails
     */
    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int warmUp = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        DtlsCertificate clientIdentity = DtlsCertificate.generate();
        DtlsCertificate serverIdentity = DtlsCertificate.generate();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Set<Thread> serverThreads = ConcurrentHashMap.newKeySet();
        Set<Thread> clientThreads = ConcurrentHashMap.newKeySet();
        double[] millis = new double[count];
        long serverCpu = 0;
        long clientCpu = 0;
        long processCpu = 0;
        String profile = "";
        try (DtlsHandshaker servers = new DtlsHandshaker(DtlsLimits.DEFAULTS);
             DtlsHandshaker clients = new DtlsHandshaker(DtlsLimits.DEFAULTS)) {
            for (int i = -warmUp; i < count; i++) {
                try (Pair pair = new Pair()) {
                    long serverBefore = cpu(threads, serverThreads);
                    long clientBefore = cpu(threads, clientThreads);
                    long processBefore = os.getProcessCpuTime();
                    long start = System.nanoTime();
                    DtlsAssociation server = servers.start(DtlsRole.SERVER, serverIdentity,
                            clientIdentity.fingerprint(), pair.server.out(serverThreads));
                    pair.server.attach(server);
                    DtlsAssociation client = clients.start(DtlsRole.CLIENT, clientIdentity,
                            serverIdentity.fingerprint(), pair.client.out(clientThreads));
                    pair.client.attach(client);
                    DtlsSrtpKeys keys = client.keys().get(15, TimeUnit.SECONDS);
                    server.keys().get(15, TimeUnit.SECONDS);
                    long elapsed = System.nanoTime() - start;
                    if (i >= 0) {
                        millis[i] = elapsed / 1e6;
                        serverCpu += cpu(threads, serverThreads) - serverBefore;
                        clientCpu += cpu(threads, clientThreads) - clientBefore;
                        processCpu += os.getProcessCpuTime() - processBefore;
                        profile = keys.profile().name();
                    }
                    client.close();
                    server.close();
                }
            }
        }
        Arrays.sort(millis);
        System.out.printf(Locale.ROOT, "DTLS-SRTP handshakes over loopback UDP: %d measured after %d warm-up, "
                + "profile %s%n", count, warmUp, profile);
        System.out.printf(Locale.ROOT, "time to both keys ms: p50 %.2f  p90 %.2f  max %.2f%n",
                percentile(millis, 0.5), percentile(millis, 0.9), millis[count - 1]);
        System.out.printf(Locale.ROOT, "cpu ms per handshake: server threads %.2f  client threads %.2f  "
                + "process (both roles, sockets, GC, JIT) %.2f%n", serverCpu / 1e6 / count, clientCpu / 1e6 / count,
                processCpu / 1e6 / count);
        System.out.println("load: " + MachineLoad.average());
    }

    private static long cpu(ThreadMXBean threads, Set<Thread> set) {
        long sum = 0;
        for (Thread thread : set) {
            long nanos = threads.getThreadCpuTime(thread.getId());
            sum += Math.max(0, nanos);
        }
        return sum;
    }

    private static double percentile(double[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }

    /** Two sockets on 127.0.0.1 that know each other. */
    private static final class Pair implements AutoCloseable {
        final Endpoint server;
        final Endpoint client;

        Pair() throws IOException {
            InetAddress loopback = InetAddress.getLoopbackAddress();
            DatagramSocket serverSocket = new DatagramSocket(new InetSocketAddress(loopback, 0));
            DatagramSocket clientSocket = new DatagramSocket(new InetSocketAddress(loopback, 0));
            server = new Endpoint(serverSocket, clientSocket.getLocalSocketAddress());
            client = new Endpoint(clientSocket, serverSocket.getLocalSocketAddress());
        }

        @Override
        public void close() throws InterruptedException {
            server.close();
            client.close();
        }
    }

    /** A socket, its peer, and a receive thread that hands DTLS datagrams (RFC 7983) to the association. */
    private static final class Endpoint {
        private final DatagramSocket socket;
        private final SocketAddress peer;
        private final CompletableFuture<DtlsAssociation> association = new CompletableFuture<>();
        private final Thread receiver;
        private volatile boolean running = true;

        Endpoint(DatagramSocket socket, SocketAddress peer) throws IOException {
            this.socket = socket;
            this.peer = peer;
            socket.setSoTimeout(50);
            receiver = new Thread(this::receive, "bench-dtls-receive");
            receiver.setDaemon(true);
            receiver.start();
        }

        /** Sends to the peer and notes the handshake threads that send. */
        dev.vc.transport.udp.dtls.DatagramOut out(Set<Thread> senders) {
            return (datagram, offset, length) -> {
                if (Thread.currentThread().getName().startsWith("vc-dtls-handshake-")) {
                    senders.add(Thread.currentThread());
                }
                socket.send(new DatagramPacket(datagram, offset, length, peer));
            };
        }

        void attach(DtlsAssociation started) {
            association.complete(started);
        }

        private void receive() {
            byte[] buffer = new byte[2048];
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            while (running) {
                try {
                    packet.setLength(buffer.length);
                    socket.receive(packet);
                    if (packet.getLength() > 0 && DtlsDemux.isDtls(buffer[0])) {
                        association.join().receive(buffer, 0, packet.getLength());
                    }
                } catch (SocketTimeoutException e) {
                    // look at running again
                } catch (IOException e) {
                    return;
                }
            }
        }

        void close() throws InterruptedException {
            running = false;
            receiver.join(1_000);
            socket.close();
        }
    }
}
