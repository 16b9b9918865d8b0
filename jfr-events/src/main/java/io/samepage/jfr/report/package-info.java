/**
 * The samepage report: from JFR recordings to a decision.
 *
 * <p>{@link io.samepage.jfr.report.SamepageReport} is the entry point ({@code samepage-agent.jar report}).
 * {@code RecordingReader} checks and reads each file into small observations ({@code Observations},
 * {@code RecordingContent}); {@code JvmHistory} puts a JVM's recordings together (overlapping dumps count once)
 * and replays each region's story ({@code RegionHistory}); {@code KernelHistory} counts the system-wide KSM figures
 * once per kernel; {@code SiteTotals}, {@code CowHotSpot} and {@code WhyNotMerged} answer "where", "what took it
 * back" and "why not"; {@code FleetReport} holds every figure, which {@code TextReport} and {@code HtmlReport}
 * (with Chart.js, {@code ChartJs}) render alike.
 */
package io.samepage.jfr.report;
