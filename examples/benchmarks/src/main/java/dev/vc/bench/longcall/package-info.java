/**
 * Long calls: {@link dev.vc.bench.longcall.LongCallBench} runs one conference for minutes and reports, window by
 * window, what every participant rendered, so a fault that only shows after many packets (a 16-bit sequence or
 * index that wraps, a counter that overflows) shows as a window without frames.
 */
package dev.vc.bench.longcall;
