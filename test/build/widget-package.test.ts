/**
 * The widget as an npm package (widget/package.json), checked on what `npm pack` really ships after
 * `npm run build`: the file list, every path package.json promises, publint, and the packed types
 * type-checked in throw-away apps outside the repository, one without React and one with React 19.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface PackageJson {
  exports: Record<string, string | Record<string, string>>;
  types: string;
  customElements: string;
  sideEffects: string[];
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

const widget = path.resolve('widget');
const pkg = JSON.parse(readFileSync(path.join(widget, 'package.json'), 'utf8')) as PackageJson;
const work = mkdtempSync(path.join(tmpdir(), 'widget-package-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let tarball = '';
let packed: string[] = [];

/**
 * Installs the packed package into `work/<app>/node_modules` as npm would: the unpacked tarball, and
 * its dependencies plus `extra` linked from this repository's node_modules. Nothing else is visible:
 * the apps live outside the repository, so only what package.json declares resolves.
 */
function install(app: string, extra: string[] = []): string {
  const modules = path.join(work, app, 'node_modules');
  const target = path.join(modules, '@support-kit/widget');
  mkdirSync(target, { recursive: true });
  const untar = spawnSync('tar', ['-xzf', tarball, '-C', target, '--strip-components=1'], { encoding: 'utf8' });
  if (untar.status !== 0) throw new Error(`cannot unpack ${tarball}: ${untar.stderr}`);
  // lit is the peer dependency an app provides, zod a dependency npm installs with the package.
  for (const name of [...Object.keys({ ...pkg.peerDependencies, ...pkg.dependencies }), ...extra]) {
    mkdirSync(path.dirname(path.join(modules, name)), { recursive: true });
    symlinkSync(path.resolve('node_modules', name), path.join(modules, name), 'dir');
  }
  return target;
}

let installed = '';
const read = (file: string): string => readFileSync(path.join(installed, file), 'utf8');
const normalize = (file: string): string => file.replace(/^\.\//, '');

beforeAll(() => {
  if (!existsSync(path.join(widget, 'dist/package/support-ticket.d.ts'))) {
    throw new Error('widget/dist/package/ is missing: run `npm run build` (or `npm run build:widget`) before this test.');
  }
  // A real pack, not --dry-run: its --json report lists the same files, and the tarball is what we install.
  const result = spawnSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: widget, encoding: 'utf8', timeout: 60_000 });
  if (result.status !== 0) throw new Error(`npm pack in widget/ failed:\n${result.stderr}`);
  const [report] = JSON.parse(result.stdout) as { filename: string; files: { path: string }[] }[];
  tarball = path.join(work, report!.filename);
  packed = report!.files.map((file) => file.path);
  installed = install('app');
}, 60_000);

describe('the @support-kit/widget package', () => {
  it('ships the script-tag bundle with its lazy chunk, the package build with its types, the JSX types, the manifest and the ticket schema', () => {
    expect(packed).toEqual(
      expect.arrayContaining([
        'package.json',
        'dist/support-ticket.js',
        expect.stringMatching(/^dist\/support-ticket-form-[\w-]{8}\.js$/),
        'dist/support-ticket.integrity.txt',
        'dist/package/support-ticket.js',
        'dist/package/support-ticket.d.ts',
        'dist/package/types/widget/src/support-ticket.d.ts',
        'dist/package/react.d.ts',
        'dist/package/react.js',
        'dist/custom-elements.json',
        'dist/ticket.schema.json',
        'dist/ticket.example.json',
      ]),
    );
  });

  it('ships no sources, tests, build scripts or configs', () => {
    const unwanted = packed.filter(
      (file) => /^(src|test|scripts)\//.test(file) || /(^|\/)[^/]*\.test\.|\.config\.|tsconfig|(?<!\.d)\.tsx?$/.test(file),
    );
    expect(unwanted).toEqual([]);
  });

  it('has every file that exports, types, customElements and sideEffects point to', () => {
    const targets = [
      ...Object.values(pkg.exports).flatMap((target) => (typeof target === 'string' ? [target] : Object.values(target))),
      pkg.types,
      pkg.customElements,
      ...pkg.sideEffects.filter((file) => file.startsWith('./dist/')),
    ].map(normalize);
    // A glob (the script tag's hashed chunks) must match at least one packed file.
    const matches = (target: string) => (target.includes('*') ? packed.some((file) => path.matchesGlob(file, target)) : packed.includes(target));
    expect(targets.filter((file) => !matches(file))).toEqual([]);
  });

  it('leaves lit to the app in the package build, while the script-tag bundle carries its own copy', () => {
    const build = read('dist/package/support-ticket.js');
    const bareImports = [...build.matchAll(/(?:^|[;\s}])(?:import|export)\s*(?:[^'"`;]*?\bfrom\s*)?["']([^"'./][^"']*)["']/gm)].map((m) => m[1]!);
    expect(bareImports).toContain('lit');
    const declared = Object.keys({ ...pkg.peerDependencies, ...pkg.dependencies });
    expect(bareImports.filter((id) => !declared.some((name) => id === name || id.startsWith(`${name}/`)))).toEqual([]);
    expect(Object.keys(pkg.peerDependencies ?? {})).toContain('lit');
    // Lit registers its version on window; the string is in any build that inlines Lit.
    expect(build).not.toContain('litHtmlVersions');
    expect(read('dist/support-ticket.js')).toContain('litHtmlVersions');
  });

  it('has declarations that import .js files a consumer can resolve, never .ts sources', () => {
    const declarations = packed.filter((file) => file.endsWith('.d.ts'));
    const tsImports = declarations.flatMap((file) =>
      [...read(file).matchAll(/(?:from\s+|import\s*\(\s*|import\s+)["'](\.\.?\/[^"']*)["']/g)].map((m) => m[1]!).filter((s) => !s.endsWith('.js')).map((s) => `${file}: ${s}`),
    );
    expect(tsImports).toEqual([]);
  });

  it('passes publint with warnings treated as errors', async () => {
    const { messages, pkg: linted } = await publint({ pkgDir: installed, pack: false, level: 'suggestion', strict: true });
    expect(messages.map((message) => `${message.type}: ${formatMessage(message, linted, { color: false })}`)).toEqual([]);
  });
});

// The apps compile with the project's TypeScript, strictly and with skipLibCheck off, so our
// declarations are checked too. Misuse is written with `@ts-expect-error`: if the types were too loose
// to catch it (say, `any` from an unresolved import), TypeScript reports the unused directive.
const libFiles = new Map<string, ts.SourceFile | undefined>();
function typeCheck(app: string, sources: Record<string, string>, options: Record<string, unknown>): string[] {
  const dir = path.join(work, app);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), '{ "type": "module", "private": true }\n');
  for (const [file, text] of Object.entries(sources)) writeFileSync(path.join(dir, file), text);
  const { options: compilerOptions, errors } = ts.convertCompilerOptionsFromJson(
    { strict: true, noEmit: true, skipLibCheck: false, target: 'ES2023', lib: ['ES2023', 'DOM', 'DOM.Iterable'], types: [], resolveJsonModule: true, ...options },
    dir,
  );
  expect(errors).toEqual([]);
  const host = ts.createCompilerHost(compilerOptions);
  const getSourceFile = host.getSourceFile.bind(host);
  // lib.dom.d.ts is most of the parsing; share it between the apps.
  host.getSourceFile = (file, language, ...rest) => {
    if (!file.includes('/typescript/lib/')) return getSourceFile(file, language, ...rest);
    if (!libFiles.has(file)) libFiles.set(file, getSourceFile(file, language, ...rest));
    return libFiles.get(file);
  };
  const program = ts.createProgram({ rootNames: Object.keys(sources).map((file) => path.join(dir, file)), options: compilerOptions, host });
  const format: ts.FormatDiagnosticsHost = { getCanonicalFileName: (f) => f, getCurrentDirectory: () => work, getNewLine: () => '\n' };
  return ts.getPreEmitDiagnostics(program).map((d) => ts.formatDiagnostic(d, format).trim());
}

const elementApp = `
import { SupportTicketElement, type SubmitFunction, type Ticket } from '@support-kit/widget';
import manifest from '@support-kit/widget/custom-elements.json' with { type: 'json' };

const element = document.createElement('support-ticket');
const typed: SupportTicketElement = element;
typed.customerEmail = 'ana@example.com';
typed.department = 'billing';
const submit: SubmitFunction = async (ticket: Ticket, { idempotencyKey }) => ({ id: idempotencyKey, number: ticket.subject });
element.submit = submit;
document.body.append(element);
export const paths: string[] = manifest.modules.map((module) => module.path);

// @ts-expect-error the department is one of the configured keys
element.department = 'marketing';
// @ts-expect-error customerEmail is a string
element.customerEmail = 42;
// @ts-expect-error a ticket has a subject, not a title
export const title: string = ({} as Ticket).title;
`;

const eventsApp = `
import '@support-kit/widget';

const element = document.createElement('support-ticket');
element.addEventListener('support-ticket-submitted', (event) => {
  const number: string = event.detail.number;
  console.log(number);
});
// The events bubble: a listener on a container is typed too.
document.body.addEventListener('support-ticket-error', (event) => console.log(event.detail.kind));

// @ts-expect-error the detail has \`number\`, not \`ticketNumber\`
element.addEventListener('support-ticket-submitted', (event) => event.detail.ticketNumber);
`;

const reactApp = `
import { useRef } from 'react';
import '@support-kit/widget/react';
import type { SupportTicketElement } from '@support-kit/widget';

export function Help() {
  const ref = useRef<SupportTicketElement>(null);
  return (
    <support-ticket
      ref={ref}
      lang="pt-BR"
      kb="https://help.example.com"
      customer-email="ana@example.com"
      customer-name="Ana"
      events-endpoint="/api/events"
      department="billing"
      className="help"
      class="help"
      style={{ maxWidth: 480 }}
      data-source="help-page"
      services={['hosting', { id: 'mail', label: 'E-mail' }]}
    />
  );
}

// @ts-expect-error department is technical, billing or sales
export const wrongDepartment = <support-ticket department="marketing" />;
// @ts-expect-error customer-email is a string
export const wrongEmail = <support-ticket customer-email={42} />;
// @ts-expect-error the element renders its own content: no children
export const withChildren = <support-ticket>Help</support-ticket>;
// @ts-expect-error services is a list, set as a property
export const wrongServices = <support-ticket services="hosting" />;
// @ts-expect-error a misspelled attribute
export const misspelled = <support-ticket endpont="/api/tickets" />;
`;

/** The event map is the other half of the public types; the pipeline must carry it once the entry declares it. */
const declaresEventMap = readdirSync(path.join(widget, 'src'), { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
  .some((file) => /\binterface\s+HTMLElementEventMap\b/.test(readFileSync(path.join(widget, 'src', file), 'utf8')));

describe('the packed types in an app outside the repository', { timeout: 60_000 }, () => {
  it('type-check a TypeScript app without React, under bundler and nodenext resolution', () => {
    expect(typeCheck('app', { 'element.ts': elementApp }, { module: 'ESNext', moduleResolution: 'Bundler' })).toEqual([]);
    expect(typeCheck('app', { 'element.ts': elementApp }, { module: 'NodeNext', moduleResolution: 'NodeNext' })).toEqual([]);
  });

  it.skipIf(!declaresEventMap)('type the support-ticket-* events through HTMLElementEventMap', () => {
    expect(typeCheck('app', { 'events.ts': eventsApp }, { module: 'ESNext', moduleResolution: 'Bundler' })).toEqual([]);
  });

  it('type-check <support-ticket> in a React 19 app, and its misuse is an error', () => {
    install('app-react', ['@types/react']);
    expect(typeCheck('app-react', { 'help.tsx': reactApp }, { module: 'ESNext', moduleResolution: 'Bundler', jsx: 'react-jsx' })).toEqual([]);
  });
});
