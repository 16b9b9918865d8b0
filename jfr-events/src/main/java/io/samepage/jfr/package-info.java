/**
 * samepage's JFR event catalogue: what the agent tells the world about regions, merges and copy-on-write
 * breaks.
 *
 * <p>One {@code final} class per event, named by a constant in {@link io.samepage.jfr.EventNames} and filed
 * under {@link io.samepage.jfr.Categories}. Every event class has a static façade that costs nothing when
 * no recording wants the event: {@code enabled()} to skip building expensive arguments (an allocation-site
 * string), and {@code commit(...)} taking every field. {@link io.samepage.jfr.SamepageEvents} lists the
 * catalogue and registers it; {@link io.samepage.jfr.SamepageJfc} ships the matching {@code samepage.jfc}.
 *
 * <p>Per-page detail never becomes an event: merges run at up to hundreds of thousands of pages a second,
 * so merges and breaks are aggregated per region per sampling interval, and only regions above the agent's
 * size threshold (MiB-scale, rare) are registered at all.
 *
 * <p>Every class here extends or names {@code jdk.jfr} types, so a runtime image built without the
 * {@code jdk.jfr} module cannot load them: check {@link io.samepage.jfr.SamepageEvents#jfrPresent()} once
 * before the first façade call.
 */
package io.samepage.jfr;
