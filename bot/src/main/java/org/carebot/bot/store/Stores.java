package org.carebot.bot.store;

/**
 * The stores a case's life is written to, over one database: handed whole to the services that write to most of them
 * (triage's writer and people's commands on cases).
 */
public record Stores(Database database, PostStore posts, CaseStore cases, EventLog events, ClusterStore clusters,
                     BlockedAuthors blocked) {
}
