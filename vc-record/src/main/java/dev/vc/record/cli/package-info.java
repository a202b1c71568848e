/** The recorder's command line ({@link dev.vc.record.cli.RecorderMain}). */
package dev.vc.record.cli;
