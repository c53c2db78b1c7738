// Runboard admin CLI: `npm run admin -- <command> [options]`. Results go to stdout, errors to stderr;
// exit 0 on success, 2 on bad usage or input, 1 when the command itself fails.
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { type Db, dbConfigFromEnv } from '@/db/client';
import type { Actor } from '@/db/queries/activity';
import { addMember, createProject, getProjectAccess, getProjectBySlug, listMembers } from '@/db/queries/projects';
import { createApiToken } from '@/db/queries/tokens';
import { createUser, getUserByEmail, setUserPassword } from '@/db/queries/users';
import { PROJECT_ROLES, RESERVED_SLUGS } from '@/lib/domain';
import { DomainError } from '@/lib/errors';
import { emailSchema, nameSchema, passwordSchema, slugSchema } from '@/lib/validation';
import { collectArtifactGarbage } from '@/server/artifacts/gc';
import { CliError, runCli, withCliDb } from './cli-db';

type OptionSpec = { type: 'string' | 'boolean'; required?: boolean; value?: string; help: string };
type Command = {
  summary: string;
  options: Record<string, OptionSpec>;
  /** Validates the parsed options and runs against the database; returns the stdout line. */
  execute: (values: Record<string, string | boolean>) => { run: (db: Db) => Promise<string> };
};

/** Ties a command's zod schema to its body so the table below can hold commands of different input types. */
function defineCommand<S extends z.ZodType>(
  spec: { summary: string; options: Record<string, OptionSpec>; schema: S },
  run: (db: Db, input: z.output<S>) => Promise<string>,
): Command {
  return {
    summary: spec.summary,
    options: spec.options,
    execute: (values) => {
      const parsed = spec.schema.safeParse(values);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        const where = issue.path.length ? `--${issue.path.map(String).join('.')}: ` : '';
        throw new CliError(`${where}${issue.message}`, 2);
      }
      return { run: (db) => run(db, parsed.data) };
    },
  };
}

const roleSchema = z.enum(PROJECT_ROLES, `Use one of ${PROJECT_ROLES.join(', ')}`);
const newSlugSchema = slugSchema.refine((s) => !RESERVED_SLUGS.includes(s), 'This slug is reserved; choose another');
const problemSchema = z.string().trim().max(5000, 'Use at most 5000 characters').default('');
const DEFAULT_TOKEN_NAME = 'CLI token';

const asActor = (user: { id: string; isAdmin: boolean }): Actor => ({ id: user.id, isAdmin: user.isAdmin });

async function requireUser(db: Db, email: string, option: string) {
  const user = await getUserByEmail(db, email);
  if (!user)
    throw new DomainError('not_found', `No user has the email ${email}. Create it first with create-user.`, option);
  return user;
}

async function requireProject(db: Db, slug: string) {
  const project = await getProjectBySlug(db, slug);
  if (!project) throw new DomainError('not_found', `No project has the slug "${slug}".`, 'project');
  return project;
}

const COMMANDS: Record<string, Command> = {
  'create-user': defineCommand(
    {
      summary: 'Create a user who signs in with a password',
      options: {
        email: { type: 'string', required: true, value: 'E', help: 'sign-in email' },
        password: { type: 'string', required: true, value: 'P', help: 'initial password (8-128 characters)' },
        name: { type: 'string', value: 'N', help: 'display name (default: the part of the email before @)' },
        admin: { type: 'boolean', help: 'make the user an instance administrator' },
      },
      schema: z.object({
        email: emailSchema,
        password: passwordSchema,
        name: nameSchema().optional(),
        admin: z.boolean().default(false),
      }),
    },
    async (db, input) => {
      // Actor null: the query records the new user as the author of their own creation, as at first-admin setup.
      const user = await createUser(db, null, {
        email: input.email,
        password: input.password,
        name: input.name ?? input.email.slice(0, input.email.indexOf('@')),
        isAdmin: input.admin,
      });
      return `Created ${user.isAdmin ? 'administrator' : 'user'} ${user.email} (${user.name}).`;
    },
  ),

  'create-project': defineCommand(
    {
      summary: 'Create a project owned by an existing user',
      options: {
        slug: {
          type: 'string',
          required: true,
          value: 'S',
          help: 'URL name: lowercase letters, digits, single dashes',
        },
        name: { type: 'string', required: true, value: 'N', help: 'display name' },
        owner: { type: 'string', required: true, value: 'E', help: "the owner's email" },
        problem: { type: 'string', value: 'TEXT', help: 'problem statement' },
      },
      schema: z.object({ slug: newSlugSchema, name: nameSchema(), owner: emailSchema, problem: problemSchema }),
    },
    async (db, input) => {
      const owner = await requireUser(db, input.owner, 'owner');
      // createProject needs an Actor (the stage history row names one): the owner, on whose behalf the project is made.
      const project = await createProject(db, asActor(owner), {
        slug: input.slug,
        name: input.name,
        problemStatement: input.problem,
      });
      return `Created project ${project.slug} (${project.name}) owned by ${owner.email}.`;
    },
  ),

  'add-member': defineCommand(
    {
      summary: 'Add an existing user to a project',
      options: {
        project: { type: 'string', required: true, value: 'S', help: "the project's slug" },
        email: { type: 'string', required: true, value: 'E', help: "the user's email" },
        role: { type: 'string', required: true, value: PROJECT_ROLES.join('|'), help: 'role in the project' },
      },
      schema: z.object({ project: slugSchema, email: emailSchema, role: roleSchema }),
    },
    async (db, input) => {
      const project = await requireProject(db, input.project);
      const user = await requireUser(db, input.email, 'email');
      // addMember needs an Actor and the activity log names a real user: the CLI exercises the project owner's
      // authority, so the longest-standing owner is recorded; a project left without owners (its owners' accounts
      // were deleted) is being repaired by adding this user, who is then recorded.
      const owners = (await listMembers(db, project.id)).filter((m) => m.role === 'owner');
      owners.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
      const actor = owners[0] ? await requireUser(db, owners[0].email, 'email') : user;
      await addMember(db, asActor(actor), project.id, user.email, input.role);
      return `Added ${user.email} to ${project.slug} as ${input.role}.`;
    },
  ),

  'create-token': defineCommand(
    {
      summary: 'Create an API token for a project member; prints the token alone (it is shown only once)',
      options: {
        project: { type: 'string', required: true, value: 'S', help: "the project's slug" },
        email: { type: 'string', required: true, value: 'E', help: 'the member the token acts as' },
        name: {
          type: 'string',
          value: 'N',
          help: `label shown in the project settings (default: "${DEFAULT_TOKEN_NAME}")`,
        },
      },
      schema: z.object({ project: slugSchema, email: emailSchema, name: nameSchema(80).default(DEFAULT_TOKEN_NAME) }),
    },
    async (db, input) => {
      const project = await requireProject(db, input.project);
      const user = await requireUser(db, input.email, 'email');
      // A token acts with its holder's role, so only members (or admins, owners everywhere) may hold one.
      if (!(await getProjectAccess(db, project.slug, asActor(user)))) {
        throw new DomainError(
          'forbidden',
          `${user.email} is not a member of ${project.slug}. Add them first with add-member.`,
          'email',
        );
      }
      // The holder is recorded as the token's creator, as when a member creates one in the settings page.
      const { token } = await createApiToken(db, asActor(user), project.id, input.name);
      return token;
    },
  ),

  'reset-password': defineCommand(
    {
      summary: "Set a user's password",
      options: {
        email: { type: 'string', required: true, value: 'E', help: "the user's email" },
        password: { type: 'string', required: true, value: 'P', help: 'new password (8-128 characters)' },
      },
      schema: z.object({ email: emailSchema, password: passwordSchema }),
    },
    async (db, input) => {
      // Actor null: the activity log shows the reset as done by the system rather than by any user.
      await setUserPassword(db, null, input.email, input.password);
      return `Password of ${input.email} reset.`;
    },
  ),
  'gc-artifacts': defineCommand(
    {
      summary:
        'Remove deleted runs, logged models and experiments for good with their artifacts, and artifact folders nothing owns (like mlflow gc)',
      options: {},
      schema: z.object({}),
    },
    async (db) => {
      const summary = await collectArtifactGarbage(db);
      return `Removed ${summary.runs} deleted runs, ${summary.loggedModels} logged models, ${summary.experiments} deleted experiments and ${summary.folders.length} artifact folders.`;
    },
  ),
};

const INVOCATION = 'npm run admin --';

function commandUsage(name: string, command: Command): string {
  const synopsis = Object.entries(command.options)
    .map(([key, o]) => {
      const flag = o.type === 'string' ? `--${key} ${o.value ?? 'VALUE'}` : `--${key}`;
      return o.required ? flag : `[${flag}]`;
    })
    .join(' ');
  const lines = Object.entries(command.options).map(([key, o]) => {
    const flag = o.type === 'string' ? `--${key} ${o.value ?? 'VALUE'}` : `--${key}`;
    return `  ${flag.padEnd(30)} ${o.help}`;
  });
  return [`Usage: ${INVOCATION} ${name} ${synopsis}`, '', command.summary + '.', '', ...lines, ''].join('\n');
}

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(16)} ${c.summary}`);
  return [
    `Usage: ${INVOCATION} <command> [options]`,
    '',
    'Commands:',
    ...lines,
    `  ${'help'.padEnd(16)} Show this help, or a command's with: help <command>`,
    '',
    'Uses Postgres when DATABASE_URL is set, otherwise the embedded database in RUNBOARD_DATA_DIR',
    '(default .data/pglite), which a running Runboard server must not be holding.',
    'Exit status: 0 success, 1 the command failed, 2 bad usage or invalid option.',
    '',
  ].join('\n');
}

/** node:util parseArgs in lenient mode, so every mistake gets a message that names the option. */
function parseOptions(name: string, command: Command, args: string[]): Record<string, string | boolean> | 'help' {
  const config = Object.fromEntries(Object.entries(command.options).map(([key, o]) => [key, { type: o.type }]));
  const { tokens } = parseArgs({
    args,
    options: { ...config, help: { type: 'boolean', short: 'h' } },
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const values: Record<string, string | boolean> = {};
  for (const token of tokens) {
    if (token.kind === 'option-terminator') continue;
    if (token.kind === 'positional')
      throw new CliError(`unexpected argument "${token.value}" (options are written --name value)`, 2);
    if (token.name === 'help') return 'help';
    const spec = command.options[token.name];
    if (!spec) throw new CliError(`unknown option ${token.rawName} for ${name} (see: ${INVOCATION} help ${name})`, 2);
    if (token.name in values) throw new CliError(`--${token.name}: given more than once`, 2);
    if (spec.type === 'boolean') {
      if (token.value !== undefined) throw new CliError(`--${token.name}: takes no value`, 2);
      values[token.name] = true;
    } else {
      // Without '=', parseArgs would take a following "--flag" as the value; that is almost always a missing value.
      if (token.value === undefined || (!token.inlineValue && token.value.startsWith('--'))) {
        throw new CliError(`--${token.name}: needs a value (write --${token.name}=VALUE if it starts with "--")`, 2);
      }
      values[token.name] = token.value;
    }
  }
  for (const [key, o] of Object.entries(command.options)) {
    if (o.required && !(key in values)) throw new CliError(`--${key}: required (see: ${INVOCATION} help ${name})`, 2);
  }
  return values;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    const topic = name === 'help' && rest[0] ? COMMANDS[rest[0]] : undefined;
    process.stdout.write(topic ? commandUsage(rest[0]!, topic) : usage());
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) throw new CliError(`unknown command "${name}" (see: ${INVOCATION} help)`, 2);
  const values = parseOptions(name, command, rest);
  if (values === 'help') {
    process.stdout.write(commandUsage(name, command));
    return 0;
  }
  const { run } = command.execute(values);
  await withCliDb(dbConfigFromEnv(), async (db) => {
    // Printed as soon as the write commits, so a failure while closing cannot swallow a one-time token.
    process.stdout.write(`${await run(db)}\n`);
  });
  return 0;
}

runCli(main);
