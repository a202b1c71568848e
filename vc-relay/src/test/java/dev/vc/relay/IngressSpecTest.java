package dev.vc.relay;

import dev.vc.api.ConfigException;
import dev.vc.api.VideoCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IngressSpecTest {
    @Test
    void shouldReadEveryKeyInAnyOrderAndWriteTheSameForm() throws Exception {
        IngressSpec spec = IngressSpec.parse("codec=JPEG, port=5006 ,name=front door,room=lobby,ssrc=4294967295,"
                + "source=192.0.2.7");
        assertEquals(new IngressSpec("lobby", "front door", 5006, VideoCodec.JPEG, InetAddress.getByName("192.0.2.7"),
                0xFFFF_FFFFL), spec);
        assertEquals(spec, IngressSpec.parse(spec.toString()));
        assertEquals("room=lobby,name=cam,port=0,codec=h264", IngressSpec.of("lobby", "cam", 0, VideoCodec.H264)
                .toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "room=lobby,name=cam,port=5004                       | has no codec",
            "room=lobby,name=cam,port=5004,codec=vp8             | codec 'vp8' is not h264 or jpeg",
            "room=lobby,name=cam,port=70000,codec=h264           | port 70000 is not 0..65535",
            "room=lobby,name=cam,port=five,codec=h264            | port 'five' is not a number",
            "room=lobby,name=cam,port=5004,codec=h264,ssrc=-2    | ssrc -2 is not 0..4294967295",
            "room=lobby,name=cam,port=5004,codec=h264,source=cam.example | source 'cam.example' is not a numeric address",
            "room=lobby,name=cam,port=5004,codec=h264,colour=red | unknown key 'colour'",
            "room=lobby,name=cam,name=cam2,port=5004,codec=h264  | 'name' given twice",
            "room=lobby,name=,port=5004,codec=h264               | name must be 1..255 UTF-8 bytes, got 0",
            "lobby,name=cam,port=5004,codec=h264                 | 'lobby' is not key=value"})
    void shouldNameWhatIsWrong(String text, String problem) {
        ConfigException e = assertThrows(ConfigException.class, () -> IngressSpec.parse(text));
        assertTrue(e.getMessage().contains(problem), e.getMessage());
    }
}
