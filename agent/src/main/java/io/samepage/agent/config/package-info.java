/**
 * Agent options: one grammar ({@code key=value,key=value}) shared by {@code -javaagent:} arguments, the attach
 * command and tests, with every key also settable as system property {@code samepage.<key>} and environment
 * variable {@code SAMEPAGE_<KEY>}. Precedence: agent arguments, then system property, then environment, then
 * the default.
 */
package io.samepage.agent.config;
