package io.samepage.jfr;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.MetadataDefinition;
import jdk.jfr.Name;
import jdk.jfr.Relational;

/**
 * Marks a field that holds a samepage region ID, so that tools can relate a region's events to each other
 * the way the JDK relates events by GC ID.
 */
@MetadataDefinition
@Relational
@Name("io.samepage.RegionId")
@Label("Region ID")
@Description("Identifies one region across its registration, merge, copy-on-write break, estimate and free events")
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
public @interface RegionId {
}
