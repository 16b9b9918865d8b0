/**
 * Byte Buddy instrumentation of {@code java.base}: where large direct buffers and file mappings are born and
 * die. Advice here is inlined into JDK classes, so it may only reference {@link io.samepage.boot} and JDK types.
 * Hook points and pitfalls: {@code ../shared/reference/java-agent-notes.md} §2-§4.
 */
package io.samepage.agent.instrument;
