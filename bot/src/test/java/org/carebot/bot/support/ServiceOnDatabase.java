package org.carebot.bot.support;

/**
 * A running Carebot with a fake Slack, on a fresh database of the given kind (PostgreSQL tests skip, saying why, when
 * none is configured). Closing it stops both and drops the PostgreSQL schema.
 */
public record ServiceOnDatabase(FakeSlack slack, TestCarebot carebot, String dbUrl) implements AutoCloseable {

    public static ServiceOnDatabase start(TestDatabases.Kind kind) {
        String dbUrl = TestDatabases.freshUrl(kind);
        FakeSlack slack = new FakeSlack();
        return new ServiceOnDatabase(slack, TestCarebot.start(slack, dbUrl), dbUrl);
    }

    @Override
    public void close() {
        try {
            carebot.close();
            slack.close();
        } finally {
            TestDatabases.drop(dbUrl);
        }
    }
}
