package dev.vc.bench.roomcost;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Which thread names are the client's: exactly its own, nobody else's with a similar name. */
class ClientStageTest {
    private static ClientStage of(String thread) {
        return ClientStage.of(thread, "client", 40123);
    }

    @Test
    void shouldGiveEachOfTheClientsThreadsItsStage() {
        assertEquals(ClientStage.CAPTURE, of("vc-capture-client"));
        assertEquals(ClientStage.ENCODE, of("vc-send-client"));
        assertEquals(ClientStage.RECEIVE, of("vc-udp-rx-40123"));
        assertEquals(ClientStage.DECODE, of("vc-decode-client"));
        assertEquals(ClientStage.RENDER, of("AWT-EventQueue-0"));
        assertEquals(ClientStage.RENDER, of("AWT-XAWT"));
        assertEquals(ClientStage.RENDER, of("Java2D Disposer"));
        assertEquals(ClientStage.RENDER, of("TimerQueue"));
        assertEquals(ClientStage.CONTROL, of("vc-control-client"));
        assertEquals(ClientStage.CONTROL, of("vc-udp-timer-40123"));
    }

    @Test
    void shouldLeaveOutReplayersRelayHarnessAndLookAlikes() {
        assertNull(of("vc-control-replay-1"));
        assertNull(of("vc-replay-send"));
        assertNull(of("vc-replay-recv"));
        assertNull(of("vc-relay-media"));
        assertNull(of("vc-relay-control"));
        assertNull(of("vc-record-0"));
        assertNull(of("main"));
        assertNull(of("vc-send-client2"), "another participant whose name starts like the client's");
        assertNull(of("vc-decode-clien"));
        assertNull(of("vc-udp-rx-401230"), "another transport's port");
        assertNull(of("vc-udp-timer-4012"));
    }
}
