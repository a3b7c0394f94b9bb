package org.carebot.bot.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import org.carebot.bot.support.FakeSlack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SlackUserGroupsTest {

    private FakeSlack slack;
    private MutableClock clock;
    private SlackUserGroups groups;

    static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-11-25T10:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @BeforeEach
    void start() {
        slack = new FakeSlack();
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(slack.apiUrl());
        clock = new MutableClock();
        groups = new SlackUserGroups(Slack.getInstance(config).methods("xoxb-test"), clock);
    }

    @AfterEach
    void stop() {
        slack.close();
    }

    @Test
    void members_come_from_usergroups_users_list_and_are_cached_for_five_minutes() {
        slack.stub("usergroups.users.list", "{\"ok\":true,\"users\":[\"U1\",\"U2\"]}");

        assertEquals(Set.of("U1", "U2"), groups.members("S0LEADS"));
        assertEquals(Set.of("U1", "U2"), groups.members("S0LEADS"));
        assertEquals(1, slack.calls("usergroups.users.list").size());
        assertEquals("S0LEADS", slack.calls("usergroups.users.list").get(0).get("usergroup"));

        clock.now = clock.now.plus(Duration.ofMinutes(6));
        groups.members("S0LEADS");
        assertEquals(2, slack.calls("usergroups.users.list").size());
    }

    @Test
    void a_slack_error_grants_nothing_new_and_keeps_the_last_known_members() {
        slack.stub("usergroups.users.list", "{\"ok\":true,\"users\":[\"U1\"]}");
        groups.members("S0LEADS");
        slack.stub("usergroups.users.list", "{\"ok\":false,\"error\":\"missing_scope\"}");
        clock.now = clock.now.plus(Duration.ofMinutes(6));

        assertEquals(Set.of("U1"), groups.members("S0LEADS"));
        assertEquals(Set.of(), groups.members("S0UNKNOWN"));
    }
}
