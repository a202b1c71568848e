/**
 * Recording without re-encoding: {@link dev.vc.record.Recorder} joins a room as a headless participant that sends
 * nothing and writes each participant's stream to its own Matroska file through FFmpeg's muxer (bytedeco's JavaCPP
 * presets): H.264 access units passed through as they arrived, JPEG frames as MJPEG, timestamps from RTP. The
 * command line is {@link dev.vc.record.cli.RecorderMain}. Needs FFmpeg's native jar of the platform on the module
 * path and its module added to the graph, as {@code dev.vc.codec.h264} does.
 */
@SuppressWarnings("module")          // the name is the project's convention: dev.vc.<part>
module dev.vc.record {
    requires transitive dev.vc.api;
    requires dev.vc.transport.udp;
    requires dev.vc.codec.h264;
    requires org.bytedeco.javacpp;
    requires org.bytedeco.ffmpeg;
    requires info.picocli;

    exports dev.vc.record;
    exports dev.vc.record.cli;
    opens dev.vc.record.cli to info.picocli;
}
