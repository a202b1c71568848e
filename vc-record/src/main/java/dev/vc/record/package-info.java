/**
 * Recording a room without re-encoding: {@link dev.vc.record.Recorder} (a headless participant writing each
 * participant's stream to its own Matroska file), {@link dev.vc.record.RecordSettings} (its keys) and
 * {@link dev.vc.record.RecorderStats}.
 */
package dev.vc.record;
