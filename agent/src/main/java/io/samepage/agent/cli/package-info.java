/**
 * {@code java -jar samepage-agent.jar <command>}: the operator's side of the agent: attach, estimate, report (on
 * JFR recordings) and jfc (the recording settings). Parsing is picocli's; every bad input ends in one line and a
 * non-zero exit.
 */
package io.samepage.agent.cli;
