package dev.vc.transport.udp.srtp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Known answers: RFC 3711 appendix B.2 (the AES-CM key stream) and B.3 (key derivation), libsrtp's
 * {@code srtp_validate} packets (master key to SRTP and SRTCP packet, both profiles, which also pins the GCM key
 * derivation's salt padding), and RFC 7714 sections 16.1.1, 17.1 and 17.3 (AEAD_AES_128_GCM from session keys).
 * The GCM answers are checked on both {@link SrtpCiphers} (OpenSSL's only on a Java 22+ JVM that can load it).
 */
class SrtpKnownAnswerTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void rfc3711AppendixB2KeyStream() {
        byte[] iv = hex("F0F1F2F3F4F5F6F7F8F9FAFBFCFD0000");
        byte[] stream = new byte[0xFF02 * 16];
        new AesCounterKeystream(hex("2B7E151628AED2A6ABF7158809CF4F3C")).apply(iv, stream, 0, stream.length);

        assertBlock("E03EAD0935C95E80E166B16DD92B4EB4", stream, 0x0000);
        assertBlock("D23513162B02D0F72A43A2FE4A5F97AB", stream, 0x0001);
        assertBlock("41E95B3BB0A2E8DD477901E4FCA894C0", stream, 0x0002);
        assertBlock("EC8CDF7398607CB0F2D21675EA9EA1E4", stream, 0xFEFF);
        assertBlock("362B7C3C6773516318A077D7FC5073AE", stream, 0xFF00);
        assertBlock("6A2CC3787889374FBEB4C81B17BA6C44", stream, 0xFF01);
    }

    @Test
    void rfc3711AppendixB3KeyDerivation() {
        SrtpKeyDerivation kdf = new SrtpKeyDerivation(hex("E1F97A0D3E018BE0D64FA32C06DE4139"),
                hex("0EC675AD498AFEEBB6960B3AABE6"));

        assertArrayEquals(hex("C61E7A93744F39EE10734AFE3FF7A087"), kdf.derive(SrtpKeyDerivation.SRTP_ENCRYPTION, 16));
        assertArrayEquals(hex("30CBBC08863D8C85D49DB34A9AE1"), kdf.derive(SrtpKeyDerivation.SRTP_SALT, 14));
        assertArrayEquals(hex("CEBE321F6FF7716B6FD4AB49AF256A156D38BAA48F0A0ACF3C34E2359E6CDBCE"
                        + "E049646C43D9327AD175578EF72270986371C10C9A369AC2F94A8C5FBCDDDC25"
                        + "6D6E919A48B610EF17C2041E474035766B68642C59BBFC2F34DB60DBDFB2"),
                kdf.derive(SrtpKeyDerivation.SRTP_AUTHENTICATION, 94));
    }

    @Test
    void libsrtpValidateAesCm() {
        SrtpMasterKey master = new SrtpMasterKey(SrtpProfile.AES128_CM_HMAC_SHA1_80,
                hex("e1f97a0d3e018be0d64fa32c06de4139"), hex("0ec675ad498afeebb6960b3aabe6"));
        assertPackets(master, SrtpCiphers.JAVA,
                "800f1234decafbadcafebabe4e55dc4ce79978d88ca4d215949d2402b78d6acc99ea179b8dbb",
                "81c8000bcafebabe7128035be487b9bdbef89041f977a5a880000001993e08cd54d6c1230798");
    }

    @ParameterizedTest
    @EnumSource(SrtpCiphers.class)
    void libsrtpValidateAeadAesGcm(SrtpCiphers ciphers) {
        SrtpPackets.assumeAvailable(ciphers);
        SrtpMasterKey master = new SrtpMasterKey(SrtpProfile.AEAD_AES_128_GCM,
                hex("000102030405060708090a0b0c0d0e0f"), hex("a0a1a2a3a4a5a6a7a8a9aaab"));
        assertPackets(master, ciphers,
                "800f1234decafbadcafebabec5002ede04cfdd2eb91159e0880aa06ed2976826f796b201df3131a127e8a392",
                "81c8000bcafebabec98b8b5df0392a55852b6c21ac8e7025c52c6fbea2b3b446ea31123ba88ce61e80000001");
    }

    /** RFC 7714 section 16.1.1: SSRC 0x5501a0b2, sequence number 0xf17b, rollover counter 0. */
    @ParameterizedTest
    @EnumSource(SrtpCiphers.class)
    void rfc7714Section16AeadAes128GcmSrtp(SrtpCiphers ciphers) {
        SrtpPackets.assumeAvailable(ciphers);
        byte[] rtp = hex("8040f17b8041f8d35501a0b247616c6c696120657374206f6d6e697320646976"
                + "69736120696e207061727465732074726573");
        byte[] srtp = hex("8040f17b8041f8d35501a0b2f24de3a3fb34de6cacba861c9d7e4bcabe633bd5"
                + "0d294e6f42a5f47a51c7d19b36de3adf8833899d7f27beb16a9152cf765ee4390cce");

        assertArrayEquals(srtp, protectRtp(rfc7714Context(true, ciphers), rtp));
        byte[] packet = srtp.clone();
        int length = rfc7714Context(false, ciphers).unprotectRtp(packet, 0, packet.length);
        assertArrayEquals(rtp, Arrays.copyOf(packet, length));
    }

    /**
     * RFC 7714 section 17.1: SRTCP index 0x5d4, SSRC "Mars". (The preamble of section 17 prints another packet than
     * the one every subsection encrypts; this is the one the subsections use.)
     */
    @ParameterizedTest
    @EnumSource(SrtpCiphers.class)
    void rfc7714Section17AeadAes128GcmSrtcp(SrtpCiphers ciphers) {
        SrtpPackets.assumeAvailable(ciphers);
        byte[] rtcp = rfc7714Rtcp();
        byte[] srtcp = hex("81c8000d4d61727363e94885dcdab67ca727d7662f6b7e997ff5c0f76c06f32d"
                + "c676a5f1730d6fda4ce09b4686303ded0bb9275bc84aa45896cf4d2fc5abf87245d9eade800005d4");

        SrtpContext sender = rfc7714Context(true, ciphers);
        for (int index = 1; index < 0x5d4; index++) {
            protectRtcp(sender, rtcp);      // the sender counts up from 1 to the vector's index
        }
        assertArrayEquals(srtcp, protectRtcp(sender, rtcp));

        byte[] packet = srtcp.clone();
        int length = rfc7714Context(false, ciphers).unprotectRtcp(packet, 0, packet.length);
        assertArrayEquals(rtcp, Arrays.copyOf(packet, length));
    }

    /** RFC 7714 section 17.3: E clear, the packet authenticated but not encrypted. */
    @ParameterizedTest
    @EnumSource(SrtpCiphers.class)
    void rfc7714Section17AuthenticatedOnlySrtcp(SrtpCiphers ciphers) {
        SrtpPackets.assumeAvailable(ciphers);
        byte[] packet = hex("81c8000d4d6172734e5450314e545032525450200000042a0000e9304c756e61"
                + "deadbeefdeadbeefdeadbeefdeadbeefdeadbeef841dd9683dd78ec92ae58790125f62b3000005d4");

        int length = rfc7714Context(false, ciphers).unprotectRtcp(packet, 0, packet.length);

        assertArrayEquals(rfc7714Rtcp(), Arrays.copyOf(packet, length));
    }

    private static byte[] rfc7714Rtcp() {
        return hex("81c8000d4d6172734e5450314e545032525450200000042a0000e9304c756e61"
                + "deadbeefdeadbeefdeadbeefdeadbeefdeadbeef");
    }

    /** RFC 7714 section 16: the vectors give the session key and salt, the same for SRTP and SRTCP. */
    private static SrtpContext rfc7714Context(boolean sending, SrtpCiphers ciphers) {
        byte[] key = hex("000102030405060708090a0b0c0d0e0f");
        byte[] salt = hex("517569642070726f2071756f");
        return SrtpContext.ofSessionKeys(SrtpProfile.AEAD_AES_128_GCM, sending,
                SessionKeys.of(key, new byte[0], salt), SessionKeys.of(key, new byte[0], salt), ciphers);
    }

    private static void assertPackets(SrtpMasterKey master, SrtpCiphers ciphers, String srtpHex, String srtcpHex) {
        byte[] rtp = hex("800f1234decafbadcafebabeabababababababababababababababab");
        byte[] rtcp = hex("81c8000bcafebabeabababababababababababababababab");
        assertEquals(srtpHex, HEX.formatHex(protectRtp(context(master, true, ciphers), rtp)));
        assertEquals(srtcpHex, HEX.formatHex(protectRtcp(context(master, true, ciphers), rtcp)));

        SrtpContext receiver = context(master, false, ciphers);
        byte[] packet = hex(srtpHex);
        assertArrayEquals(rtp, Arrays.copyOf(packet, receiver.unprotectRtp(packet, 0, packet.length)));
        packet = hex(srtcpHex);
        assertArrayEquals(rtcp, Arrays.copyOf(packet, receiver.unprotectRtcp(packet, 0, packet.length)));
    }

    private static SrtpContext context(SrtpMasterKey master, boolean sending, SrtpCiphers ciphers) {
        return SrtpContext.of(master, sending, SrtpContext.DEFAULT_MAX_SSRCS, SrtpContext.DEFAULT_REPLAY_WINDOW,
                ciphers);
    }

    static byte[] protectRtp(SrtpContext sender, byte[] rtp) {
        byte[] packet = Arrays.copyOf(rtp, rtp.length + sender.profile().srtpOverhead());
        return Arrays.copyOf(packet, sender.protectRtp(packet, 0, rtp.length));
    }

    static byte[] protectRtcp(SrtpContext sender, byte[] rtcp) {
        byte[] packet = Arrays.copyOf(rtcp, rtcp.length + sender.profile().srtcpOverhead());
        return Arrays.copyOf(packet, sender.protectRtcp(packet, 0, rtcp.length));
    }

    private static void assertBlock(String expected, byte[] stream, int block) {
        assertEquals(expected, HEX.withUpperCase().formatHex(stream, block * 16, block * 16 + 16), "block " + block);
    }

    static byte[] hex(String hex) {
        return HEX.parseHex(hex);
    }
}
