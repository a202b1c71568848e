package dev.vc.relay.operator;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Routes match by method and path, name their segments, and tell an unknown path (404) from another method (405). */
class OperatorRoutesTest {
    private final OperatorRoutes routes = new OperatorRoutes()
            .add("GET", "/api/forwards", request -> "list")
            .add("POST", "/api/forwards", request -> "start")
            .add("GET", "/api/forwards/{id}/sdp", request -> request.param("id"));

    @Test
    void shouldMatchMethodAndPathAndNameTheSegments() throws Exception {
        OperatorRoutes.Match sdp = routes.match("GET", List.of("api", "forwards", "7", "sdp"));
        assertEquals(Map.of("id", "7"), sdp.params());
        assertEquals("7", sdp.handler().handle(new OperatorRequest(sdp.params(), Map.of())));
        assertEquals("start", routes.match("POST", List.of("api", "forwards")).handler()
                .handle(new OperatorRequest(Map.of(), Map.of())));
    }

    @Test
    void shouldTellAnUnknownPathFromAnotherMethod() {
        OperatorRoutes.Match other = routes.match("DELETE", List.of("api", "forwards"));
        assertNull(other.handler());
        assertEquals(405, other.status());
        assertEquals(404, routes.match("GET", List.of("api", "forwards", "7")).status());
        assertEquals(404, routes.match("GET", List.of("api", "forwards", "", "sdp")).status(), "an empty segment");
    }

    @Test
    void shouldAcceptTheTokenOnlyAsABearerInConstantTime() {
        BearerToken token = new BearerToken("0123456789abcdef-token");
        assertTrue(token.accepts("Bearer 0123456789abcdef-token"));
        assertTrue(token.accepts("bearer 0123456789abcdef-token"), "the scheme in any case (RFC 7235)");
        assertFalse(token.accepts(null));
        assertFalse(token.accepts("Bearer "));
        assertFalse(token.accepts("Bearer 0123456789abcdef-toke"));
        assertFalse(token.accepts("Basic 0123456789abcdef-token"));
        assertFalse(token.toString().contains("0123"));
    }
}
