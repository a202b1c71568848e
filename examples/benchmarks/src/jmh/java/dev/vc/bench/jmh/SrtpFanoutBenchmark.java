package dev.vc.bench.jmh;

import dev.vc.transport.udp.srtp.SrtpContext;
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
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The relay's way out under SRTP, each packet under another receiver's key: one 1,200-byte RTP packet protected into
 * a direct buffer ({@code SrtpContext.protectRtp(byte[], int, int, ByteBuffer)}, what {@code SrtpOutput} does per
 * receiver) per operation, by {@code contexts} sending contexts in a shuffled turn, each protecting for
 * {@code ssrcs} SSRCs (the senders a receiver gets), every (context, SSRC) its own rising sequence numbers. With
 * {@code contexts} large enough that their state (the Java context, its SSRC records, OpenSSL's cipher context) no
 * longer fits the core's cache, every operation finds its context cold, as a relay does when the kernel's work of a
 * {@code send} between two receivers has pushed the next receiver's state out; with few contexts it is the warm figure.
 * The difference is what fetching a receiver's state costs. {@code gc.alloc.rate.norm} ({@code -prof gc}) is bytes
 * per packet.
 *
 * <pre>
 * java -jar examples/benchmarks/target/benchmarks.jar SrtpFanoutBenchmark -prof gc
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "--enable-native-access=ALL-UNNAMED"})
@State(Scope.Thread)
public class SrtpFanoutBenchmark {
    private static final int PACKET = 1200;

    /** Sending contexts (receivers) in turn: 16 stay in cache, 4,096 do not. */
    @Param({"16", "4096"})
    public int contexts;

    /** SSRCs each context protects for, in turn. */
    @Param({"9"})
    public int ssrcs;

    /** The protection profile. */
    @Param({"AEAD_AES_128_GCM"})
    public SrtpProfile profile;

    private SrtpContext[] turn;
    private final byte[] plain = new byte[PACKET];
    private final ByteBuffer out = ByteBuffer.allocateDirect(PACKET + 16);
    private long operation;

    /** Makes the contexts, each with its own key, in a shuffled turn, and gives each its SSRCs once. */
    @Setup(Level.Trial)
    public void setUp() {
        Random random = new Random(42);
        random.nextBytes(plain);
        plain[0] = (byte) 0x90;                     // version 2, extension
        plain[1] = 96;
        plain[12] = (byte) 0xBE;                    // one-byte extension: 4 words
        plain[13] = (byte) 0xDE;
        plain[14] = 0;
        plain[15] = 4;
        turn = new SrtpContext[contexts];
        for (int i = 0; i < contexts; i++) {
            byte[] master = new byte[profile.keyLength()];
            byte[] salt = new byte[profile.saltLength()];
            random.nextBytes(master);
            random.nextBytes(salt);
            turn[i] = SrtpContext.forSending(new SrtpMasterKey(profile, master, salt));
        }
        for (int i = contexts - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            SrtpContext swap = turn[i];
            turn[i] = turn[j];
            turn[j] = swap;
        }
        for (long i = 0; i < (long) contexts * ssrcs; i++) {
            protectCopy();
        }
    }

    /** @return the protected length */
    @Benchmark
    public int protectCopy() {
        long k = operation++;
        int context = (int) (k % contexts);
        long visit = k / contexts;
        int ssrc = 0x5643_0000 + (int) (visit % ssrcs);
        int sequence = (int) (visit / ssrcs);
        plain[2] = (byte) (sequence >>> 8);
        plain[3] = (byte) sequence;
        plain[8] = (byte) (ssrc >>> 24);
        plain[9] = (byte) (ssrc >>> 16);
        plain[10] = (byte) (ssrc >>> 8);
        plain[11] = (byte) ssrc;
        return turn[context].protectRtp(plain, 0, PACKET, out);
    }
}
