package dev.vc.codec.h264;

import dev.vc.api.CodecException;
import dev.vc.api.Decoder;
import dev.vc.api.EncodedFrame;
import dev.vc.api.Encoder;
import dev.vc.api.VideoFrame;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The FFmpeg provider frees what it allocates: thousands of damaged access units and hundreds of decoder and
 * encoder open/close cycles leave the process's resident memory (less the Java heap) where it was.
 */
class NativeMemoryTest {
    private static final long ALLOWED_GROWTH = 48L << 20;

    @Test
    void shouldNotGrowNativeMemoryOverDamagedInputAndOpenCloseCycles() {
        List<EncodedFrame> good = Fixtures.encode("h264", 600_000, 300, 10);
        SplittableRandom random = new SplittableRandom(7);
        VideoFrame picture = new VideoFrame();
        // Warm up (JIT, FFmpeg's static tables, JavaCPP caches, the allocator's arenas), then compare two
        // equal windows: a leak grows in every window, allocator noise does not.
        cycle(good, random, picture, 300);
        long start = nativeBytes();
        cycle(good, random, picture, 300);
        long middle = nativeBytes();
        cycle(good, random, picture, 300);
        long end = nativeBytes();
        System.out.printf("[native memory] over two windows of 300 open/decode/close cycles with damaged input: "
                + "%+.1f MB, then %+.1f MB%n", (middle - start) / 1e6, (end - middle) / 1e6);
        assertTrue(end - start < ALLOWED_GROWTH, "native memory grew by " + (end - start) / 1_000_000 + " MB");
        assertTrue(end - middle < ALLOWED_GROWTH / 2, "still growing: " + (end - middle) / 1_000_000 + " MB");
    }

    private static void cycle(List<EncodedFrame> good, SplittableRandom random, VideoFrame picture, int rounds) {
        for (int round = 0; round < rounds; round++) {
            try (Decoder decoder = Fixtures.decoder("h264")) {
                for (int i = 0; i < 5; i++) {
                    try {
                        decoder.decode(DamagedInputTest.damage(round * 5 + i, random, good), picture);
                    } catch (CodecException expected) {
                        // damaged input may be refused
                    }
                }
                decoder.decode(good.get(0), picture);
            }
            if (round % 10 == 0) {
                try (Encoder encoder = Fixtures.encoder("h264", 600_000, 300)) {
                    encoder.encode(Fixtures.frames().get(0), new EncodedFrame());
                }
            }
        }
    }

    /** Resident memory not explained by the Java heap. */
    private static long nativeBytes() {
        System.gc();
        Runtime runtime = Runtime.getRuntime();
        return Pointer.physicalBytes() - runtime.totalMemory();
    }
}
