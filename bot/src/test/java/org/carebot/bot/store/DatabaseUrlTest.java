package org.carebot.bot.store;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** H2 gets a statement cache large enough for triage's writes; an operator's own setting and other databases are left alone. */
class DatabaseUrlTest {

    @Test
    void h2_urls_get_a_larger_statement_cache() {
        assertEquals("jdbc:h2:file:./data/carebot;QUERY_CACHE_SIZE=256",
                Database.withQueryCache("jdbc:h2:file:./data/carebot"));
        assertEquals("jdbc:h2:mem:x;DB_CLOSE_DELAY=-1;QUERY_CACHE_SIZE=256",
                Database.withQueryCache("jdbc:h2:mem:x;DB_CLOSE_DELAY=-1"));
    }

    @Test
    void an_operators_cache_size_and_postgresql_urls_stay_as_given() {
        assertEquals("jdbc:h2:mem:x;query_cache_size=16", Database.withQueryCache("jdbc:h2:mem:x;query_cache_size=16"));
        assertEquals("jdbc:postgresql://127.0.0.1:5432/test", Database.withQueryCache("jdbc:postgresql://127.0.0.1:5432/test"));
    }

    @Test
    void the_setting_is_accepted_by_h2() {
        try (Database database = Database.open("jdbc:h2:mem:query-cache-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1")) {
            assertEquals("256", database.withHandle(h -> h.createQuery(
                    "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'QUERY_CACHE_SIZE'")
                    .mapTo(String.class).one()));
        }
    }
}
