/**
 * FFmpeg's natives, loaded once for the whole of vc: {@link dev.vc.codec.h264.natives.FfmpegNatives}. Exported
 * only to {@code dev.vc.capture}, whose camera and file sources read through FFmpeg too.
 */
package dev.vc.codec.h264.natives;
