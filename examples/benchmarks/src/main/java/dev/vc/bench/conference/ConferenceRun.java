package dev.vc.bench.conference;

import dev.vc.api.session.LatencyHistogram;

import java.util.List;

/**
 * One {@link ConferenceBench} run: a codec and a room size, measured over one window.
 *
 * @param codec        the encoder every participant used
 * @param participants the room size
 * @param each         one row per participant, {@code p1} first
 * @param all          the room's row
 * @param latency      everyone's capture-to-render samples of the window, for the distribution plot
 */
record ConferenceRun(String codec, int participants, List<ConferenceFigures> each, ConferenceFigures all,
                     LatencyHistogram latency) {
    /** @return true if every participant rendered every other participant's stream in the window */
    boolean complete() {
        return each.stream().allMatch(ConferenceFigures::complete);
    }

    /** @return e.g. {@code h264 N=3} */
    String label() {
        return codec + " N=" + participants;
    }
}
