package dev.vc.api.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vc.api.ConfigException;
import dev.vc.api.TransportException;
import dev.vc.api.VideoCodec;
import dev.vc.api.control.ControlClient;
import dev.vc.api.control.ControlMessage;
import dev.vc.api.control.RelayTrust;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RelayHostsTest {
    @Test
    void shouldReadACommaSeparatedListInOrder() {
        RelayHosts hosts = RelayHosts.parse("relay1.example:5000, 10.0.0.2:5001");
        assertEquals(List.of("relay1.example", "10.0.0.2"),
                hosts.relays().stream().map(InetSocketAddress::getHostString).toList());
        assertEquals(List.of(5000, 5001), hosts.relays().stream().map(InetSocketAddress::getPort).toList());
    }

    @Test
    void shouldRefuseAnEntryWithoutAPortNamingTheKey() {
        for (String bad : new String[] {"relay1.example", "relay1.example:0", "relay1.example:x", ":5000"}) {
            ConfigException e = assertThrows(ConfigException.class, () -> RelayHosts.parse(bad), bad);
            assertTrue(e.getMessage().contains("vc.relay.hosts"), e.getMessage());
        }
    }

    @Test
    void shouldTryEveryRelayAndReportTheLastFailureWhenNoneAnswers() throws Exception {
        int closed1;
        int closed2;
        try (ServerSocket a = new ServerSocket(0); ServerSocket b = new ServerSocket(0)) {
            closed1 = a.getLocalPort();
            closed2 = b.getLocalPort();
        }
        RelayHosts hosts = new RelayHosts(List.of(new InetSocketAddress("127.0.0.1", closed1),
                new InetSocketAddress("127.0.0.1", closed2)));
        ControlMessage.Join join = new ControlMessage.Join("team", "alice", "", Set.of(VideoCodec.JPEG),
                Set.of(VideoCodec.JPEG), List.of(ControlMessage.Layer.UNSTATED), "");
        TransportException e = assertThrows(TransportException.class, () -> hosts.join(null, RelayTrust.insecure(),
                join, new ControlClient.Listener() { }, Duration.ofSeconds(2), null));
        assertTrue(e.getMessage().contains("no relay of") && e.getMessage().contains(Integer.toString(closed2)),
                e.getMessage());
    }
}
