package dev.vc.transport.udp.internal;

import dev.vc.api.Config;
import dev.vc.api.ConfigException;
import dev.vc.api.CoreSettings;
import dev.vc.api.Setting;
import dev.vc.testing.DocTables;
import dev.vc.testing.SettingsCheck;
import dev.vc.transport.udp.internal.receive.ReceiveLimits;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The transport's settings home: every key once, the defaults the transport always had, one parsing rule. */
class UdpSettingsTest {
    @Test
    void shouldDeclareEveryKeyOfTheTransportOnceWithADoc() {
        List<String> keys = UdpSettings.ALL.stream().map(Setting::key).toList();
        assertEquals(List.of("vc.udp.max.frame.bytes", "vc.udp.max.pending.frames", "vc.udp.frame.timeout.ms",
                "vc.udp.nack.wait.ms", "vc.udp.pacing.kbps", "vc.udp.cc.start.kbps", "vc.udp.cc.min.kbps",
                "vc.udp.cc.max.kbps", "vc.udp.cc.probe", "vc.udp.cc.window.packets", "vc.rtp.pt.h264",
                "vc.srtp.profiles", "vc.srtp.ciphers"), keys);
        assertFalse(keys.contains(CoreSettings.MAX_STREAMS.key()), "declared in vc-api, read from there");
        UdpSettings.ALL.forEach(setting -> assertFalse(setting.doc().isBlank(), setting.key()));
    }

    @Test
    void shouldBeWellDeclaredAndListedWithTheirDefaultsInTheConfigurationPage() {
        SettingsCheck.assertWellDeclared(UdpSettings.ALL);
        SettingsCheck.assertDocumented(DocTables.read("configuration.md"), "UdpSettings", UdpSettings.ALL);
    }

    @Test
    void shouldKeepTheDefaults() {
        assertEquals(new ReceiveLimits(4 << 20, 8, 64, TimeUnit.SECONDS.toNanos(1), TimeUnit.MILLISECONDS.toNanos(150)),
                ReceiveLimits.DEFAULTS);
        assertEquals(new PayloadTypes(26, 96), PayloadTypes.from(Config.empty()));
        assertEquals(50_000, Config.empty().get(UdpSettings.PACING_KBPS));
    }

    @Test
    void shouldReadTheLimitsAndPayloadTypeFromTheirKeys() {
        Config config = Config.empty().with("vc.udp.max.frame.bytes", "65536").with("vc.udp.max.pending.frames", "2")
                .with("vc.max.streams", "3").with("vc.udp.frame.timeout.ms", "10").with("vc.udp.nack.wait.ms", "0")
                .with("vc.rtp.pt.h264", "127");
        assertEquals(new ReceiveLimits(65_536, 2, 3, TimeUnit.MILLISECONDS.toNanos(10), 0), ReceiveLimits.from(config));
        assertEquals(127, PayloadTypes.from(config).h264());
    }

    @Test
    void shouldRejectAValueOutsideItsRangeNamingTheKey() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> PayloadTypes.from(Config.empty().with("vc.rtp.pt.h264", "95")));
        assertTrue(e.getMessage().contains("vc.rtp.pt.h264") && e.getMessage().contains("96..127"), e.getMessage());
    }
}
