package org.carebot.bot.bench;

import org.carebot.triage.SensitiveFlag;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The posts helpers wrote to test the sensitive flags, in {@code triage/src/test/resources/probes}, one a line: plain
 * posts that should raise no flag (short everyday posts, customers weighing another provider, lockouts, thanks for
 * recovered photos, lookalikes of every kind, questions about rumours, questions about phishing and warnings of
 * impostors), and posts that should all raise one flag. The "taught" files are those keywords were written from (they
 * flatter them); the "fresh" ones were written afterwards.
 */
final class Probes {

    private static final Path DIR = Path.of("..", "triage", "src", "test", "resources", "probes");

    /** A probe file and the flag every post in it should raise; empty: they should raise none. */
    record ProbeFile(String name, Optional<SensitiveFlag> flag) {
        String expectation() {
            return flag.map(f -> "should all raise " + f.key().replace('_', '-')).orElse("should raise none");
        }

        List<String> posts() throws Exception {
            return Files.readAllLines(DIR.resolve(name)).stream().filter(post -> !post.isBlank()).toList();
        }
    }

    static final List<ProbeFile> ALL = List.of(
            plain("short.txt"), plain("churn.txt"), plain("lockout.txt"), plain("grateful.txt"),
            plain("lookalikes.txt"), plain("rumours_fresh.txt"), plain("phishing_fresh.txt"),
            raising("selfharm.txt", SensitiveFlag.SELF_HARM), raising("selfharm_taught.txt", SensitiveFlag.SELF_HARM),
            raising("selfharm_fresh.txt", SensitiveFlag.SELF_HARM),
            raising("fraud_taught.txt", SensitiveFlag.FRAUD), raising("fraud_fresh.txt", SensitiveFlag.FRAUD),
            raising("misinfo_fresh.txt", SensitiveFlag.MISINFORMATION));

    private static ProbeFile plain(String name) {
        return new ProbeFile(name, Optional.empty());
    }

    private static ProbeFile raising(String name, SensitiveFlag flag) {
        return new ProbeFile(name, Optional.of(flag));
    }

    private Probes() {
    }
}
