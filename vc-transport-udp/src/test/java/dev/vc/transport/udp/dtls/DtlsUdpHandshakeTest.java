package dev.vc.transport.udp.dtls;

import dev.vc.transport.udp.srtp.SrtpProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.vc.transport.udp.dtls.DtlsHandshakeTest.CLIENT;
import static dev.vc.transport.udp.dtls.DtlsHandshakeTest.SERVER;
import static dev.vc.transport.udp.dtls.DtlsHandshakeTest.assertSameKey;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A full DTLS-SRTP handshake over real UDP sockets on 127.0.0.1, each side's receive thread classing datagrams
 * by their first byte (RFC 7983) as the media socket will: non-DTLS datagrams on the same port do not disturb it.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DtlsUdpHandshakeTest {
    @Test
    void shouldAgreeOnKeysOverLoopbackUdp() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (DatagramSocket clientSocket = new DatagramSocket(new InetSocketAddress(loopback, 0));
             DatagramSocket serverSocket = new DatagramSocket(new InetSocketAddress(loopback, 0));
             DtlsHandshaker handshaker = new DtlsHandshaker(DtlsLimits.DEFAULTS)) {
            Endpoint server = new Endpoint(serverSocket, clientSocket.getLocalSocketAddress());
            Endpoint client = new Endpoint(clientSocket, serverSocket.getLocalSocketAddress());
            server.start(handshaker.start(DtlsRole.SERVER, SERVER, CLIENT.fingerprint(), server::send));
            byte[] stun = {0, 1, 0, 0, 0x21, 0x12, (byte) 0xA4, 0x42, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
            clientSocket.send(new DatagramPacket(stun, stun.length, serverSocket.getLocalSocketAddress()));
            client.start(handshaker.start(DtlsRole.CLIENT, CLIENT, SERVER.fingerprint(), client::send));

            DtlsSrtpKeys clientKeys = client.association.get().keys().get(15, TimeUnit.SECONDS);
            DtlsSrtpKeys serverKeys = server.association.get().keys().get(15, TimeUnit.SECONDS);

            assertEquals(SrtpProfile.AEAD_AES_128_GCM, clientKeys.profile());
            assertSameKey(clientKeys.local(), serverKeys.remote());
            assertSameKey(clientKeys.remote(), serverKeys.local());
            client.stop();
            server.stop();
            assertEquals(1, server.notDtls, "the STUN datagram went past DTLS");
        }
    }

    /** One side: its socket, the peer's address, and a receive thread that hands DTLS to the association. */
    private static final class Endpoint {
        private final DatagramSocket socket;
        private final java.net.SocketAddress peer;
        private final CompletableFuture<DtlsAssociation> association = new CompletableFuture<>();
        private volatile boolean running = true;
        private int notDtls;
        private Thread thread;

        Endpoint(DatagramSocket socket, java.net.SocketAddress peer) throws Exception {
            this.socket = socket;
            this.peer = peer;
            socket.setSoTimeout(100);
        }

        void send(byte[] datagram, int offset, int length) throws java.io.IOException {
            socket.send(new DatagramPacket(datagram, offset, length, peer));
        }

        void start(DtlsAssociation started) {
            association.complete(started);
            thread = new Thread(this::receive, "test-udp-receive");
            thread.setDaemon(true);
            thread.start();
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
                    } else {
                        notDtls++;
                    }
                } catch (SocketTimeoutException e) {
                    // look at running again
                } catch (java.io.IOException e) {
                    return;
                }
            }
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join(5_000);
        }
    }
}
