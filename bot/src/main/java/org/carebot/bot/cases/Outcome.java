package org.carebot.bot.cases;

/** The result of a case command, for the surface to tell the person. */
public sealed interface Outcome {

    record Done(Case kase, String summary) implements Outcome {
    }

    record Refused(String reason) implements Outcome {
    }

    record NotFound(long caseId) implements Outcome {
    }
}
