package org.carebot.bot.config;

/** What a person may do to a case. Config grants each to roles, or to {@code channel}: anyone in the case's channel. */
public enum Permission {
    CLAIM("claim cases"),
    RETAG("retag or correct the flags of cases"),
    ESCALATE("escalate cases"),
    RESOLVE("resolve cases"),
    APPROVE("approve replies to cases"),
    BLOCK("block or unblock the authors of cases"),
    RESTORE("restore held-back posts"),
    SPLIT("split repeats off cases");

    private final String action;

    Permission(String action) {
        this.action = action;
    }

    /** What the permission lets a person do, for a refusal: "Only ... may {action} in Tech support." */
    public String action() {
        return action;
    }
}
