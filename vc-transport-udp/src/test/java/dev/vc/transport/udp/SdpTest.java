package dev.vc.transport.udp;

import dev.vc.transport.udp.h264.H264ParameterSets;
import dev.vc.transport.udp.h264.H264TestStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SdpTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @Test
    void shouldDescribeAnH264StreamWithItsParameterSets(@TempDir Path dir) throws Exception {
        H264ParameterSets sets = new H264ParameterSets(H264TestStreams.SPS_320X240, H264TestStreams.PPS);
        Sdp sdp = Sdp.builder(LOOPBACK).origin(7, 2).h264(5004, 96, sets).build();
        assertEquals(String.join("\r\n", List.of(
                "v=0",
                "o=- 7 2 IN IP4 127.0.0.1",
                "s=vc",
                "c=IN IP4 127.0.0.1",
                "t=0 0",
                "m=video 5004 RTP/AVP 96",
                "a=rtpmap:96 H264/90000",
                "a=fmtp:96 packetization-mode=1;profile-level-id=42c00d;"
                        + "sprop-parameter-sets=Z0LADdkBQfsBEAAAAwAQAAADA8jxQqSA,aMuDyyA=",
                "a=rtcp-mux",
                "a=rtcp-fb:96 transport-cc",
                "a=extmap:1 http://www.webrtc.org/experiments/rtp-hdrext/abs-capture-time",
                "a=extmap:2 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01")) + "\r\n",
                sdp.text());
        Path file = dir.resolve("vc.sdp");
        sdp.write(file);
        assertEquals(sdp.text(), Files.readString(file));
    }

    @Test
    void shouldDescribeJpegWithTheStaticPayloadTypeAndSeveralStreams() {
        String text = Sdp.builder(InetAddress.getLoopbackAddress()).sessionName("two").jpeg(6000).h264(6002, 97, null)
                .build().text();
        assertEquals(true, text.contains("s=two\r\n"));
        assertEquals(true, text.contains("m=video 6000 RTP/AVP 26\r\na=rtpmap:26 JPEG/90000\r\n"
                + "a=rtcp-mux\r\na=rtcp-fb:26 transport-cc\r\n"));
        assertEquals(true, text.contains("m=video 6002 RTP/AVP 97\r\na=rtpmap:97 H264/90000\r\n"
                + "a=fmtp:97 packetization-mode=1\r\n"));
    }

    @Test
    void shouldListTheRetransmissionPayloadTypesWhenAskedTo() {
        String text = Sdp.builder(LOOPBACK).h264(5004, 96, null).retransmissions().jpeg(6000).h264(6002, 97, null)
                .build().text();
        assertEquals(true, text.contains("m=video 5004 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\n"
                + "a=fmtp:96 packetization-mode=1\r\na=rtcp-mux\r\na=rtcp-fb:96"), "the sections before the call are unchanged");
        assertEquals(true, text.contains("m=video 6000 RTP/AVP 26 35\r\na=rtpmap:26 JPEG/90000\r\n"
                + "a=rtpmap:35 rtx/90000\r\na=fmtp:35 apt=26\r\n"), text);
        assertEquals(true, text.contains("m=video 6002 RTP/AVP 97 96\r\na=rtpmap:97 H264/90000\r\n"
                + "a=fmtp:97 packetization-mode=1\r\na=rtpmap:96 rtx/90000\r\na=fmtp:96 apt=97\r\n"), text);
    }

    @Test
    void shouldSayInEverySectionThatRtcpSharesTheRtpPort() {
        // vc sends sender reports and feedback to the RTP port; without rtcp-mux a receiver expects them on port + 1
        String text = Sdp.builder(LOOPBACK).jpeg(6000).retransmissions().h264(6002, 97, null).build().text();
        String[] sections = text.split("m=video ");
        assertEquals(3, sections.length);
        for (int i = 1; i < sections.length; i++) {
            assertEquals(1, sections[i].split("\r\na=rtcp-mux\r\n", -1).length - 1, sections[i]);
        }
    }

    @Test
    void shouldMarkTheSessionReceiveOnlyWhenAskedTo() {
        String text = Sdp.builder(InetAddress.getLoopbackAddress()).receiveOnly().h264(5004, 96, null).build().text();
        assertTrue(text.contains("t=0 0\r\na=recvonly\r\nm=video 5004 RTP/AVP 96\r\n"), text);
        assertFalse(Sdp.builder(InetAddress.getLoopbackAddress()).jpeg(5004).build().text().contains("recvonly"));
    }

    @Test
    void shouldRejectWhatSdpCannotSay() {
        Sdp.Builder builder = Sdp.builder(LOOPBACK);
        assertThrows(IllegalStateException.class, builder::build);
        assertThrows(IllegalArgumentException.class, () -> builder.h264(5004, 26, null));
        assertThrows(IllegalArgumentException.class, () -> builder.jpeg(0));
        assertThrows(IllegalArgumentException.class, () -> builder.sessionName("a\r\nb=x"));
    }
}
