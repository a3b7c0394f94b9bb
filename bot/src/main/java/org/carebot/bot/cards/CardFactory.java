package org.carebot.bot.cards;

import org.carebot.bot.cases.Case;
import org.carebot.bot.cases.CaseEvent;
import org.carebot.bot.cases.CaseState;
import org.carebot.bot.config.CarebotConfig;
import org.carebot.bot.store.ClusterStore;
import org.carebot.triage.Duplicates;
import org.carebot.triage.PersonalData;
import org.carebot.triage.Post;
import org.carebot.triage.SensitiveFlag;
import org.carebot.triage.Triage;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Builds the platform-neutral card of a case for the role its card plays in one channel. */
public final class CardFactory {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final int MAX_NOTES = 6;

    private final CarebotConfig config;
    private final PersonalData personalData;

    public CardFactory(CarebotConfig config, PersonalData personalData) {
        this.config = config;
        this.personalData = personalData;
    }

    /** Everything a card shows; {@code latestRepeats} newest first, at most {@link #REPEATS_SHOWN}. */
    public record CaseView(Case kase, Post post, Triage triage, List<CaseEvent> events, ClusterStore.Tally tally,
                           List<RepeatView> latestRepeats, java.util.Optional<StormView> storm, boolean authorBlocked) {
    }

    /** A post that joined the case as a repeat, and how it matched. */
    public record RepeatView(long postId, Post post, Duplicates.Match match) {
    }

    /** The latest repeats a card lists, each with a way to split it off when it is not the same issue. */
    public static final int REPEATS_SHOWN = 3;

    /** A storm this case anchors: its intent and the posts per platform within the window. */
    public record StormView(String intent, java.util.Map<String, Integer> perPlatform, java.time.Duration window) {
        int total() {
            return perPlatform.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    public Card build(CaseView view, CardRole role) {
        Case kase = view.kase();
        Post post = view.post();
        Triage triage = view.triage();
        String queueName = config.queue(kase.queue()).map(CarebotConfig.QueueConfig::name).orElse(kase.queue());
        String headline = kase.priority() + " · " + kase.intent().replace('_', ' ') + " · " + platformName(post.platform())
                + " · " + post.author().display();

        List<Card.Field> fields = new ArrayList<>();
        fields.add(new Card.Field("Priority", kase.priority() + ": " + String.join(" · ", triage.reasons())));
        fields.add(new Card.Field("Intent", kase.intent() + confidence(kase, triage)));
        fields.add(new Card.Field("Queue", queueName));
        fields.add(new Card.Field("State", kase.state().key()));
        fields.add(new Card.Field("Author", authorText(post)));
        fields.add(new Card.Field("Language", triage.language()));
        fields.add(new Card.Field("Sentiment", triage.tone().sentiment().key() + (triage.tone().sarcasm() ? ", sarcastic" : "")));
        if (kase.state().isOpen()) {
            fields.add(new Card.Field("First response due", TIME.format(kase.firstResponseDue())));
        }
        if (!triage.sensitive().isEmpty()) {
            fields.add(new Card.Field("Needs approval", triage.sensitive().stream().map(SensitiveFlag::key)
                    .sorted().map(k -> k.replace('_', ' ')).collect(Collectors.joining(", "))));
        }
        fields.add(new Card.Field("Case", "#" + kase.id()));

        String banner = role == CardRole.INCIDENT && view.storm().isPresent()
                ? stormBanner(view.storm().get(), kase, queueName) : banner(kase, role, queueName);
        // The working card of the case a storm is anchored on shows the storm too, unless it has more pressing news.
        if (banner == null && role.worked() && view.storm().isPresent()) {
            banner = stormBanner(view.storm().get(), kase, queueName);
        }
        return new Card(kase.id(), headline, banner, tally(view.tally(), kase.openedAt(), post.platform()),
                repeats(view.latestRepeats(), kase, role), personalData.mask(post.text()), post.url(), fields,
                kase.assignee(), notes(view.events()), actions(kase, triage, role, view.authorBlocked()));
    }

    /** The latest repeats, masked like the post; the owner's card of an open case can split each off. */
    private List<Card.Repeat> repeats(List<RepeatView> latest, Case kase, CardRole role) {
        boolean splittable = kase.state().isOpen() && role == CardRole.OWNER;
        return latest.stream().limit(REPEATS_SHOWN)
                .map(repeat -> new Card.Repeat(repeat.postId(), platformName(repeat.post().platform()) + " · "
                        + repeat.post().author().display(), personalData.mask(repeat.post().text()),
                        repeat.match().describe(), splittable))
                .toList();
    }

    /**
     * "+37 similar in 14 min · Discord, Instagram, X": the repeats since the case opened, up to the latest; null before
     * the first repeat.
     */
    static String tally(ClusterStore.Tally tally, Instant opened, String ownPlatform) {
        if (tally.repeats() == 0) return null;
        java.util.Set<String> platforms = new java.util.TreeSet<>(tally.platforms());
        platforms.add(ownPlatform);
        long seconds = Duration.between(opened.isBefore(tally.first()) ? opened : tally.first(), tally.last()).toSeconds();
        long minutes = Math.max(1, (long) Math.ceil(seconds / 60.0));
        return "+" + tally.repeats() + " similar in " + minutes + " min · "
                + platforms.stream().map(CardFactory::platformName).collect(Collectors.joining(", "));
    }

    /** "Storm: 37 posts in 10 min · X 20, Telegram 10 · worked in Tech support as case #12". */
    static String stormBanner(StormView storm, Case kase, String queueName) {
        String platforms = storm.perPlatform().entrySet().stream()
                .map(e -> platformName(e.getKey()) + " " + e.getValue()).collect(Collectors.joining(", "));
        return "Storm: " + storm.total() + " " + storm.intent().replace('_', ' ') + " posts in "
                + storm.window().toMinutes() + " min · " + platforms + " · worked in " + queueName + " as case #" + kase.id();
    }

    private String banner(Case kase, CardRole role, String queueName) {
        if (role == CardRole.MOVED) return "Moved to " + queueName + " (this card is no longer worked here)";
        if (role == CardRole.NOTIFIED) return "For your information: owned by " + queueName;
        if (kase.state() == CaseState.RESOLVED) return "Resolved";
        if (role == CardRole.ESCALATED) {
            return "Escalated here from " + queueName;
        }
        if (kase.state() == CaseState.ESCALATED) {
            return "Escalated to " + config.escalationTarget(kase.escalatedTo())
                    .map(CarebotConfig.EscalationTarget::name).orElse(kase.escalatedTo());
        }
        return null;
    }

    private List<CardAction> actions(Case kase, Triage triage, CardRole role, boolean authorBlocked) {
        Optional<CardAction> unblock = authorBlocked && role == CardRole.OWNER
                ? Optional.of(new CardAction.Button(CardActions.UNBLOCK_AUTHOR, "Unblock author", CardAction.Style.DEFAULT))
                : Optional.empty();
        // A resolved case's card keeps only a way to undo its author's block: cases are often blocked, then resolved.
        if (!kase.state().isOpen()) return unblock.map(List::of).orElse(List.of());
        if (role == CardRole.MOVED || role == CardRole.NOTIFIED || role == CardRole.INCIDENT) return List.of();
        List<CardAction> actions = new ArrayList<>();
        actions.add(new CardAction.Button(CardActions.CLAIM, "Claim", CardAction.Style.PRIMARY));
        if (role == CardRole.OWNER) {
            actions.add(new CardAction.Select(CardActions.RETAG, "Retag", config.intentNames().stream()
                    .filter(name -> !name.equals(kase.intent()))
                    .map(name -> new CardAction.Option(name.replace('_', ' '), name)).toList()));
            actions.add(new CardAction.Select(CardActions.SENSITIVE, "Sensitive?", sensitiveOptions(triage)));
            actions.add(new CardAction.Select(CardActions.ESCALATE, "Escalate", config.escalationTargets().stream()
                    .filter(target -> !target.id().equals(kase.escalatedTo()))
                    .map(target -> new CardAction.Option(target.name(), target.id())).toList()));
        }
        actions.add(new CardAction.Button(CardActions.RESOLVE, "Resolve", CardAction.Style.DEFAULT));
        if (role == CardRole.OWNER) {
            actions.add(unblock.orElseGet(
                    () -> new CardAction.Button(CardActions.BLOCK_AUTHOR, "Block author", CardAction.Style.DANGER)));
        }
        return actions;
    }

    /**
     * Per flag learned from examples (not personal data, which patterns find): "not legal threat" when the post has
     * it, "legal threat" when it does not. The value says which: {@code -legal_threat} or {@code +legal_threat}.
     */
    private static List<CardAction.Option> sensitiveOptions(Triage triage) {
        List<CardAction.Option> options = new ArrayList<>();
        for (SensitiveFlag flag : SensitiveFlag.values()) {
            if (flag == SensitiveFlag.PERSONAL_DATA) continue;
            boolean flagged = triage.sensitive().contains(flag);
            String name = flag.key().replace('_', ' ');
            options.add(new CardAction.Option(flagged ? "not " + name : name, (flagged ? "-" : "+") + flag.key()));
        }
        return options;
    }

    private List<Card.Note> notes(List<CaseEvent> events) {
        List<Card.Note> notes = events.stream()
                .filter(event -> !event.action().equals("action_refused") && !event.action().equals("post_joined"))
                .map(event -> new Card.Note(event.actor(), describe(event), event.occurredAt()))
                .toList();
        return notes.size() <= MAX_NOTES ? notes : notes.subList(notes.size() - MAX_NOTES, notes.size());
    }

    private String describe(CaseEvent event) {
        String detail = event.detail() == null ? "" : event.detail();
        return switch (event.action()) {
            case "case_opened" -> "opened the case (" + detail + ")";
            case "claimed" -> "claimed it";
            case "retagged" -> "retagged it: " + detail;
            case "escalated" -> "escalated it to " + detail;
            case "resolved" -> "resolved it";
            case "action_refused" -> "was refused: " + detail;
            case "post_edited" -> "edited the post";
            case "storm_detected" -> "detected a storm: " + detail;
            case "author_blocked" -> "blocked the author: " + detail;
            case "author_unblocked" -> "unblocked the author: " + detail;
            case "restored" -> "restored it from the digest (" + detail + ")";
            case "repeat_split" -> "said a repeat is another issue: " + detail;
            case "split_off" -> "split it off as its own case: " + detail;
            case "priority_raised" -> "raised the priority: " + detail;
            case "flag_added" -> "flagged it: " + detail;
            case "flag_cleared" -> "said it is not " + detail;
            default -> event.action().replace('_', ' ') + (detail.isEmpty() ? "" : ": " + detail);
        };
    }

    private static String confidence(Case kase, Triage triage) {
        if (!kase.intent().equals(triage.intent())) return " (retagged by a person)";
        return String.format(Locale.ROOT, " (%.0f%% sure)", triage.intentConfidence() * 100);
    }

    private static String authorText(Post post) {
        StringBuilder text = new StringBuilder(post.author().display());
        if (post.author().followers() != null) {
            text.append(" · ").append(String.format(Locale.ROOT, "%,d", post.author().followers())).append(" followers");
        }
        if (post.author().isVerified()) text.append(" · verified");
        return text.toString();
    }

    static String platformName(String platform) {
        return switch (platform) {
            case "x" -> "X";
            case "tiktok" -> "TikTok";
            case "whatsapp" -> "WhatsApp";
            default -> platform.isEmpty() ? platform : Character.toUpperCase(platform.charAt(0)) + platform.substring(1);
        };
    }

    public static String formatTime(Instant instant) {
        return TIME.format(instant);
    }
}
