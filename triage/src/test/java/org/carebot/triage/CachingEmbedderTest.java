package org.carebot.triage;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class CachingEmbedderTest {

    @Test
    void theModelReadsWhatAPostSaysNotWhomItAddresses() {
        assertEquals("down again??", CachingEmbedder.normalize("@AcmeCloud  down again?? @acme_help"));
        assertEquals("mail me at bob@example.com, see https://x.com/@acme",
                CachingEmbedder.normalize("Mail me at bob@example.com, see https://x.com/@acme"));
        assertEquals("@acmecloud @acmehelp", CachingEmbedder.normalize(" @AcmeCloud @AcmeHelp "),
                "handles alone are all there is to read");
    }

    @Test
    void postsThatDifferOnlyInHandlesAreEmbeddedOnce() {
        List<String> embedded = new ArrayList<>();
        CachingEmbedder cache = new CachingEmbedder(texts -> {
            embedded.addAll(texts);
            return texts.stream().map(text -> new float[]{text.length()}).toList();
        }, 10);

        float[] first = cache.embed("@AcmeCloud down again");
        float[] second = cache.embed("@AcmeHelp Down  again");

        assertSame(first, second);
        assertEquals(List.of("down again"), embedded);
    }
}
