package org.carebot.bot.cases;

import java.util.Set;

/** Members of a chat user group (Slack's S... ids). */
public interface UserGroups {

    Set<String> members(String groupId);

    static UserGroups none() {
        return groupId -> Set.of();
    }
}
