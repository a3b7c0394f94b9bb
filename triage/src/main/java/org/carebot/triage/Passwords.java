package org.carebot.triage;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Passwords posted after a word that names them, in five languages: "my password is Hunter2!", "senha do app:
 * 12345678", "login jane99 password Hunter2!". Part of {@link PersonalData}.
 */
final class Passwords {

    /**
     * "pass" after the name of another pass is that pass ("boarding pass: BA2490"), not "user: jsmith pass: ...". The
     * look back comes after "pass": before it, it ran at every position of every post (+50 µs a post).
     */
    private static final String PASSWORD_WORDS = "password|passwort|passwd|pwd|pw|passcode|kennwort|contrase[nñ]a"
            + "|clave|mot de passe|mdp|senha|pass(?<!(?:boarding|bus|train|rail|travel|season|day|week|month|annual|ski"
            + "|gym|festival|event|backstage|press|guest|visitor|parking|access|vip|hall)\\s{1,3}pass)";
    /**
     * "my password is Tr0ub4dor!", "senha do app: 12345678", "password's Hunter2", "password “Tr0ub4dor!”": a password
     * word, then a connecting word, a colon after up to two words, or quotes, then the secret. It must look like one (a
     * digit, a sign or mixed case), so "my password is wrong" is no secret. An emoji after it is the writer's, not the
     * secret's.
     */
    private static final Pattern PASSWORD = Pattern.compile("(?iu)(?<![\\p{L}])(?:" + PASSWORD_WORDS + "|pin)"
            + "(?![\\p{L}\\p{N}])"
            + "(?:(?:\\s++\\p{L}++){0,2}\\s*+[:=]|\\s*+(?:is|was|es|era|ist|war|lautet|est|c['’]est|[ée]tait|[ée]|foi)"
            + "(?![\\p{L}])\\s*+[:=]?|['’]s|(?=\\s*+[\"'“«]))\\s*+[\"'“«]?(?<secret>[^\\s\"'”»\\p{So}]{4,64})");
    /**
     * "login jane99 password Hunter2!": a password word and the secret with nothing between them. Without a connecting
     * word the secret must look like nothing else: letters, digits, and upper case or a sign
     * ({@link #looksUnlikeAWord}).
     */
    private static final Pattern PASSWORD_BARE = Pattern.compile("(?iu)(?<![\\p{L}])(?:" + PASSWORD_WORDS + ")"
            + "\\s++(?<secret>[^\\s\"'”»\\p{So}]{4,64})");
    /** "v2.3.1": a version, which has letters, digits and signs too. */
    private static final Pattern VERSION = Pattern.compile("(?i)v?\\d+(?:\\.\\d+)+[a-z]?");
    /**
     * "2FA-protected", "WiFi-related": a word made with one hyphen, which reads as a secret by its digit or capitals
     * (with more hyphens it is a passphrase: "correct-horse-battery-stapled").
     */
    private static final Pattern HYPHENATED_ADJECTIVE = Pattern.compile(
            "-(?:\\p{Ll}*(?:ed|ing|able|ible|ive|less)|free|only|like|based|proof|safe|friendly)$");

    private Passwords() {
    }

    /** The secrets in the text, as [start, end) offsets: only the secret is masked, not the word before it. */
    static List<PersonalData.Span> find(String text) {
        List<PersonalData.Span> secrets = new ArrayList<>();
        addSecrets(secrets, PASSWORD.matcher(text), Passwords::looksSecret);
        addSecrets(secrets, PASSWORD_BARE.matcher(text), Passwords::looksUnlikeAWord);
        return secrets;
    }

    private static void addSecrets(List<PersonalData.Span> secrets, Matcher password, Predicate<String> secretLike) {
        while (password.find()) {
            String secret = withoutUnopenedBracket(password.group("secret"));
            if (secretLike.test(secret)) {
                int start = password.start("secret");
                secrets.add(new PersonalData.Span("password", start, start + secret.length()));
            }
        }
    }

    /** Letters and digits, and upper case or a sign: "Hunter2!", "Winter2024", never a word of a sentence. */
    static boolean looksUnlikeAWord(String candidate) {
        String secret = trimTrailingPunctuation(candidate);
        if (!looksSecret(secret) || VERSION.matcher(secret).matches()) return false;
        boolean letter = secret.chars().anyMatch(Character::isLetter);
        boolean digit = secret.chars().anyMatch(Character::isDigit);
        boolean upperOrSign = secret.chars().anyMatch(c -> Character.isUpperCase(c) || !Character.isLetterOrDigit(c));
        return letter && digit && upperOrSign;
    }

    /**
     * A digit, a sign, or upper case after the first letter: what a chosen secret has and a plain word has not. The
     * sentence's own punctuation after it does not count (but is masked with it: it may be part of the secret).
     */
    static boolean looksSecret(String candidate) {
        String secret = trimTrailingPunctuation(candidate);
        if (secret.length() < 4 || secret.chars().allMatch(c -> c == '*')) return false;
        String lower = secret.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("www.")) return false;
        if (secret.indexOf('-') == secret.lastIndexOf('-') && HYPHENATED_ADJECTIVE.matcher(secret).find()) return false;
        boolean digit = false;
        boolean sign = false;
        boolean innerUpper = false;
        int joiners = 0;
        for (int i = 0; i < secret.length(); i++) {
            char c = secret.charAt(i);
            if (Character.isDigit(c)) digit = true;
            else if (c == '-' || c == '/') joiners++;
            else if (!Character.isLetter(c)) sign = true;
            else if (i > 0 && Character.isUpperCase(c)) innerUpper = true;
        }
        // One hyphen or slash joins two words ("case-sensitive", "expired/locked"); a passphrase has more.
        return digit || sign || innerUpper || joiners >= 2;
    }

    /** "(password: Hunter2!)": the closing bracket is the sentence's, unless the secret opened one itself. */
    private static String withoutUnopenedBracket(String secret) {
        if (secret.endsWith(")") && !secret.contains("(")) return secret.substring(0, secret.length() - 1);
        return secret;
    }

    private static String trimTrailingPunctuation(String text) {
        return text.replaceAll("[.,;:!?)]+$", "");
    }
}
