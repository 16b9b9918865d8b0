/**
 * Runnable stories, one idea each, in the spirit of the JMH samples. Each demo's class comment says what to run
 * and what to look for. Entry point: {@code java -jar demo-apps/target/samepage-demos.jar <demo> --help}.
 */
package io.samepage.demo;
