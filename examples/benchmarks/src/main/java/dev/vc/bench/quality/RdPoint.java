package dev.vc.bench.quality;

import java.util.Arrays;

/**
 * One rate-distortion point: what one codec setting spent on one sequence and how close the decoded pictures
 * came to the source.
 *
 * @param sequence      the {@link TestSequences} name
 * @param setting       the codec and its quality or bitrate
 * @param frames        source frames offered to the encoder
 * @param encodedFrames frames the encoder produced (a rate controller may skip some)
 * @param bytes         all encoded bytes, keyframes included
 * @param lumaPsnr      luma PSNR in dB from the mean squared error over all frames (as FFmpeg's {@code psnr}
 *                      filter averages): the "mean" figure
 * @param p5LumaPsnr    5th percentile of the per-frame luma PSNR (nearest rank), dB
 * @param minLumaPsnr   the worst frame's luma PSNR, dB
 */
public record RdPoint(String sequence, CodecSetting setting, int frames, int encodedFrames, long bytes,
                      double lumaPsnr, double p5LumaPsnr, double minLumaPsnr) {
    /**
     * @param sequence      the sequence name
     * @param setting       the codec setting
     * @param frameMse      the mean squared luma error of each source frame against the picture shown for it
     * @param encodedFrames frames the encoder produced
     * @param bytes         all encoded bytes
     * @return the point
     * @throws IllegalArgumentException if there are no frames
     */
    public static RdPoint of(String sequence, CodecSetting setting, double[] frameMse, int encodedFrames, long bytes) {
        if (frameMse.length == 0) {
            throw new IllegalArgumentException("no frames");
        }
        double[] psnr = new double[frameMse.length];
        double mseSum = 0;
        for (int i = 0; i < frameMse.length; i++) {
            psnr[i] = LumaPsnr.psnr(frameMse[i]);
            mseSum += frameMse[i];
        }
        Arrays.sort(psnr);
        int p5Rank = (int) Math.ceil(0.05 * psnr.length);
        return new RdPoint(sequence, setting, frameMse.length, encodedFrames, bytes,
                LumaPsnr.psnr(mseSum / frameMse.length), psnr[Math.max(0, p5Rank - 1)], psnr[0]);
    }

    /** @return mean bytes per source frame (skipped frames count as 0 bytes) */
    public double bytesPerFrame() {
        return (double) bytes / frames;
    }

    /** @return the bitrate the stream used, bit/s at the sequence's 30 fps */
    public double bitsPerSecond() {
        return bytesPerFrame() * 8 * TestSequences.FRAME_RATE;
    }

    /** @return source frames the encoder skipped */
    public int skippedFrames() {
        return frames - encodedFrames;
    }
}
