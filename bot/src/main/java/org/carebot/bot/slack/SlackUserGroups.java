package org.carebot.bot.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.usergroups.users.UsergroupsUsersListResponse;
import org.carebot.bot.cases.UserGroups;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Slack user group members from {@code usergroups.users.list}, cached for five minutes. Needs usergroups:read. */
public final class SlackUserGroups implements UserGroups {

    private static final Logger log = LoggerFactory.getLogger(SlackUserGroups.class);
    private static final Duration TTL = Duration.ofMinutes(5);

    private record Cached(Set<String> members, Instant fetchedAt) {
    }

    private final MethodsClient slack;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public SlackUserGroups(MethodsClient slack, Clock clock) {
        this.slack = slack;
        this.clock = clock;
    }

    @Override
    public Set<String> members(String groupId) {
        Instant now = clock.instant();
        Cached cached = cache.get(groupId);
        if (cached != null && cached.fetchedAt().plus(TTL).isAfter(now)) return cached.members();
        try {
            UsergroupsUsersListResponse response = slack.usergroupsUsersList(r -> r.usergroup(groupId));
            if (!response.isOk()) {
                log.warn("usergroups.users.list for {} failed: {}", groupId, response.getError());
                return cached == null ? Set.of() : cached.members();
            }
            Set<String> members = Set.copyOf(response.getUsers());
            cache.put(groupId, new Cached(members, now));
            return members;
        } catch (Exception e) {
            log.warn("usergroups.users.list for {} failed: {}", groupId, e.toString());
            return cached == null ? Set.of() : cached.members();
        }
    }
}
