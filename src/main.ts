import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SlackEmulator } from '@gongwu/slack-emulator';
import { WebClient } from '@slack/web-api';
import { backupTarget } from './backup/backup-target';
import { type Config, ConfigError, formatConfigError, loadConfig } from './config';
import { migrateAsOwner, openDatabase } from './db/connect';
import { startLeaseHolder } from './db/lease-holder';
import { listenForPeopleChanges } from './db/people-change-listener';
import { BackupRuns } from './db/repositories/backup-runs.repository';
import { FanoutSender } from './delivery/fanout-sender';
import { OutboxCourier } from './delivery/outbox-courier';
import { CHASE_PURPOSE } from './domain/announcements/fanout-items';
import type { MaintenanceLog } from './domain/maintenance/maintenance-log.service';
import type { OrgService } from './domain/org';
import { workflowSettingsWith } from './domain/workflows/settings';
import { freePort } from './free-port';
import { healthRoutes } from './http/health';
import { PlatformMetrics } from './http/metrics';
import { AnnouncementExpiry } from './jobs/announcement-expiry';
import { BackupScheduler } from './jobs/backups';
import { ConnectivityWatch } from './jobs/connectivity-watch';
import { DeadlineScheduler } from './jobs/deadlines';
import { DigestScheduler } from './jobs/digests';
import { FindingReminders } from './jobs/finding-reminders';
import { HomeRefresher, startHomeRefreshWorker } from './jobs/home-refresh';
import { createQueueBackend } from './jobs/queue-backend';
import { queueDetails } from './jobs/queue-metrics';
import { startLocalWorkspace } from './local-workspace';
import { createLogger, type Logger } from './logger';
import { tellAdmins } from './slack/admin-alerts';
import { chasePurpose } from './slack/announcements/chase.purpose';
import { announcementPurposes } from './slack/announcements/post-purposes';
import { createSlackApp, type SlackTransport } from './slack/app';
import { boltLogger } from './slack/bolt-logger';
import { createFanoutTransport } from './slack/fanout-transport';
import { fileNoticePurposes } from './slack/file-notices';
import { findingReminderSender } from './slack/finding-reminder';
import { publishHomeForRefresh } from './slack/home-publisher';
import { incidentPurposes } from './slack/incident-purposes';
import { slackMemberChannels } from './slack/member-channels';
import { createOutboxNotifier } from './slack/outbox-notifier';
import { resumeInterruptedAttachments } from './slack/request-attachments';
import { createCourierClient } from './slack/slack-errors';
import { SlackOutageWatch } from './slack/slack-outage-watch';
import { UserContextResolver } from './slack/user-context';
import { S3ContentStore } from './storage/s3-content-store';
import { createDomains, type Domains } from './wiring/domains';
import { createMaintenanceLogService } from './wiring/maintenance';
import { createMonthlyReports } from './wiring/monthly-reports';

/**
 * Composition root: config → database → queue → Slack app → workers. `startPlatform` is also what
 * tests and benchmarks start; `main` adds signal handling for the real process.
 */

export interface Platform {
  /** Base URL of the app's HTTP server (health routes; /slack/events in HTTP mode). */
  url: string;
  port: number;
  /** Present in local mode: the workspace emulator the app talks to. */
  emulator: SlackEmulator | undefined;
  logger: Logger;
  /** Bulk Slack sends; features (and tests) register their purposes on it. */
  fanout: FanoutSender;
  stop(): Promise<void>;
}

export interface PlatformOptions {
  logger?: Logger;
  /** Redis key prefix / PostgreSQL schema for the queues (tests use one per run). */
  queueNamespace?: string;
  /** Tests pass an emulator they control instead of the zero-config one. */
  transport?: SlackTransport;
}

export async function startPlatform(config: Config, options: PlatformOptions = {}): Promise<Platform> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const stops = new Stops(logger);
  try {
    const maintenanceLog = createMaintenanceLogService({ timeZone: config.defaultTimezone, logger });
    const database = await startDatabase(config, logger, stops, maintenanceLog);
    const queue = startQueues(config, database.url, options, logger, stops);
    watchFaults(queue, database, maintenanceLog, logger, stops);
    const slack = await connectSlack(config, options, logger, stops, maintenanceLog);
    const workers = await startWorkers(config, { database, queue, slack, logger, stops, maintenanceLog });
    await grantBootstrapAdmins(config, workers.domains.org, slack.client, logger);
    const { url, port } = await startSlackApp(config, { database, queue, slack, workers, logger, stops });
    return { url, port, emulator: slack.emulator, logger, fanout: workers.fanout, stop: () => stops.run() };
  } catch (error) {
    await stops.run();
    throw error;
  }
}

/** What was started, stopped in reverse order, once, whoever asks first (a signal, a failed start). */
class Stops {
  private readonly steps: Array<() => Promise<void>> = [];
  private stopped: Promise<void> | undefined;

  constructor(private readonly logger: Logger) {}

  push(step: () => Promise<void>): void {
    this.steps.push(step);
  }

  run(): Promise<void> {
    this.stopped ??= (async () => {
      for (const step of [...this.steps].reverse())
        await step().catch((error: unknown) => this.logger.warn({ err: error }, 'error during shutdown'));
    })();
    return this.stopped;
  }
}

type Database = Awaited<ReturnType<typeof openDatabase>>;
type Queues = ReturnType<typeof createQueueBackend>;

const APP_VERSION = (require('../package.json') as { version: string }).version;

/**
 * The database, migrated; this process's lease lock; the directory's change feed. The start and
 * the migrations it applied go to the maintenance log.
 */
async function startDatabase(
  config: Config,
  logger: Logger,
  stops: Stops,
  maintenanceLog: MaintenanceLog,
): Promise<Database> {
  const database = await openDatabase(config, logger);
  stops.push(() => database.close());
  const applied = await migrateAsOwner(config, database, logger);
  if (applied.length) {
    logger.info({ applied }, 'database migrated');
    await maintenanceLog.record({
      kind: 'migrations_applied',
      summary: `migrations applied at start: ${applied.join(', ')}`,
      details: { migrations: applied, version: APP_VERSION },
      requestId: null,
    });
  }
  await maintenanceLog.record({
    kind: 'app_started',
    summary: `gongwu-slack ${APP_VERSION} started`,
    details: { version: APP_VERSION, node: process.version, pid: process.pid },
    requestId: null,
  });
  // Outbox leases name this process, so another can take over its rows the moment it dies.
  const leaseHolder = await startLeaseHolder(database.url, logger);
  stops.push(() => leaseHolder.stop());
  // Directory reads are served from memory while this hears of every change (people-cache.ts).
  const peopleChanges = listenForPeopleChanges(database.url, logger);
  stops.push(() => peopleChanges.stop());
  await peopleChanges.ready;
  return database;
}

function startQueues(
  config: Config,
  databaseUrl: string,
  options: PlatformOptions,
  logger: Logger,
  stops: Stops,
): Queues {
  const queue = createQueueBackend({
    redisUrl: config.redisUrl,
    databaseUrl,
    ...(options.queueNamespace ? { namespace: options.queueNamespace } : {}),
    logger,
  });
  stops.push(() => queue.close());
  logger.info({ backend: queue.kind }, 'queue backend chosen');
  return queue;
}

/**
 * Faults the maintenance log records from below the features: a job given up after its last
 * attempt, and the database or the queue's datastore going away and coming back.
 */
function watchFaults(
  queue: Queues,
  database: Database,
  maintenanceLog: MaintenanceLog,
  logger: Logger,
  stops: Stops,
): void {
  queue.onJobGivenUp((failure) => {
    void maintenanceLog.record({
      kind: 'job_failed',
      summary: `job ${failure.name} of queue ${failure.queue} failed after ${failure.attemptsMade} attempts: ${failure.error}`,
      details: failure,
      requestId: null,
    });
  });
  const watch = new ConnectivityWatch(
    {
      database: async () => {
        await database.sequelize.query('SELECT 1');
      },
      queue: () => queue.ping(),
    },
    maintenanceLog,
    logger,
    queue.kind,
  );
  watch.start();
  stops.push(() => watch.stop());
}

interface SlackConnection {
  transport: SlackTransport;
  /** Local mode: the workspace emulator the app talks to. */
  emulator: SlackEmulator | undefined;
  /** Answers people's clicks (Bolt's own retries and rate-limit waits). */
  client: WebClient;
  /**
   * Background deliveries (notifications, Home refreshes): its 429s fail fast (the courier
   * retries after Retry-After) instead of pausing the client that answers clicks, and it never
   * retries behind the courier's back (slack-errors.ts).
   */
  deliveryClient: WebClient;
  users: UserContextResolver;
  slackWatch: SlackOutageWatch;
  maintenanceLog: MaintenanceLog;
}

/** Real Slack, or in local mode the workspace emulator started here (seeded with the example org). */
async function connectSlack(
  config: Config,
  options: PlatformOptions,
  logger: Logger,
  stops: Stops,
  maintenanceLog: MaintenanceLog,
): Promise<SlackConnection> {
  let transport = options.transport;
  let emulator: SlackEmulator | undefined;
  let local: Awaited<ReturnType<typeof startLocalWorkspace>> | undefined;
  if (!transport) {
    if (config.slack.kind === 'local') {
      const sandboxPort = config.sandboxPort ?? (config.port === 0 ? 0 : config.port + 1);
      local = await startLocalWorkspace('127.0.0.1', sandboxPort, logger, config.dataDir);
      const started = local;
      emulator = started.emulator;
      stops.push(() => started.stop());
      transport = {
        kind: 'http',
        botToken: emulator.botToken,
        signingSecret: emulator.signingSecret,
        apiUrl: emulator.apiUrl,
      };
    } else {
      transport = config.slack;
    }
  }
  await local?.seed();
  local?.showRoles(config.defaultLocale);
  const client = new WebClient(transport.botToken, {
    ...(transport.apiUrl ? { slackApiUrl: transport.apiUrl } : {}),
    // Its retries and rate-limit waits go to our structured log, not to the console.
    logger: boltLogger(logger),
  });
  const users = new UserContextResolver(
    client,
    { locale: config.defaultLocale, timezone: config.defaultTimezone },
    logger,
  );
  // The background clients' calls tell whether Slack is there (a long failure is an outage).
  const slackWatch = new SlackOutageWatch(maintenanceLog, logger);
  return {
    transport,
    emulator,
    client,
    deliveryClient: createCourierClient(transport, logger, slackWatch),
    users,
    slackWatch,
    maintenanceLog,
  };
}

interface Workers {
  metrics: PlatformMetrics;
  operations: Parameters<typeof queueDetails>[0];
  outbox: OutboxCourier;
  fanout: FanoutSender;
  kickOutbox(): void;
  kickFanout(): void;
  refreshHomeSoon(slackUserId: string): void;
  domains: Domains;
  backups: BackupScheduler;
  maintenanceLog: MaintenanceLog;
}

/** Every domain service, built once: the workflow settings from the config. */
function createDomainServices(config: Config, client: WebClient): Domains {
  const {
    workingDays,
    dayStart,
    dayEnd,
    defaultSlaHours,
    reconcileEverySeconds: _,
    ...deadlines
  } = config.deadlines;
  return createDomains({
    workflows: workflowSettingsWith({
      defaultTimeZone: config.defaultTimezone,
      calendar: { workingDays, dayStart, dayEnd },
      defaultSlaHours,
      deadlines,
      digests: config.digests,
    }),
    announcements: config.announcements,
    files: { config: config.files, memberChannels: slackMemberChannels(client) },
    supervision: config.supervision,
  });
}

/**
 * Everything that runs in the background: Home refreshes, the outbox courier and the deadlines
 * it feeds, digests, and the bulk fan-out with the announcements' purposes and expiry jobs.
 */
async function startWorkers(
  config: Config,
  {
    database,
    queue,
    slack,
    logger,
    stops,
    maintenanceLog,
  }: {
    database: Database;
    queue: Queues;
    slack: SlackConnection;
    logger: Logger;
    stops: Stops;
    maintenanceLog: MaintenanceLog;
  },
): Promise<Workers> {
  const { deliveryClient, users } = slack;
  const domains = createDomainServices(config, deliveryClient);
  const { workflows, announcements, org, spotChecks } = domains;
  const homes = new HomeRefresher(queue);
  startHomeRefreshWorker(
    queue,
    (slackUserId) =>
      publishHomeForRefresh(
        deliveryClient,
        {
          users,
          workflows,
          announcements,
          org,
          files: domains.files,
          maintenance: domains.maintenance,
          spotChecks,
          logger,
          maintenanceLog,
          reports: domains.reports,
        },
        slackUserId,
      ),
    logger,
    homes,
  );
  const templates = await workflows.syncBuiltinTemplates();
  const added = templates.filter((template) => template.created);
  if (added.length) logger.info({ templates: added }, 'workflow templates stored');
  // Read when scraped, by then `deadlines` (created below) exists.
  const operations = { backend: queue, lastReconciliation: () => deadlines.status.lastReconciliation };
  const metrics = new PlatformMetrics(operations);
  const outbox = new OutboxCourier(queue, logger, (kind, outcome) => metrics.delivery(kind, outcome));
  const refreshHomeSoon = (slackUserId: string) => {
    // Not awaited: a reply never waits on the queue; the Home is rebuilt on the next visit anyway.
    void homes.request(slackUserId).catch((error: unknown) => {
      logger.warn({ err: error, user: slackUserId }, 'could not queue a Home refresh');
    });
  };
  const kickOutbox = () => {
    void outbox
      .kick()
      .catch((error: unknown) => logger.warn({ err: error }, 'could not queue outbox delivery'));
  };
  const deadlines = new DeadlineScheduler(queue, logger, workflows, {
    onOutbox: kickOutbox,
    onJob: (job, outcome) => metrics.deadlineJob(job, outcome),
    reconcileEverySeconds: config.deadlines.reconcileEverySeconds,
  });
  const notify = createOutboxNotifier(deliveryClient, users, workflows, org, refreshHomeSoon);
  // After commit and delivery: reminders are scheduled once the approver has the card, and
  // dropped when the task closes. A failure here is repaired by reconciliation.
  outbox.onDelivered((row) => deadlines.afterDelivery(row));
  outbox.onGivenUp((row) => {
    void maintenanceLog.record({
      kind: 'delivery_given_up',
      summary: `notification ${row.kind} (outbox ${row.id}) refused by Slack for good: ${row.error}`,
      details: { courier: 'outbox', ...row },
      requestId: null,
    });
  });
  outbox.start(notify, notify.notices, notify.clickedCard);
  stops.push(() => outbox.settle());
  stops.push(() => outbox.stop());
  deadlines.start();
  stops.push(() => deadlines.stop());
  // Daily digests and the weekly overdue summary: a check every few minutes, once per slot.
  const digests = new DigestScheduler(queue, logger, workflows, { onOutbox: kickOutbox });
  digests.start();
  stops.push(() => digests.stop());
  // Open spot-check findings: their follow-up owners are reminded daily (jobs/finding-reminders.ts).
  const findingReminders = new FindingReminders(
    queue,
    logger,
    spotChecks,
    findingReminderSender(deliveryClient, { users, org }),
  );
  findingReminders.start();
  stops.push(() => findingReminders.stop());

  // Bulk sends (announcement copies, chase DMs): their own queue and client, paced for Slack.
  // Features register their purposes on it before it starts (in startSlackApp).
  const fanout = new FanoutSender(queue, logger, config.fanout);
  fanout.onGivenUp((item) => {
    void maintenanceLog.record({
      kind: 'delivery_given_up',
      summary: `bulk send ${item.purpose} (item ${item.id}) given up: ${item.error}`,
      details: { courier: 'fanout', ...item },
      requestId: null,
    });
  });
  const kickFanout = () => {
    void fanout
      .kick()
      .catch((error: unknown) => logger.warn({ err: error }, 'could not queue fan-out items'));
  };
  // Announcements: their fan-out purposes (copies in the organisation's language and zone when
  // the reader is unknown), and expiry jobs (re-checked when they fire, reconciled every minute).
  const purposes = announcementPurposes({
    announcements,
    directory: org,
    locale: config.defaultLocale,
    timezone: config.defaultTimezone,
    client: deliveryClient,
    users,
    logger,
    kick: kickFanout,
  });
  for (const [purpose, handler] of Object.entries(purposes)) fanout.register(purpose, handler);
  fanout.register(CHASE_PURPOSE, chasePurpose(announcements, org, users, kickFanout));
  // The file library: "a new version is current" DMs to earlier downloaders.
  for (const [purpose, handler] of Object.entries(
    fileNoticePurposes({ files: domains.files, directory: org, users }),
  ))
    fanout.register(purpose, handler);
  // Incidents: notices to admins and leaders, emergency broadcasts, the post-incident report.
  const incidentSends = incidentPurposes({
    incidents: domains.incidents,
    users,
    directory: org,
    client: deliveryClient,
    locale: config.defaultLocale,
    timezone: config.defaultTimezone,
  });
  for (const [purpose, handler] of Object.entries(incidentSends)) fanout.register(purpose, handler);
  const expiries = new AnnouncementExpiry(queue, logger, { announcements, onFanout: kickFanout });
  expiries.start();
  stops.push(() => expiries.stop());
  const backups = startBackups(config, {
    database,
    queue,
    slack,
    org,
    metrics,
    logger,
    stops,
    maintenanceLog,
  });
  // The monthly report to heads, supervisors and admins (first working day, 09:00).
  if (config.reports.monthly) {
    const monthly = createMonthlyReports({
      queue,
      logger,
      client: deliveryClient,
      users,
      org,
      reports: domains.reports,
      workflows,
      schedule: { timeZone: config.defaultTimezone, workingDays: config.deadlines.workingDays },
    });
    monthly.start();
    stops.push(() => monthly.stop());
  }
  return {
    metrics,
    operations,
    outbox,
    fanout,
    kickOutbox,
    kickFanout,
    refreshHomeSoon,
    domains,
    backups,
    maintenanceLog,
  };
}

/**
 * The daily backup and the monthly restore drill (src/backup, jobs/backups.ts), as the schema's
 * owner; the admins are told of every failure and of each drill's result, and /metrics shows
 * the time of the last success of each.
 */
function startBackups(
  config: Config,
  deps: {
    database: Database;
    queue: Queues;
    slack: SlackConnection;
    org: OrgService;
    metrics: PlatformMetrics;
    logger: Logger;
    stops: Stops;
    maintenanceLog: MaintenanceLog;
  },
): BackupScheduler {
  const { slack, org, logger } = deps;
  const runs = new BackupRuns(deps.database.sequelize);
  deps.metrics.watchBackups(runs);
  const ownerUrl = config.databaseMigrationUrl ?? deps.database.url;
  // BACKUP_S3_URL, else the directory; file contents kept in S3 are backed up with the database.
  const target = backupTarget(config.backup);
  const tell = (text: Parameters<typeof tellAdmins>[2]) =>
    tellAdmins(slack.deliveryClient, { users: slack.users, org }, text);
  const scheduler = new BackupScheduler(deps.queue, logger, {
    runs,
    schedule: {
      backupAt: config.backup.at,
      drillDay: config.backup.drillDay,
      drillAt: config.backup.drillAt,
      timeZone: config.defaultTimezone,
    },
    backup: {
      databaseUrl: ownerUrl,
      dir: config.backup.dir,
      target,
      ...(config.files.s3 ? { contents: new S3ContentStore(config.files.s3) } : {}),
      encryptionSecret: config.backup.encryptionKey,
      retention: config.backup.keep,
      timeZone: config.defaultTimezone,
      appVersion: (require('../package.json') as { version: string }).version,
    },
    drill: {
      databaseUrl: ownerUrl,
      backupDir: config.backup.dir,
      target,
      encryptionSecret: config.backup.encryptionKey,
    },
    log: deps.maintenanceLog,
    onBackupFailed: (slot, outcome) => tell((t) => t('backup.failed', { slot, error: outcome.error })),
    onDrill: (outcome) =>
      tell((t) =>
        outcome.status === 'succeeded'
          ? t('drill.passed', {
              backup: outcome.backupName,
              rto: outcome.rtoSeconds.toFixed(1),
              rpo: (outcome.rpoSeconds / 3600).toFixed(1),
            })
          : t('drill.failed', { error: outcome.status === 'failed' ? outcome.error : '' }),
      ),
  });
  scheduler.start();
  deps.stops.push(() => scheduler.stop());
  return scheduler;
}

/** BOOTSTRAP_ADMINS: the first admins, named from their Slack profiles. */
async function grantBootstrapAdmins(
  config: Config,
  org: OrgService,
  client: WebClient,
  logger: Logger,
): Promise<void> {
  const bootstrapped = await org.ensureBootstrapAdmins(config.bootstrapAdmins, async (slackId) => {
    const info = await client.users.info({ user: slackId }).catch(() => undefined);
    return {
      name: info?.user?.real_name || info?.user?.name || slackId,
      email: info?.user?.profile?.email,
      timezone: info?.user?.tz,
    };
  });
  if (bootstrapped.length) logger.info({ admins: bootstrapped }, 'bootstrap admins granted');
}

/** The Bolt app with its listeners and the health routes, listening; the fan-out sender starts with it. */
async function startSlackApp(
  config: Config,
  {
    database,
    queue,
    slack,
    workers,
    logger,
    stops,
  }: {
    database: Database;
    queue: Queues;
    slack: SlackConnection;
    workers: Workers;
    logger: Logger;
    stops: Stops;
  },
): Promise<{ url: string; port: number }> {
  const { transport, emulator, users } = slack;
  const {
    metrics,
    outbox,
    fanout,
    kickOutbox,
    kickFanout,
    refreshHomeSoon,
    domains,
    backups,
    maintenanceLog,
  } = workers;
  const routes = healthRoutes({
    checks: {
      database: async () => {
        await database.sequelize.query('SELECT 1');
      },
      queue: () => queue.ping(),
    },
    details: () => queueDetails(workers.operations),
    extra: [metrics.route()],
    logger,
  });
  // Socket Mode serves only the health routes over HTTP, and its server cannot listen on port 0.
  const port = transport.kind === 'socket' && config.port === 0 ? await freePort() : config.port;
  const { app } = createSlackApp({
    transport,
    port,
    routes,
    observe: (body) => metrics.interactionStarted(body),
    deps: {
      logger,
      users,
      ...domains,
      backups,
      maintenanceLog,
      // Best effort: the change itself is committed; the Home is rebuilt on the next visit anyway.
      outbox: {
        // Not awaited either: notifications go out through the queue, and the reconciliation
        // pass sends anything a failed kick left behind.
        // An approval may also have queued announcement copies (publication runs in its transaction).
        kick: () => {
          kickOutbox();
          kickFanout();
        },
        deliverVia: (row, responseUrl) => outbox.deliverVia(row, responseUrl),
      },
      refreshHome: async (slackUserId) => refreshHomeSoon(slackUserId),
      fanout: { kick: kickFanout },
      acks: config.acks,
      fileLimits: config.files,
    },
  });
  fanout.start(createFanoutTransport(createCourierClient(transport, logger, slack.slackWatch)));
  stops.push(() => fanout.stop());
  await app.init();
  let listening = port;
  if (transport.kind === 'http') {
    const server = (await app.start({ port, host: config.host })) as Server;
    listening = (server.address() as AddressInfo).port;
  } else {
    await app.start();
  }
  stops.push(() => app.stop().then(() => undefined));
  // Request attachments whose copy into the file library a stop interrupted (not awaited).
  void resumeInterruptedAttachments(
    {
      ...domains,
      logger,
      contextFor: async (id) => users.resolve(id, await domains.org.findPerson(id).catch(() => null)),
    },
    { client: slack.client, token: transport.botToken },
  ).then((resumed) => {
    if (resumed) kickOutbox();
  });
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${listening}`;
  if (emulator) emulator.setAppUrl(`http://127.0.0.1:${listening}/slack/events`);
  logger.info({ mode: config.slack.kind, url, queue: queue.kind }, 'gongwu-slack is running');
  if (emulator)
    logger.info({ workspace: emulator.url }, `local workspace ready: open ${emulator.url} (no Slack needed)`);
  return { url, port: listening };
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${formatConfigError(error)}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled promise rejection'));
  // Signals are handled from the first moment: one arriving during start-up stops the platform
  // as soon as it is up, instead of killing the process half-way.
  let platform: Platform | undefined;
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: no new work, finishing jobs, closing pools');
    if (!platform) return;
    void platform.stop().then(() => {
      logger.info('stopped');
      process.exit(0);
    });
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => shutdown(signal));
  platform = await startPlatform(config, { logger });
  if (stopping) {
    stopping = false;
    shutdown('SIGTERM');
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`Failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
