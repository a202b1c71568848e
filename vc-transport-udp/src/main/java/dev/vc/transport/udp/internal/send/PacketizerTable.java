package dev.vc.transport.udp.internal.send;

import dev.vc.api.VideoCodec;
import dev.vc.transport.udp.h264.H264Packetizer;
import dev.vc.transport.udp.jpeg.JpegPacketizer;
import dev.vc.transport.udp.Packetizer;
import dev.vc.transport.udp.internal.PayloadTypes;

/**
 * Each codec's way onto the wire, chosen once: its {@link Packetizer} and its RTP payload type. A new payload
 * format is one line here.
 *
 * <p>Send thread only: the packetizers reuse their packet buffers.
 */
final class PacketizerTable {
    /**
     * One codec's packetizer and payload type.
     *
     * @param packetizer  splits the codec's frames into packets
     * @param payloadType the RTP payload type its packets carry
     */
    record Route(Packetizer packetizer, int payloadType) {
    }

    private final Route[] routes = new Route[VideoCodec.values().length];

    /**
     * @param payloadTypes the payload type of each codec
     * @param mtu          largest packet
     */
    PacketizerTable(PayloadTypes payloadTypes, int mtu) {
        routes[VideoCodec.JPEG.ordinal()] = new Route(new JpegPacketizer(mtu), payloadTypes.jpeg());
        routes[VideoCodec.H264.ordinal()] = new Route(new H264Packetizer(mtu), payloadTypes.h264());
    }

    /**
     * @param codec a frame's codec
     * @return its packetizer and payload type
     */
    Route of(VideoCodec codec) {
        return routes[codec.ordinal()];
    }
}
