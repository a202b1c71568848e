package dev.vc.transport.udp.srtp;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import static dev.vc.transport.udp.srtp.SrtpKnownAnswerTest.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link AesGcm} against the GCM specification's AES-128 test cases 1 to 4 (McGrew and Viega, "The Galois/Counter
 * Mode of Operation", also in NIST's GCM validation vectors), and against the JDK's AES/GCM as an oracle: for random
 * keys, IVs, associated data (fed in two pieces) and plaintexts of 0 to 300 bytes, the ciphertext and tag equal the
 * JDK's byte for byte, opening gives the plaintext back, and any flipped bit of associated data, ciphertext or tag
 * is refused with the ciphertext left as it was.
 */
class AesGcmTest {
    private static final byte[] FEFFE9 = hex("FEFFE9928665731C6D6A8F9467308308");
    private static final byte[] CAFEBABE = hex("CAFEBABEFACEDBADDECAF888");
    private static final String P = "D9313225F88406E5A55909C5AFF5269A86A7A9531534F7DA2E4C303D8A318A72"
            + "1C3C0C95956809532FCF0E2449A6B525B16AEDF5AA0DE657BA637B391AAFD255";
    private static final String C = "42831EC2217774244B7221B784D0D49CE3AA212F2C02A4E035C17E2329ACA12E"
            + "21D514B25466931C7D8F6A5AAC84AA051BA30B396A0AAC973D58E091473F5985";

    @Test
    void testCase1EmptyPlaintext() {
        assertSeals(new byte[16], new byte[12], "", "", "", "58E2FCCEFA7E3061367F1D57A4E7455A");
    }

    @Test
    void testCase2OneZeroBlock() {
        assertSeals(new byte[16], new byte[12], "", "00000000000000000000000000000000",
                "0388DACE60B6A392F328C2B971B2FE78", "AB6E47D42CEC13BDF53A67B21257BDDF");
    }

    @Test
    void testCase3FourBlocks() {
        assertSeals(FEFFE9, CAFEBABE, "", P, C, "4D5C2AF327CD64A62CF35ABD2BA6FAB4");
    }

    @Test
    void testCase4AssociatedDataAndAPartialBlock() {
        assertSeals(FEFFE9, CAFEBABE, "FEEDFACEDEADBEEFFEEDFACEDEADBEEFABADDAD2", P.substring(0, 120),
                C.substring(0, 120), "5BC94FBC3221A5DB94FAE95AE7121A47");
    }

    @Property(tries = 400)
    void sealsAsTheJdkDoesAndOpensOnlyWhatItSealed(@ForAll @Size(16) byte[] key, @ForAll @Size(12) byte[] iv,
            @ForAll @IntRange(max = 70) int aadLength, @ForAll @IntRange(max = 300) int textLength,
            @ForAll long seed) throws GeneralSecurityException {
        Random random = new Random(seed);
        byte[] aad = bytes(random, aadLength);
        byte[] plain = bytes(random, textLength);
        int split = aadLength == 0 ? 0 : random.nextInt(aadLength + 1);
        AesGcm gcm = new AesGcm(key);
        byte[] sealed = Arrays.copyOf(plain, textLength + AesGcm.TAG);

        gcm.start(iv, 0);
        gcm.aad(aad, 0, split);
        gcm.aad(aad, split, aadLength - split);
        gcm.seal(sealed, 0, textLength, sealed, textLength);

        assertArrayEquals(jdkSeal(key, iv, aad, plain), sealed);

        byte[] opened = sealed.clone();
        gcm.start(iv, 0);
        gcm.aad(aad, 0, aadLength);
        assertTrue(gcm.open(opened, 0, textLength, opened, textLength));
        assertArrayEquals(plain, Arrays.copyOf(opened, textLength));

        int bit = random.nextInt((aadLength + textLength + AesGcm.TAG) * 8);
        byte[] forgedAad = aad.clone();
        byte[] forged = sealed.clone();
        if (bit < aadLength * 8) {
            forgedAad[bit / 8] ^= (byte) (1 << bit % 8);
        } else {
            int at = bit / 8 - aadLength;
            forged[at] ^= (byte) (1 << bit % 8);
        }
        byte[] before = forged.clone();
        gcm.start(iv, 0);
        gcm.aad(forgedAad, 0, aadLength);
        assertFalse(gcm.open(forged, 0, textLength, forged, textLength), "bit " + bit);
        assertArrayEquals(before, forged, "a refused message is left as it came");
    }

    private static void assertSeals(byte[] key, byte[] iv, String aad, String plain, String cipher, String tag) {
        byte[] associated = hex(aad);
        byte[] data = Arrays.copyOf(hex(plain), plain.length() / 2 + AesGcm.TAG);
        AesGcm gcm = new AesGcm(key);
        gcm.start(iv, 0);
        gcm.aad(associated, 0, associated.length);
        gcm.seal(data, 0, plain.length() / 2, data, plain.length() / 2);
        assertArrayEquals(hex(cipher + tag), data);
    }

    private static byte[] jdkSeal(byte[] key, byte[] iv, byte[] aad, byte[] plain) throws GeneralSecurityException {
        Cipher jdk = Cipher.getInstance("AES/GCM/NoPadding");
        jdk.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
        jdk.updateAAD(aad);
        return jdk.doFinal(plain);
    }

    private static byte[] bytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
