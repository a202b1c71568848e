package dev.vc.bench.jmh;

import dev.vc.transport.udp.srtp.SrtpContext;
import dev.vc.transport.udp.srtp.SrtpException;
import dev.vc.transport.udp.srtp.SrtpMasterKey;
import dev.vc.transport.udp.srtp.SrtpProfile;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * SRTP on one 1,200-byte RTP packet (a 32-byte header with vc's one-byte header extension, 1,168 bytes of
 * payload), each profile: {@code protect} (copy the plain packet into the work buffer, give it the next sequence
 * number, protect in place) and {@code unprotect} (copy a protected packet into the work buffer, unprotect in
 * place); {@code protectCopy} protects a copy of the plain packet into a direct buffer and leaves the packet plain (the
 * relay's way out: one copy, and on OpenSSL no other); {@code copy} is the copy alone, to subtract. {@code unprotect} walks a ring of 4,096 packets protected
 * in {@code @Setup} and starts a new receiving context each time round the ring (its key derivation is then
 * shared by 4,096 operations). {@code jdkCtrHmac} is the textbook way on the JDK, the same for either profile: AES/CTR
 * initialised with each packet's IV and {@code Mac} HmacSHA1 (what vc's AES-CM path does without allocating), the
 * baseline to compare {@code protect} under AES128_CM_HMAC_SHA1_80 with in the same run; {@code jdkGcm} is the
 * JDK's AES/GCM initialised with each packet's IV (what vc's AEAD_AES_128_GCM did before it had its own GCM, and
 * the CLMUL-accelerated baseline for {@code protect} under that profile). With {@code -prof gc},
 * {@code gc.alloc.rate.norm} is bytes per packet. {@code ciphers} picks vc's ciphers in the fork: on Java 22 and later
 * {@code auto} runs AEAD_AES_128_GCM on OpenSSL (the fork is started with {@code --enable-native-access=ALL-UNNAMED}),
 * {@code java} on vc's Java GCM; the JDK baselines are the same under both. {@code unprotectForged} is the cost of a forged packet (one
 * tag byte flipped, an index ahead of the window so it reaches authentication every time): what an attacker who
 * sends garbage at the media port makes a receiver pay.
 *
 * <pre>
 * java -jar examples/benchmarks/target/benchmarks.jar SrtpBenchmark -prof gc -f 1 -wi 3 -i 5
 * JAVA22_HOME=/path/to/jdk-25 mvn -B -q -Pbench -pl examples/benchmarks -am package -DskipTests   # with the OpenSSL path
 * /path/to/jdk-25/bin/java -jar examples/benchmarks/target/benchmarks.jar SrtpBenchmark -p profile=AEAD_AES_128_GCM -prof gc
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx256m", "--enable-native-access=ALL-UNNAMED"})
@State(Scope.Thread)
public class SrtpBenchmark {
    private static final int PACKET = 1200;
    private static final int RING = 4096;

    /** The protection profile. */
    @Param({"AEAD_AES_128_GCM", "AES128_CM_HMAC_SHA1_80"})
    public SrtpProfile profile;

    /**
     * {@code vc.srtp.ciphers} of the forked JVM: {@code auto} (OpenSSL's AES-GCM on Java 22+, vc's Java ciphers
     * before) or {@code java}. The choice is made once per process, so this needs a fork per combination ({@code -f}
     * at least 1, the default).
     */
    @Param({"auto", "java"})
    public String ciphers;

    private SrtpMasterKey key;
    private SrtpContext sender;
    private SrtpContext receiver;
    private final byte[] plain = new byte[PACKET];
    private final byte[] work = new byte[PACKET + 16];
    private final ByteBuffer direct = ByteBuffer.allocateDirect(PACKET + 16);
    private byte[][] ring;
    private int[] ringLengths;
    private SrtpContext forgedReceiver;
    private byte[] forged;
    private int next;
    private int sequence;
    private Cipher gcm;
    private final byte[] gcmIv = new byte[12];
    private Cipher ctr;
    private SecretKeySpec ctrKey;
    private Mac hmac;
    private final byte[] iv = new byte[16];
    private final byte[] rolloverCounter = new byte[4];

    /** Makes the key, the plain packet and the ring of protected packets. */
    @Setup(Level.Trial)
    public void setUp() {
        System.setProperty("vc.srtp.ciphers", ciphers);
        Random random = new Random(42);
        byte[] master = new byte[profile.keyLength()];
        byte[] salt = new byte[profile.saltLength()];
        random.nextBytes(master);
        random.nextBytes(salt);
        key = new SrtpMasterKey(profile, master, salt);
        random.nextBytes(plain);
        plain[0] = (byte) 0x90;                     // version 2, extension
        plain[1] = 96;
        plain[8] = 0x56;                            // SSRC 0x56430001
        plain[9] = 0x43;
        plain[10] = 0;
        plain[11] = 1;
        plain[12] = (byte) 0xBE;                    // one-byte extension: 4 words
        plain[13] = (byte) 0xDE;
        plain[14] = 0;
        plain[15] = 4;
        sender = SrtpContext.forSending(key);
        SrtpContext ringSender = SrtpContext.forSending(key);
        ring = new byte[RING][PACKET + 16];
        ringLengths = new int[RING];
        for (int i = 0; i < RING; i++) {
            System.arraycopy(plain, 0, ring[i], 0, PACKET);
            ring[i][2] = (byte) (i >>> 8);
            ring[i][3] = (byte) i;
            ringLengths[i] = ringSender.protectRtp(ring[i], 0, PACKET);
        }
        receiver = SrtpContext.forReceiving(key);
        forgedReceiver = SrtpContext.forReceiving(key);
        forged = ring[RING - 1].clone();
        forged[ringLengths[RING - 1] - 1] ^= 1;
        try {
            gcm = Cipher.getInstance("AES/GCM/NoPadding");
            ctr = Cipher.getInstance("AES/CTR/NoPadding");
            ctrKey = new SecretKeySpec(master, "AES");
            hmac = Mac.getInstance("HmacSHA1");
            hmac.init(new SecretKeySpec(new byte[20], "HmacSHA1"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the protected length */
    @Benchmark
    public int protect() {
        System.arraycopy(plain, 0, work, 0, PACKET);
        work[2] = (byte) (sequence >>> 8);
        work[3] = (byte) sequence;
        sequence++;
        return sender.protectRtp(work, 0, PACKET);
    }

    /** @return the protected length of a copy protected into a direct buffer, the plain packet left plain */
    @Benchmark
    public int protectCopy() {
        plain[2] = (byte) (sequence >>> 8);
        plain[3] = (byte) sequence;
        sequence++;
        return sender.protectRtp(plain, 0, PACKET, direct);
    }

    /** @return the unprotected length */
    @Benchmark
    public int unprotect() {
        if (next == RING) {
            next = 0;
            receiver = SrtpContext.forReceiving(key);
        }
        int i = next++;
        System.arraycopy(ring[i], 0, work, 0, ringLengths[i]);
        return receiver.unprotectRtp(work, 0, ringLengths[i]);
    }

    /**
     * @return the protected length
     * @throws GeneralSecurityException never (AES/CTR and HmacSHA1 are in every JDK)
     */
    @Benchmark
    public int jdkCtrHmac() throws GeneralSecurityException {
        System.arraycopy(plain, 0, work, 0, PACKET);
        work[2] = (byte) (sequence >>> 8);
        work[3] = (byte) sequence;
        iv[13] = (byte) sequence;
        iv[12] = (byte) (sequence >>> 8);
        iv[11] = (byte) (sequence++ >>> 16);
        ctr.init(Cipher.ENCRYPT_MODE, ctrKey, new IvParameterSpec(iv));
        ctr.doFinal(work, 32, PACKET - 32, work, 32);
        hmac.update(work, 0, PACKET);
        hmac.update(rolloverCounter);
        byte[] tag = hmac.doFinal();
        System.arraycopy(tag, 0, work, PACKET, 10);
        return PACKET + 10;
    }

    /**
     * @return the protected length
     * @throws GeneralSecurityException never (AES/GCM is in every JDK)
     */
    @Benchmark
    public int jdkGcm() throws GeneralSecurityException {
        System.arraycopy(plain, 0, work, 0, PACKET);
        work[2] = (byte) (sequence >>> 8);
        work[3] = (byte) sequence;
        gcmIv[11] = (byte) sequence;
        gcmIv[10] = (byte) (sequence >>> 8);
        gcmIv[9] = (byte) (sequence++ >>> 16);
        gcm.init(Cipher.ENCRYPT_MODE, ctrKey, new GCMParameterSpec(128, gcmIv));
        gcm.updateAAD(work, 0, 32);
        return 32 + gcm.doFinal(work, 32, PACKET - 32, work, 32);
    }

    /** @return the refusal's reason, always AUTHENTICATION_FAILED */
    @Benchmark
    public Object unprotectForged() {
        System.arraycopy(forged, 0, work, 0, ringLengths[RING - 1]);
        try {
            return forgedReceiver.unprotectRtp(work, 0, ringLengths[RING - 1]);
        } catch (SrtpException refused) {
            return refused.reason();
        }
    }

    /** @return a byte of the copy: the copy both benchmarks make, alone */
    @Benchmark
    public byte copy() {
        int i = next++ & (RING - 1);
        System.arraycopy(ring[i], 0, work, 0, ringLengths[i]);
        return work[i & 1023];
    }
}
