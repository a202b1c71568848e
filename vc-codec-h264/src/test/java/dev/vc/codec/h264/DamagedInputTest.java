package dev.vc.codec.h264;

import dev.vc.api.CodecException;
import dev.vc.api.Decoder;
import dev.vc.api.EncodedFrame;
import dev.vc.api.VideoFrame;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Garbage, truncated and bit-flipped access units: CodecException or no picture, never a crash or hang. */
class DamagedInputTest {
    private static final int ROUNDS = 3000;

    @ParameterizedTest
    @ValueSource(strings = {"h264", "h264-jcodec"})
    @Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void shouldSurviveThousandsOfDamagedAccessUnitsAndStillDecode(String name) {
        List<EncodedFrame> good = Fixtures.encode("h264", 600_000, 300, 10);
        List<EncodedFrame> goodJcodec = Fixtures.encode("h264-jcodec", 3_000_000, 300, 10);
        SplittableRandom random = new SplittableRandom(42);
        VideoFrame picture = new VideoFrame();
        int exceptions = 0;
        int pictures = 0;
        int nothing = 0;
        long start = System.nanoTime();
        try (Decoder decoder = Fixtures.decoder(name)) {
            for (int round = 0; round < ROUNDS; round++) {
                EncodedFrame damaged = damage(round, random, round % 2 == 0 ? good : goodJcodec);
                try {
                    if (decoder.decode(damaged, picture)) {
                        pictures++;
                        // A picture completed by this unit but started by an earlier one carries the earlier stamps.
                        assertTrue(picture.sequence() >= 100_000 && picture.sequence() <= damaged.sequence(),
                                "stamp " + picture.sequence() + " for unit " + damaged.sequence());
                    } else {
                        nothing++;
                    }
                } catch (CodecException expected) {
                    exceptions++;
                }
            }
            // Still usable: a clean keyframe and its P frames decode well.
            for (List<EncodedFrame> stream : List.of(good, goodJcodec)) {
                for (EncodedFrame frame : stream) {
                    assertTrue(decoder.decode(frame, picture), name + " after garbage, frame " + frame.sequence());
                    double psnr = TestSequence.lumaPsnr(Fixtures.frames().get((int) frame.sequence()), picture);
                    assertEquals(frame.sequence(), picture.sequence());
                    assertTrue(psnr > 30, name + " after garbage: frame " + frame.sequence() + " PSNR " + psnr);
                }
            }
        }
        System.out.printf("[damaged input] %s: %d access units in %.0f ms: %d CodecException, %d no picture, "
                        + "%d (concealed) pictures; clean stream decoded afterwards%n", name, ROUNDS,
                (System.nanoTime() - start) / 1e6, exceptions, nothing, pictures);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h264", "h264-jcodec"})
    void closeShouldBeIdempotentAndDecodeAfterCloseShouldFail(String name) {
        Decoder decoder = Fixtures.decoder(name);
        decoder.close();
        decoder.close();
        EncodedFrame frame = Fixtures.encode("h264", 600_000, 300, 1).get(0);
        assertThrows(CodecException.class, () -> decoder.decode(frame, new VideoFrame()));
    }

    static EncodedFrame damage(int round, SplittableRandom random, List<EncodedFrame> good) {
        EncodedFrame source = good.get(random.nextInt(good.size()));
        byte[] bytes;
        switch (round % 5) {
            case 0 -> {                                   // pure noise
                bytes = new byte[1 + random.nextInt(4000)];
                random.nextBytes(bytes);
            }
            case 1 -> {                                   // noise behind start codes and plausible NAL headers
                bytes = new byte[8 + random.nextInt(4000)];
                random.nextBytes(bytes);
                for (int i = 0; i + 5 < bytes.length; i += 1 + random.nextInt(600)) {
                    bytes[i] = 0;
                    bytes[i + 1] = 0;
                    bytes[i + 2] = 0;
                    bytes[i + 3] = 1;
                    bytes[i + 4] = (byte) (0x60 | new int[] {1, 5, 7, 8}[random.nextInt(4)]);
                }
            }
            case 2 -> {                                   // truncated
                bytes = java.util.Arrays.copyOf(source.data(), 1 + random.nextInt(source.length()));
            }
            case 3 -> {                                   // bit flips
                bytes = java.util.Arrays.copyOf(source.data(), source.length());
                int flips = 1 + random.nextInt(20);
                for (int i = 0; i < flips; i++) {
                    bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
                }
            }
            default -> {                                  // a slice with its bytes shuffled after the header
                bytes = java.util.Arrays.copyOf(source.data(), source.length());
                for (int i = bytes.length / 2; i < bytes.length; i++) {
                    bytes[i] = (byte) random.nextInt(256);
                }
            }
        }
        EncodedFrame frame = new EncodedFrame(bytes.length);
        frame.set(bytes, 0, bytes.length);
        frame.describe(source.codec(), source.keyframe(), source.width(), source.height(), round, 100_000 + round);
        return frame;
    }
}
