/**
 * Command-line client of the service, built on the SDK (sdk/).
 *
 *   npm run cli -- submit spec.json --follow
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { PostcopyApiError, PostcopyClient, PostcopyConnectionError, type Migration, type MigrationRequest, type Violation } from '../../sdk/src/index.js';
import { applyEvent, progressBar, summaryTable, violationTable, type ProgressState } from './render.js';
import { keysCommand } from './keys.js';
import { followExperiment, printExperiment, sweepRequest } from './sweep.js';

const USAGE = `Usage: npm run cli -- <command> [options]

Commands:
  submit <file.json>   submit the migration described in the file (- reads stdin) and print its id;
                       with --follow, show its progress and then the summary table
  follow <id>          show a migration's progress until it ends, then the summary table
  get <id>             print a migration as JSON
  violations <id> [--kind <kind>]
                       every recorded correctness violation of a migration, as a table
                       (--json: one JSON object per line)
  cancel <id>          cancel a queued or running migration
  delete <id>          delete an ended migration with its fault events
  sweep [<file.json>] --axis <path>=<v1>,<v2>,... [--axis ...] [--with <path>=<v1>,...]
                       an experiment: the file is the base migration spec (or a whole experiment
                       request); one run per combination of axis values and seed. --with adds a
                       field that moves with the axis before it. With --follow, a progress bar and
                       then the results table (mean over seeds per combination)
  sweep --preset <name>
                       a published measurement (demand-paging-scaling, postcopy-preempt), with the
                       published figures beside the simulated ones
  experiment <id>      the results table of an experiment (--json, --csv)
  experiment-cancel <id>
                       cancel the runs of an experiment that have not ended
  experiment-delete <id>
                       delete an ended experiment with its runs
  keys create --tenant <name> [--name <label>]
                       create an API key of a tenant and print it (once: only its hash is stored);
                       --admin instead of --tenant: a key for /admin/queues and /metrics
  keys list [--tenant <name>]
                       list the keys (never the secrets)
  keys revoke <id>     revoke a key: refused from the next request on
                       (keys commands use the database at $DATABASE_URL directly, not the API)

Options:
  --url <url>                service URL (default: $POSTCOPY_URL or http://127.0.0.1:3000)
  --key <key>                API key (default: $POSTCOPY_API_KEY; none needed when the service runs with AUTH=off)
  -f, --follow               (submit) follow the migration to its end
  --idempotency-key <key>    (submit) retries with the same key return the first migration
  --seeds <n>                (sweep) repetitions of each combination with seeds base+0..n-1
  --label <text>             (sweep) a name for the experiment
  --fault-events <policy>    (sweep) all | sample | none (default none): fault events each run stores
  --csv                      (sweep, experiment) print the results as CSV (one line per run)
  --json                     print the final migration (or experiment) as JSON instead of the table
  -h, --help

Exit status: 0 when the migration succeeded, i.e. the simulator ran it to its end whatever its
outcome (completed, vm_lost, refused, aborted, truncated, stalled: see the summary), or the command did;
1 when it failed or was cancelled or the service answered with an error; 2 for a usage error.`;

class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  const { values, positionals, tokens } = parseArgs({
    args: argv,
    allowPositionals: true,
    tokens: true,
    options: {
      url: { type: 'string' },
      key: { type: 'string' },
      tenant: { type: 'string' },
      admin: { type: 'boolean' },
      name: { type: 'string' },
      kind: { type: 'string' },
      axis: { type: 'string', multiple: true },
      with: { type: 'string', multiple: true },
      seeds: { type: 'string' },
      preset: { type: 'string' },
      label: { type: 'string' },
      'fault-events': { type: 'string' },
      csv: { type: 'boolean' },
      follow: { type: 'boolean', short: 'f' },
      'idempotency-key': { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, arg] = positionals;
  if (values.help || !command) {
    (values.help ? process.stdout : process.stderr).write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  if (command === 'keys') return keysCommand(arg, positionals[2], values, (message) => new UsageError(message));
  // The key from the environment rather than the command line where possible: argv is visible to other users (ps).
  const apiKey = values.key ?? process.env.POSTCOPY_API_KEY;
  const client = new PostcopyClient({ baseUrl: values.url ?? process.env.POSTCOPY_URL ?? 'http://127.0.0.1:3000', apiKey: apiKey || undefined });
  if (command === 'sweep') {
    const axisArgs = tokens.flatMap((t) => (t.kind === 'option' && (t.name === 'axis' || t.name === 'with') && t.value !== undefined ? [{ name: t.name, value: t.value }] : []));
    const file = arg === undefined ? undefined : ((await readSpec(arg)) as Record<string, unknown>);
    const request = sweepRequest(file, { ...values, axisArgs }, (m) => new UsageError(m));
    const experiment = await client.experiment(request, { idempotencyKey: values['idempotency-key'] });
    process.stderr.write(`submitted experiment ${experiment.id}: ${experiment.runCount} runs (${experiment.status})\n`);
    if (values.follow) return followExperiment(client, experiment.id, values);
    process.stdout.write(values.json ? `${JSON.stringify(experiment, null, 2)}\n` : `${experiment.id}\n`);
    return 0;
  }
  if (!arg) throw new UsageError(`${command} needs an argument`);

  switch (command) {
    case 'submit': {
      const spec = await readSpec(arg);
      const migration = await client.submit(spec, { idempotencyKey: values['idempotency-key'] });
      process.stderr.write(`submitted ${migration.id} (${migration.status})\n`);
      if (!values.follow) {
        process.stdout.write(values.json ? `${JSON.stringify(migration, null, 2)}\n` : `${migration.id}\n`);
        return 0;
      }
      return follow(client, migration.id, values.json ?? false);
    }
    case 'follow':
      return follow(client, arg, values.json ?? false);
    case 'get':
      process.stdout.write(`${JSON.stringify(await client.get(arg), null, 2)}\n`);
      return 0;
    case 'violations': {
      // Pages through GET /v1/migrations/{id}/violations: the summary holds only the first few.
      const rows: Violation[] = [];
      for await (const v of client.violations(arg, { limit: 1000, ...(values.kind ? { kind: values.kind as Violation['kind'] } : {}) })) {
        if (values.json) process.stdout.write(`${JSON.stringify(v)}\n`);
        else rows.push(v);
      }
      if (!values.json) process.stdout.write(rows.length ? `${violationTable(rows).join('\n')}\n` : 'no violations\n');
      return 0;
    }
    case 'experiment':
      return values.follow ? followExperiment(client, arg, values) : printExperiment(client, await client.getExperiment(arg), values);
    case 'experiment-cancel': {
      const e = await client.cancelExperiment(arg);
      process.stdout.write(`${e.id} ${e.status} (${e.progress.done}/${e.progress.total} runs ended)\n`);
      return 0;
    }
    case 'delete':
      await client.delete(arg);
      process.stdout.write(`${arg} deleted\n`);
      return 0;
    case 'experiment-delete':
      await client.deleteExperiment(arg);
      process.stdout.write(`${arg} deleted\n`);
      return 0;
    case 'cancel': {
      const migration = await client.cancel(arg);
      process.stdout.write(`${migration.id} ${migration.status}${migration.cancelRequested && migration.status === 'running' ? ' (stopping)' : ''}\n`);
      return 0;
    }
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

async function readSpec(file: string): Promise<MigrationRequest> {
  let text: string;
  try {
    text = file === '-' ? await readStdin() : await readFile(file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${file}: ${(err as Error).message}`);
  }
  try {
    return JSON.parse(text) as MigrationRequest; // the service validates it
  } catch (err) {
    throw new UsageError(`${file} is not JSON: ${(err as Error).message}`);
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Live progress bar from the event stream (redrawn in place on a terminal, one line per step otherwise), then the summary. */
async function follow(client: PostcopyClient, id: string, json: boolean): Promise<number> {
  const tty = process.stderr.isTTY === true;
  let state: ProgressState = { status: 'queued', phase: '-', fraction: 0, simTimeNs: 0, faults: 0, blocktimeNs: 0 };
  let printed: ProgressState | undefined;
  const draw = (final: boolean) => {
    const line = progressBar(state);
    if (tty) process.stderr.write(`\r${line}\x1b[K${final ? '\n' : ''}`);
    else if (final || !printed || state.status !== printed.status || state.phase !== printed.phase || state.fraction - printed.fraction >= 0.05) {
      process.stderr.write(`${line}\n`);
      printed = state;
    }
  };
  const initial = await client.get(id);
  state = { ...state, status: initial.status };
  draw(false);
  const migration: Migration = await client.follow(id, {
    onEvent: (e) => {
      state = applyEvent(state, e);
      if (e.type !== 'summary') draw(false);
    },
  });
  draw(true);
  process.stdout.write(json ? `${JSON.stringify(migration, null, 2)}\n` : `\n${summaryTable(migration)}\n`);
  return migration.status === 'succeeded' ? 0 : 1;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (err) {
  if (err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
    process.stderr.write(`error: ${(err as Error).message}\n\n${USAGE}\n`);
    process.exitCode = 2;
  } else if (err instanceof PostcopyConnectionError) {
    process.stderr.write(`error: ${err.message}\n  is it running (npm start)? Another address: --url <url> or POSTCOPY_URL\n`);
    process.exitCode = 1;
  } else if (err instanceof PostcopyApiError) {
    process.stderr.write(`error: ${err.message}\n`);
    for (const e of err.problem?.errors ?? []) process.stderr.write(`  ${e.in} ${e.field}: ${e.message}\n`);
    process.exitCode = 1;
  } else {
    process.stderr.write(`error: ${(err as Error).message}\n`);
    process.exitCode = 1;
  }
}
