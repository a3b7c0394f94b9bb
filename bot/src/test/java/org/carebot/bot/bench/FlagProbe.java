package org.carebot.bot.bench;

import org.carebot.bot.config.CarebotConfig;
import org.carebot.bot.config.ConfigLoader;
import org.carebot.bot.intake.TriageKit;
import org.carebot.triage.Author;
import org.carebot.triage.Post;
import org.carebot.triage.SensitiveFlag;
import org.carebot.triage.Triage;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Sensitive flags through the whole engine on the {@link Probes}: posts helpers wrote without seeing the dev set or the
 * config. Prints, per file, how many posts raised each flag, then every post that raised one.
 * Run: {@code mvn -P quality verify -pl bot -Dquality.main=FlagProbe}.
 */
public final class FlagProbe {

    public static void main(String[] args) throws Exception {
        CarebotConfig config = new ConfigLoader(Map.of()).load(Path.of("..", "config", "carebot.yml"));
        try (TriageKit kit = TriageKit.build(config)) {
            for (Probes.ProbeFile file : Probes.ALL) report(kit, file);
        }
    }

    private static void report(TriageKit kit, Probes.ProbeFile file) throws Exception {
        List<String> posts = file.posts();
        Map<SensitiveFlag, Integer> raised = new EnumMap<>(SensitiveFlag.class);
        StringBuilder flagged = new StringBuilder();
        int withAny = 0;
        int[] asExpectedByHalf = new int[2];  // even lines, odd lines
        for (int i = 0; i < posts.size(); i++) {
            Triage triage = kit.engine().triage(new Post("x", file.name() + "-" + i,
                    new Author("probe-" + i, "@probe" + i, null, null, null), posts.get(i), null, null, null));
            triage.sensitive().forEach(flag -> raised.merge(flag, 1, Integer::sum));
            boolean asExpected = file.flag().map(triage.sensitive()::contains).orElse(triage.sensitive().isEmpty());
            if (asExpected) asExpectedByHalf[i % 2]++;
            if (triage.sensitive().isEmpty()) continue;
            withAny++;
            flagged.append("  ").append(triage.priority()).append(' ').append(triage.sensitive().stream()
                    .map(SensitiveFlag::key).sorted().toList()).append("  ").append(posts.get(i)).append('\n');
        }
        System.out.printf("%s (%s): %d of %d posts raised a flag; by flag %s; as expected on even lines %d of %d, "
                        + "odd lines %d of %d%n%s", file.name(), file.expectation(), withAny, posts.size(),
                raised.isEmpty() ? "{}" : raised.entrySet().stream().map(e -> e.getKey().key() + " " + e.getValue())
                        .toList(), asExpectedByHalf[0], (posts.size() + 1) / 2, asExpectedByHalf[1], posts.size() / 2,
                flagged);
    }
}
