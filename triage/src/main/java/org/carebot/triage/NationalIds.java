package org.carebot.triage;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * National identity numbers by region, each found by its written shape and confirmed by its check digits where it has
 * them, so order numbers and dates rarely pass: US Social Security numbers, UK National Insurance numbers, Spanish DNI
 * and NIE, French social security numbers (NIR) and Brazilian CPF.
 */
final class NationalIds {

    /**
     * One region's id: how it is written, and the check a match must pass. Where people also write it in a looser way
     * that other numbers share, {@code namedShape} counts only right after the id's own name ({@code name}).
     */
    private record IdFormat(Pattern shape, Predicate<String> valid, Pattern name, Pattern namedShape) {
        IdFormat(Pattern shape, Predicate<String> valid) {
            this(shape, valid, null, null);
        }
    }

    /** The words between an id's name and the id: "my SSN is", "DNI nº", "social security number:". */
    private static final String AFTER_NAME = "(?:\\W{1,3}(?:number|n[uú]mero|no|nr|n[º°]|#))?"
            + "(?:\\s*+(?:is|was|es|era|:))?\\W{0,3}$";

    private static final Map<String, IdFormat> FORMATS = Map.of(
            // Written with dashes or spaces, or after its name as 9 digits ("social is 536221234"); area 000, 666 and
            // 900-999, group 00 and serial 0000 are never issued.
            "US", new IdFormat(Pattern.compile("(?<![\\d-])(?!000|666|9\\d\\d)\\d{3}([- ])(?!00)\\d{2}\\1(?!0000)\\d{4}(?![\\d-])"),
                    id -> true,
                    Pattern.compile("(?i)(?<![a-z])(?:ssn|social security|social)" + AFTER_NAME),
                    Pattern.compile("(?<![\\d-])(?!000|666|9\\d\\d)\\d{3}(?!00)\\d{2}(?!0000)\\d{4}(?![\\d-])")),
            "GB", new IdFormat(Pattern.compile("(?i)(?<![A-Z0-9])(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]"
                    + " ?\\d{2} ?\\d{2} ?\\d{2} ?[A-D](?![A-Z0-9])"),
                    id -> true),
            // "12345678Z", "48.213.377-H", "Z-4455667-C". A lower-case letter after a space is a word ("pedido
            // 48213342 y nada"), except right after the id's name ("dni 48213377 h").
            "ES", new IdFormat(Pattern.compile("(?<![A-Za-z0-9.])(?:[XYZxyz]-?)?(?:\\d{7,8}|\\d{1,2}\\.\\d{3}\\.\\d{3})"
                    + "(?:[- ]?[A-Z]|-?[a-z])(?![A-Za-z0-9])"), NationalIds::spanishLetterValid,
                    Pattern.compile("(?iu)(?<![\\p{L}])(?:dni|nie|nif|documento de identidad)" + AFTER_NAME),
                    Pattern.compile("(?<![A-Za-z0-9.])(?:[XYZxyz]-?)?\\d{7,8} [a-z](?![A-Za-z0-9])")),
            "FR", new IdFormat(Pattern.compile(
                    "(?<![\\d])[12] ?\\d{2} ?\\d{2} ?(?:\\d{2}|2[AaBb]) ?\\d{3} ?\\d{3} ?\\d{2}(?![\\d])"),
                    NationalIds::nirKeyValid),
            // "529.982.247-25", "52998224725", "987 654 321 00".
            "BR", new IdFormat(Pattern.compile("(?<![\\d.])\\d{3}([. ]?)\\d{3}\\1\\d{3}[-. ]?\\d{2}(?![\\d])"),
                    NationalIds::cpfValid));

    static final Set<String> SUPPORTED_REGIONS = FORMATS.keySet();

    private final List<IdFormat> formats;

    NationalIds(List<String> regions) {
        this.formats = regions.stream().map(r -> r.toUpperCase(Locale.ROOT)).filter(FORMATS::containsKey)
                .distinct().map(FORMATS::get).toList();
    }

    /** [start, end) of each id found. */
    List<int[]> find(String text) {
        List<int[]> found = new ArrayList<>();
        for (IdFormat format : formats) {
            Matcher matcher = format.shape().matcher(text);
            while (matcher.find()) {
                if (format.valid().test(matcher.group())) found.add(new int[]{matcher.start(), matcher.end()});
            }
            if (format.namedShape() == null) continue;
            Matcher named = format.namedShape().matcher(text);
            while (named.find()) {
                if (format.valid().test(named.group()) && NumberContext.namedBy(format.name(), text, named.start())) {
                    found.add(new int[]{named.start(), named.end()});
                }
            }
        }
        return found;
    }

    /** DNI: 8 digits and the letter of their remainder by 23; NIE: X, Y or Z (0, 1, 2) and 7 digits, the same way. */
    static boolean spanishLetterValid(String candidate) {
        String id = candidate.replaceAll("[-. ]", "").toUpperCase(Locale.ROOT);
        if (id.length() != 9) return false;
        char first = id.charAt(0);
        String digits = first == 'X' || first == 'Y' || first == 'Z' ? (first - 'X') + id.substring(1, 8)
                : id.substring(0, 8);
        return "TRWAGMYFPDXBNJZSQVHLCKE".charAt((int) (Long.parseLong(digits) % 23)) == id.charAt(8);
    }

    /** NIR: 13 digits (Corsica's 2A and 2B count as 19 and 18) and a key of 97 minus their remainder by 97. */
    static boolean nirKeyValid(String candidate) {
        String id = candidate.replace(" ", "").toUpperCase(Locale.ROOT);
        if (id.length() != 15) return false;
        String body = id.substring(0, 13);
        long number;
        if (body.contains("2A")) number = Long.parseLong(body.replace("2A", "19")) - 1_000_000;
        else if (body.contains("2B")) number = Long.parseLong(body.replace("2B", "18")) - 2_000_000;
        else number = Long.parseLong(body);
        return 97 - number % 97 == Integer.parseInt(id.substring(13));
    }

    /** CPF: 9 digits and two check digits, each the weighted sum's remainder by 11; one repeated digit is invalid. */
    static boolean cpfValid(String candidate) {
        String id = candidate.replaceAll("[-. ]", "");
        if (id.length() != 11 || id.chars().distinct().count() == 1) return false;
        for (int check = 9; check <= 10; check++) {
            int sum = 0;
            for (int i = 0; i < check; i++) sum += (id.charAt(i) - '0') * (check + 1 - i);
            int digit = sum * 10 % 11 % 10;
            if (digit != id.charAt(check) - '0') return false;
        }
        return true;
    }
}
