/**
 * Writes the npm package's types into widget/dist/package/ after `cem analyze`:
 * - `types/`: declarations of the public entry and everything it references (core/ included), emitted
 *   by TypeScript itself with the widget's browser tsconfig, so they say exactly what the compiler saw;
 * - `support-ticket.d.ts`: the entry's types, including its `HTMLElementTagNameMap` /
 *   `HTMLElementEventMap` declarations;
 * - `react.d.ts` + `react.js`: opt-in JSX types for React 19, generated from custom-elements.json.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const widget = path.join(repo, 'widget');
const out = path.join(widget, 'dist/package');
const typesDir = path.join(out, 'types');
const entry = path.join(widget, 'src/support-ticket.ts');
const entryTypes = `./${path.relative(out, path.join(typesDir, path.relative(repo, entry))).replace(/\.ts$/, '.js')}`;

function fail(message: string): never {
  console.error(`[support-ticket] widget/scripts/emit-types.ts: ${message}`);
  process.exit(1);
}

const formatHost: ts.FormatDiagnosticsHost = {
  getCanonicalFileName: (file) => file,
  getCurrentDirectory: () => repo,
  getNewLine: () => '\n',
};

// Our sources import `./x.ts` (allowImportingTsExtensions); TypeScript keeps those specifiers in
// .d.ts output (rewriteRelativeImportExtensions only touches .js), and a consumer whose tsconfig does
// not allow .ts imports cannot follow them. The declarations sit next to each other as `x.d.ts`,
// which `./x.js` resolves to under every moduleResolution.
//
// Where a type is inferred, TypeScript names the package that declares it, which for Lit is often
// one the app does not depend on directly (`render(): import("lit-html").TemplateResult`). lit
// re-exports these packages' public API, so the declarations name `lit`, our peer dependency, instead.
const litInternals: Record<string, string> = { 'lit-html': 'lit', 'lit-element': 'lit', 'lit-element/lit-element.js': 'lit', '@lit/reactive-element': 'lit' };
const jsSpecifier = (specifier: string): string =>
  /^\.\.?\//.test(specifier) ? specifier.replace(/\.([cm]?)tsx?$/, (_, kind: string) => `.${kind}js`) : (litInternals[specifier] ?? specifier);

const rewriteTsSpecifiers: ts.TransformerFactory<ts.SourceFile | ts.Bundle> = (context) => {
  const { factory } = context;
  const literal = (node: ts.Expression | undefined): ts.StringLiteral | undefined =>
    node && ts.isStringLiteral(node) && jsSpecifier(node.text) !== node.text ? factory.createStringLiteral(jsSpecifier(node.text)) : undefined;
  const visit = (node: ts.Node): ts.Node => {
    if (ts.isImportDeclaration(node)) {
      const to = literal(node.moduleSpecifier);
      if (to) return factory.updateImportDeclaration(node, node.modifiers, node.importClause, to, node.attributes);
    } else if (ts.isExportDeclaration(node)) {
      const to = literal(node.moduleSpecifier);
      if (to) return factory.updateExportDeclaration(node, node.modifiers, node.isTypeOnly, node.exportClause, to, node.attributes);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      const to = literal(node.argument.literal);
      if (to) {
        const argument = factory.updateLiteralTypeNode(node.argument, to);
        return factory.updateImportTypeNode(node, argument, node.attributes, node.qualifier, node.typeArguments, node.isTypeOf);
      }
    }
    return ts.visitEachChild(node, visit, context);
  };
  return (file) => ts.visitEachChild(file, visit, context);
};

function emitDeclarations(): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(
    path.join(widget, 'tsconfig.json'),
    // rootDir: the entry reaches into ../../core/, so the common root is the repository; without it
    // TypeScript 6 refuses to guess the layout.
    { noEmit: false, declaration: true, emitDeclarationOnly: true, declarationMap: false, rootDir: repo, outDir: typesDir },
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => fail(ts.formatDiagnostic(d, formatHost)) },
  );
  if (!config) fail('cannot read widget/tsconfig.json');
  // Only the public entry as a root: the declarations are what it references, not every file in src/.
  const program = ts.createProgram({ rootNames: [entry], options: config.options });
  rmSync(typesDir, { recursive: true, force: true });
  const written: string[] = [];
  const result = program.emit(
    undefined,
    (file, text) => {
      ts.sys.writeFile(file, text);
      written.push(file);
    },
    undefined,
    true,
    { afterDeclarations: [rewriteTsSpecifiers] },
  );
  // Declaration diagnostics (a type that cannot be named, say) mean broken .d.ts; type errors in the
  // sources are `npm run typecheck`'s job and do not stop the build.
  if (result.diagnostics.length > 0) fail(`declaration emit failed:\n${ts.formatDiagnostics(result.diagnostics, formatHost)}`);
  const manifest = JSON.parse(readFileSync(path.join(widget, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
  const declared = Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies });
  for (const file of written) {
    for (const [, specifier] of readFileSync(file, 'utf8').matchAll(/(?:from\s+|import\s*\(\s*|import\s+)["']([^"']+)["']/g)) {
      const where = `${path.relative(repo, file)} imports "${specifier}"`;
      if (/^\.\.?\//.test(specifier!)) {
        if (/\.[cm]?tsx?$/.test(specifier!)) fail(`${where}: expected a .js specifier a consumer can resolve`);
      } else if (!declared.some((name) => specifier === name || specifier!.startsWith(`${name}/`))) {
        fail(`${where}, which widget/package.json does not depend on (expected one of ${declared.join(', ')}): give the source an explicit type from one of those`);
      }
    }
  }
  if (!written.some((file) => file.endsWith(path.relative(repo, entry).replace(/\.ts$/, '.d.ts')))) {
    fail(`no declaration was written for ${path.relative(repo, entry)}`);
  }
  return written;
}

interface ManifestAttribute {
  name: string;
  fieldName?: string;
  description?: string;
  type?: { text: string };
}
interface ManifestDeclaration {
  name: string;
  tagName?: string;
  customElement?: boolean;
  attributes?: ManifestAttribute[];
  members?: { name: string; kind: string; static?: boolean; privacy?: string; readonly?: boolean; attribute?: string; description?: string }[];
}
interface Manifest {
  modules: { declarations?: ManifestDeclaration[] }[];
}

/** A manifest type that can be written as-is in the generated file: a primitive or string literals. */
const portableType = /^(?:string|number|boolean|'[^']*'|"[^"]*")(?:\s*\|\s*(?:string|number|boolean|'[^']*'|"[^"]*"))*$/;

function propType(tag: string, attribute: ManifestAttribute, element: ManifestDeclaration): string {
  // The element's own property type (e.g. `DepartmentKey | ''`), from the declarations above, so the
  // JSX says what the element accepts without repeating a type that would drift.
  const field = attribute.fieldName;
  if (field && element.members?.some((m) => m.name === field && m.kind === 'field' && !m.static)) {
    return `HTMLElementTagNameMap['${tag}']['${field}']`;
  }
  const text = attribute.type?.text.trim();
  return text && portableType.test(text) ? text : 'string';
}

const pascalCase = (tag: string): string => tag.replace(/(^|-)([a-z])/g, (_, _dash: string, c: string) => c.toUpperCase());
const docComment = (text: string | undefined, indent: string): string =>
  text ? `${indent}/** ${text.replace(/\*\//g, '*\\/').replace(/\s*\n\s*/g, ' ')} */\n` : '';

function emitReactTypes(): string[] {
  const manifestFile = path.join(widget, 'dist/custom-elements.json');
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest;
  } catch (error) {
    fail(`cannot read widget/dist/custom-elements.json (run \`cem analyze\` first): ${String(error)}`);
  }
  const elements = manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.customElement && d.tagName);
  if (elements.length === 0) fail('custom-elements.json declares no custom element with a tag name');

  const interfaces: string[] = [];
  const intrinsic: string[] = [];
  for (const element of elements) {
    const tag = element.tagName!;
    const props = `${pascalCase(tag)}Props`;
    const attributes = [...new Map((element.attributes ?? []).map((a) => [a.name, a])).values()];
    const key = (name: string): string => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : `'${name}'`);
    const lines = attributes.map((a) => `${docComment(a.description, '  ')}  ${key(a.name)}?: ${propType(tag, a, element)};`);
    // Public properties without an attribute (objects, functions): React 19 assigns a prop to a
    // custom element as a property when the element has one.
    const properties = (element.members ?? []).filter(
      (m) => m.kind === 'field' && !m.static && !m.readonly && (m.privacy ?? 'public') === 'public' && !m.attribute && !m.name.startsWith('_'),
    );
    const propertyLines = properties.map((m) => `${docComment(m.description, '  ')}  ${key(m.name)}?: HTMLElementTagNameMap['${tag}']['${m.name}'];`);
    const own = `${pascalCase(tag)}Attributes | keyof ${pascalCase(tag)}Properties`;
    interfaces.push(
      `/** The attributes of \`<${tag}>\` (from custom-elements.json). */\n` +
        `export interface ${pascalCase(tag)}Attributes {\n${lines.join('\n')}\n}\n\n` +
        `/** Its properties that have no attribute: React 19 sets them as properties. */\n` +
        `export interface ${pascalCase(tag)}Properties {\n${propertyLines.join('\n')}\n}\n\n` +
        `/** What \`<${tag}>\` accepts in JSX: its attributes and properties, the usual HTML attributes, \`ref\`, \`class\`; no children. */\n` +
        `export type ${props} = ${pascalCase(tag)}Attributes &\n` +
        `  ${pascalCase(tag)}Properties &\n` +
        `  Omit<HTMLAttributes<HTMLElementTagNameMap['${tag}']>, keyof ${own} | 'children' | 'dangerouslySetInnerHTML'> &\n` +
        `  ClassAttributes<HTMLElementTagNameMap['${tag}']> & {\n` +
        `    /** On custom elements React 19 accepts \`class\` as well as \`className\`. */\n` +
        `    class?: string;\n` +
        `    children?: never;\n` +
        `  };\n`,
    );
    intrinsic.push(`      '${tag}': ${props};`);
  }

  const dts =
    `// Generated by widget/scripts/emit-types.ts from custom-elements.json: do not edit.\n` +
    `/**\n * JSX types for React 19, opt-in so the main entry never needs React:\n` +
    ` * \`import '@support-kit/widget/react'\` (defines the element too) or \`import type {} from '@support-kit/widget/react'\`.\n */\n` +
    `import type { ClassAttributes, HTMLAttributes } from 'react';\n` +
    `export * from '${entryTypes}';\n\n` +
    interfaces.join('\n') +
    `\ndeclare module 'react' {\n  namespace JSX {\n    interface IntrinsicElements {\n${intrinsic.join('\n')}\n    }\n  }\n}\n`;
  const dtsFile = path.join(out, 'react.d.ts');
  const jsFile = path.join(out, 'react.js');
  writeFileSync(dtsFile, dts);
  writeFileSync(jsFile, `// The element, for apps that import the React entry at run time.\nexport * from './support-ticket.js';\n`);
  return [dtsFile, jsFile];
}

const declarations = emitDeclarations();
const entryFile = path.join(out, 'support-ticket.d.ts');
writeFileSync(entryFile, `// The public entry's declarations, with its global HTMLElementTagNameMap/HTMLElementEventMap entries.\nexport * from '${entryTypes}';\n`);
const react = emitReactTypes();
console.log(`widget/dist/package/: ${declarations.length + 1} declaration files, JSX types for React (${path.relative(repo, react[0]!)})`);
