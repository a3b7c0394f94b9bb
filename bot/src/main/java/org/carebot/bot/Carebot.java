package org.carebot.bot;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.AppConfig;
import com.slack.api.methods.MethodsClient;
import io.javalin.Javalin;
import io.javalin.http.Handler;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.carebot.bot.cards.CardFactory;
import org.carebot.bot.cards.CardRequests;
import org.carebot.bot.cards.CaseViews;
import org.carebot.bot.cases.CaseCommands;
import org.carebot.bot.cases.ClusterGrowth;
import org.carebot.bot.cases.CaseOpener;
import org.carebot.bot.cases.ClusterQuality;
import org.carebot.bot.cases.CaseRoutes;
import org.carebot.bot.cases.QueueStats;
import org.carebot.bot.cases.FlagQuality;
import org.carebot.bot.cases.RetagQuality;
import org.carebot.bot.cases.RolePolicy;
import org.carebot.bot.cases.UserGroups;
import org.carebot.bot.config.CarebotConfig;
import org.carebot.bot.digest.DigestScheduler;
import org.carebot.bot.digest.DigestStore;
import org.carebot.bot.digest.DigestViews;
import org.carebot.bot.http.BearerAuth;
import org.carebot.bot.http.HttpApp;
import org.carebot.bot.intake.ApiPostParser;
import org.carebot.bot.intake.IntakeRoutes;
import org.carebot.bot.intake.IntakeService;
import org.carebot.bot.intake.StormWatch;
import org.carebot.bot.intake.TriageKit;
import org.carebot.bot.intake.TriageWorker;
import org.carebot.bot.ops.HealthRoutes;
import org.carebot.bot.outbox.Deliverer;
import org.carebot.bot.outbox.Delivery;
import org.carebot.bot.outbox.DeliveryWorker;
import org.carebot.bot.outbox.NotConfiguredDeliverer;
import org.carebot.bot.outbox.Outbox;
import org.carebot.bot.slack.CareCommand;
import org.carebot.bot.slack.SlackCards;
import org.carebot.bot.slack.SlackDeliverer;
import org.carebot.bot.slack.SlackRoute;
import org.carebot.bot.slack.SlackSurface;
import org.carebot.bot.slack.SlackUserGroups;
import org.carebot.bot.store.BlockedAuthors;
import org.carebot.bot.store.CardStore;
import org.carebot.bot.store.CaseStore;
import org.carebot.bot.store.ClusterStore;
import org.carebot.bot.store.Database;
import org.carebot.bot.store.EventLog;
import org.carebot.bot.store.IncidentStore;
import org.carebot.bot.store.LabeledExampleStore;
import org.carebot.bot.store.SensitiveLabelStore;
import org.carebot.bot.store.Json;
import org.carebot.bot.store.PostStore;
import org.carebot.bot.store.Stores;
import org.carebot.connectors.telegram.TelegramWebhook;
import org.carebot.triage.Router;
import org.carebot.triage.SensitiveFlag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Optional;

/** The composition root: builds every part with plain constructors, starts the workers and the server. */
public final class Carebot implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Carebot.class);

    private final Database database;
    private final TriageWorker triageWorker;
    private final DeliveryWorker deliveryWorker;
    private final DigestScheduler digests;
    private final Javalin http;
    private final PrometheusMeterRegistry metrics;
    private final TriageKit triage;

    private Carebot(Database database, TriageKit triage, TriageWorker triageWorker, DeliveryWorker deliveryWorker,
                    DigestScheduler digests, Javalin http, PrometheusMeterRegistry metrics) {
        this.database = database;
        this.triage = triage;
        this.triageWorker = triageWorker;
        this.deliveryWorker = deliveryWorker;
        this.digests = digests;
        this.http = http;
        this.metrics = metrics;
    }

    /** Builds and starts Carebot: migrations, workers, then the HTTP server on {@code settings.port()} (0 = any). */
    public static Carebot start(Settings settings, CarebotConfig config, Clock clock) {
        log.info("Starting Carebot with {}", settings);
        Json json = new Json();
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Database database = Database.open(settings.dbUrl());

        TriageKit triage = TriageKit.build(config);
        Router router = triage.router();
        LabeledExampleStore labels = new LabeledExampleStore();
        SensitiveLabelStore sensitiveLabels = new SensitiveLabelStore();
        triage.learnAll(database.withHandle(labels::all));
        triage.learnAllSensitive(database.withHandle(sensitiveLabels::all));
        triage.warmUp();

        PostStore posts = new PostStore(json);
        CaseStore cases = new CaseStore();
        EventLog events = new EventLog(json);
        CardStore cards = new CardStore();
        ClusterStore clusters = new ClusterStore();
        ClusterGrowth growth = new ClusterGrowth(clusters, config.priority().clusterGrowth());
        IncidentStore incidents = new IncidentStore();
        BlockedAuthors blocked = new BlockedAuthors();
        Outbox outbox = new Outbox(json);
        CaseViews views = new CaseViews(cases, posts, events, clusters, incidents, blocked, config.storms().window(), clock,
                json);
        CardFactory cardFactory = new CardFactory(config, triage.personalData());

        Optional<MethodsClient> slack = settings.slackConfigured()
                ? Optional.of(slackClient(settings).methods(settings.slackBotToken().orElseThrow()))
                : Optional.empty();
        DigestStore digestStore = new DigestStore(posts, json);
        DigestViews digestViews = new DigestViews(digestStore, config, triage.personalData());
        Deliverer deliverer = slack.<Deliverer>map(client -> new SlackDeliverer(client, database, views, cards,
                cardFactory, new SlackCards(), outbox, metrics, digestViews)).orElseGet(NotConfiguredDeliverer::new);
        if (slack.isEmpty()) log.info("Slack is not configured: cards stay in the outbox, marked not_configured");
        DeliveryWorker deliveryWorker = new DeliveryWorker(database, outbox, deliverer, clock, metrics);

        UserGroups userGroups = slack.<UserGroups>map(client -> new SlackUserGroups(client, clock))
                .orElseGet(UserGroups::none);
        CardRequests cardRequests = new CardRequests(cards, outbox);
        CaseOpener opener = new CaseOpener(cases, events, cardRequests, config);
        StormWatch storms = new StormWatch(incidents, cases, cardRequests, events, config, metrics);
        Stores stores = new Stores(database, posts, cases, events, clusters, blocked);
        TriageWorker triageWorker = new TriageWorker(stores, cardRequests, growth, opener, triage, storms, config, clock,
                metrics, deliveryWorker::nudge);
        CaseCommands commands = new CaseCommands(stores, cardRequests, outbox, new RolePolicy(config, cards, userGroups),
                router, triage.engine(), config, clock, deliveryWorker::nudge,
                new CaseCommands.Learning(labels, sensitiveLabels, new CaseCommands.Learner() {
                    @Override
                    public void intent(String text, String intent) {
                        triage.learn(text, intent);
                    }

                    @Override
                    public void sensitive(String text, SensitiveFlag flag, boolean sensitive) {
                        triage.learnSensitive(text, flag, sensitive);
                    }
                }), growth, opener, triageWorker);
        IntakeService intake = new IntakeService(database, posts, clock, metrics, triageWorker::nudge);

        BearerAuth auth = new BearerAuth(settings.apiToken());
        Optional<TelegramWebhook> telegram = settings.telegramSecretToken()
                .map(secret -> new TelegramWebhook(secret, json.mapper()));
        IntakeRoutes intakeRoutes = new IntakeRoutes(intake, telegram, new ApiPostParser(json.mapper()), auth);
        CaseRoutes caseRoutes = new CaseRoutes(database, cases, views, events, config, auth);
        HealthRoutes healthRoutes = new HealthRoutes(database, outbox, posts, metrics, clock);
        Optional<Handler> slackRoute = slack.map(client -> {
            AppConfig appConfig = AppConfig.builder()
                    .slack(slackClient(settings))
                    .singleTeamBotToken(settings.slackBotToken().orElseThrow())
                    .signingSecret(settings.slackSigningSecret().orElseThrow())
                    .build();
            SlackSurface surface = new SlackSurface(appConfig, commands,
                    new CareCommand(new QueueStats(database, cases, config, clock), new RetagQuality(database),
                            new FlagQuality(database), new ClusterQuality(database),
                            new CareCommand.HeldPosts(database, digestViews, config, clock)));
            return new SlackRoute(surface.app())::handle;
        });
        registerGauges(metrics, database, outbox, clock);

        DigestScheduler digests = new DigestScheduler(database, digestStore, outbox, config, clock, deliveryWorker::nudge);
        Javalin http = HttpApp.create(json, intakeRoutes, caseRoutes, healthRoutes, slackRoute, metrics);
        triageWorker.start();
        deliveryWorker.start();
        digests.start();
        http.start(settings.port());
        log.info("Carebot listening on port {}", http.port());
        return new Carebot(database, triage, triageWorker, deliveryWorker, digests, http, metrics);
    }

    private static Slack slackClient(Settings settings) {
        SlackConfig slackConfig = new SlackConfig();
        slackConfig.setMethodsEndpointUrlPrefix(settings.slackApiUrl());
        slackConfig.setPrettyResponseLoggingEnabled(false);
        return Slack.getInstance(slackConfig);
    }

    private static void registerGauges(PrometheusMeterRegistry metrics, Database database, Outbox outbox, Clock clock) {
        Gauge.builder("carebot.outbox.depth", () -> database.withHandle(h -> outbox.countByState(h, Delivery.State.PENDING)))
                .description("Deliveries waiting to be sent").register(metrics);
        Gauge.builder("carebot.outbox.oldest.age.seconds",
                        () -> database.withHandle(h -> outbox.oldestPendingAge(h, clock.instant())).toMillis() / 1000.0)
                .description("Age of the oldest delivery waiting").register(metrics);
    }

    public int port() {
        return http.port();
    }

    public PrometheusMeterRegistry metrics() {
        return metrics;
    }

    /** Sends today's digests now, whatever the hour (tests and operators). */
    public int sendDigests() {
        return digests.sendDue();
    }

    @Override
    public void close() {
        http.stop();
        digests.close();
        triageWorker.close();
        triage.close();
        deliveryWorker.close();
        database.close();
    }
}
