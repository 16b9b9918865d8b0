/**
 * The template of the hook façade that advice inlined into {@code java.base} calls. Its bytes are renamed to
 * {@code java.nio.SamepageHooks} and defined inside {@code java.base} at start-up (a private lookup on
 * {@code java.nio}), so the boot loader resolves it without appending anything to the bootstrap class path:
 * that append would make the JVM print a CDS warning into every user's log and drop CDS for application
 * classes. Hence JDK types only, and never loaded under its own name.
 */
package io.samepage.boot;
