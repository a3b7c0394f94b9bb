package org.carebot.bot.slack;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import org.carebot.bot.cards.CardActions;
import org.carebot.bot.cases.Actor;
import org.carebot.bot.cases.CaseCommands;
import org.carebot.bot.cases.Outcome;
import org.carebot.triage.SensitiveFlag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * Slack's side of Carebot: the buttons and selects on case cards and the {@code /care} command, registered on a Bolt
 * {@link App}. Bolt verifies every request's signature and timestamp before a handler runs. Handlers are thin: read
 * the action, call {@link CaseCommands}, ack. The card update and any refusal go out through the outbox.
 */
public final class SlackSurface {

    private static final Logger log = LoggerFactory.getLogger(SlackSurface.class);
    public static final String COMMAND = "/care";

    private final App app;
    private final CaseCommands commands;
    private final CareCommand careCommand;
    private final SlackCards cards = new SlackCards();

    public SlackSurface(AppConfig appConfig, CaseCommands commands, CareCommand careCommand) {
        this.app = new App(appConfig);
        this.commands = commands;
        this.careCommand = careCommand;
        app.blockAction(Pattern.compile("^" + Pattern.quote(CardActions.PREFIX) + ".+$"), this::onCaseAction);
        app.command(COMMAND, (req, ctx) -> {
            String text = req.getPayload().getText();
            if (!CareCommand.asksForHeld(text)) return ctx.ack(careCommand.answer(text));
            CareCommand.HeldAnswer answer = careCommand.held(req.getPayload().getChannelId(), text);
            if (answer.page().isEmpty()) return ctx.ack(answer.text());
            return ctx.ack(r -> r.responseType("ephemeral").text(answer.text())
                    .blocks(cards.renderDigest(answer.page().get())));
        });
        app.blockAction(CardActions.RESTORE_POST, (req, ctx) -> onPostAction(req, ctx, commands::restore));
        app.blockAction(CardActions.SPLIT_REPEAT, (req, ctx) -> onPostAction(req, ctx, commands::split));
    }

    public App app() {
        return app;
    }

    private Response onCaseAction(BlockActionRequest request, ActionContext context) {
        BlockActionPayload payload = request.getPayload();
        BlockActionPayload.Action action = payload.getActions().get(0);
        OptionalLong caseId = caseIdOf(action);
        String channel = channelOf(payload);
        if (caseId.isEmpty() || channel == null) {
            log.warn("Ignored Slack action {} without a case id or channel", action.getActionId());
            return context.ack();
        }
        Actor actor = new Actor(payload.getUser().getId(), channel);
        String selected = Optional.ofNullable(action.getSelectedOption()).map(o -> o.getValue()).orElse(null);
        Outcome outcome = switch (action.getActionId()) {
            case CardActions.CLAIM -> commands.claim(caseId.getAsLong(), actor);
            case CardActions.RESOLVE -> commands.resolve(caseId.getAsLong(), actor);
            case CardActions.BLOCK_AUTHOR -> commands.blockAuthor(caseId.getAsLong(), actor);
            case CardActions.UNBLOCK_AUTHOR -> commands.unblockAuthor(caseId.getAsLong(), actor);
            case CardActions.RETAG -> selected == null ? null : commands.retag(caseId.getAsLong(), actor, selected);
            case CardActions.ESCALATE -> selected == null ? null : commands.escalate(caseId.getAsLong(), actor, selected);
            case CardActions.SENSITIVE -> sensitive(caseId.getAsLong(), actor, selected);
            default -> null;
        };
        if (outcome == null) log.warn("Ignored Slack action {} on case {}", action.getActionId(), caseId.getAsLong());
        else log.info("Slack {} on case #{} by {}: {}", action.getActionId(), caseId.getAsLong(), actor.userId(),
                outcome.getClass().getSimpleName());
        return context.ack();
    }

    /** "+legal_threat" or "-legal_threat" from the card's select; anything else is ignored. */
    private Outcome sensitive(long caseId, Actor actor, String selected) {
        if (selected == null || selected.length() < 2 || (selected.charAt(0) != '+' && selected.charAt(0) != '-')) {
            return null;
        }
        try {
            return commands.sensitive(caseId, actor, SensitiveFlag.parse(selected.substring(1)), selected.charAt(0) == '+');
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A button whose value is a post id: Restore in a digest, "Not this issue" beside a repeat on a card. */
    private Response onPostAction(BlockActionRequest request, ActionContext context,
                                  BiFunction<Long, Actor, Outcome> command) {
        BlockActionPayload payload = request.getPayload();
        BlockActionPayload.Action action = payload.getActions().get(0);
        try {
            long postId = Long.parseLong(action.getValue());
            Outcome outcome = command.apply(postId, new Actor(payload.getUser().getId(), channelOf(payload)));
            log.info("Slack {} of post #{} by {}: {}", action.getActionId(), postId, payload.getUser().getId(),
                    outcome.getClass().getSimpleName());
        } catch (NumberFormatException e) {
            log.warn("Ignored Slack {} without a post id", action.getActionId());
        }
        return context.ack();
    }

    /** Buttons carry the case id as their value; selects find it in their block id. */
    static OptionalLong caseIdOf(BlockActionPayload.Action action) {
        String candidate = action.getValue();
        if (candidate == null && action.getBlockId() != null && action.getBlockId().startsWith(SlackCards.BLOCK_ID_PREFIX)) {
            candidate = action.getBlockId().substring(SlackCards.BLOCK_ID_PREFIX.length());
        }
        try {
            return candidate == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(candidate));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static String channelOf(BlockActionPayload payload) {
        if (payload.getChannel() != null) return payload.getChannel().getId();
        return payload.getContainer() == null ? null : payload.getContainer().getChannelId();
    }
}
