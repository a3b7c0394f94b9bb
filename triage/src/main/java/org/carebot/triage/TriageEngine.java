package org.carebot.triage;

import java.util.Set;

/** Decides intent, noise, sensitivity, language and priority of one post. Implementations are thread-safe. */
public interface TriageEngine {

    Triage triage(Post post);

    /**
     * The same triage as a person corrected it: the case's intent now (a retag may have changed it) and the sensitive
     * flags they set. Priority and reasons follow both; a reply needs a person's approval; a post people work on is
     * not noise. The intent the engine found stays in the triage, as its own reading of the post.
     */
    Triage corrected(Post post, Triage triage, String intent, Set<SensitiveFlag> flags);
}
