package org.carebot.bot.slack;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.OptionObject;
import com.slack.api.model.block.composition.TextObject;
import com.slack.api.model.block.element.BlockElement;
import org.carebot.bot.cards.Card;
import org.carebot.bot.cards.CardAction;
import org.carebot.bot.cards.CardFactory;

import java.util.ArrayList;
import java.util.List;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.option;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;
import static com.slack.api.model.block.element.BlockElements.staticSelect;

/** Renders our {@link Card} as Slack Block Kit. The only place that knows Slack's card format. */
public final class SlackCards {

    /** Block id of the actions block; the case id in it identifies the case for selects. */
    static final String BLOCK_ID_PREFIX = "case:";
    static final int MAX_TEXT = 2900;

    public List<LayoutBlock> render(Card card) {
        List<LayoutBlock> blocks = new ArrayList<>();
        if (card.banner() != null) {
            blocks.add(section(s -> s.text(markdownText(":arrow_right: *" + escape(card.banner()) + "*"))));
        }
        blocks.add(section(s -> s.text(markdownText("*" + escape(card.headline()) + "*"))));
        if (card.tally() != null) {
            blocks.add(context(c -> c.elements(List.of(markdownText(":busts_in_silhouette: *" + escape(card.tally()) + "*")))));
        }
        for (Card.Repeat repeat : card.repeats()) blocks.add(repeatBlock(repeat));
        String quote = "> " + escape(card.quote()).replace("\n", "\n> ");
        if (card.link() != null) quote += "\n<" + card.link() + "|Open the original post>";
        String quoteText = truncate(quote);
        blocks.add(section(s -> s.text(markdownText(quoteText))));

        List<TextObject> fields = new ArrayList<>();
        for (Card.Field field : card.fields()) {
            fields.add(markdownText(truncate("*" + escape(field.label()) + "*\n" + escape(field.value()))));
        }
        if (card.owner() != null) fields.add(markdownText("*Owner*\n" + mention(card.owner())));
        for (int from = 0; from < fields.size(); from += 10) {
            List<TextObject> chunk = fields.subList(from, Math.min(fields.size(), from + 10));
            blocks.add(section(s -> s.fields(new ArrayList<>(chunk))));
        }

        if (!card.notes().isEmpty()) {
            List<String> lines = card.notes().stream()
                    .map(note -> mention(note.actor()) + " " + escape(note.text()) + " · " + CardFactory.formatTime(note.at()))
                    .toList();
            String history = truncate(String.join("\n", lines));
            blocks.add(context(c -> c.elements(List.of(markdownText(history)))));
        }

        List<BlockElement> elements = new ArrayList<>();
        String caseId = Long.toString(card.caseId());
        for (CardAction action : card.actions()) {
            if (action instanceof CardAction.Button b) {
                elements.add(button(x -> {
                    x.actionId(b.actionId()).text(plainText(b.label())).value(caseId);
                    if (b.style() == CardAction.Style.PRIMARY) x.style("primary");
                    if (b.style() == CardAction.Style.DANGER) x.style("danger");
                    return x;
                }));
            } else if (action instanceof CardAction.Select select && !select.options().isEmpty()) {
                List<OptionObject> options = select.options().stream()
                        .map(o -> option(plainText(o.label()), o.value())).toList();
                elements.add(staticSelect(x -> x.actionId(select.actionId())
                        .placeholder(plainText(select.placeholder())).options(options)));
            }
        }
        if (!elements.isEmpty()) blocks.add(actions(a -> a.blockId(BLOCK_ID_PREFIX + caseId).elements(elements)));
        return blocks;
    }

    /** One repeat under the tally: where it came from, how it matched, its words; a split button if offered. */
    private static LayoutBlock repeatBlock(Card.Repeat repeat) {
        String text = truncate("_" + escape(repeat.source()) + " · " + escape(repeat.how()) + "_: "
                + escape(shorten(repeat.quote())));
        if (!repeat.splittable()) return context(c -> c.elements(List.of(markdownText(text))));
        return section(s -> s.text(markdownText(text)).accessory(button(b -> b
                .actionId(org.carebot.bot.cards.CardActions.SPLIT_REPEAT).text(plainText("Not this issue"))
                .value(Long.toString(repeat.postId())))));
    }

    /** A repeat's or a held-back post's words on one line: they only need recognising, the card links the post. */
    private static String shorten(String text) {
        String line = text.replaceAll("\\s+", " ").strip();
        if (line.codePointCount(0, line.length()) <= 200) return line;
        return line.substring(0, line.offsetByCodePoints(0, 199)) + "…";
    }

    /**
     * A page of a queue's held-back posts (the daily digest is the first): one line per post, each with a Restore
     * button whose value is the post id, and where older ones remain, the command that lists them.
     */
    public List<LayoutBlock> renderDigest(org.carebot.bot.digest.Digest digest) {
        List<LayoutBlock> blocks = new ArrayList<>();
        String range = digest.lines().size() == digest.total() ? ""
                : digest.skipped() == 0 ? " (the latest " + digest.lines().size() + " below)"
                : " (" + (digest.skipped() + 1) + " to " + (digest.skipped() + digest.lines().size()) + " below)";
        blocks.add(section(s -> s.text(markdownText("*" + escape(digest.summary()) + "*" + range))));
        for (org.carebot.bot.digest.Digest.Line line : digest.lines()) {
            String text = truncate("*" + escape(line.source()) + "* · _" + escape(line.why()) + "_\n> "
                    + escape(shorten(line.text())));
            blocks.add(section(s -> s.text(markdownText(text)).accessory(button(b -> b
                    .actionId(org.carebot.bot.cards.CardActions.RESTORE_POST).text(plainText("Restore"))
                    .value(Long.toString(line.postId()))))));
        }
        if (digest.more()) {
            blocks.add(context(c -> c.elements(List.of(markdownText("Older ones: `" + SlackSurface.COMMAND + " held "
                    + digest.nextPage() + "` in this channel lists the next " + org.carebot.bot.digest.DigestViews.LINES
                    + " of the last " + org.carebot.bot.digest.DigestViews.describe(
                    org.carebot.bot.digest.DigestViews.HELD_PERIOD) + ".")))));
        }
        return blocks;
    }

    /** The plain text Slack shows in notifications and where blocks cannot be shown. */
    public String fallbackText(Card card) {
        return (card.banner() == null ? "" : card.banner() + ": ") + card.headline();
    }

    private static String mention(String actor) {
        return actor.matches("[UW][A-Z0-9]{2,}") ? "<@" + actor + ">" : escape(actor);
    }

    /** Slack mrkdwn needs only these three escaped. */
    static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /**
     * At most {@link #MAX_TEXT} characters, cut on a whole character (not between the halves of an emoji) and outside an
     * escape such as {@code &amp;} (the text is escaped before it is cut).
     */
    static String truncate(String text) {
        if (text.length() <= MAX_TEXT) return text;
        int end = MAX_TEXT - 1;
        if (Character.isLowSurrogate(text.charAt(end))) end--;
        int ampersand = text.lastIndexOf('&', end - 1);
        if (ampersand >= 0 && ampersand >= end - "&amp;".length() && text.indexOf(';', ampersand) >= end) end = ampersand;
        return text.substring(0, end) + "…";
    }
}
