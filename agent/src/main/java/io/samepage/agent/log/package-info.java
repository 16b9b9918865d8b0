/**
 * samepage's own diagnostics on stderr. Not java.util.logging: creating the global LogManager in premain
 * pre-empts application servers that install their own (OpenTelemetry #11151).
 */
package io.samepage.agent.log;
