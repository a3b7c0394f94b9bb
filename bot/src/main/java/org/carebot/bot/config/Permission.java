package org.carebot.bot.config;

/** What a person may do to a case. Config grants each to roles, or to {@code channel}: anyone in the case's channel. */
public enum Permission {
    CLAIM, RETAG, ESCALATE, RESOLVE, APPROVE, BLOCK, RESTORE, SPLIT
}
