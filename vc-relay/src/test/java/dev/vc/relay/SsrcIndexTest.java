package dev.vc.relay;

import dev.vc.api.VideoCodec;
import dev.vc.api.control.ControlMessage;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.UniqueElements;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** {@link SsrcIndex}: every member found by its SSRC, nothing else, whatever the SSRCs (collisions included). */
class SsrcIndexTest {
    private static final RelaySettings SETTINGS = RelaySettings.builder().build();

    @Property(tries = 200)
    void findsEveryMemberByItsSsrcAndNothingElse(@ForAll @Size(max = 40) @UniqueElements List<Integer> ssrcs,
                                                 @ForAll int other) {
        Room room = new Room("team");
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < ssrcs.size(); i++) {
            members.add(new Member(i + 1, new int[] {ssrcs.get(i)}, List.of(ControlMessage.Layer.UNSTATED), "m" + i,
                    VideoCodec.JPEG, room, null, new byte[16], SETTINGS, 0,
                    new MemberCongestion(MediaRouter.RELAY_SSRC, 64, 1200, 10, 0)));
        }
        SsrcIndex index = new SsrcIndex(members);
        assertEquals(members.size(), index.size());
        for (Member m : members) {
            assertSame(m, index.get(m.ssrc));
        }
        if (!ssrcs.contains(other)) {
            assertNull(index.get(other));
        }
        assertNull(SsrcIndex.EMPTY.get(other));
    }
}
