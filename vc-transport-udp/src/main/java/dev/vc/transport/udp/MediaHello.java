package dev.vc.transport.udp;

import dev.vc.transport.udp.internal.Bytes;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * The authenticated media hello: a STUN Binding request (RFC 8489) that a participant sends to the relay's
 * media port to prove that datagrams from its address are its own, and the relay's Binding success answer.
 *
 * <p>The request carries {@code USERNAME = "vc:<participantId>"} and a {@code MESSAGE-INTEGRITY}
 * HMAC-SHA1 keyed with the session key the relay gave the participant on the control channel. The first
 * 8 bytes of the transaction ID are a counter that must grow from hello to hello, so a captured hello
 * cannot be replayed from another address. STUN shares the port with RTP and RTCP: its first byte is 0..3,
 * theirs 128..191 (RFC 7983), and Wireshark dissects it.
 *
 * <p>One instance holds one key's MAC and is used by one thread; encoding and checking allocate nothing.
 */
public final class MediaHello {
    /** STUN magic cookie (RFC 8489 §5). */
    public static final int MAGIC_COOKIE = 0x2112A442;
    /** Bytes of a hello request as {@link #writeRequest} writes it. */
    public static final int REQUEST_BYTES = 20 + 4 + 12 + 4 + 20;

    private static final int HEADER_BYTES = 20;
    private static final int SUCCESS_BYTES = 20 + 12 + 4 + 20;
    private static final int BINDING_REQUEST = 0x0001;
    private static final int BINDING_SUCCESS = 0x0101;
    private static final int ATTR_USERNAME = 0x0006;
    private static final int ATTR_MESSAGE_INTEGRITY = 0x0008;
    private static final int ATTR_XOR_MAPPED_ADDRESS = 0x0020;
    private static final int HMAC_BYTES = 20;
    private static final int USERNAME_BYTES = 12;     // "vc:" + 9 digits, zero-padded
    private static final byte[] USERNAME_PREFIX = "vc:".getBytes(StandardCharsets.US_ASCII);

    private final Mac mac;
    private final byte[] expected = new byte[HMAC_BYTES];

    /**
     * @param sessionKey the key from the relay's join answer
     */
    public MediaHello(byte[] sessionKey) {
        try {
            mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(sessionKey, "HmacSHA1"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is required by every Java runtime", e);
        }
    }

    /**
     * @param first the first byte of a datagram
     * @return true if the datagram is STUN rather than RTP/RTCP (RFC 7983 demultiplexing)
     */
    public static boolean isStun(byte first) {
        return (first & 0xFF) < 4;
    }

    /**
     * Writes a hello request.
     *
     * @param out           destination, at least {@link #REQUEST_BYTES} from {@code offset}
     * @param offset        where to start
     * @param participantId the id the relay assigned, 0..999999999
     * @param counter       larger than the previous hello's
     * @param nonce         4 random bytes' worth, completing the transaction ID
     * @return the number of bytes written
     */
    public int writeRequest(byte[] out, int offset, int participantId, long counter, int nonce) {
        if (participantId < 0 || participantId > 999_999_999) {
            throw new IllegalArgumentException("participant id out of range: " + participantId);
        }
        int p = writeHeader(out, offset, BINDING_REQUEST, REQUEST_BYTES - HEADER_BYTES, counter, nonce);
        Bytes.put16(out, p, ATTR_USERNAME);
        Bytes.put16(out, p + 2, USERNAME_BYTES);
        p += 4;
        System.arraycopy(USERNAME_PREFIX, 0, out, p, USERNAME_PREFIX.length);
        p += USERNAME_PREFIX.length;
        for (int i = 8, v = participantId; i >= 0; i--, v /= 10) {
            out[p + i] = (byte) ('0' + v % 10);
        }
        p += 9;
        return writeIntegrity(out, offset, p);
    }

    /**
     * Writes the relay's success answer to a hello, telling the participant the address it was seen from.
     *
     * @param out     destination, at least 64 bytes from {@code offset}
     * @param offset  where to start
     * @param request the hello being answered (its transaction ID is echoed)
     * @param from    the hello's source address (IPv4)
     * @return the number of bytes written
     */
    public int writeSuccess(byte[] out, int offset, Request request, InetSocketAddress from) {
        InetAddress address = from.getAddress();
        if (!(address instanceof Inet4Address)) {
            throw new IllegalArgumentException("only IPv4 is supported: " + from);
        }
        int p = writeHeader(out, offset, BINDING_SUCCESS, 12 + 4 + HMAC_BYTES, request.counter(), request.nonce());
        Bytes.put16(out, p, ATTR_XOR_MAPPED_ADDRESS);
        Bytes.put16(out, p + 2, 8);
        Bytes.put16(out, p + 4, 0x0001);                                    // family IPv4
        Bytes.put16(out, p + 6, from.getPort() ^ (MAGIC_COOKIE >>> 16));
        byte[] ip = address.getAddress();
        for (int i = 0; i < 4; i++) {
            out[p + 8 + i] = (byte) (ip[i] ^ (MAGIC_COOKIE >>> (24 - 8 * i)));
        }
        return writeIntegrity(out, offset, p + 12);
    }

    private static int writeHeader(byte[] out, int offset, int type, int length, long counter, int nonce) {
        Bytes.put16(out, offset, type);
        Bytes.put16(out, offset + 2, length);
        Bytes.put32(out, offset + 4, MAGIC_COOKIE);
        Bytes.put64(out, offset + 8, counter);
        Bytes.put32(out, offset + 16, nonce);
        return offset + HEADER_BYTES;
    }

    /** Appends MESSAGE-INTEGRITY over everything from {@code offset} to {@code p}; returns the total length. */
    private int writeIntegrity(byte[] out, int offset, int p) {
        Bytes.put16(out, p, ATTR_MESSAGE_INTEGRITY);
        Bytes.put16(out, p + 2, HMAC_BYTES);
        mac.update(out, offset, p - offset);
        try {
            mac.doFinal(out, p + 4);
        } catch (ShortBufferException e) {
            throw new IllegalArgumentException("output buffer too small for the HMAC", e);
        }
        return p + 4 + HMAC_BYTES - offset;
    }

    /**
     * @param in     a datagram
     * @param offset its first byte
     * @param length its length
     * @return true if it has the shape of the relay's answer to a hello (check it with {@link #verify})
     */
    public static boolean isSuccess(byte[] in, int offset, int length) {
        return length == SUCCESS_BYTES && Bytes.u16(in, offset) == BINDING_SUCCESS
                && Bytes.i32(in, offset + 4) == MAGIC_COOKIE;
    }

    /**
     * @param in     a success answer
     * @param offset its first byte
     * @return the counter of the hello it answers
     */
    public static long answeredCounter(byte[] in, int offset) {
        return Bytes.i64(in, offset + 8);
    }

    /**
     * Parses a hello request without checking its integrity (the key depends on who it claims to be).
     *
     * @param in     the datagram
     * @param offset its first byte
     * @param length its length
     * @return the claimed participant and counter
     * @throws MalformedPacketException if it is not a hello request as {@link #writeRequest} writes them
     */
    public static Request parseRequest(byte[] in, int offset, int length) {
        if (length != REQUEST_BYTES) {
            throw new MalformedPacketException("hello must be " + REQUEST_BYTES + " bytes, got " + length);
        }
        if (Bytes.u16(in, offset) != BINDING_REQUEST || Bytes.u16(in, offset + 2) != REQUEST_BYTES - HEADER_BYTES
                || Bytes.i32(in, offset + 4) != MAGIC_COOKIE) {
            throw new MalformedPacketException("not a STUN binding request");
        }
        int p = offset + HEADER_BYTES;
        if (Bytes.u16(in, p) != ATTR_USERNAME || Bytes.u16(in, p + 2) != USERNAME_BYTES
                || Bytes.u16(in, p + 4 + USERNAME_BYTES) != ATTR_MESSAGE_INTEGRITY
                || Bytes.u16(in, p + 6 + USERNAME_BYTES) != HMAC_BYTES) {
            throw new MalformedPacketException("hello attributes are not USERNAME then MESSAGE-INTEGRITY");
        }
        for (int i = 0; i < USERNAME_PREFIX.length; i++) {
            if (in[p + 4 + i] != USERNAME_PREFIX[i]) {
                throw new MalformedPacketException("hello username does not start with vc:");
            }
        }
        int id = 0;
        for (int i = p + 4 + USERNAME_PREFIX.length; i < p + 4 + USERNAME_BYTES; i++) {
            int digit = in[i] - '0';
            if (digit < 0 || digit > 9) {
                throw new MalformedPacketException("hello username is not vc:<9 digits>");
            }
            id = id * 10 + digit;
        }
        long counter = Bytes.i64(in, offset + 8);
        return new Request(id, counter, Bytes.i32(in, offset + 16));
    }

    /**
     * Checks a message's MESSAGE-INTEGRITY (its last attribute) against this instance's key, in constant time.
     *
     * @param in     the datagram (a request or success answer)
     * @param offset its first byte
     * @param length its length
     * @return true if the HMAC matches
     */
    public boolean verify(byte[] in, int offset, int length) {
        int integrity = length - HMAC_BYTES - 4;
        if (integrity < HEADER_BYTES) {
            return false;
        }
        mac.update(in, offset, integrity);
        try {
            mac.doFinal(expected, 0);
        } catch (ShortBufferException e) {
            return false;
        }
        int difference = 0;
        for (int i = 0; i < HMAC_BYTES; i++) {
            difference |= expected[i] ^ in[offset + integrity + 4 + i];
        }
        return difference == 0;
    }

    /**
     * A parsed hello request.
     *
     * @param participantId who it claims to be
     * @param counter       its replay counter
     * @param nonce         the rest of its transaction ID
     */
    public record Request(int participantId, long counter, int nonce) {
    }
}
