/**
 * Turns hook calls from the instrumented JDK classes into registry operations: what was allocated, by which
 * code, and when it goes away.
 */
package io.samepage.agent.track;
