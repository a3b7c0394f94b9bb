package org.carebot.bot.cases;

import org.carebot.bot.config.CarebotConfig;
import org.carebot.bot.config.Permission;
import org.carebot.bot.store.CardStore;
import org.jdbi.v3.core.Handle;

import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/** Decides who may do what to a case, from the roles and permissions in config. */
public final class RolePolicy {

    private final CarebotConfig config;
    private final CardStore cards;
    private final UserGroups userGroups;

    public RolePolicy(CarebotConfig config, CardStore cards, UserGroups userGroups) {
        this.config = config;
        this.cards = cards;
        this.userGroups = userGroups;
    }

    /** Empty when allowed; otherwise why not, in words for the person refused. */
    public Optional<String> refusal(Handle handle, Permission permission, Case kase, Actor actor) {
        CarebotConfig.QueueConfig queue = config.requireQueue(kase.queue());
        return refusal(permission, queue, actor, "people in the case's channel",
                () -> actsFromWorkingChannel(handle, kase, actor));
    }

    /** For actions on a queue rather than a case (restoring from its digest): {@code channel} means the queue's channel. */
    public Optional<String> refusalInQueue(Permission permission, CarebotConfig.QueueConfig queue, Actor actor) {
        return refusal(permission, queue, actor, "people in the queue's channel",
                () -> queue.slackChannel().equals(actor.channel()));
    }

    private Optional<String> refusal(Permission permission, CarebotConfig.QueueConfig queue, Actor actor,
                                     String channelMembers, BooleanSupplier inChannel) {
        List<String> holders = config.holdersOf(permission, queue);
        for (String holder : holders) {
            boolean holds = holder.equals(CarebotConfig.CHANNEL_MEMBERS) ? inChannel.getAsBoolean()
                    : holdsRole(holder, actor.userId());
            if (holds) return Optional.empty();
        }
        if (holders.isEmpty()) return Optional.of("Nobody may " + permission.action() + " in " + queue.name() + ".");
        String who = String.join(" or ", holders.stream()
                .map(h -> h.equals(CarebotConfig.CHANNEL_MEMBERS) ? channelMembers : "the " + h + " role")
                .toList());
        return Optional.of("Only " + who + " may " + permission.action() + " in " + queue.name() + ".");
    }

    private boolean actsFromWorkingChannel(Handle handle, Case kase, Actor actor) {
        return cards.find(handle, kase.id(), actor.channel())
                .map(card -> card.role().worked())
                .orElse(false);
    }

    private boolean holdsRole(String roleName, String userId) {
        CarebotConfig.RoleConfig role = config.roles().get(roleName);
        if (role == null) return false;
        if (role.users().contains(userId)) return true;
        return role.usergroups().stream().anyMatch(group -> userGroups.members(group).contains(userId));
    }
}
