package org.carebot.bot.bench;

import org.carebot.bot.config.CarebotConfig;
import org.carebot.bot.config.ConfigLoader;
import org.carebot.bot.intake.TriageKit;
import org.carebot.triage.Author;
import org.carebot.triage.Post;
import org.carebot.triage.SensitiveFlag;
import org.carebot.triage.Triage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Sensitive flags through the whole engine on posts helpers wrote without seeing the dev set or the config, in
 * {@code triage/src/test/resources/probes}: plain posts that should raise no flag (short everyday posts, customers
 * weighing another provider, lockouts, thanks for recovered photos, and lookalikes of every kind: hyperbole, grief,
 * questions about phishing mails) and posts of real despair in the same settings and often the same words, which should
 * all raise self-harm, and accusations of fraud against the brand, which should all raise fraud. The "taught" files
 * are those keywords were written from (they flatter them); the "fresh" ones were written afterwards and never read
 * for tuning. Prints, per file, how many posts raised each flag, then every post that raised one.
 * Run: {@code mvn -P quality verify -pl bot -Dquality.main=FlagProbe}.
 */
public final class FlagProbe {

    private static final Path PROBES = Path.of("..", "triage", "src", "test", "resources", "probes");
    private static final List<String> PLAIN = List.of("short.txt", "churn.txt", "lockout.txt", "grateful.txt",
            "lookalikes.txt");
    private static final List<String> SELF_HARM = List.of("selfharm.txt", "selfharm_taught.txt", "selfharm_fresh.txt");
    private static final List<String> FRAUD = List.of("fraud_taught.txt", "fraud_fresh.txt");

    public static void main(String[] args) throws Exception {
        CarebotConfig config = new ConfigLoader(Map.of()).load(Path.of("..", "config", "carebot.yml"));
        try (TriageKit kit = TriageKit.build(config)) {
            for (String file : PLAIN) report(kit, file, "should raise none");
            for (String file : SELF_HARM) report(kit, file, "should all raise self-harm");
            for (String file : FRAUD) report(kit, file, "should all raise fraud");
        }
    }

    private static void report(TriageKit kit, String file, String expectation) throws Exception {
        List<String> posts = Files.readAllLines(PROBES.resolve(file)).stream().filter(p -> !p.isBlank()).toList();
        Map<SensitiveFlag, Integer> raised = new EnumMap<>(SensitiveFlag.class);
        StringBuilder flagged = new StringBuilder();
        int withAny = 0;
        for (int i = 0; i < posts.size(); i++) {
            Triage triage = kit.engine().triage(new Post("x", file + "-" + i,
                    new Author("probe-" + i, "@probe" + i, null, null, null), posts.get(i), null, null, null));
            triage.sensitive().forEach(flag -> raised.merge(flag, 1, Integer::sum));
            if (triage.sensitive().isEmpty()) continue;
            withAny++;
            flagged.append("  ").append(triage.priority()).append(' ').append(triage.sensitive().stream()
                    .map(SensitiveFlag::key).sorted().toList()).append("  ").append(posts.get(i)).append('\n');
        }
        System.out.printf("%s (%s): %d of %d posts raised a flag; by flag %s%n%s", file, expectation, withAny,
                posts.size(), raised.isEmpty() ? "{}" : raised.entrySet().stream()
                        .map(e -> e.getKey().key() + " " + e.getValue()).toList(), flagged);
    }
}
