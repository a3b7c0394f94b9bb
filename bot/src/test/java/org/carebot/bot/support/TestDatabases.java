package org.carebot.bot.support;

import org.junit.jupiter.api.Assumptions;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * The databases store tests run on: H2 always; PostgreSQL when {@code CAREBOT_TEST_PG_URL} names one
 * (e.g. {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}). Each PostgreSQL test gets its own schema.
 */
public final class TestDatabases {

    public static final String PG_URL_VARIABLE = "CAREBOT_TEST_PG_URL";

    private TestDatabases() {
    }

    public enum Kind { H2, POSTGRESQL }

    /** A fresh, empty database of the kind; skips the test, saying why, when PostgreSQL is not configured. */
    public static String freshUrl(Kind kind) {
        if (kind == Kind.H2) return TestCarebot.memoryDbUrl();
        String base = System.getenv(PG_URL_VARIABLE);
        Assumptions.assumeTrue(base != null && !base.isBlank(),
                PG_URL_VARIABLE + " is not set: PostgreSQL store tests skipped (.ci/run sets it when PostgreSQL answers)");
        String schema = "carebot_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)
                .toLowerCase(Locale.ROOT);
        try (Connection connection = DriverManager.getConnection(base); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test schema on " + PG_URL_VARIABLE + ": " + e.getMessage(), e);
        }
        return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /** Drops a PostgreSQL test schema; H2 memory databases vanish by themselves. */
    public static void drop(String url) {
        if (!url.startsWith("jdbc:postgresql:")) return;
        String schema = url.substring(url.indexOf("currentSchema=") + "currentSchema=".length());
        String base = url.substring(0, url.indexOf("currentSchema=") - 1);
        try (Connection connection = DriverManager.getConnection(base); Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop test schema " + schema + ": " + e.getMessage(), e);
        }
    }
}
