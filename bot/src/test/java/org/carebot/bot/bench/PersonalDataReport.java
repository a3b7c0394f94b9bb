package org.carebot.bot.bench;

import org.carebot.bot.config.CarebotConfig;
import org.carebot.bot.config.ConfigLoader;
import org.carebot.bot.config.TriageSetup;
import org.carebot.triage.PersonalData;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Personal-data detection on the probe posts in {@code triage/src/test/resources/personaldata/probe.txt}, with the
 * shipped config's phone and national-id regions: how many posts with personal data were masked whole, in part or not
 * at all, or beyond their personal data, and how many posts without any were left alone; then every post that was
 * not. Run:
 * {@code mvn -P quality verify -pl bot -Dquality.main=PersonalDataReport}.
 */
public final class PersonalDataReport {

    private static final Path PROBE = Path.of("..", "triage", "src", "test", "resources", "personaldata", "probe.txt");

    /** One probe post: personal data expected in it (kind and text), and whether that is a case of judgment. */
    private record Probe(String id, boolean hasPersonalData, List<Expected> expected, String text) {
    }

    private record Expected(String kind, String text, boolean judgment) {
    }

    public static void main(String[] args) throws Exception {
        CarebotConfig config = new ConfigLoader(Map.of()).load(Path.of("..", "config", "carebot.yml"));
        PersonalData personalData = TriageSetup.personalData(config);
        List<Probe> probes = read(PROBE);
        int withData = 0;
        int whole = 0;
        int partly = 0;
        int withoutData = 0;
        int leftAlone = 0;
        int overMasked = 0;
        List<String> faults = new ArrayList<>();
        for (Probe probe : probes) {
            List<PersonalData.Span> spans = personalData.find(probe.text());
            String masked = personalData.mask(probe.text());
            if (probe.hasPersonalData()) {
                List<Expected> counted = probe.expected().stream().filter(e -> !e.judgment()).toList();
                if (counted.isEmpty()) continue;
                withData++;
                int covered = 0;
                boolean[] personal = new boolean[probe.text().length()];
                for (Expected expected : probe.expected()) {
                    int at = probe.text().indexOf(expected.text());
                    if (at >= 0) java.util.Arrays.fill(personal, at, at + expected.text().length(), true);
                }
                for (Expected expected : counted) {
                    int start = probe.text().indexOf(expected.text());
                    if (start < 0) {
                        throw new IllegalArgumentException(probe.id() + ": \"" + expected.text() + "\" is not in its post");
                    }
                    int end = start + expected.text().length();
                    boolean all = true;
                    boolean any = false;
                    for (int i = start; i < end; i++) {
                        int at = i;
                        boolean inSpan = spans.stream().anyMatch(s -> s.start() <= at && at < s.end());
                        if (Character.isWhitespace(probe.text().charAt(i))) continue;
                        all &= inSpan;
                        any |= inSpan;
                    }
                    if (all) covered++;
                    else if (any) partly++;
                }
                if (covered == counted.size()) whole++;
                else faults.add(probe.id() + " missed: " + probe.text() + "  ->  " + masked);
                if (masksMore(spans, personal, probe.text())) {
                    overMasked++;
                    faults.add(probe.id() + " masked more than its personal data: " + probe.text() + "  ->  " + masked);
                }
            } else if (probe.expected().isEmpty()) {
                withoutData++;
                if (spans.isEmpty()) leftAlone++;
                else faults.add(probe.id() + " false alarm: " + probe.text() + "  ->  " + masked);
            }
        }
        System.out.printf(Locale.ROOT, "Personal data on %d probe posts (%s)%n", probes.size(), PROBE.normalize());
        System.out.printf(Locale.ROOT, "  with personal data: %d of %d masked whole (%d items masked only in part); %d "
                + "masked more than their personal data%n", whole, withData, partly, overMasked);
        System.out.printf(Locale.ROOT, "  without: %d of %d left alone%n", leftAlone, withoutData);
        faults.forEach(fault -> System.out.println("  " + fault));
    }

    /** Whether a span hides a letter or digit that is no part of the post's personal data. */
    private static boolean masksMore(List<PersonalData.Span> spans, boolean[] personal, String text) {
        for (PersonalData.Span span : spans) {
            for (int i = span.start(); i < span.end(); i++) {
                if (!personal[i] && Character.isLetterOrDigit(text.charAt(i))) return true;
            }
        }
        return false;
    }

    private static List<Probe> read(Path file) throws Exception {
        List<Probe> probes = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] fields = line.split("\\|\\|\\|", 4);
            if (fields.length != 4) throw new IllegalArgumentException("not ID|||GROUP|||EXPECTED|||POST: " + line);
            List<Expected> expected = new ArrayList<>();
            if (!fields[2].equals("-")) {
                for (String item : fields[2].split(" ;; ")) {
                    int equals = item.indexOf('=');
                    String kind = item.substring(0, equals);
                    expected.add(new Expected(kind.replace("?", ""), item.substring(equals + 1), kind.endsWith("?")));
                }
            }
            probes.add(new Probe(fields[0], fields[1].startsWith("A"), expected, fields[3].replace("\\n", "\n")));
        }
        return probes;
    }
}
