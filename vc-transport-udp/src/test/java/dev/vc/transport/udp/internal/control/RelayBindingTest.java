package dev.vc.transport.udp.internal.control;

import dev.vc.api.MediaBinding;
import dev.vc.transport.udp.MediaHello;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RelayBindingTest {
    private static final long WARNING_NANOS = RelayBinding.WARNING_MILLIS * 1_000_000;
    private static final byte[] KEY = new byte[32];

    @Test
    void shouldWarnOnceWhenHellosGoUnansweredAndAgainAfterAnAnswerEndsTheWait() {
        RelayBinding binding = new RelayBinding(new MediaBinding(7, 0x1234, KEY, List.of(0x1234)));
        long start = System.nanoTime();
        byte[] hello = binding.nextHello().clone();
        long sent = System.nanoTime();
        assertFalse(binding.warningDue(start), "not before the limit");
        assertTrue(binding.warningDue(sent + WARNING_NANOS), "at the limit");
        assertFalse(binding.warningDue(sent + 2 * WARNING_NANOS), "once per wait");

        byte[] answer = new byte[128];
        MediaHello relay = new MediaHello(KEY);
        int length = relay.writeSuccess(answer, 0, MediaHello.parseRequest(hello, 0, hello.length),
                new InetSocketAddress("127.0.0.1", 4000));
        assertTrue(binding.onStun(answer, length));
        assertFalse(binding.warningDue(sent + 3 * WARNING_NANOS), "answered: no wait");

        binding.nextHello();
        long again = System.nanoTime();
        assertTrue(binding.warningDue(again + WARNING_NANOS), "a new wait warns again");
    }
}
