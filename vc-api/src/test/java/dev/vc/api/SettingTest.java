package dev.vc.api;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SettingTest {
    private static final Setting<Integer> FPS = Setting.ofInt("vc.fps", 30, 1, 240, "frames per second");
    private static final Setting<Boolean> LOOP = Setting.ofBoolean("vc.source.loop", false, "loop the file");
    private static final Setting<String> SCALING = Setting.ofChoice("vc.ui.scaling", "fit", List.of("fit", "fill"),
            "how a tile scales");

    @Test
    void shouldAnswerTheDefaultWhenUnsetOrBlank() {
        assertEquals(30, Config.empty().get(FPS));
        assertEquals(30, Config.of(Map.of("vc.fps", "  ")).get(FPS));
        assertEquals(false, Config.empty().get(LOOP));
        assertNull(Config.empty().get(Setting.ofString("vc.source.file", null, "the file")));
    }

    @Property
    void shouldReadEveryIntegerInRange(@ForAll @IntRange(min = 1, max = 240) int fps) {
        assertEquals(fps, Config.of(Map.of("vc.fps", " " + fps + " ")).get(FPS));
    }

    @Property
    void shouldRejectEveryIntegerOutOfRangeNamingKeyAndRange(@ForAll int fps) {
        if (fps >= 1 && fps <= 240) {
            return;
        }
        ConfigException e = assertThrows(ConfigException.class,
                () -> Config.of(Map.of("vc.fps", Integer.toString(fps))).get(FPS));
        assertTrue(e.getMessage().startsWith("vc.fps must be an integer in 1..240"), e.getMessage());
    }

    @Test
    void shouldParseBooleansByOneRuleForEveryKey() {
        for (String yes : List.of("true", "TRUE", "True")) {
            assertEquals(true, Config.of(Map.of("vc.source.loop", yes)).get(LOOP));
            assertTrue(Config.of(Map.of("vc.self.view", yes)).getBoolean("vc.self.view", false));
        }
        for (String word : List.of("yes", "1", "on", "tru")) {
            ConfigException e = assertThrows(ConfigException.class,
                    () -> Config.of(Map.of("vc.source.loop", word)).get(LOOP));
            assertEquals("vc.source.loop must be true or false, got '" + word + "'", e.getMessage());
            assertThrows(ConfigException.class, () -> Config.of(Map.of("vc.ui.overlay", word)).getBoolean("vc.ui.overlay", true));
        }
    }

    @Test
    void shouldAcceptOnlyDeclaredChoicesInAnyCase() {
        assertEquals("fill", Config.of(Map.of("vc.ui.scaling", "FILL")).get(SCALING));
        ConfigException e = assertThrows(ConfigException.class,
                () -> Config.of(Map.of("vc.ui.scaling", "stretch")).get(SCALING));
        assertEquals("vc.ui.scaling must be fit or fill, got 'stretch'", e.getMessage());
    }

    @Test
    void shouldRefuseDeclarationsThatContradictThemselves() {
        assertThrows(IllegalArgumentException.class, () -> Setting.ofInt("vc.fps", 0, 1, 240, "fps"));
        assertThrows(IllegalArgumentException.class, () -> Setting.ofLong("vc.x", 5, 10, 1, "x"));
        assertThrows(IllegalArgumentException.class,
                () -> Setting.ofChoice("vc.ui.scaling", "stretch", List.of("fit"), "scaling"));
        assertThrows(IllegalArgumentException.class, () -> Setting.ofBoolean("other.key", true, "not ours"));
    }

    @Test
    void shouldDescribeItselfForDocumentation() {
        assertEquals("an integer in 1..240", FPS.accepted());
        assertEquals("frames per second", FPS.doc());
        assertEquals("vc.fps", FPS.key());
        assertEquals(30, FPS.defaultValue());
    }

    @Test
    void shouldWordIntegerBoundsThatAreTheTypesOwnShortly() {
        assertEquals("an integer",
                Setting.ofInt("vc.seed", 1, Integer.MIN_VALUE, Integer.MAX_VALUE, "seed").accepted());
        assertEquals("an integer of at least 10000",
                Setting.ofLong("vc.cap", 20_000, 10_000, Long.MAX_VALUE, "cap").accepted());
        assertEquals("one of a, b, c", Setting.ofChoice("vc.abc", "a", List.of("a", "b", "c"), "abc").accepted());
    }

    @Test
    void shouldCheckValuesGivenInCodeByTheSameRule() {
        assertEquals(240, FPS.check(240));
        assertEquals("fill", SCALING.check("FILL"));
        ConfigException e = assertThrows(ConfigException.class, () -> FPS.check(241));
        assertEquals("vc.fps must be an integer in 1..240, got '241'", e.getMessage());
    }

    @Test
    void shouldKnowItsType() {
        assertEquals(Integer.class, FPS.type());
        assertEquals(Boolean.class, LOOP.type());
        assertEquals(String.class, SCALING.type());
        assertEquals(Long.class, Setting.ofLong("vc.cap", 1, 0, 2, "cap").type());
    }

    @Test
    void shouldSetADeclaredSettingCheckedByItsRule() {
        Config config = Config.empty().with(FPS, 15).with(LOOP, true).with(SCALING, "FILL");
        assertEquals(15, config.get(FPS));
        assertEquals(true, config.get(LOOP));
        assertEquals("fill", config.get("vc.ui.scaling", "?"), "stored as the setting reads it");
        assertTrue(config.isSet(FPS));
        assertTrue(!config.with(FPS, null).isSet(FPS), "null removes the key");
        ConfigException e = assertThrows(ConfigException.class, () -> Config.empty().with(FPS, 0));
        assertTrue(e.getMessage().startsWith("vc.fps must be an integer in 1..240"), e.getMessage());
    }
}
