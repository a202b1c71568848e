package dev.vc.relay;

import dev.vc.relay.RouterHarness.Peer;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The hello and its answer exactly as docs/relay.md lays them out, written and read here byte by byte with
 * nothing of vc's but the relay: what an independent client would do.
 */
class HelloWireFormatTest {
    private static byte[] hmac(byte[] key, byte[] data, int length) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(key, "HmacSHA1"));
        mac.update(data, 0, length);
        return mac.doFinal();
    }

    @Test
    void shouldAcceptAHelloWrittenFromTheDocsAndAnswerAsTheyDescribe() throws Exception {
        RouterHarness relay = new RouterHarness();
        Peer alice = relay.join("alice", 41_000);
        relay.deliveries.clear();
        ByteBuffer hello = ByteBuffer.allocate(60);
        hello.putShort((short) 0x0001).putShort((short) 40).putInt(0x2112A442);
        hello.putLong(2).putInt(0xCAFEBABE);                                    // counter 2, any 4 bytes
        hello.putShort((short) 0x0006).putShort((short) 12);
        hello.put(String.format("vc:%09d", alice.member.id).getBytes(StandardCharsets.US_ASCII));
        hello.putShort((short) 0x0008).putShort((short) 20);
        hello.put(hmac(alice.key, hello.array(), 36));
        relay.sendFrom(RouterHarness.address(41_000), hello.array(), 60);

        assertEquals(1, relay.deliveries.size(), "answered");
        byte[] answer = relay.deliveries.get(0).data();
        assertEquals(56, answer.length);
        ByteBuffer a = ByteBuffer.wrap(answer);
        assertEquals(0x0101, a.getShort(0));
        assertEquals(36, a.getShort(2));
        assertEquals(0x2112A442, a.getInt(4));
        assertArrayEquals(Arrays.copyOfRange(hello.array(), 8, 20), Arrays.copyOfRange(answer, 8, 20), "transaction id");
        assertEquals(0x0020, a.getShort(20));
        assertEquals(8, a.getShort(22));
        assertEquals(0x0001, a.getShort(24));
        assertEquals(41_000, (a.getShort(26) ^ 0x2112) & 0xFFFF);
        assertEquals(0x7F000001, a.getInt(28) ^ 0x2112A442);
        assertEquals(0x0008, a.getShort(32));
        assertEquals(20, a.getShort(34));
        assertArrayEquals(hmac(alice.key, answer, 32), Arrays.copyOfRange(answer, 36, 56));

        relay.deliveries.clear();
        relay.sendFrom(RouterHarness.address(41_000), hello.array(), 60);
        assertEquals(0, relay.deliveries.size(), "the same counter again is not answered");
    }
}
