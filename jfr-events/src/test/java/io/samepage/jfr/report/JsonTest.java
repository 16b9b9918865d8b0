package io.samepage.jfr.report;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JsonTest {

    @Test
    void stringsFromRecordingsCannotCloseTheScriptElement() {
        String site = "a.B$<init>(\"B.java\":1)</script><!--&\\\u2028\n";
        String json = new Json().beginObject().name("site").value(site).name("n").beginArray().value(1).value(2.5)
                .value(Double.NaN).endArray().endObject().toString();
        assertEquals("{\"site\":\"a.B$\\u003cinit\\u003e(\\\"B.java\\\":1)\\u003c/script\\u003e\\u003c!--\\u0026"
                + "\\\\\\u2028\\n\",\"n\":[1,2.500,null]}", json);
    }

    @Test
    void htmlEscapesEveryMarkupCharacter() {
        assertEquals("&lt;init&gt; &amp; &quot;x&quot; &#39;y&#39; $1", HtmlReport.esc("<init> & \"x\" 'y' $1"));
    }
}
