package dev.vc.examples.demo;

import dev.vc.api.Config;
import dev.vc.api.UnknownProviderException;
import dev.vc.api.session.Participant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A participant whose source or renderer cannot be had fails before it contacts the relay: no ghost join. */
class ProvidersBeforeJoinTest {
    @ParameterizedTest
    @CsvSource({"vc.renderer, no-such-renderer", "vc.source, no-such-source"})
    void shouldFailWithoutContactingTheRelay(String key, String value) throws Exception {
        try (ServerSocket relay = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Config config = Config.of(Map.of("vc.codec", "jpeg", "vc.source", "synthetic", "vc.renderer", "headless",
                    "vc.connect.timeout.ms", "500")).with(key, value);
            UnknownProviderException e = assertThrows(UnknownProviderException.class, () -> Participant.builder()
                    .config(config).relay((InetSocketAddress) relay.getLocalSocketAddress()).build().close());
            assertTrue(e.getMessage().contains(value), e.getMessage());
            // build() has returned: a connection it made would already wait in the backlog.
            relay.setSoTimeout(100);
            assertThrows(SocketTimeoutException.class, () -> relay.accept().close(), "the relay was contacted");
        }
    }
}
