/**
 * Logging set-up for vc's command-line tools ({@link dev.vc.api.logging.ToolLogging}): quiet consoles, details on
 * request or in a file. Libraries embedding vc do not use it.
 */
package dev.vc.api.logging;
