/**
 * Reads `support.yaml` from the content folder and validates it with the shared schema.
 * Used by the site build and (later) by the server at start; a bad file stops both with a
 * message that names the file, each field, what was expected and what was found.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { supportConfigSchema, type SupportConfig } from '../contract/support-config.ts';
import { formatIssues } from './describe-issue.ts';
import { contentDir } from './content-dir.ts';

export class SupportConfigError extends Error {
  override name = 'SupportConfigError';
}

export function parseSupportConfig(source: string, file: string): SupportConfig {
  let raw: unknown;
  try {
    raw = parse(source);
  } catch (error) {
    throw new SupportConfigError(`${file}: not valid YAML: ${(error as Error).message}`);
  }
  const result = supportConfigSchema.safeParse(raw);
  if (!result.success) {
    const lines = formatIssues(result.error.issues, raw).map((line) => `  - ${line}`);
    throw new SupportConfigError(`${file} has ${lines.length} problem(s):\n${lines.join('\n')}`);
  }
  return result.data;
}

const cache = new Map<string, SupportConfig>();

/** The validated config of the content folder in use (read once per process). */
export function loadSupportConfig(dir = contentDir()): SupportConfig {
  const file = path.join(dir, 'support.yaml');
  let config = cache.get(file);
  if (!config) {
    config = parseSupportConfig(readFileSync(file, 'utf8'), path.relative(process.cwd(), file) || file);
    cache.set(file, config);
  }
  return config;
}
