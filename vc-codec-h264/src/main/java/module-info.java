/**
 * H.264 encoders and decoders for vc. Both produce and consume Annex-B access units (NAL units behind
 * {@code 00 00 00 01} start codes; keyframes carry SPS and PPS in-band), which an RFC 6184 packetizer splits
 * into NAL units.
 *
 * <ul>
 *   <li>{@code h264}: FFmpeg through bytedeco's JavaCPP presets; encodes with libopenh264 (low latency,
 *       bitrate rate control, no B-frames, one slice) and decodes with FFmpeg's own H.264 decoder. Needs the
 *       native jar of the platform on the module path and its module added to the graph
 *       ({@code --add-modules org.bytedeco.ffmpeg.linux.x86_64,org.bytedeco.javacpp.linux.x86_64});
 *       reports itself unavailable (with the reason) when the natives do not load.</li>
 *   <li>{@code h264-jcodec}: pure Java (jcodec 0.2.5), Baseline I and P frames, with vc's own frame-level
 *       rate controller and frame skipper. Works everywhere; slower and larger.</li>
 * </ul>
 *
 * <p>The codecs are used through the vc-api SPI; the one package exported, {@code dev.vc.codec.h264.natives}, is
 * vc's FFmpeg loader, exported only to {@code dev.vc.capture}, whose camera and file sources read through FFmpeg
 * too, and to {@code dev.vc.record}, whose recorder writes through FFmpeg's muxers; both encoders implement
 * {@link dev.vc.api.Encoder#setBitrate(int)} so a sender can follow the network's estimate at run time.
 */
@SuppressWarnings("module")          // the name is the project's convention: dev.vc.codec.<codec>
module dev.vc.codec.h264 {
    requires transitive dev.vc.api;
    requires jcodec;
    requires org.bytedeco.javacpp;
    requires org.bytedeco.ffmpeg;

    exports dev.vc.codec.h264.natives to dev.vc.capture, dev.vc.record;

    provides dev.vc.api.EncoderProvider with
            dev.vc.codec.h264.ffmpeg.FfmpegH264EncoderProvider,
            dev.vc.codec.h264.jcodec.JcodecH264EncoderProvider;
    provides dev.vc.api.DecoderProvider with
            dev.vc.codec.h264.ffmpeg.FfmpegH264DecoderProvider,
            dev.vc.codec.h264.jcodec.JcodecH264DecoderProvider;
}
