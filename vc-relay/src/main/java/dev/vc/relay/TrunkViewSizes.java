package dev.vc.relay;

import dev.vc.api.Renderer;
import dev.vc.api.control.ControlMessage;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Tells the other relay of a trunk, as a receiver would tell its relay, the size this relay's receivers show each of
 * that relay's participants at: for each remote member of the trunk, the largest width and the largest height any of
 * this relay's own participants shows it at ({@link ViewSizes}), sent as {@code VIEW_SIZE} naming the other relay's
 * participant id. The other relay keeps it as the trunk member's view size there, so its layer selection forwards
 * over the trunk the layer the largest view here needs, within the trunk's estimate. A receiver here that stated no
 * size for the participant asks for the largest layer, as at its own relay: the trunk then says
 * {@value #LARGEST} x {@value #LARGEST} (none was said yet: nothing). Nobody here showing it says {@code 0 x 0}: the
 * other relay forwards none of its layers over the trunk.
 *
 * <p>Looked at on the control thread's tick, at most every {@link Renderer.ViewSizeListener#MIN_INTERVAL_MILLIS}
 * ms per trunk, and sent only when it changed as a client's reports are ({@link Renderer.ViewSizeListener#changed}),
 * so a trunk sends at most what one client would per participant. Holds one entry per remote member of the trunk.
 * Control thread only.
 */
final class TrunkViewSizes {
    /** The side that stands for "no size stated here": every layer covers less. */
    static final int LARGEST = 0xFFFF;
    private static final long INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(
            Renderer.ViewSizeListener.MIN_INTERVAL_MILLIS);

    /** What the other relay was told last, by its participant id: {@code width << 16 | height}, or UNKNOWN. */
    private final Map<Integer, Long> told = new HashMap<>();
    private long nextNanos;

    /**
     * Control thread, each tick: tells the other relay the sizes that changed since the last time, if it is time.
     *
     * @param trunk the trunk member
     * @param now   the relay's clock
     */
    void tell(Member trunk, long now) {
        if (now - nextNanos < 0) {
            return;
        }
        nextNanos = now + INTERVAL_NANOS;
        Map<Integer, Member> remotes = trunk.trunk.remotes();
        told.keySet().retainAll(remotes.keySet());
        Member[] members = trunk.room.snapshot();
        for (Map.Entry<Integer, Member> e : remotes.entrySet()) {
            long largest = largestView(e.getValue(), members);
            long before = told.getOrDefault(e.getKey(), ViewSizes.UNKNOWN);
            if (!differs(before, largest)) {
                continue;
            }
            told.put(e.getKey(), largest);
            int width = largest == ViewSizes.UNKNOWN ? LARGEST : ViewSizes.width(largest);
            int height = largest == ViewSizes.UNKNOWN ? LARGEST : ViewSizes.height(largest);
            trunk.connection.send(new ControlMessage.ViewSize(e.getKey(), width, height));
        }
    }

    /**
     * @return the largest width and height this relay's own participants show {@code remote} at, as
     *         {@link ViewSizes#get} gives one; {@link ViewSizes#UNKNOWN} if any of them stated none
     */
    static long largestView(Member remote, Member[] members) {
        int width = 0;
        int height = 0;
        for (Member receiver : members) {
            if (!receiver.local()) {
                continue;
            }
            long size = receiver.viewSizes.get(remote.id);
            if (size == ViewSizes.UNKNOWN) {
                return ViewSizes.UNKNOWN;
            }
            width = Math.max(width, ViewSizes.width(size));
            height = Math.max(height, ViewSizes.height(size));
        }
        return (long) width << 16 | height;
    }

    private static boolean differs(long before, long after) {
        if (before == ViewSizes.UNKNOWN || after == ViewSizes.UNKNOWN) {
            return before != after;
        }
        return Renderer.ViewSizeListener.changed(ViewSizes.width(before), ViewSizes.height(before),
                ViewSizes.width(after), ViewSizes.height(after));
    }
}
