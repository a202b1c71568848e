/**
 * vc's public surface: frame types, the service provider interfaces, provider registries, configuration
 * ({@code dev.vc.api}) and the participant pipeline that wires source, encoder, transport, decoder and
 * renderer together ({@code dev.vc.api.session}).
 */
module dev.vc.api {
    requires com.lmax.disruptor;
    // ToolLogging sets up java.util.logging, System.Logger's default backend, for the command-line tools.
    requires java.logging;

    exports dev.vc.api;
    exports dev.vc.api.session;
    exports dev.vc.api.control;
    exports dev.vc.api.logging;

    uses dev.vc.api.FrameSourceProvider;
    uses dev.vc.api.EncoderProvider;
    uses dev.vc.api.DecoderProvider;
    uses dev.vc.api.TransportProvider;
    uses dev.vc.api.RendererProvider;

    provides dev.vc.api.RendererProvider with dev.vc.api.internal.HeadlessRendererProvider;
}
