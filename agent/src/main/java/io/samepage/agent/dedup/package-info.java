/**
 * Runs the in-process engine inside the agent: the scan thread, its CPU budget, the page source over the
 * registered regions, and what it reports (MXBean, JFR estimate events).
 */
package io.samepage.agent.dedup;
