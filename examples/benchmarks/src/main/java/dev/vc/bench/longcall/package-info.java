/**
 * Long calls: {@link dev.vc.bench.longcall.LongCallBench} runs one conference for minutes and reports, window by
 * window, what every participant rendered, so a fault that only shows after many packets (a 16-bit sequence or
 * index that wraps, a counter that overflows) shows as a window without frames;
 * {@link dev.vc.bench.longcall.CodecMemoryBench} runs one encoder and decoder alone for as many frames, so memory a
 * codec keeps per frame shows apart from the rest of the call.
 */
package dev.vc.bench.longcall;
