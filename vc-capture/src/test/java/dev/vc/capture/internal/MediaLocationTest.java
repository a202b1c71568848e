package dev.vc.capture.internal;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MediaLocationTest {
    private static final long FIVE_SECONDS = TimeUnit.SECONDS.toNanos(5);

    @Test
    void shouldTakeAPathAsAFileToCheckPaceAndLoop() {
        MediaLocation file = MediaLocation.of("talk.mp4", FIVE_SECONDS);
        assertFalse(file.url());
        assertFalse(file.live());
        assertEquals(Path.of("talk.mp4").toAbsolutePath().toString(), file.target());
        assertEquals("file " + file.target(), file.description());
        assertTrue(file.options().isEmpty());
        assertEquals("/videos/a b.mkv", MediaLocation.of("file:///videos/a b.mkv", FIVE_SECONDS).target());
    }

    @Test
    void shouldGiveEachLiveSchemeItsTimeoutsAndNoBuffering() {
        MediaLocation rtsp = MediaLocation.of("rtsp://cam.example/stream1", FIVE_SECONDS);
        assertTrue(rtsp.url() && rtsp.live());
        assertEquals("5000000", rtsp.options().get("rw_timeout"));
        assertEquals("5000000", rtsp.options().get("timeout"));
        assertEquals("nobuffer", rtsp.options().get("fflags"));
        MediaLocation srt = MediaLocation.of("srt://192.0.2.7:9000?mode=caller", FIVE_SECONDS);
        assertEquals("5000", srt.options().get("connect_timeout"));
        MediaLocation rtmp = MediaLocation.of("rtmp://live.example/app/key", FIVE_SECONDS);
        assertTrue(rtmp.live());
        assertNull(rtmp.options().get("timeout"), "rtmp's timeout would make it listen");
        MediaLocation udp = MediaLocation.of("udp://0.0.0.0:5000", FIVE_SECONDS);
        assertEquals("1", udp.options().get("overrun_nonfatal"));
        MediaLocation http = MediaLocation.of("https://media.example/talk.mp4", FIVE_SECONDS);
        assertTrue(http.url());
        assertFalse(http.live(), "a file over HTTP is paced and may loop");
    }

    @Test
    void shouldReadRtpThroughAnSdpFile() {
        MediaLocation sdp = MediaLocation.of("camera.sdp", FIVE_SECONDS);
        assertTrue(sdp.live());
        assertFalse(sdp.url());
        assertTrue(sdp.options().get("protocol_whitelist").contains("rtp"));
        assertTrue(sdp.description().startsWith("stream "));
    }

    @Test
    void shouldNeverShowCredentials() {
        MediaLocation rtsp = MediaLocation.of("rtsp://admin:hunter2@192.0.2.7:554/h264", FIVE_SECONDS);
        assertEquals("stream rtsp://***@192.0.2.7:554/h264", rtsp.description());
        assertEquals("rtsp://admin:hunter2@192.0.2.7:554/h264", rtsp.target(), "FFmpeg gets them");
    }
}
