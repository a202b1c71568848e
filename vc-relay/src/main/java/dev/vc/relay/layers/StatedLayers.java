package dev.vc.relay.layers;

import dev.vc.api.control.ControlMessage.Layer;

import java.util.List;

/**
 * What a sender's join stated of each of its layers, as the parallel arrays {@link LayerRates} and
 * {@link LayerCaps} are built from.
 *
 * @param bitratesBps each layer's stated bit rate, 0 if not stated
 * @param widths      each layer's width, 0 if not known
 * @param heights     each layer's height, 0 if not known
 */
record StatedLayers(int[] bitratesBps, int[] widths, int[] heights) {
    /**
     * @param layers the layers a join stated, largest first
     * @return their figures, in the same order
     */
    static StatedLayers of(List<Layer> layers) {
        int n = layers.size();
        int[] bitrates = new int[n];
        int[] widths = new int[n];
        int[] heights = new int[n];
        for (int k = 0; k < n; k++) {
            Layer layer = layers.get(k);
            bitrates[k] = layer.bitrateBps();
            widths[k] = layer.width();
            heights[k] = layer.height();
        }
        return new StatedLayers(bitrates, widths, heights);
    }
}
