package dev.vc.relay.operator;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The operator API's JSON: what it writes reads back, and what is not one JSON object is refused saying where. */
class JsonTest {
    @Property(tries = 300)
    void shouldReadBackAnyTextAndNumberItWrote(@ForAll String text, @ForAll long number, @ForAll boolean flag) throws Exception {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put(text, List.of(number, flag, text));
        value.put("nothing", null);
        assertEquals(value, Json.parseObject(Json.write(value)));
    }

    @Test
    void shouldEscapeWhatJsonCannotHoldAsIs() {
        assertEquals("{\"a\\\"b\":\"line\\nnext\\u0001\\\\\"}", Json.write(Map.of("a\"b", "line\nnext\u0001\\")));
    }

    @Test
    void shouldReadNestedValuesKeepingTheKeysOrder() throws Exception {
        Map<String, Object> body = Json.parseObject(" {\"port\": 5004, \"layer\": 0, \"ratio\": -1.5e2, "
                + "\"tags\": [\"a\", {\"b\": true}], \"x\": null, \"s\": \"\\u00e9\\/\"} ");
        assertEquals(List.of("port", "layer", "ratio", "tags", "x", "s"), List.copyOf(body.keySet()));
        assertEquals(5004L, body.get("port"));
        assertEquals(-150.0, body.get("ratio"));
        assertEquals(List.of("a", Map.of("b", true)), body.get("tags"));
        assertEquals("é/", body.get("s"));
    }

    @Test
    void shouldRefuseWhatIsNotOneObjectSayingWhere() {
        for (String bad : List.of("", "[]", "42", "{", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "{\"a\":1} x",
                "{\"a\":01}", "{\"a\":tru}", "{\"a\":\"\n\"}", "{\"a\":\"\\q\"}", "{\"a\":1,\"a\":2}", "{a:1}",
                "{\"a\":\"open}")) {
            Json.MalformedJsonException e = assertThrows(Json.MalformedJsonException.class, () -> Json.parseObject(bad),
                    bad);
            assertTrue(e.getMessage().startsWith("malformed JSON at character ")
                    || e.getMessage().equals("the body must be a JSON object"), e.getMessage());
        }
    }

    @Test
    void shouldRefuseNestingDeeperThanItsLimit() throws Exception {
        String ok = "{\"a\":".repeat(Json.MAX_DEPTH) + "1" + "}".repeat(Json.MAX_DEPTH);
        Json.parseObject(ok);
        String deep = "{\"a\":".repeat(Json.MAX_DEPTH + 1) + "1" + "}".repeat(Json.MAX_DEPTH + 1);
        Json.MalformedJsonException e = assertThrows(Json.MalformedJsonException.class, () -> Json.parseObject(deep));
        assertTrue(e.getMessage().contains("nested deeper than " + Json.MAX_DEPTH), e.getMessage());
        String wide = "{\"a\":" + "[".repeat(100_000) + "}";
        assertThrows(Json.MalformedJsonException.class, () -> Json.parseObject(wide), "no stack overflow");
    }
}
