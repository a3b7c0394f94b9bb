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
import java.util.List;
import java.util.Map;

/**
 * The self-harm flag through the whole engine on posts two helpers wrote without seeing the dev set or the config:
 * customers thinking of leaving the service, locked out, or thanking Acme for recovered photos ({@code churn.txt},
 * {@code lockout.txt}, {@code grateful.txt}: none should raise it), and people in real despair in the same settings
 * and often the same words ({@code selfharm.txt}: all should). Prints each post with its verdict. Run:
 * {@code mvn -P quality verify -pl bot -Dquality.main=SelfHarmProbe}.
 */
public final class SelfHarmProbe {

    private static final Path PROBES = Path.of("..", "triage", "src", "test", "resources", "selfharm");

    public static void main(String[] args) throws Exception {
        CarebotConfig config = new ConfigLoader(Map.of()).load(Path.of("..", "config", "carebot.yml"));
        try (TriageKit kit = TriageKit.build(config)) {
            for (String file : List.of("churn.txt", "lockout.txt", "grateful.txt", "selfharm.txt")) {
                List<String> posts = Files.readAllLines(PROBES.resolve(file)).stream().filter(p -> !p.isBlank()).toList();
                StringBuilder lines = new StringBuilder();
                int flagged = 0;
                for (int i = 0; i < posts.size(); i++) {
                    Triage triage = kit.engine().triage(new Post("x", file + "-" + i,
                            new Author("probe-" + i, "@probe" + i, null, null, null), posts.get(i), null, null, null));
                    boolean selfHarm = triage.sensitive().contains(SensitiveFlag.SELF_HARM);
                    if (selfHarm) flagged++;
                    lines.append(selfHarm ? "  self-harm  " : "  -          ").append(triage.priority()).append("  ")
                            .append(posts.get(i)).append('\n');
                }
                System.out.printf("%s: self-harm raised on %d of %d posts%n%s", file, flagged, posts.size(), lines);
            }
        }
    }
}
