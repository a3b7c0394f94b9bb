package org.carebot.bot.store;

import org.carebot.bot.support.TestDatabases;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Migrations that change stored rows, run on rows as an earlier version stored them. */
class MigrationTest {

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void blocked_handles_stored_with_their_sign_are_re_keyed_without_it(TestDatabases.Kind kind) throws Exception {
        String url = TestDatabases.freshUrl(kind);
        try {
            Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration").target("9").load()
                    .migrate();
            try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
                statement.execute("INSERT INTO blocked_authors (platform, author_key, blocked_by, blocked_at) VALUES "
                        + "('x', 'handle:@dana_k', 'U1', CURRENT_TIMESTAMP), ('x', 'handle:@sam', 'U1', CURRENT_TIMESTAMP), "
                        + "('x', 'handle:sam', 'U2', CURRENT_TIMESTAMP), ('telegram', 'id:42', 'U1', CURRENT_TIMESTAMP)");
            }

            try (Database database = Database.open(url)) {
                List<String> keys = database.withHandle(h -> h.createQuery(
                        "SELECT platform || ' ' || author_key || ' ' || blocked_by FROM blocked_authors ORDER BY 1")
                        .mapTo(String.class).list());
                assertEquals(List.of("telegram id:42 U1", "x handle:dana_k U1", "x handle:sam U2"), keys,
                        "where both forms were blocked, the bare one stays");
            }
        } finally {
            TestDatabases.drop(url);
        }
    }
}
