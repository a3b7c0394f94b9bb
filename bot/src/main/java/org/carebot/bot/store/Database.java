package org.carebot.bot.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.HandleConsumer;
import org.jdbi.v3.core.Jdbi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one store: an H2 file by default, PostgreSQL when the URL says so, from the same migrations, which run at open.
 */
public final class Database implements AutoCloseable {

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;

    private Database(HikariDataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource);
    }

    public static Database open(String url) {
        createParentDirectory(url);
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(withQueryCache(url));
        pool.setPoolName("carebot-db");
        pool.setMaximumPoolSize(8);
        HikariDataSource dataSource = new HikariDataSource(pool);
        try {
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        return new Database(dataSource);
    }

    /**
     * H2 keeps the 8 statements a connection used last parsed; triage runs about 30 different ones per batch, so
     * without a larger cache it parsed nearly every statement again (a quarter of the triage writer's time).
     */
    static String withQueryCache(String url) {
        if (!url.startsWith("jdbc:h2:") || url.toUpperCase(java.util.Locale.ROOT).contains("QUERY_CACHE_SIZE=")) {
            return url;
        }
        return url + ";QUERY_CACHE_SIZE=" + H2_QUERY_CACHE;
    }

    private static final int H2_QUERY_CACHE = 256;

    private static void createParentDirectory(String url) {
        if (!url.startsWith("jdbc:h2:file:")) return;
        String file = url.substring("jdbc:h2:file:".length()).split(";", 2)[0];
        Path parent = Path.of(file).toAbsolutePath().getParent();
        try {
            if (parent != null) Files.createDirectories(parent);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the database directory " + parent + ": " + e.getMessage(), e);
        }
    }

    public <R, X extends Exception> R inTransaction(HandleCallback<R, X> callback) throws X {
        return jdbi.inTransaction(callback);
    }

    public <X extends Exception> void useTransaction(HandleConsumer<X> callback) throws X {
        jdbi.useTransaction(callback);
    }

    public <R, X extends Exception> R withHandle(HandleCallback<R, X> callback) throws X {
        return jdbi.withHandle(callback);
    }

    /** True when the database answers within two seconds. */
    public boolean ping() {
        try (Handle handle = jdbi.open()) {
            return handle.getConnection().isValid(2);
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
