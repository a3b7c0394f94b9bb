package org.carebot.triage;

/** Decides intent, noise, sensitivity, language and priority of one post. Implementations are thread-safe. */
public interface TriageEngine {

    Triage triage(Post post);
}
