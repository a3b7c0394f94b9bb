package org.carebot.triage;

import java.util.Set;

/** Decides intent, noise, sensitivity, language and priority of one post. Implementations are thread-safe. */
public interface TriageEngine {

    Triage triage(Post post);

    /**
     * The same triage with the sensitive flags a person corrected, for a case whose intent is {@code intent} now
     * (a retag may have changed it): priority and reasons follow the flags; a reply needs a person's approval.
     */
    Triage withSensitive(Post post, Triage triage, String intent, Set<SensitiveFlag> flags);
}
