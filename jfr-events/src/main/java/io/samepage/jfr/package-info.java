/** samepage's JFR event catalogue. */
package io.samepage.jfr;
