package dev.vc.codec.h264.ffmpeg;

import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.av_format_control_message;
import org.bytedeco.ffmpeg.avutil.AVClass;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * libopenh264's own options, which FFmpeg's libopenh264 wrapper does not pass on, set in the encoder of an open
 * context through libopenh264's {@code SetOption}:
 *
 * <ul>
 *   <li><b>Real-time tuning</b>, once before the first frame ({@link #tuneForRealTime}): scene-change detection
 *       off, because it makes a frame that differs much from the one before an IDR frame, and a sender skipping
 *       frames for bandwidth (every 4th frame of moving content) then sent one IDR every 22 frames; background
 *       detection off too (costs time, and measured 0.1-0.3 dB lower PSNR at the same bitrate).</li>
 *   <li><b>Bitrate and frame rate</b> at run time ({@code ENCODER_OPTION_BITRATE / MAX_BITRATE / FRAME_RATE}),
 *       which libopenh264's rate control picks up at the next frame (what libwebrtc does): the stream goes on
 *       with P frames, where reopening the encoder (all the wrapper offers) starts it again with an IDR.</li>
 * </ul>
 *
 * <p>The encoder is reached around the wrapper:
 * <ol>
 *   <li>the wrapper's private context ({@code SVCContext} of {@code libopenh264enc.c}) starts with its
 *       {@code AVClass} pointer followed by the {@code ISVCEncoder*};</li>
 *   <li>an {@code ISVCEncoder} points to libopenh264's stable C interface table, whose 8th and 9th entries are
 *       {@code SetOption} and {@code GetOption}, {@code int (ISVCEncoder*, ENCODER_OPTION, void*)};</li>
 *   <li>those are called through a JavaCPP function pointer of FFmpeg's presets with the same leading
 *       parameters (pointer, int, pointer; a fourth, unused argument is passed as 0).</li>
 * </ol>
 *
 * <p>Every assumption is checked before it is relied on: the encoder is {@code libopenh264}, the private
 * context's first word is the wrapper's {@code AVClass}, and {@code GetOption} reads back the bitrate and frame
 * rate the encoder was opened with; otherwise {@link #attach} returns null and the caller reopens the encoder for
 * a new rate (which costs an IDR frame), as before. The tuning reads the whole parameter block
 * ({@code SEncParamExt}, 920 bytes in libopenh264 2.3-2.5, 924 in 2.6, into a larger buffer) and changes it only
 * if the fields it knows sit where they are in those versions (size, bitrate, one layer, one thread, loop filter
 * on, background and scene-change detection on).
 *
 * <p>Not thread-safe: used on the encoding thread only, like the encoder.
 */
final class OpenH264Options implements AutoCloseable {
    /** libopenh264's {@code ENCODER_OPTION} values ({@code codec_app_def.h}). */
    private static final int OPTION_PARAMETERS = 3;
    private static final int OPTION_FRAME_RATE = 4;
    private static final int OPTION_BITRATE = 5;
    private static final int OPTION_MAX_BITRATE = 6;
    /** {@code LAYER_NUM}: the only spatial layer, and all of them (sets the total, which the layer follows). */
    private static final int SPATIAL_LAYER_0 = 0;
    private static final int SPATIAL_LAYER_ALL = 4;
    /** Entries of {@code ISVCEncoderVtbl} ({@code codec_api.h}). */
    private static final int SET_OPTION_ENTRY = 7;
    private static final int GET_OPTION_ENTRY = 8;
    /** Words of the wrapper's {@code SVCContext}: {@code const AVClass *av_class; ISVCEncoder *encoder; ...}. */
    private static final int CLASS_WORD = 0;
    private static final int ENCODER_WORD = 1;
    private static final float FRAME_RATE_TOLERANCE = 0.01f;
    /** Larger than {@code SEncParamExt} in any libopenh264 version (924 bytes in 2.6). */
    private static final int PARAMETERS_BUFFER = 2048;
    /** Offsets in {@code SEncParamExt} (libopenh264 2.3 to 2.6, x86-64 and arm64). */
    private static final int AT_WIDTH = 4;
    private static final int AT_HEIGHT = 8;
    private static final int AT_TARGET_BITRATE = 12;
    private static final int AT_SPATIAL_LAYERS = 28;
    private static final int AT_THREADS = 892;
    private static final int AT_LOOP_FILTER_DISABLE = 896;
    private static final int AT_BACKGROUND_DETECTION = 909;
    private static final int AT_SCENE_CHANGE_DETECTION = 912;

    private final AVFormatContext encoder;
    private final av_format_control_message setOption;
    private final av_format_control_message getOption;
    private final IntPointer bitrateInfo = new IntPointer(2);
    private final FloatPointer frameRate = new FloatPointer(1);

    private OpenH264Options(AVFormatContext encoder, av_format_control_message setOption,
                                av_format_control_message getOption) {
        this.encoder = encoder;
        this.setOption = setOption;
        this.getOption = getOption;
    }

    /**
     * Reaches the libopenh264 encoder of an open context, if it is one and everything checks out.
     *
     * @param context   an open context of FFmpeg's {@code libopenh264} encoder (or of another encoder)
     * @param bitrate   the bitrate it was opened with, bit/s
     * @param frameRate the frame rate it was opened with
     * @return the options, or null if the context is not a libopenh264 one laid out as expected
     */
    static OpenH264Options attach(AVCodecContext context, int bitrate, int frameRate) {
        if (context.codec() == null || !"libopenh264".equals(context.codec().name().getString())) {
            return null;
        }
        AVClass wrapperClass = context.codec().priv_class();
        Pointer priv = context.priv_data();
        if (wrapperClass == null || priv == null || priv.isNull()) {
            return null;
        }
        PointerPointer<Pointer> words = new PointerPointer<>(priv);
        Pointer first = words.get(CLASS_WORD);
        Pointer svcEncoder = words.get(ENCODER_WORD);
        if (first == null || first.address() != wrapperClass.address() || svcEncoder == null || svcEncoder.isNull()) {
            return null;
        }
        Pointer table = new PointerPointer<>(svcEncoder).get(0);
        if (table == null || table.isNull()) {
            return null;
        }
        OpenH264Options options = new OpenH264Options(new AVFormatContext(svcEncoder),
                function(table, SET_OPTION_ENTRY), function(table, GET_OPTION_ENTRY));
        if (options.readBitrate() != bitrate || Math.abs(options.readFrameRate() - frameRate) > FRAME_RATE_TOLERANCE) {
            options.close();
            return null;
        }
        return options;
    }

    /** A function pointer whose address is the given entry of the table (JavaCPP calls what that word holds). */
    private static av_format_control_message function(Pointer table, int entry) {
        try (LongPointer address = new LongPointer(1)) {
            address.put(table.address() + (long) entry * Loader.sizeof(PointerPointer.class));
            return new av_format_control_message(new PointerPointer<>(address).get(0));
        }
    }

    /**
     * Turns scene-change and background detection off, before the first frame (changing them makes libopenh264
     * start afresh, which costs nothing then). That restart is also what puts a changed parameter block to use:
     * libopenh264 copies every field it is given but resets the encoder only for some of them (background detection
     * is one); a change to others alone (the loop filter, the complexity, the QP range) would be stored and never
     * applied (found measuring settings for the small simulcast layer, docs/benchmarks.md).
     *
     * @param width   the picture width the encoder was opened with
     * @param height  the picture height
     * @param bitrate the bitrate it was opened with
     * @return true if done; false if the parameter block is not laid out as expected (nothing changed)
     */
    boolean tuneForRealTime(int width, int height, int bitrate) {
        try (BytePointer parameters = new BytePointer(PARAMETERS_BUFFER)) {
            parameters.fill(0);
            if (getOption.call(encoder, OPTION_PARAMETERS, parameters, 0) != 0
                    || parameters.getInt(AT_WIDTH) != width || parameters.getInt(AT_HEIGHT) != height
                    || parameters.getInt(AT_TARGET_BITRATE) != bitrate || parameters.getInt(AT_SPATIAL_LAYERS) != 1
                    || parameters.getShort(AT_THREADS) != 1 || parameters.getInt(AT_LOOP_FILTER_DISABLE) != 0
                    || parameters.get(AT_BACKGROUND_DETECTION) != 1 || parameters.get(AT_SCENE_CHANGE_DETECTION) != 1) {
                return false;
            }
            parameters.put(AT_BACKGROUND_DETECTION, (byte) 0).put(AT_SCENE_CHANGE_DETECTION, (byte) 0);
            if (setOption.call(encoder, OPTION_PARAMETERS, parameters, 0) != 0) {
                return false;
            }
            parameters.fill(0);
            return getOption.call(encoder, OPTION_PARAMETERS, parameters, 0) == 0
                    && parameters.get(AT_BACKGROUND_DETECTION) == 0 && parameters.get(AT_SCENE_CHANGE_DETECTION) == 0;
        }
    }

    /**
     * Sets the target and maximum bitrate (equal, as the wrapper opens it); the maximum is moved first when
     * rising and last when falling, so the target never exceeds it (libopenh264 refuses that).
     *
     * @param bitsPerSecond the new bitrate
     * @return true if libopenh264 took it
     */
    boolean setBitrate(int bitsPerSecond) {
        if (bitsPerSecond > readBitrate()) {
            return set(OPTION_MAX_BITRATE, SPATIAL_LAYER_0, bitsPerSecond)
                    && set(OPTION_BITRATE, SPATIAL_LAYER_ALL, bitsPerSecond);
        }
        return set(OPTION_BITRATE, SPATIAL_LAYER_ALL, bitsPerSecond)
                && set(OPTION_MAX_BITRATE, SPATIAL_LAYER_0, bitsPerSecond);
    }

    /**
     * @param framesPerSecond the rate at which frames now come, which the rate control divides the bitrate by
     * @return true if libopenh264 took it
     */
    boolean setFrameRate(int framesPerSecond) {
        frameRate.put((float) framesPerSecond);
        return setOption.call(encoder, OPTION_FRAME_RATE, frameRate, 0) == 0;
    }

    /** @return the target bitrate libopenh264 runs at, or -1 if it would not say */
    int readBitrate() {
        bitrateInfo.put(0, SPATIAL_LAYER_ALL).put(1, 0);
        return getOption.call(encoder, OPTION_BITRATE, bitrateInfo, 0) == 0 ? bitrateInfo.get(1) : -1;
    }

    /** @return the frame rate libopenh264 runs at, or -1 if it would not say */
    float readFrameRate() {
        frameRate.put(0f);
        return getOption.call(encoder, OPTION_FRAME_RATE, frameRate, 0) == 0 ? frameRate.get() : -1;
    }

    private boolean set(int option, int layer, int bitsPerSecond) {
        bitrateInfo.put(0, layer).put(1, bitsPerSecond);
        return setOption.call(encoder, option, bitrateInfo, 0) == 0;
    }

    /** Frees the option buffers; the encoder itself belongs to its context. */
    @Override
    public void close() {
        bitrateInfo.close();
        frameRate.close();
    }
}
